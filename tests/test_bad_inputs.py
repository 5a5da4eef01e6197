"""A catalogue of bad rules and facts: each must give every located problem, in one run.

Each case breaks the small valid project of loading_kit (overriding or deleting files) and
lists every problem expected, in report order, as (path, line, column, code, text) where
`text` is a key part of the message or hint. A subset also runs through the CLI.
"""

from __future__ import annotations

import re
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from kit.loading import (
    BASE_TREE,
    FIFO,
    SOCKET,
    VALID_FACT,
    VALID_FACTS,
    VALID_RULES,
    Link,
    facts,
    located,
    problems_of,
    snapshot,
    write_tree,
)
from loguru import logger

from engine.cli import main
from engine.load.confine import Confinement
from engine.load.factfiles import load_facts
from engine.load.rules import load_rules
from engine.report import FORMATS

Expected = tuple[str, int, int, str, str]


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, str | bytes | None]
    expect: list[Expected]
    loads: str = "rules"  # which loader reports the problems: rules or facts
    rules: tuple[str, ...] = ("rules",)
    facts: tuple[str, ...] = ("facts",)
    extra_roots: tuple[str, ...] = ()  # --extra-root
    max_document_bytes: int | None = None  # --max-document-bytes

    def confinement(self, root: Path) -> Confinement:
        return Confinement.project(root, [Path(p) for p in self.extra_roots], self.max_document_bytes)

    def options(self) -> list[str]:
        extra = [a for p in self.extra_roots for a in ("--extra-root", p)]
        return extra + (["--max-document-bytes", str(self.max_document_bytes)] if self.max_document_bytes else [])


def rules_case(id: str, text: str | bytes, *expect: Expected, **kw) -> Case:
    text = textwrap.dedent(text).lstrip("\n") if isinstance(text, str) else text
    return Case(id, {"rules/r.yaml": text}, list(expect), "rules", **kw)


def facts_case(id: str, text: str | bytes, *expect: Expected, **kw) -> Case:
    return Case(id, {"facts/a.yaml": text}, list(expect), "facts", **kw)


def fact(*extra_lines: str, drop: tuple[str, ...] = (), **replace: str) -> str:
    """The valid fact block with fields dropped, replaced (in place) or added at its end."""
    lines = []
    for line in VALID_FACT.splitlines():
        name = line.lstrip("- ").split(":")[0]
        if name in drop:
            continue
        lines.append(line.split(":")[0] + f": {replace[name]}" if name in replace else line)
    return "\n".join(lines + list(extra_lines)) + "\n"


R, F = "rules/r.yaml", "facts/a.yaml"
# Nine levels of nine aliases each: 9**9 values once expanded.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi"))
GENEVA = """\
- id: geneva
  text: Talks will be in Geneva.
  quote: resume in Geneva
  kind: prediciton
  since: 2020-03
  until: 2019
"""
JSONL_DOC = '{"document": {"path": "../seeds/a.txt"}}\n'
JSONL_ENTITY = '{"entity": {"id": "minister", "name": "The minister", "type": "official"}}\n'
# The value "source" (column 103) comes before the `"source":` key (column 113) the problem is about.
JSONL_TYPO = ('{"fact": {"id": "f1", "text": "T.", "quote": "talks would resume", "kind": "prediction", '
                     '"attribute": "source", "source": "ministre"}}\n')
FRONT_MATTER_DOC = "---\ndate: 2026-02-30\n---\n" + BASE_TREE["seeds/a.txt"].split("\n", 1)[1]

