"""engine.load.yamlsrc: plain data plus a 1-based line:column for every key and value."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from engine.load.yamlsrc import Located, load, load_data, read_text
from engine.problems import Problem

TEXT = textwrap.dedent("""\
    rules:
      - id: open-plan
        match: {a: {kind: [plan, event]}}
        help: >-
          Diary a follow-up.
        note: "quoted"
    """)


@pytest.fixture
def src() -> Located:
    located, problems = load(TEXT, "r.yaml")
    assert problems == []
    return located


def test_data_is_plain(src):
    assert src.data == {"rules": [{"id": "open-plan", "match": {"a": {"kind": ["plan", "event"]}},
                                   "help": "Diary a follow-up.", "note": "quoted"}]}


@pytest.mark.parametrize("keypath,value,key", [
    ((), (1, 1), None),
    (("rules",), (2, 3), (1, 1)),
    (("rules", 0), (2, 5), None),
    (("rules", 0, "id"), (2, 9), (2, 5)),
    (("rules", 0, "match"), (3, 12), (3, 5)),
    (("rules", 0, "match", "a"), (3, 16), (3, 13)),
    (("rules", 0, "match", "a", "kind"), (3, 23), (3, 17)),
    (("rules", 0, "match", "a", "kind", 1), (3, 30), None),
    (("rules", 0, "help"), (4, 11), (4, 5)),  # a block scalar starts at its indicator
    (("rules", 0, "note"), (6, 11), (6, 5)),  # a quoted scalar at its opening quote
])
def test_positions_of_values_and_keys(src, keypath, value, key):
    assert src.values[keypath] == value and src.at(keypath) == value
    if key:
        assert src.keys[keypath] == key and src.at(keypath, key=True) == key
    else:
        assert keypath not in src.keys


def test_at_falls_back_to_the_nearest_parent_value(src):
    assert src.at(("rules", 0, "severity")) == (2, 5)
    assert src.at(("rules", 0, "severity"), key=True) == (2, 5)  # no such key: the rule itself
    assert src.at(("rules", 0, "match", "b", "kind")) == (3, 12)
    assert Located("x.yaml", None).at(("a",)) == (1, 1)


def test_problem_is_located(src):
    assert src.problem(("rules", 0, "id"), "wrong-type", "msg", "hint", key=True) == Problem("r.yaml", 2, 5, "wrong-type", "msg",
                                                                                    "hint")
    assert src.problem(("rules", 0, "id"), "wrong-type", "msg") == Problem("r.yaml", 2, 9, "wrong-type", "msg")


def test_crlf_keeps_positions():
    crlf, problems = load(TEXT.replace("\n", "\r\n"), "r.yaml")
    plain, _ = load(TEXT, "r.yaml")
    assert problems == [] and crlf.data == plain.data
    assert (crlf.values, crlf.keys) == (plain.values, plain.keys)


def test_read_text_accepts_a_bom_and_keeps_columns(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    text, problems = read_text(path, "r.yaml")
    assert problems == [] and text == TEXT
    assert load(text, "r.yaml")[0].keys[("rules",)] == (1, 1)


def test_read_text_keeps_crlf_and_non_ascii(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes("a: café\r\n".encode())
    assert read_text(path, "r.yaml") == ("a: café\r\n", [])


@pytest.mark.parametrize("content,expected", [
    (b"a: 1\nb: \x00\n", Problem("r.yaml", 2, 4, "binary", "file contains NUL bytes; expected UTF-8 text")),
    (b"a: 1\nb: \xff\n", Problem("r.yaml", 2, 4, "encoding", "file is not valid UTF-8", "save the file as UTF-8")),
    ("b: é".encode() + b"\xff", Problem("r.yaml", 1, 5, "encoding", "file is not valid UTF-8",
                                       "save the file as UTF-8")),
    (b"\xef\xbb\xbfb: \x00", Problem("r.yaml", 1, 4, "binary", "file contains NUL bytes; expected UTF-8 text")),
], ids=["nul", "bad-byte", "bad-byte-after-accent", "nul-after-bom"])
def test_read_text_rejects_binary_and_bad_encoding(tmp_path, content, expected):
    path = tmp_path / "r.yaml"
    path.write_bytes(content)
    assert read_text(path, "r.yaml") == (None, [expected])


def test_read_text_of_a_folder_or_missing_file(tmp_path):
    folder = Problem("d", 1, 1, "unreadable", "is a directory, expected a file")
    assert read_text(tmp_path, "d") == (None, [folder])
    text, problems = read_text(tmp_path / "missing.yaml", "m.yaml")
    assert text is None and [(p.line, p.column, p.code) for p in problems] == [(1, 1, "unreadable")]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "\n\n"])
def test_empty_documents_have_no_data(text):
    located, problems = load(text, "r.yaml")
    assert problems == [] and located.data is None


def test_duplicate_keys_keep_the_first_and_report_every_repeat():
    located, problems = load("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", "r.yaml")
    assert located.data == {"a": 1, "b": {"c": 2}}
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [
        (4, 3, "duplicate-key", "duplicate key `c` (first set at line 3)"),
        (5, 1, "duplicate-key", "duplicate key `a` (first set at line 1)"),
    ]


def test_keys_are_text_and_complex_keys_are_problems():
    located, problems = load("1: a\ntrue: b\n? [x]\n: c\n", "r.yaml")
    assert located.data == {"1": "a", "true": "b"}
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 3, "yaml-key")]


def test_small_aliases_expand():
    located, problems = load("a: &k [x, y]\nb: *k\n", "r.yaml")
    assert problems == [] and located.data == {"a": ["x", "y"], "b": ["x", "y"]}


def test_dates_are_dates_and_impossible_dates_stay_text():
    located, problems = load("a: 2026-01-29\nb: 2026-02-30\nc: 2026-13\n", "r.yaml")
    assert problems == []
    assert located.data == {"a": dt.date(2026, 1, 29), "b": "2026-02-30", "c": "2026-13"}


@pytest.mark.parametrize("text,expected", [
    ("a: 1\nb: !!int abc\n", (2, 4, "yaml-value", "invalid int `abc`")),
    ("a: !!bool maybe\n", (1, 4, "yaml-value", "invalid bool `maybe`")),
    ("a: !!python/object:os.system x\n", (1, 4, "yaml-value", "could not determine a constructor for the tag "
                                                              "'tag:yaml.org,2002:python/object:os.system'")),
    ("!!float x: 1\n", (1, 1, "yaml-value", "invalid float `x`")),
], ids=["int", "bool", "python-tag", "bad-key"])
def test_bad_tagged_values_are_problems(text, expected):
    located, problems = load(text, "r.yaml")
    assert located is not None
    assert [(p.line, p.column, p.code, p.message) for p in problems] == [expected]


@pytest.mark.parametrize("text,expected", [
    ("a: [1, 2\n", (2, 1, "yaml-syntax")),
    ("a: 1\n---\nb: 2\n", (2, 1, "yaml-syntax")),
    ("a:\n  b: 1\n\tc: 2\n", (3, 1, "yaml-syntax")),
    ("a: 1\nb: x\x1by\n", (2, 5, "yaml-syntax")),
    ("a: " + "[" * 70 + "]" * 70, (1, 68, "too-large")),
    ("a: " + "[" * 3000 + "]" * 3000, (1, 1, "too-deep")),
], ids=["unclosed", "two-documents", "tab", "control-character", "nested", "nested-past-the-parser"])
def test_unreadable_yaml_gives_no_data_and_one_problem(text, expected):
    located, problems = load(text, "r.yaml")
    assert located is None
    assert [(p.line, p.column, p.code) for p in problems] == [expected]


# --- load_data: the fast path for big facts files --------------------------------------------

SAME_AS_LOAD = [
    TEXT,
    "",
    "# only a comment\n",
    "a: 1\nb: [1, 2.5, true, null, 2019-05-01, '2019-05-01', x]\n",
    "when: 2019-02-30\n",  # an impossible date: `load` keeps the text
    "a: &x {b: 1}\nc: *x\n",  # an alias: `load` bounds and locates them
    "a: 1\na: 2\n",  # a duplicate key is a problem, not the last value
    "? [1, 2]\n: x\n",  # a complex key
    "1: one\ntrue: yes\nnull: none\n",  # keys as written
    "<<: {a: 1}\nb: 2\n",  # a merge key is an ordinary (unknown) key
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !custom 1\n",
    "a: !!str [1, 2]\n",
    "a: !!int {b: 1}\n",
    "a: &s text\nb: *s\n",  # an alias of text is harmless
    "---\na: 1\n---\nb: 2\n",  # two documents
    "a: [1, 2\n",  # a syntax error
    "x: " + "[" * 70 + "]" * 70 + "\n",  # nested too deeply
]


@pytest.mark.parametrize("text", SAME_AS_LOAD)
def test_load_data_reads_what_load_reads(text):
    fast, fast_problems = load_data(text, "f.yaml")
    slow, slow_problems = load(text, "f.yaml")
    assert fast_problems == slow_problems
    assert (fast is None) == (slow is None)
    if slow is not None:
        assert fast.data == slow.data


def test_load_data_finds_positions_only_when_asked():
    fast, _ = load_data(TEXT, "r.yaml")
    assert fast.values == {} and fast.keys == {}  # nothing composed for a file with no problem
    assert fast.at(("rules", 0, "match")) == (3, 12)
    assert fast.at(("rules", 0, "help"), key=True) == (4, 5)
    assert fast.problem(("rules", 0, "id"), "wrong-type", "m") == Problem("r.yaml", 2, 9, "wrong-type", "m")


def test_load_data_positions_any_number_of_values():
    text = "".join(f"- {{id: f{i}, n: {i}}}\n" for i in range(70_000))  # 210k values: past the alias-bomb limit
    fast, problems = load_data(text, "big.yaml")
    assert problems == [] and len(fast.data) == 70_000
    assert fast.at((69_999, "n")) == (70_000, 19)
