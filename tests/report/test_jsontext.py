"""jsontext.dumps must write exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

import enum
import json
import random

import pytest

from engine.report import jsontext


class Level(enum.IntEnum):
    LOW = 1


SHAPES = [
    {}, [], (), 0, -7, "", None, True, False, [{}], [[]], {"a": {}}, {"a": []},
    {"quote": "She said \"no\"\n\t\\ — café \u2028 \x01 \ud800"},
    {"flags": [{"id": "f1", "line": 3, "new": True, "facts": [{"id": "a", "column": None}]}]},
    {"head": 1, "inner": {"x": [1, "two", None]}, "tail": "t", "after": [], "last": 2},
    ("a", ("b", {"c": ("d",)})),
    {"ratio": 1.5, "n": float("inf")},  # floats: left to json
    {1: "int key", None: "none key", False: "bool key", 2.5: "float key"},  # keys json converts
    {"nested": {2: [1]}},  # a converted key in a dict that also holds a container
    {"level": Level.LOW, "sub": [Level.LOW]},  # an int subclass
]


@pytest.mark.parametrize("value", SHAPES, ids=range(len(SHAPES)))
def test_same_text_as_json(value):
    assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def _random(rng: random.Random, depth: int):
    pick = rng.randrange(9 if depth < 4 else 5)
    if pick == 0:
        return rng.choice(["", "plain", "é\n\"", "\\", "\x7f\x00"])
    if pick == 1:
        return rng.randrange(-10**12, 10**12)
    if pick in (2, 3):
        return rng.choice([True, False, None])
    if pick == 4:
        return "word" * rng.randrange(3)
    if pick in (5, 6):
        return {f"k{i}": _random(rng, depth + 1) for i in range(rng.randrange(5))}
    return [_random(rng, depth + 1) for _ in range(rng.randrange(5))]


def test_random_structures():
    rng = random.Random(15)
    for _ in range(400):
        value = _random(rng, 0)
        assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_value_json_rejects_raises_as_json_does():
    with pytest.raises(TypeError):
        jsontext.dumps({"a": [object()]})
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular"):
        jsontext.dumps(cycle)


@pytest.mark.parametrize("items", [[], [{}], [{"a": 1, "b": [2, {"c": None}]}, "x", 3, [], {"d": {}}]])
def test_each_is_written_as_its_list(items):
    made = []

    def make():
        for item in items:
            made.append(item)
            yield item
    wrapped = {"head": 1, "flags": jsontext.Each(make), "tail": [jsontext.Each(lambda: iter(items))]}
    expected = json.dumps({"head": 1, "flags": items, "tail": [items]}, indent=2, ensure_ascii=False)
    assert jsontext.dumps(wrapped) == expected
    assert made == items  # made once, in order


def test_each_holding_what_only_json_writes_falls_back_whole():
    wrapped = {"flags": jsontext.Each(lambda: ({"ratio": 0.5}, {"n": 2}))}
    assert jsontext.dumps(wrapped) == json.dumps({"flags": [{"ratio": 0.5}, {"n": 2}]}, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("value", [{"a": [1]}, {"x": 0.5}])
def test_end_is_appended(value):
    assert jsontext.dumps(value, end="\n") == json.dumps(value, indent=2, ensure_ascii=False) + "\n"