CASES = [
    # --- reading and YAML syntax ------------------------------------------------------------
    rules_case("yaml-bad-indentation", """
        rules:
          - id: r1
            family: test
           severity: info
        """, (R, 4, 4, "yaml-syntax", "expected <block end>")),
    rules_case("yaml-unclosed-quote", """
        rules:
          - id: r1
            family: "test
            severity: info
        """, (R, 5, 1, "yaml-syntax", "while scanning a quoted scalar (line 3)")),
    rules_case("yaml-unclosed-bracket", """
        rules:
          - id: r1
            family: test
            severity: info
            message: "{a.text}"
            match:
              a:
                kind: [plan, event
        """, (R, 9, 1, "yaml-syntax", "while parsing a flow sequence (line 8)")),
    facts_case("yaml-truncated-file", VALID_FACTS[:VALID_FACTS.index("nister, type")],
               (F, 4, 32, "yaml-syntax", "while parsing a flow mapping (line 4)")),
    rules_case("yaml-duplicate-key", """
        rules:
          - id: r1
            family: test
            severity: info
            message: "{a.text}"
            severity: error
            match:
              a:
                kind: plan
        """, (R, 6, 5, "duplicate-key", "duplicate key `severity` (first set at line 4)")),
    rules_case("yaml-tab-indentation", "rules:\n  - id: r1\n\tfamily: test\n",
               (R, 3, 1, "yaml-syntax", "cannot start any token")),
    rules_case("yaml-control-character", "rules:\n  - id: r1\n    family: te\x07st\n",
               (R, 3, 15, "yaml-syntax", "#x0007")),
    rules_case("yaml-two-documents", "rules: []\n---\nrules: []\n",
               (R, 2, 1, "yaml-syntax", "expected a single document")),
    rules_case("yaml-alias-bomb", BOMB, (R, 1, 32, "too-large", "aliases (*name)")),
    facts_case("yaml-deeply-nested", facts(fact("  value: " + "[" * 100 + "]" * 100)),
               (F, 11, 74, "too-large", "too deeply nested")),
    facts_case("yaml-nested-past-the-parser", "a: " + "[" * 5000 + "]" * 5000 + "\n",
               (F, 1, 1, "too-deep", "nested too deeply")),
    facts_case("empty-file", "", (F, 1, 1, "missing-field", "facts file has no `document`")),
    facts_case("binary-file", b"document:\n  path: ../seeds/a.txt\x00\n", (F, 2, 23, "binary", "NUL bytes")),
    facts_case("non-utf8-bytes", b"document:\n  path: ../seeds/caf\xe9.txt\n",
               (F, 2, 21, "encoding", "not valid UTF-8")),
    # columns count characters, like every other position: `é` is one column, not two bytes
    facts_case("non-utf8-after-accents", "document:\n  title: Café ".encode() + b"\xe9\n",
               (F, 2, 15, "encoding", "save the file as UTF-8")),
    facts_case("bom-with-typo-on-line-1", "\ufeff" + VALID_FACTS.replace("document:", "documnt:", 1),
               (F, 1, 1, "missing-field", "no `document`"),
               (F, 1, 1, "unknown-field", "did you mean `document`?")),
    rules_case("crlf-with-typo", VALID_RULES.replace("severity", "severty").replace("\n", "\r\n").encode(),
               (R, 2, 5, "missing-field", "rule is missing `severity`"),
               (R, 4, 5, "unknown-field", "did you mean `severity`?")),
    # --- wrong shapes ------------------------------------------------------------------------
    rules_case("list-where-rule-expected", "rules:\n  - [id, r1]\n",
               (R, 2, 5, "wrong-type", "a rule must be a mapping, got a list")),
    rules_case("text-where-list-expected", "rules: open-prediction\n",
               (R, 1, 8, "wrong-type", "`rules` must be a list")),
    facts_case("list-where-document-expected", "document: [../seeds/a.txt]\n",
               (F, 1, 11, "wrong-type", "`document` must be a mapping, got a list")),
    facts_case("mapping-where-facts-expected", "document:\n  path: ../seeds/a.txt\nfacts:\n  id: talks\n",
               (F, 4, 3, "wrong-type", "`facts` must be a list")),
    facts_case("string-over-60000-bytes", facts(fact(text="x" * 60_001)),
               (F, 7, 11, "invalid-value", "longer than 60,000 bytes")),
    facts_case("multibyte-string-over-60000-bytes", facts(fact(text="é" * 30_001)),
               (F, 7, 11, "invalid-value", "longer than 60,000 bytes")),
    # --- rules -------------------------------------------------------------------------------
    Case("rules-path-missing", {}, [("nope", 1, 1, "not-found", "no such file or folder")], rules=("nope",)),
    Case("rules-path-is-a-text-file", {"notes.txt": "Just some notes about our rules.\n"},
         [("notes.txt", 1, 1, "wrong-type", "a rules file must be a mapping, got text")], rules=("notes.txt",)),
    rules_case("rule-unknown-key", VALID_RULES.replace("severity", "severty"),
               (R, 2, 5, "missing-field", "rule is missing `severity`"),
               (R, 4, 5, "unknown-field", "did you mean `severity`?")),
    rules_case("rule-unknown-operator", VALID_RULES.replace("kind: prediction", "kind: {equal: plan}"),
               (R, 8, 16, "unknown-operator", "did you mean `equals`?")),
    rules_case("rule-unknown-field", VALID_RULES.replace("kind:", "kidn:"),
               (R, 8, 9, "unknown-field", "did you mean `kind`?")),
    rules_case("rule-undefined-pattern", VALID_RULES + "      b:\n        subject: {same: c}\n",
               (R, 10, 25, "invalid-condition", "reference to undefined pattern `c`")),
    rules_case("rule-orders-a-date-by-a-number", VALID_RULES + "      b:\n        as_of: {gt: a.number}\n",
               (R, 10, 21, "invalid-condition", "`as_of` is a date and `number` is not")),
    rules_case("rule-bad-regex", VALID_RULES.replace("kind: prediction", 'text: {matches: "(unclosed"}'),
               (R, 8, 25, "invalid-condition", "invalid pattern")),
    rules_case("rule-bad-severity", VALID_RULES.replace("severity: info", "severity: warn"),
               (R, 4, 15, "invalid-value", "did you mean `warning`?")),
    rules_case("rule-bad-placeholders", VALID_RULES.replace('"Prediction: {a.text}"', '"{c.text} vs {a.txt}"'),
               (R, 5, 14, "bad-placeholder", "placeholder `{a.txt}`: unknown field `txt`"),
               (R, 5, 14, "bad-placeholder", "placeholder `{c.text}` names no pattern")),
    rules_case("rule-unknown-derived-name", """
        rules:
          - id: corroborate
            family: test
            derive:
              name: corroborated
              fields: {subject: a.subject}
            match:
              a: {kind: plan}
          - id: r2
            family: test
            severity: info
            message: "{c.id}"
            match:
              c: {derived: corroboratd}
        """, (R, 14, 20, "unknown-derived", "did you mean `corroborated`?")),
    rules_case("rule-derived-not-a-name", VALID_RULES + "      c: {derived: [a, b]}\n",
               (R, 9, 20, "wrong-type", "`derived` must name one derived fact")),
    rules_case("rule-unless-with-derive", """
        rules:
          - id: r1
            family: test
            derive: {name: open}
            match:
              a: {kind: plan}
            unless:
              b: {kind: event}
        """, (R, 8, 7, "unsupported", "a rule with `unless` cannot `derive` facts")),
    Case("rule-id-in-two-files", {"rules/s.yaml": VALID_RULES},
         [("rules/s.yaml", 2, 9, "duplicate-id", "already used at rules/r.yaml:2:5")]),
    rules_case("rules-three-mistakes", """
        rules:
          - id: r1
            family: test
            severty: info
            message: "{a.text}"
            match:
              a:
                kind: {equal: plan}
          - id: r2
            family: test
            severity: info
            message: "{a.text}"
            match:
              a:
                kind: plan
              b:
                subject: {same: c}
        """, (R, 2, 5, "missing-field", "rule is missing `severity`"),
               (R, 4, 5, "unknown-field", "did you mean `severity`?"),
               (R, 8, 16, "unknown-operator", "did you mean `equals`?"),
               (R, 17, 25, "invalid-condition", "reference to undefined pattern `c`")),
    Case("problems-in-two-rule-files", {"rules/a.yaml": "rules: [\n", R: VALID_RULES.replace("kind:", "kidn:")},
         [("rules/a.yaml", 2, 1, "yaml-syntax", "found '<stream end>'"),
          (R, 8, 9, "unknown-field", "did you mean `kind`?")]),
    # --- facts -------------------------------------------------------------------------------
    facts_case("fact-missing-required-field", facts(fact(drop=("kind",))),
               (F, 6, 5, "missing-field", "missing required field `kind`")),
    facts_case("fact-unknown-field", facts(VALID_FACT.replace("quote:", "qoute:")),
               (F, 6, 5, "missing-field", "missing required field `quote`"),
               (F, 8, 5, "unknown-field", "did you mean `quote`?")),
    facts_case("fact-bad-kind", facts(fact(kind="prediciton")),
               (F, 9, 11, "invalid-value", "did you mean `prediction`?")),
    facts_case("fact-bad-date", facts(fact("  as_of: 2019-13")),
               (F, 11, 12, "invalid-value", "expected a date")),
    facts_case("fact-impossible-date", facts(fact("  as_of: 2019-02-30")),
               (F, 11, 12, "invalid-value", "expected a date")),
    facts_case("fact-since-after-until", facts(fact("  since: 2020-03", "  until: 2019")),
               (F, 12, 12, "inconsistent", "`until` is before `since`")),
    facts_case("fact-attribution-without-source", facts(fact("  attribution: direct", drop=("source",))),
               (F, 10, 18, "inconsistent", "attribution `direct` needs a `source`")),
    facts_case("fact-source-unknown-entity", facts(fact(source="ministre")),
               (F, 10, 13, "unknown-entity", "did you mean `minister`?")),
    Case("fact-id-in-two-files", {"facts/b.yaml": VALID_FACTS},
         [("facts/b.yaml", 6, 9, "duplicate-id", "already used at facts/a.yaml:6:5")], "facts"),
    facts_case("fact-quote-not-in-document", facts(fact(quote="talks would resume tomorrow")),
               (F, 8, 12, "quote-not-found", "the document has “talks would resume” but not what follows")),
    facts_case("fact-occurrence-beyond-count", facts(fact("  occurrence: 3")),
               (F, 8, 12, "quote-not-found", "quote occurs 2 time(s), not 3")),
    facts_case("document-path-missing", VALID_FACTS.replace("a.txt", "missing.txt"),
               (F, 2, 9, "document-not-found", "document not found: seeds/missing.txt")),
    facts_case("document-published-not-a-day",
               VALID_FACTS.replace("a.txt\n", "a.txt\n  published: 2026-02\n"),
               (F, 3, 14, "invalid-value", "`published` must be YYYY-MM-DD")),
    facts_case("document-outlet-and-title-not-text",
               VALID_FACTS.replace("a.txt\n", 'a.txt\n  outlet: [wire]\n  title: ""\n'),
               (F, 3, 11, "invalid-value", "`outlet`: expected text, got a list"),
               (F, 4, 10, "invalid-value", "`title`: must not be empty")),
    Case("front-matter-impossible-date", {"seeds/a.txt": FRONT_MATTER_DOC},
         [("seeds/a.txt", 1, 1, "document-meta", "front matter has an invalid value")], "facts"),
    facts_case("facts-three-mistakes", facts(VALID_FACT.replace("quote:", "qoute:"), GENEVA),
               (F, 6, 5, "missing-field", "missing required field `quote`"),
               (F, 8, 5, "unknown-field", "did you mean `quote`?"),
               (F, 14, 11, "invalid-value", "did you mean `prediction`?"),
               (F, 16, 12, "inconsistent", "`until` is before `since`")),
    facts_case("fact-integer-of-5000-digits", facts(fact("  number: 1" + "0" * 5000)),
               (F, 11, 13, "invalid-value", "expected a number"),
               (F, 11, 13, "yaml-value", "(5001 characters)")),
    # --- JSON Lines --------------------------------------------------------------------------
    Case("jsonl-bad-json-line", {F: None, "facts/a.jsonl": JSONL_DOC + '{"fact": {"id": "talks-resume",}}\n'},
         [("facts/a.jsonl", 2, 32, "json-syntax", "Expecting property name")], "facts"),
    Case("jsonl-unknown-record-tag", {F: None, "facts/a.jsonl": JSONL_DOC + '{"claim": {"id": "x"}}\n'},
         [("facts/a.jsonl", 2, 1, "json-record", '{"fact": {...}}')], "facts"),
    Case("jsonl-fact-before-document", {F: None, "facts/a.jsonl": '{"fact": {"id": "x"}}\n' + JSONL_DOC},
         [("facts/a.jsonl", 1, 1, "json-record", "a fact line before any document line")], "facts"),
    # --- confinement: nothing outside the project is read, no special file, no huge document ---
    facts_case("document-absolute-path-outside", VALID_FACTS.replace("../seeds/a.txt", "/etc/passwd"),
               (F, 2, 9, "outside-root", "document is outside the project: /etc/passwd")),
    facts_case("document-dotdot-path-outside", VALID_FACTS.replace("../seeds/a.txt", "../../../../../../etc/passwd"),
               (F, 2, 9, "outside-root", "or allow its folder with --extra-root DIR")),
    Case("document-symlink-out-of-the-project", {"seeds/a.txt": Link("/etc/passwd")},
         [(F, 2, 9, "outside-root", "document is outside the project: seeds/a.txt (it resolves to /etc/passwd)")],
         "facts"),
    Case("document-is-a-fifo", {"seeds/a.txt": FIFO},
         [(F, 2, 9, "unreadable", "document seeds/a.txt is a FIFO, expected a regular file")], "facts"),
    Case("document-is-a-socket", {"seeds/a.txt": SOCKET},
         [(F, 2, 9, "unreadable", "document seeds/a.txt is a socket, expected a regular file")], "facts"),
    Case("facts-file-is-a-fifo", {"facts/b.yaml": FIFO},
         [("facts/b.yaml", 1, 1, "unreadable", "is a FIFO, expected a regular file")], "facts",
         facts=("facts/b.yaml",)),
    Case("facts-folder-links-out", {"facts/b.yaml": Link("/etc/passwd")},
         [("facts/b.yaml", 1, 1, "outside-root", "a link out of the project: facts/b.yaml → /etc/passwd")], "facts"),
    Case("rules-folder-links-out", {"rules/b.yaml": Link("/etc/passwd")},
         [("rules/b.yaml", 1, 1, "outside-root", "a link out of the project: rules/b.yaml → /etc/passwd")]),
    facts_case("document-is-a-device", VALID_FACTS.replace("../seeds/a.txt", "/dev/zero"),
               (F, 2, 9, "unreadable", "document /dev/zero is a device, expected a regular file"),
               extra_roots=("/dev",)),
    facts_case("document-is-a-folder", VALID_FACTS.replace("../seeds/a.txt", "../seeds"),
               (F, 2, 9, "unreadable", "document seeds is a directory, expected a file")),
    facts_case("document-over-the-size-limit", VALID_FACTS,
               (F, 2, 9, "too-large", "is 134 bytes, over the limit of 100"), max_document_bytes=100),
    rules_case("rules-extend-a-pack-outside", VALID_RULES + "extends: /etc/passwd\n",
               (R, 9, 10, "outside-root", "rule pack `/etc/passwd` is outside the project")),
    Case("rules-extend-a-symlink-out", {R: VALID_RULES + "extends: [default, base]\n", "rules/base": Link("/etc")},
         [(R, 9, 20, "outside-root", "rule pack `base` is outside the project")], rules=(R,)),
    Case("jsonl-problem-points-at-the-key", {F: None, "facts/a.jsonl": JSONL_DOC + JSONL_ENTITY + JSONL_TYPO},
         [("facts/a.jsonl", 3, 113, "unknown-entity", "did you mean `minister`?")], "facts"),
    Case("jsonl-duplicate-key", {F: None, "facts/a.jsonl": JSONL_DOC + JSONL_ENTITY.replace(
        '"type"', '"name": "Again", "type"')},
         [("facts/a.jsonl", 2, 55, "duplicate-key", "duplicate key `name`")], "facts"),
    Case("jsonl-integer-of-5000-digits", {F: None, "facts/a.jsonl": JSONL_DOC + '{"fact": {"number": 1' + "0" * 5000 + "}}\n"},
         [("facts/a.jsonl", 2, 21, "invalid-value", "a number of 5001 digits; at most 100")], "facts"),
    Case("jsonl-nested-100k-deep", {F: None, "facts/a.jsonl": JSONL_DOC + '{"fact": ' + "[" * 100_000 + "]" * 100_000 + "}\n"},
         [("facts/a.jsonl", 2, 1, "too-deep", "JSON is nested too deeply")], "facts"),
    Case("jsonl-nan-is-not-json", {F: None, "facts/a.jsonl": JSONL_DOC + '{"fact": {"number": NaN}}\n'},
         [("facts/a.jsonl", 2, 21, "invalid-value", "`NaN` is not JSON")], "facts"),
]

