"""The one module that talks to durable_rules: a synchronous session per ruleset.

No `durable.engine.Host` (threads, re-firing) and no `durable.lang`: the C API is called
directly, facts go in as one batch, and activations are drained until none are left.
"""

from __future__ import annotations

import json
from typing import Callable, Iterable, Mapping

import durable_rules_engine as native

from .compiler import fnv32
from .problems import EngineFailure

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
        try:
            self.handle = native.create_ruleset(name, json.dumps(ruleset, ensure_ascii=False))
        except Exception as exc:  # the C module raises bare Exception with an error code
            raise EngineFailure(f"the engine rejected the compiled ruleset: {exc}") from exc

    def prepare(self, fact: dict) -> dict:
        self._n += 1
        return {"id": self.ids.issue(), "_n": self._n, **fact}

    def assert_facts(self, facts: list[dict]) -> None:
        if facts:
            self._call(native.assert_facts, [self.prepare(f) for f in facts])

    def _call(self, function, payload) -> None:
        try:
            code, _ = function(self.handle, json.dumps(payload, ensure_ascii=False))
        except Exception as exc:
            raise EngineFailure(f"the engine failed while asserting facts: {exc}") from exc
        if code not in OK_CODES:
            raise EngineFailure(f"the engine returned error code {code}")

    def drain(self, on_match: OnMatch) -> None:
        """Run every activation; facts that `on_match` derives go back in before the next one."""
        result = native.start_action(self.handle)
        while result:
            _state, messages, offset = result
            while messages:
                (rule, match), = json.loads(messages).items()
                derived = list(on_match(rule, match))
                if derived:
                    self._call(native.assert_facts, [self.prepare(f) for f in derived])
                messages = native.complete_and_start_action(self.handle, offset)
            result = native.start_action(self.handle)

    def close(self) -> None:
        native.delete_ruleset(self.handle)
