"""SARIF 2.1.0 for code scanning: every rule in `tool.driver.rules`, one result per flag.

    {
      "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
      "version": "2.1.0",
      "runs": [{
        "tool": {"driver": {"name": "claimrules", "version": "0.1.0", "rules": [
          {"id": "unattributed-claim", "name": "unattributed-claim",
           "shortDescription": {"text": "The article states a claim in its own voice …"}, …,
           "defaultConfiguration": {"level": "warning"},
           "properties": {"family": "unattributed", "tags": ["unattributed"]}}]}},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "…"}}},
        "columnKind": "unicodeCodePoints",
        "results": [{"ruleId": "unattributed-claim", "ruleIndex": 0, "level": "warning",
          "message": {"text": "…"},
          "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "seeds/a.txt", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 40,
                       "snippet": {"text": "the quote"}}}}],
          "partialFingerprints": {"claimrules/v1": "3f9c…"},
          "properties": {"family": "unattributed", "facts": ["fact-1"]}}]
      }]
    }
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import PureWindowsPath
from typing import Any
from urllib.parse import quote as percent_encode

from ..load import gcpause
from ..model import CheckResult, Flag, FlagFact, RuleInfo
from . import jsontext
from ._text import escape_markdown as escape
from .jsonfmt import tool_version
from .rulemeta import every_rule
from .spans import excerpt
from .view import DEFAULT, View

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "claimrules/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(result: CheckResult, *, color: bool = False, view: View = DEFAULT) -> str:
    """The SARIF log as JSON text; `color` is accepted for a uniform signature and ignored."""
    with gcpause.paused():  # hundreds of thousands of acyclic dicts: collections found nothing, cost a third
        return _render(result, view)


def _render(result: CheckResult, view: View) -> str:
    rules = every_rule(result)
    index = {rule.id: i for i, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": "claimrules", "version": tool_version()}
    if view.information_uri:
        driver["informationUri"] = view.information_uri
    driver["rules"] = [_descriptor(rule, view.help_uri) for rule in rules]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The directory claimrules ran in."}}},
        "columnKind": "unicodeCodePoints",
        "results": jsontext.Each(lambda: _results(result, index)),
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return jsontext.dumps(log, end="\n")


def _descriptor(rule: RuleInfo, help_uri: str) -> dict[str, Any]:
    """A rule's metadata; `help_uri` (from the config) with `{rule}` as its percent-encoded id."""
    full = rule.description or rule.help or rule.id
    found: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": _first_sentence(full)},
        "fullDescription": {"text": full},
        "help": {"text": rule.help or full, "markdown": escape(rule.help or full)},
    }
    if help_uri:
        found["helpUri"] = help_uri.replace("{rule}", percent_encode(rule.id, safe=""))
    found["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    found["properties"] = {"family": rule.family, "tags": [rule.family]}
    return found


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def _result(flag: Flag, rule_index: int, texts: Mapping[str, str]) -> dict[str, Any]:
    first, *others = flag.facts
    found = {
        "ruleId": flag.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[flag.severity],
        "message": {"text": flag.message},
        "locations": [{"physicalLocation": _physical(first, texts)}],
    }
    if others:
        found["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(fact, texts), "message": {"text": fact.quote}}
            for i, fact in enumerate(others, 1)
        ]
    found["partialFingerprints"] = {FINGERPRINT_KEY: flag.fingerprint}
    found["properties"] = {"family": flag.family, "facts": [fact.id for fact in flag.facts]}
    return found


def _results(result: CheckResult, index: dict[str, int]) -> Iterator[dict[str, Any]]:
    """One result per flag in order, then the suppressed ones; made one at a time as they are written."""
    new = None if result.baseline is None else {flag.fingerprint for flag in result.baseline.new}
    for flag in sorted(result.flags):
        found = _result(flag, index[flag.rule], result.texts)
        if new is not None:  # with a baseline: whether it is new or was already known (SARIF's own field)
            found["baselineState"] = "new" if flag.fingerprint in new else "unchanged"
        yield found
    for entry in sorted(result.suppressed or ()):
        yield _suppressed(entry, index, result.texts)


def _suppressed(entry, index: dict[str, int], texts: Mapping[str, str]) -> dict[str, Any]:
    """A reviewed, accepted flag: still listed, with the reviewer's reason, as code scanning expects."""
    found = _result(entry.flag, index[entry.flag.rule], texts)
    found["suppressions"] = [{"kind": "external", "justification": entry.reason,
                              "location": {"physicalLocation": {
                                  "artifactLocation": artifact_location(entry.path),
                                  "region": {"startLine": entry.line, "startColumn": entry.column}}}}]
    return found


def _physical(fact: FlagFact, texts: Mapping[str, str]) -> dict[str, Any]:
    region = {"startLine": fact.line, "startColumn": fact.column,
              "endLine": fact.end_line, "endColumn": fact.end_column,
              # The document's own characters: the quote matched it up to runs of white space.
              "snippet": {"text": excerpt(texts, fact) or fact.quote}}
    return {"artifactLocation": _artifact_location(fact.document), "region": region}  # shared, read only


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a URI reference under %SRCROOT%; an absolute one a file: URI."""
    return dict(_artifact_location(path))


@lru_cache(maxsize=4096)  # every flag on a document names it again: percent-encode it once
def _artifact_location(path: str) -> dict[str, str]:
    posix = path.replace("\\", "/")
    if posix.startswith("/") or PureWindowsPath(path).drive:
        return {"uri": "file://" + ("" if posix.startswith("/") else "/") + percent_encode(posix, safe="/:")}
    return {"uri": percent_encode(posix, safe="/"), "uriBaseId": SRCROOT}
