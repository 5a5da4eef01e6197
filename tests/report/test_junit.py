import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from junitparser import Failure, JUnitXml
from kit.reports import hostile_result, seed_result

from engine import report
from engine.report import junit
from engine.report.view import View

COUNTS = ("tests", "failures", "errors", "skipped")
EVERY = View(fail_on="info")  # every flag fails: the tests below see one failure per flag


@pytest.fixture(scope="module", params=[seed_result, hostile_result], ids=["seed", "hostile"])
def result(request):
    return request.param()


def families(result) -> dict[str, set[str]]:
    """Rule ids by family, from the rule metadata and from the flags (a flag may name an unlisted rule)."""
    found: dict[str, set[str]] = {}
    for rule, family in [(r.id, r.family) for r in result.rules] + [(f.rule, f.family) for f in result.flags]:
        found.setdefault(family, set()).add(rule)
    return found


def test_one_suite_per_family_and_a_case_per_rule_and_document(result):
    root = ET.fromstring(junit.render(result))
    assert root.tag == "testsuites"
    expected = families(result)
    assert [suite.get("name") for suite in root] == sorted(expected)
    for suite in root:
        cases = [(c.get("classname"), c.get("name")) for c in suite.iter("testcase")]
        family = suite.get("name")
        assert sorted(cases) == sorted((f"{family}.{rule}", doc) for rule in expected[family] for doc in result.documents)


def test_counts_on_every_suite_and_on_the_root(result):
    root = ET.fromstring(junit.render(result, view=EVERY))
    for element in [root, *root]:
        cases = list(element.iter("testcase"))
        failed = sum(1 for case in cases if case.find("failure") is not None)
        assert [element.get(name) for name in COUNTS] == [str(len(cases)), str(failed), "0", "0"]
    assert int(root.get("failures")) == len({(f.rule, f.document) for f in result.flags})


def test_one_failure_per_flag_with_location_quotes_and_help(result):
    root = ET.fromstring(junit.render(result, view=EVERY))
    failures = [(case, failure) for case in root.iter("testcase") for failure in case.iter("failure")]
    assert len(failures) == len(result.flags)
    by_header = {body_text(f"{f.document}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.rule}]"): f
                 for f in result.flags}
    for case, failure in failures:
        flag = next(f for header, f in by_header.items() if failure.text.startswith(header + "\n"))
        assert failure.get("message") == junit.xml_text(flag.message)
        assert failure.get("type") == flag.severity
        assert case.get("classname") == f"{flag.family}.{flag.rule}" and case.get("name") == flag.document
        assert f"{flag.document}:{flag.line}:{flag.column}" in failure.text
        assert all(body_text(fact.quote) in failure.text for fact in flag.facts)
        assert body_text(flag.help.strip()) in failure.text


def body_text(text: str) -> str:
    """What an XML parser gives back for element text: legal characters, line ends normalised."""
    return junit.xml_text(text).replace("\r\n", "\n").replace("\r", "\n")


def test_junitparser_reads_the_same_cases_and_failures(result):
    xml = JUnitXml.fromstring(junit.render(result, view=EVERY))
    cases = [case for suite in xml for case in suite]
    assert len(cases) == sum(len(rules) for rules in families(result).values()) * len(result.documents)
    failures = Counter((case.classname, case.name) for case in cases for entry in case.result if isinstance(entry, Failure))
    assert failures == Counter((f"{f.family}.{f.rule}", f.document) for f in result.flags)
    passed = [case for case in cases if case.is_passed]
    assert len(passed) == len(cases) - len(failures)


def test_characters_illegal_in_xml_are_stripped():
    assert junit.xml_text("a\x00b\x08c\x0bd\x0ce\x1ff\ud800g\ufffe") == "abcdefg"
    assert junit.xml_text("tab\tnew\nline\r🎉 \x85") == "tab\tnew\nline\r🎉 \x85"


def test_deterministic_without_timestamps(result):
    text = junit.render(result)
    assert text == junit.render(result, color=True)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="claimrules"')
    assert "timestamp=" not in text and "time=" not in text


def test_registered(result):
    assert report.render("junit", result) == junit.render(result)


def test_with_fail_on_error_only_errors_fail_and_the_rest_are_skipped(result):
    root = ET.fromstring(junit.render(result, view=View(fail_on="error")))
    failures = [f.get("type") for f in root.iter("failure")]
    assert failures == ["error"] * sum(f.severity == "error" for f in result.flags) and failures
    lesser = {(f.family + "." + f.rule, f.document) for f in result.flags if f.severity != "error"}
    failing = {(f.family + "." + f.rule, f.document) for f in result.flags if f.severity == "error"}
    skipped = {(c.get("classname"), c.get("name")) for c in root.iter("testcase") if c.find("skipped") is not None}
    assert skipped == lesser - failing
    assert root.get("skipped") == str(len(skipped)) and root.get("failures") == str(len(failing))
    for case in root.iter("testcase"):
        found = case.find("skipped")
        if found is not None:
            assert found.get("message").endswith("below --fail-on error") and found.text


def test_junitparser_reads_skipped_cases(result):
    xml = JUnitXml.fromstring(junit.render(result, view=View(fail_on="never")))
    cases = [case for suite in xml for case in suite]
    assert not any(isinstance(entry, Failure) for case in cases for entry in case.result)
    assert sum(case.is_skipped for case in cases) == len({(f.rule, f.document) for f in result.flags})
