import re

import pytest
from kit.reports import hostile_result, seed_result

from engine import report
from engine.report import github
from engine.safety.sanitise import escape_data, escape_property, visible

# How the Actions runner reads a workflow command: the name, properties up to the first "::", the message.
COMMAND = re.compile(r"^::(?P<name>[a-z]+)(?: (?P<props>.*?))?::(?P<message>.*)$")
COMMAND_NAMES = {"error": "error", "warning": "warning", "info": "notice"}


def unescape(text: str, *, prop: bool = False) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else []) + [("%25", "%")]
    for escaped, raw in pairs:
        text = text.replace(escaped, raw)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match["props"].split(","))
    return match["name"], {k: unescape(v, prop=True) for k, v in props.items()}, unescape(match["message"])


@pytest.fixture(scope="module", params=[seed_result, hostile_result], ids=["seed", "hostile"])
def result(request):
    return request.param()


def test_one_command_line_per_flag(result):
    lines = github.render(result).splitlines()
    assert len(lines) == len(result.flags)
    assert all(line.startswith("::") for line in lines)
    assert [parse(line)[0] for line in lines] == [COMMAND_NAMES[f.severity] for f in sorted(result.flags)]


def test_properties_locate_the_first_quote(result):
    for line, flag in zip(github.render(result).splitlines(), sorted(result.flags)):
        _, props, _ = parse(line)
        fact = flag.facts[0]
        assert props["file"] == fact.document and props["title"] == f"claimrules: {flag.rule}"
        assert (props["line"], props["endLine"]) == (str(fact.line), str(fact.end_line))
        if fact.line == fact.end_line:
            assert (props["col"], props["endColumn"]) == (str(fact.column), str(fact.end_column - 1))
        else:
            assert "col" not in props and "endColumn" not in props


def test_message_carries_text_quotes_and_help(result):
    for line, flag in zip(github.render(result).splitlines(), sorted(result.flags)):
        message = parse(line)[2]
        assert message.split("\n")[0] == visible(flag.message.split("\n")[0])
        assert all(f"({fact.id}, {fact.document}:{fact.line}:{fact.column})" in message for fact in flag.facts)
        assert message.endswith(f"help: {flag.help.strip()}")


def test_hostile_text_cannot_inject_a_command():
    text = github.render(hostile_result())
    for line in text.splitlines():
        assert COMMAND.match(line)
        assert "\r" not in line and "\x00" not in line and "\x1b" not in line and "\u202e" not in line
    messages = [parse(line)[2] for line in text.splitlines()]
    assert any("::error::x injected" in m for m in messages)  # kept, as text
    assert any("100% sure %0A not a newline" in m for m in messages)  # "%0A" survives as text


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("a%b", "a%25b", "a%25b"),
        ("x\r\ny", "x%0D%0Ay", "x%0D%0Ay"),
        ("file:1,2", "file:1,2", "file%3A1%2C2"),
        ("%0A", "%250A", "%250A"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escapes(raw, data, prop):
    assert escape_data(raw) == data and unescape(data) == raw
    assert escape_property(raw) == prop and unescape(prop, prop=True) == raw


def test_empty_result_prints_nothing(empty):
    assert github.render(empty) == ""


def test_deterministic_and_registered(result):
    assert github.render(result) == github.render(result, color=True) == report.render("github", result)