CLI_CASES = ["yaml-bad-indentation", "yaml-control-character", "rules-path-is-a-text-file", "rule-unknown-key",
             "rule-unknown-operator", "rule-undefined-pattern", "rules-three-mistakes",
             "fact-quote-not-in-document", "fact-impossible-date", "facts-three-mistakes",
             "document-absolute-path-outside", "document-symlink-out-of-the-project", "document-is-a-fifo",
             "facts-file-is-a-fifo", "facts-folder-links-out", "rules-folder-links-out", "document-is-a-device",
             "document-over-the-size-limit", "rules-extend-a-pack-outside",
             "jsonl-duplicate-key", "jsonl-integer-of-5000-digits", "jsonl-nested-100k-deep"]


def _load(case: Case, root: Path) -> list:
    write_tree(root, {**BASE_TREE, **case.files})
    confine = case.confinement(root)
    if case.loads == "rules":
        return problems_of(lambda: load_rules([Path(p) for p in case.rules], confine=confine))
    return problems_of(lambda: load_facts([Path(p) for p in case.facts], confine))


def test_catalogue_is_large_and_ids_are_unique():
    ids = [c.id for c in CASES]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    assert set(CLI_CASES) <= set(ids)


def test_the_base_project_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _load(Case("valid", {}, []), tmp_path) == []
    assert _load(Case("valid", {}, [], "facts"), tmp_path) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_gives_every_located_problem(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    problems = _load(case, tmp_path)
    assert located(problems) == [e[:4] for e in case.expect]
    for problem, (*_, text) in zip(problems, case.expect):
        assert text in f"{problem.message}\n{problem.hint}"


def test_alias_bomb_fails_fast(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {R: BOMB})
    start = time.perf_counter()
    problems = problems_of(lambda: load_rules([Path("rules")]))
    assert time.perf_counter() - start < 2
    assert [p.code for p in problems] == ["too-large"]


@pytest.fixture
def restore_logging():
    """The CLI points loguru at the captured stderr; put the default sink back afterwards."""
    yield
    logger.remove()
    logger.add(sys.stderr)


@pytest.mark.parametrize("case", [c for c in CASES if c.id in CLI_CASES], ids=lambda c: c.id)
def test_cli_reports_bad_input_with_exit_2(case, tmp_path, monkeypatch, capsys, restore_logging):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {**BASE_TREE, **case.files})
    before = snapshot(tmp_path)
    argv = ["check", *case.facts, *(a for r in case.rules for a in ("--rules", r)), "--output", "report.json",
            *case.options()]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2
    assert snapshot(tmp_path) == before
    assert out == ""
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*report.json*"))  # not even a temporary file
    heads = re.findall(r"^(\S+):(\d+):(\d+): error: .* \[([a-z-]+)\]$", err, re.M)
    assert [(p, int(line), int(col), c) for p, line, col, c in heads] == [e[:4] for e in case.expect]
    assert all(text in err for *_, text in case.expect)
    assert f"{len(case.expect)} problem(s) in the input" in err


