"""The one module that talks to durable_rules: a synchronous session per ruleset.

No `durable.engine.Host` (threads, re-firing) and no `durable.lang`: the C API is called
directly, facts go in as one batch, and activations are drained until none are left.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping

import durable_rules_engine as native

from ..compile.compiler import fnv32
from ..problems import EngineFailure

_RULE = re.compile(r'\{"([^"\\]+)":\{')
_SLOT = re.compile(r'"(p\d+)":\{"id":"(f\d+)"')
OK_CODES = (0, 1, 2)  # 1: matched no rule (fine); 2: already stored (a derived fact seen twice)
OnMatch = Callable[[str, dict], Iterable[dict]]


class EngineIds:
    """Engine ids unique by the engine's 32-bit hash, which it trusts as identity (B5)."""

    def __init__(self) -> None:
        self._used: set[int] = set()
        self._next = 0

    def issue(self) -> str:
        while True:
            self._next += 1
            candidate = f"f{self._next}"
            digest = fnv32(candidate)
            if digest not in self._used:
                self._used.add(digest)
                return candidate


class Session:
    """One fresh ruleset: assert, drain, close. Not reusable, by design."""

    def __init__(self, ruleset: Mapping, ids: EngineIds, name: str = "claimrules"):
        self.ids = ids
        self._n = 0
        self._stored: dict[str, dict] = {}
        try:
            self.handle = native.create_ruleset(name, json.dumps(ruleset, ensure_ascii=False))
        except Exception as exc:  # the C module raises bare Exception with an error code
            raise EngineFailure(f"the engine rejected the compiled ruleset: {exc}") from exc

    def prepare(self, fact: dict) -> dict:
        self._n += 1
        record = {"id": self.ids.issue(), "_n": self._n, **fact}  # "id" first: `_read` finds it there
        self._stored[record["id"]] = record
        return record

    def assert_facts(self, facts: list[dict]) -> None:
        if facts:
            self._call(native.assert_facts, [self.prepare(f) for f in facts])

    def _read(self, message: str) -> tuple[str, dict]:
        """(rule, slot → fact) of one activation.

        The engine hands back the facts as we sent them; parsing them all again was a quarter of the
        engine stage. Their ids are read from where they sit, and the stored facts are used instead.
        A quote inside a value is always escaped, so user text cannot imitate `"p27":{"id":"f1"`.
        """
        rule, slots = _RULE.match(message), _SLOT.findall(message)
        if rule and slots and all(engine_id in self._stored for _, engine_id in slots):
            return rule.group(1), {slot: self._stored[engine_id] for slot, engine_id in slots}
        (name, match), = json.loads(message).items()
        return name, match

    def _call(self, function, payload) -> None:
        try:
            code, _ = function(self.handle, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        except Exception as exc:
            raise EngineFailure(f"the engine failed while asserting facts: {exc}") from exc
        if code not in OK_CODES:
            raise EngineFailure(f"the engine returned error code {code}")

    def drain(self, on_match: OnMatch, settle: Callable[[], list[dict]] | None = None) -> None:
        """Run every activation. Facts `on_match` returns go in at once; when no activation is
        left, the facts `settle` returns go in and draining goes on, until it returns none."""
        while True:
            result = native.start_action(self.handle)
            while result:
                _state, messages, offset = result
                while messages:
                    rule, match = self._read(messages)
                    derived = list(on_match(rule, match))
                    if derived:
                        self._call(native.assert_facts, [self.prepare(f) for f in derived])
                    messages = native.complete_and_start_action(self.handle, offset)
                result = native.start_action(self.handle)
            settled = settle() if settle else []
            if not settled:
                return
            self._call(native.assert_facts, [self.prepare(f) for f in settled])

    def close(self) -> None:
        native.delete_ruleset(self.handle)
