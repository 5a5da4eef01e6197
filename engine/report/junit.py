"""JUnit XML for CI test tabs: a suite per rule family, a test case per rule × document.

A case passes when its rule flagged nothing in that document; otherwise it carries one
`<failure>` per flag at or above `--fail-on`. A case whose flags are all below it is
`<skipped>` (the flags in its text), so a CI test tab fails only where the job does. Suite
counts follow JUnit: `failures` counts failed cases, `skipped` skipped ones.

    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="claimrules" tests="2" failures="1" errors="0" skipped="0">
      <testsuite name="unattributed" tests="2" failures="1" errors="0" skipped="0">
        <testcase classname="unattributed.unattributed-claim" name="seeds/a.txt">
          <failure message="The claim … carries no source" type="warning">seeds/a.txt:3:12: warning: …
      seeds/a.txt:3:12  “the quote”  (fact-1)
    help: Name who says so.</failure>
        </testcase>
        <testcase classname="unattributed.vague-source" name="seeds/a.txt" />
      </testsuite>
    </testsuites>
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from ..model import CheckResult, Flag, RuleInfo, severity_rank
from .rulemeta import every_rule
from .view import DEFAULT, View

# Characters XML 1.0 cannot carry at all, not even as character references.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render(result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """The JUnit document as text; `color` is accepted for a uniform signature and ignored."""
    root = ET.Element("testsuites", name="claimrules")
    documents = sorted(set(result.documents) | {flag.document for flag in result.flags})
    flags = {key: list(group) for key, group in groupby(sorted(result.flags, key=_case_key), key=_case_key)}
    by_family = sorted(every_rule(result), key=lambda rule: (rule.family, rule.id))
    for family, rules in groupby(by_family, key=lambda rule: rule.family):
        suite = ET.SubElement(root, "testsuite", name=xml_text(family))
        for rule in rules:
            for document in documents:
                _case(suite, rule, document, flags.get((rule.id, document), []), view.fail_on)
        _count(suite, suite.iter("testcase"))
    _count(root, root.iter("testcase"))
    ET.indent(root)
    return _DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids; ElementTree escapes the rest."""
    return _ILLEGAL.sub("", text)


def _case_key(flag: Flag) -> tuple[str, str]:
    return flag.rule, flag.document


def _case(suite: ET.Element, rule: RuleInfo, document: str, flags: list[Flag], fail_on: str) -> None:
    case = ET.SubElement(suite, "testcase", classname=xml_text(f"{rule.family}.{rule.id}"), name=xml_text(document))
    failing = [f for f in sorted(flags) if fail_on != "never" and severity_rank(f.severity) <= severity_rank(fail_on)]
    for flag in failing:
        failure = ET.SubElement(case, "failure", message=xml_text(flag.message), type=flag.severity)
        failure.text = _text(_body(flag))
    below = [f for f in sorted(flags) if f not in failing]
    if below and not failing:
        what = f"{len(below):,} {'flag' if len(below) == 1 else 'flags'} below --fail-on {fail_on}"
        skipped = ET.SubElement(case, "skipped", message=xml_text(what))
        skipped.text = _text("\n\n".join(_body(flag) for flag in below))
    elif below:  # a failing case keeps its lesser flags as output, not as more failures
        ET.SubElement(case, "system-out").text = _text("\n\n".join(_body(flag) for flag in below))


def _text(body: str) -> str:
    # A parser reads a raw "\r" in text as a line break anyway; say so up front.
    return xml_text(body).replace("\r\n", "\n").replace("\r", "\n")


def _body(flag: Flag) -> str:
    lines = [f"{flag.document}:{flag.line}:{flag.column}: {flag.severity}: {flag.message} [{flag.rule}]"]
    lines += [f"  {f.document}:{f.line}:{f.column}  “{f.quote}”  ({f.id})" for f in flag.facts]
    if flag.help.strip():
        lines.append(f"help: {flag.help.strip()}")
    return "\n".join(lines)


def _count(element: ET.Element, cases) -> None:
    cases = list(cases)
    failed = sum(1 for case in cases if case.find("failure") is not None)
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    element.attrib.update(tests=str(len(cases)), failures=str(failed), errors="0", skipped=str(skipped))