PASSWD_LEAKS = {
    "absolute": {F: VALID_FACTS.replace("../seeds/a.txt", "/etc/passwd")},
    "dotdot": {F: VALID_FACTS.replace("../seeds/a.txt", "../../../../../../../../etc/passwd")},
    "symlink": {"seeds/a.txt": Link("/etc/passwd")},
}


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="needs /etc/passwd")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("how", sorted(PASSWD_LEAKS))
def test_no_report_format_leaks_a_file_outside_the_project(how, fmt, tmp_path, monkeypatch, capsys,
                                                           restore_logging):
    """A facts file naming /etc/passwd (and a fact quoting `root`) gets no byte of it into any report."""
    monkeypatch.chdir(tmp_path)
    quote = VALID_FACT.replace("quote: talks would resume", "quote: root")
    write_tree(tmp_path, {**BASE_TREE, F: facts(quote), **PASSWD_LEAKS[how]})
    if F in PASSWD_LEAKS[how]:
        write_tree(tmp_path, {F: PASSWD_LEAKS[how][F].replace("quote: talks would resume", "quote: root")})
    before = snapshot(tmp_path)
    assert main(["check", "--format", fmt, "--output", f"{fmt}=report.out"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "root:" not in err and "file:///etc" not in err
    assert re.search(r"^facts/a\.yaml:2:9: error: document is outside the project: .* \[outside-root\]$", err, re.M)
    assert snapshot(tmp_path) == before  # no report, no temporary file, nothing else touched
