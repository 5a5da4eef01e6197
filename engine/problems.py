"""Located problems in rules, facts and documents, and the one error that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from .safety.sanitise import guard, one_line

T = TypeVar("T")


@dataclass(frozen=True)
class Code:
    """One kind of problem: what it means, and what usually fixes it."""

    means: str
    fix: str


# Every code a loader, the compiler or lint can emit. A Problem with a code not listed here is a bug
# (it raises), and the README's problem-code table is compared with this one by a test.
CODES: dict[str, Code] = {
    # reading files
    "not-found": Code("a file or folder named on the command line or in the config does not exist",
                      "check the path; paths on the command line are relative to the current folder, "
                      "those in the config to its folder"),
    "unreadable": Code("the file cannot be read, or is not a regular file (a folder, FIFO, device, socket)",
                       "name a regular text file"),
    "encoding": Code("the file is not UTF-8 text", "save it as UTF-8"),
    "binary": Code("the file holds NUL bytes: it is not text", "name a text file"),
    "yaml-syntax": Code("the YAML cannot be parsed", "look at the line and column; indentation and quotes"),
    "yaml-key": Code("a mapping key is not plain text (a list, a mapping, an alias)", "use plain text keys"),
    "yaml-value": Code("a tag or value YAML reads as something else", "quote the value"),
    "duplicate-key": Code("a key appears twice in one mapping", "keep one of them"),
    "too-deep": Code("the YAML or JSON nests deeper than any facts or rules file needs", "flatten the file"),
    "too-large": Code("a document over the size limit, or YAML that expands (through aliases) to too many values",
                      "raise --max-document-bytes, or write the values out"),
    "outside-root": Code("a document, pack or configured path resolves outside the project root (or a link out)",
                         "move it into the project, or allow its folder with --extra-root / `extra-roots:`"),
    "json-syntax": Code("a JSON line or file cannot be parsed", "check the line; one JSON object per line"),
    "json-record": Code("a JSON Lines record is not `{\"document\"|\"entity\"|\"fact\": {…}}`",
                        "wrap each record in one of those keys"),
    "toml-syntax": Code("pyproject.toml cannot be parsed", "check the TOML"),
    "no-facts": Code("the paths searched hold no facts", "name other files or folders, or pass --allow-empty"),
    "no-rules": Code("the paths searched hold no rules", "name other files or folders, or pass --allow-empty"),
    # shapes
    "wrong-type": Code("a value has the wrong type (a list for text, text for a number…)",
                       "write the type the message names"),
    "missing-field": Code("a required field is missing", "add it"),
    "unknown-field": Code("a key that this kind of mapping does not have (often a typo)",
                          "use the suggested name, or see `claimrules schema`"),
    "invalid-value": Code("a value of the right type that is not allowed here", "see the hint for what is"),
    "invalid-name": Code("a pattern or derived-fact name that is not a plain identifier",
                         "use letters, digits and underscores"),
    "inconsistent": Code("two fields of one fact disagree (e.g. `since` after `until`)", "fix one of them"),
    "duplicate-id": Code("two facts, entities, rules or examples share an id", "give each its own id"),
    "duplicate-name": Code("two patterns of one rule share a name", "rename one"),
    # facts and documents
    "document-not-found": Code("a facts file's `document.path` names no file",
                               "check the path, relative to the facts file"),
    "document-meta": Code("the document's front matter or `date` line cannot be read", "fix the first lines"),
    "quote-not-found": Code("a fact's `quote` is not a span of its document (or not the occurrence asked)",
                            "copy the quote from the article; set `occurrence` when it repeats"),
    "unknown-entity": Code("a `source` or `via` names no declared entity", "declare it under `entities`"),
    "entity-conflict": Code("one entity id is declared differently in two files", "make the declarations agree"),
    "file-exists": Code("`extract` would overwrite a facts file", "remove it, or write to another folder"),
    # rules
    "unknown-operator": Code("a condition names an operator the rule language does not have",
                             "see README \"Rules\" for the operators"),
    "wrong-operator": Code("an operator used on a field it does not apply to (`overlaps` off `time`…)",
                           "use a time operator on `time` only"),
    "invalid-condition": Code("a condition that cannot be compiled (an order between a date and a number…)",
                              "see the hint"),
    "unknown-derived": Code("a pattern matches a derived fact that no rule derives", "derive it, or fix the name"),
    "bad-placeholder": Code("a message `{placeholder}` names no pattern or field", "use `{alias.field}`"),
    "unsupported": Code("a rule shape the engine cannot run safely", "see the hint for a shape that works"),
    "too-many-variants": Code("`any` groups multiply into too many engine rules", "split the rule"),
    "derive-cycle": Code("a derived fact is made, even indirectly, from facts of its own name",
                         "derive a new name"),
    "engine-limit": Code("the rules exceed one of durable_rules' limits", "split the rule pack"),
    # packs and config
    "unknown-pack": Code("`extends` names no bundled pack and no path", "use `default` or a path"),
    "extends-cycle": Code("packs extend each other in a circle", "remove one `extends`"),
    "unknown-rule": Code("a config override names a rule that is not loaded", "check the rule id"),
    # review
    "duplicate-entry": Code("two baseline entries for one rule and fingerprint", "keep one (raise its `count`)"),
    "baseline-version": Code("the baseline file was written by an incompatible version", "write it again"),
    "unused-suppression": Code("a suppression matches no flag any more (warning)", "remove it"),
    "expired-suppression": Code("a suppression's `expires` date has passed (warning)", "review it again"),
    # lint warnings
    "never-matches": Code("a pattern whose tests exclude each other", "remove the clash"),
    "field-never-set": Code("a rule tests a field that no loaded fact sets", "check the field name"),
    "unused-derived": Code("a rule derives facts that no rule matches", "match it with `derived:`"),
    "bare-placeholder": Code("a message placeholder for a field the rule does not require, with no words for "
                             "when it is unset", "write `{a.field|words}` or require the field"),
    "unkeyed-shares": Code("a `shares` test with no `same` test on the same pattern: every fact is one join group",
                           "join on a blocking key too, such as `subject: {same: a}`"),
}



@dataclass(frozen=True, order=True)
class Problem:
    """A bad line in an input file. Positions are 1-based; fields order for sorting."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"problem code {self.code!r} is not in problems.CODES")

    def __str__(self) -> str:
        """`path:line:column: severity: message [code]` and its hint, user text on one line, shown safely."""
        where = f"{one_line(self.path)}:{self.line}:{self.column}"
        head = f"{where}: {self.severity}: {one_line(self.message)} [{self.code}]"
        return guard(f"{head}\n  hint: {one_line(self.hint)}" if self.hint else head)


class InputError(Exception):
    """Bad input: every problem found, reported together (exit code 2)."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A bad command line that argparse cannot see (exit code 2)."""


class EngineFailure(Exception):
    """The rules engine crashed, hung or misbehaved (exit code 3)."""


def attempt(step: Callable[[], T]) -> tuple[T | None, list[Problem]]:
    """Run one loading step, keeping its problems so that every step's problems are reported at once."""
    try:
        return step(), []
    except InputError as exc:
        return None, list(exc.problems)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """A 'did you mean' hint, or the list of known names when nothing is close."""
    known = sorted(set(known))
    close = difflib.get_close_matches(str(word), known, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "expected one of: " + ", ".join(f"`{k}`" for k in known)


class OutputError(Exception):
    """A report or baseline could not be written; nothing was replaced (exit code 2 for a bad path, else 3)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code
