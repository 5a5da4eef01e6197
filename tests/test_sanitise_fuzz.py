"""Hostile text in every user-controlled string never becomes a workflow command or a raw ESC.

Random runs of control characters, line breaks and `::` commands go into a fact's keys and
values, an entity's name, a rule's message and help, and the document's file name; then
`check` (terminal and github), `lint` (text and github) and `explain` run in-process, and
every line they print on stdout and stderr is read the way the GitHub Actions runner reads it.
"""

from __future__ import annotations

import json
import re
import sys

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from kit.loading import DOC, write_tree
from loguru import logger

from engine.cli import main
from engine.safety.sanitise import guard, one_line, unmention, visible

PIECES = ["::error file=evil,line=1::owned", "::add-mask::secret", "::", "##[set-env name=X]y", "\n", "\r\n",
          "\r", "\x1b[31m", "\x1b]0;title\x07", "\x1b", "\x00", "\x7f", "\x85", "\u2028", "\u202e", "\t", " ",
          "a", "é", ":", "%0A", "@octocat", "#12"]
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
# What the runner takes as a command: `::name` at the start of a trimmed line, or `##[` anywhere.
OUR_ANNOTATION = re.compile(r"::(error|warning|notice) file=[^:\n]*::")


def _quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar, escapes and all


def _file_name(text: str) -> str:
    return re.sub(r"[/\x00]", "_", text)[:60] + ".txt"


def _project(root, *, key: str, value: str, entity: str, message: str, help_text: str, name: str) -> str:
    """The loading kit's project with hostile text in each slot; `key` is a stray fact field."""
    doc = f"seeds/{_file_name(name)}"
    facts = f"""\
document:
  path: {_quoted("../" + doc)}
entities:
  - {{id: minister, name: {_quoted("The " + entity)}, type: official}}
facts:
  - id: talks-resume
    text: {_quoted("Talks " + value)}
    quote: talks would resume
    kind: prediction
    source: minister
"""
    rules = f"""\
rules:
  - id: open-prediction
    family: follow-up
    severity: info
    message: {_quoted(message + " {a.text} {a.source}")}
    help: {_quoted(help_text)}
    match:
      a:
        kind: prediction
"""
    stray = facts + f"    {_quoted(key)}: 1\n"
    write_tree(root, {doc: DOC, "facts/a.yaml": facts, "bad/a.yaml": stray, "rules/r.yaml": rules})
    return doc


def _runs(capsys) -> list[tuple[list[str], str, str, int]]:
    runs = []
    for argv in (["check", "facts", "--format", "terminal", "--explain"],
                 ["check", "facts", "--format", "github"],
                 ["check", "bad", "--format", "terminal"],
                 ["lint", "rules", "bad/a.yaml"],
                 ["lint", "rules", "bad/a.yaml", "--format", "github"],
                 ["explain", "open-prediction"]):
        code = main(argv)
        out, err = capsys.readouterr()
        runs.append((argv, out, err, code))
    return runs


def _assert_inert(argv: list[str], stream: str, text: str) -> None:
    github = "github" in argv and stream == "out"
    assert "\x1b" not in text and "\r" not in text, (argv, stream, text)
    assert not re.search(r"[\x85\u2028\u2029\u202e]", text), (argv, stream, text)
    assert "##[" not in text, (argv, stream, text)
    for line in text.split("\n"):
        if line.lstrip().startswith("::"):
            assert github and OUR_ANNOTATION.match(line), (argv, stream, line)


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=HOSTILE, value=HOSTILE, entity=HOSTILE, message=HOSTILE, help_text=HOSTILE, name=HOSTILE)
def test_no_output_line_is_a_command_or_a_raw_escape(tmp_path_factory, monkeypatch, capsys, **texts):
    root = tmp_path_factory.mktemp("fuzz")
    monkeypatch.chdir(root)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    _project(root, **texts)
    try:
        runs = _runs(capsys)
    finally:
        logger.remove()
        logger.add(sys.stderr)
    for argv, out, err, code in runs:
        assert code in (0, 2), (argv, err)
        assert "Traceback" not in err, (argv, err)
        _assert_inert(argv, "out", out)
        _assert_inert(argv, "err", err)
    assert runs[0][3] == 0 and runs[2][3] == 2  # the hostile text was really shown, not refused


def test_controls_are_shown_not_dropped():
    assert visible("a\x1bb\x00c\u202e") == "a\\x1bb\\x00c\\u202e"
    assert one_line("x\n::error::y\x1b[31m\t z") == "x ::error::y\\x1b[31m z"


def test_guard_breaks_every_command_start():
    text = guard("ok\n  ::add-mask::s\n::error file=a::b\nsee ##[set-env name=X]")
    assert text == "ok\n  \\::add-mask::s\n\\::error file=a::b\nsee ##\\[set-env name=X]"


def test_markdown_mentions_and_issue_references_are_unlinked():
    assert unmention("@octocat, #12, org/repo#3 and GH-4") == \
        "@\u2060octocat, #\u206012, org/repo#\u20603 and GH\u2060-4"
    assert unmention("# heading, a#b, 100%") == "# heading, a#b, 100%"


def test_log_lines_show_hostile_file_names_safely(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, key="k", value="v", entity="e", message="m", help_text="h", name="a")
    config = tmp_path / "x\n::error file=evil::owned\x1b[31m.yaml"
    config.write_text("fail-on: never\n", encoding="utf-8")
    try:
        assert main(["check", "facts", "-vv", "--config", str(config)]) == 0
    finally:
        logger.remove()
        logger.add(sys.stderr)
    err = capsys.readouterr().err
    assert "configuration: " in err and "owned\\x1b[31m.yaml" in err
    _assert_inert(["check"], "err", err)


def test_markdown_report_pings_no_one_and_links_no_issue(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, key="k", value="ask @octocat about #12", entity="e", message="cc @team,",
             help_text="see org/repo#3 and GH-4", name="a")
    assert main(["check", "facts", "--format", "markdown", "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    assert "@\u2060octocat" in out and "#\u206012" in out and "@\u2060team" in out
    assert "org/repo#\u20603" in out and "GH\u2060-4" in out
    assert not re.search(r"@\w|#\d|GH-\d", out)
