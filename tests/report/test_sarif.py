import json
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from kit.reports import DOC, hostile_result, seed_result

from engine import report
from engine.report import sarif

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@pytest.fixture(scope="module")
def seed():
    return seed_result()


def log(result) -> dict:
    return json.loads(sarif.render(result))


def region_text(text: str, region: dict) -> str:
    """The characters a SARIF region names, counted independently of the formatter's own helper."""
    lines = text.split("\n")
    first, last = region["startLine"] - 1, region["endLine"] - 1
    if first == last:
        return lines[first][region["startColumn"] - 1 : region["endColumn"] - 1]
    middle = lines[first + 1 : last]
    return "\n".join([lines[first][region["startColumn"] - 1 :], *middle, lines[last][: region["endColumn"] - 1]])


def locations(result_entry: dict) -> list[dict]:
    return [loc["physicalLocation"] for loc in result_entry["locations"] + result_entry.get("relatedLocations", [])]


@pytest.mark.parametrize("build", [seed_result, hostile_result], ids=["seed", "hostile"])
def test_valid_against_the_official_schema(build):
    jsonschema.Draft4Validator(SCHEMA).validate(log(build()))


def test_schema_check_can_fail(seed):
    broken = log(seed)
    broken["runs"][0]["results"][0]["level"] = "info"  # SARIF calls it "note"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(broken)


@pytest.mark.parametrize("build", [seed_result, hostile_result], ids=["seed", "hostile"])
def test_regions_point_at_the_quotes(build):
    result = build()
    run = log(result)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints" and "%SRCROOT%" in run["originalUriBaseIds"]
    flags = sorted(result.flags)
    assert len(run["results"]) == len(flags)
    for entry, flag in zip(run["results"], flags):
        for physical, fact in zip(locations(entry), flag.facts, strict=True):
            artifact = physical["artifactLocation"]
            assert artifact["uriBaseId"] == "%SRCROOT%" and unquote(artifact["uri"]) == fact.document
            found = region_text(result.texts[fact.document], physical["region"])
            assert found.split() == fact.quote.split()
            assert physical["region"]["snippet"]["text"] == found


def test_levels_rules_and_indexes(seed):
    driver = log(seed)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimrules" and driver["version"]
    assert [rule["id"] for rule in driver["rules"]] == [rule.id for rule in seed.rules]
    for rule, info in zip(driver["rules"], seed.rules):
        assert rule["defaultConfiguration"]["level"] == LEVELS[info.severity]
        assert rule["fullDescription"]["text"] == info.description and rule["help"]["text"] == info.help
        assert info.description.startswith(rule["shortDescription"]["text"])
        assert rule["properties"] == {"family": info.family, "tags": [info.family]}
    for entry, flag in zip(log(seed)["runs"][0]["results"], sorted(seed.flags)):
        assert driver["rules"][entry["ruleIndex"]]["id"] == entry["ruleId"] == flag.rule
        assert entry["level"] == LEVELS[flag.severity] and entry["message"]["text"] == flag.message
        assert entry["properties"] == {"family": flag.family, "facts": [f.id for f in flag.facts]}


def test_fingerprints_stable_and_unique(seed):
    first = [r["partialFingerprints"]["claimrules/v1"] for r in log(seed)["runs"][0]["results"]]
    again = [r["partialFingerprints"]["claimrules/v1"] for r in log(seed_result())["runs"][0]["results"]]
    assert first == again == [flag.fingerprint for flag in sorted(seed.flags)]
    assert len(set(first)) == len(first)


def test_related_locations_carry_ids_and_quotes():
    result = hostile_result()
    entry = next(r for r in log(result)["runs"][0]["results"] if r["ruleId"] == "rule-overlap")
    flag = next(flag for flag in result.flags if flag.rule == "rule-overlap")
    related = entry["relatedLocations"]
    assert [loc["id"] for loc in related] == [1, 2]
    assert [loc["message"]["text"] for loc in related] == [fact.quote for fact in flag.facts[1:]]


def test_rule_without_metadata_still_resolves():
    driver = log(hostile_result())["runs"][0]["tool"]["driver"]
    rule = next(rule for rule in driver["rules"] if rule["id"] == "rule-overlap")
    assert rule["defaultConfiguration"]["level"] == "error"


def test_uri_is_percent_encoded_and_relative():
    uris = {loc["artifactLocation"]["uri"] for r in log(hostile_result())["runs"][0]["results"] for loc in locations(r)}
    assert "seeds/hostile%20%3Cdoc%3E.txt" in uris and unquote("seeds/hostile%20%3Cdoc%3E.txt") == DOC
    assert "seeds/other%2Cdoc%3A1.txt" in uris  # a bare ":" would read as a URI scheme


def test_absolute_paths_become_file_uris():
    assert sarif.artifact_location("/srv/news/a b.txt") == {"uri": "file:///srv/news/a%20b.txt"}
    assert sarif.artifact_location("C:\\news\\a.txt") == {"uri": "file:///C:/news/a.txt"}


def test_exact_text_round_trips_and_output_is_deterministic():
    result = hostile_result()
    text = sarif.render(result)
    assert text == sarif.render(result, color=True) and text.endswith("}\n")
    messages = {r["message"]["text"] for r in json.loads(text)["runs"][0]["results"]}
    assert messages == {flag.message for flag in result.flags}
    assert list(json.loads(text)) == ["$schema", "version", "runs"]


def test_registered(seed):
    assert report.render("sarif", seed) == sarif.render(seed)
