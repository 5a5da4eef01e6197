import json

import engine
from engine import report
from engine.report import jsonfmt

FLAG_KEYS = ["id", "rule", "family", "severity", "message", "help", "location", "facts"]
FACT_KEYS = ["id", "document", "quote", "line", "column", "end_line", "end_column"]


def test_top_level_keys_in_contract_order(result):
    data = json.loads(jsonfmt.render(result))
    assert list(data) == ["version", "tool", "summary", "flags"]
    assert data["version"] == 1
    assert list(data["tool"]) == ["name", "version"]
    assert data["tool"]["name"] == "claimrules"


def test_summary_counts(result):
    summary = json.loads(jsonfmt.render(result))["summary"]
    assert list(summary) == ["flags", "documents", "facts", "rules", "by_severity", "by_family"]
    assert summary["flags"] == 3 and summary["documents"] == 3
    assert summary["facts"] == 40 and summary["rules"] == 9
    assert list(summary["by_severity"].items()) == [("error", 1), ("warning", 1), ("info", 1)]
    assert list(summary["by_family"].items()) == [("attribution", 1), ("dates", 1), ("tone", 1)]


def test_flags_sorted_by_location_with_contract_keys(result, flags):
    rendered = json.loads(jsonfmt.render(result))["flags"]
    assert [f["id"] for f in rendered] == [flags[s].fingerprint for s in ("warning", "error", "info")]
    for f in rendered:
        assert list(f) == FLAG_KEYS
        assert list(f["location"]) == ["document", "line", "column"]
        assert all(list(fact) == FACT_KEYS for fact in f["facts"])


def test_flag_content_round_trips(result, flags, hostile_quote):
    by_id = {f["id"]: f for f in json.loads(jsonfmt.render(result))["flags"]}
    error = by_id[flags["error"].fingerprint]
    assert error["location"] == {"document": "seeds/a.txt", "line": 7, "column": 1}
    assert [fact["document"] for fact in error["facts"]] == ["seeds/a.txt", "seeds/b.txt"]
    assert error["help"] == flags["error"].help
    info = by_id[flags["info"].fingerprint]
    assert info["message"] == flags["info"].message
    assert info["facts"][0]["quote"] == hostile_quote  # kept exact: JSON needs no shortening
    assert by_id[flags["warning"].fingerprint]["help"] == ""


def test_text_is_indented_utf8_with_trailing_newline(result):
    text = jsonfmt.render(result)
    assert text.endswith("}\n")
    assert '\n  "version": 1,' in text
    assert "Café naïve 東京" in text  # ensure_ascii=False


def test_empty_result(empty):
    data = json.loads(jsonfmt.render(empty))
    assert data["flags"] == []
    assert data["summary"]["by_severity"] == {"error": 0, "warning": 0, "info": 0}
    assert data["summary"]["by_family"] == {}


def test_tool_version_comes_from_the_package(result, monkeypatch):
    assert json.loads(jsonfmt.render(result))["tool"]["version"] == engine.__version__
    monkeypatch.setattr(engine, "__version__", "9.8.7")
    assert json.loads(jsonfmt.render(result))["tool"]["version"] == "9.8.7"


def test_deterministic_and_color_ignored(result):
    assert jsonfmt.render(result) == jsonfmt.render(result) == jsonfmt.render(result, color=True)


def test_registry_dispatches_to_json(result):
    assert report.render("json", result) == jsonfmt.render(result)
    assert report.FORMATS["json"] is jsonfmt.render
