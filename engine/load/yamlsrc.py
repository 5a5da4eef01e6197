"""Read YAML safely, keeping a 1-based line:column for every key and value.

Plain data goes to the validators; positions live beside it in a table keyed by the
path of keys and indexes, so validators stay simple and every problem is located.
Duplicate keys, multi-document streams and alias bombs are problems, not surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem
from . import gcpause
from .confine import Unreadable, read_regular

MAX_NODES = 200_000  # an alias bomb expands past this long before memory runs out
MAX_DEPTH = 64

KeyPath = tuple


@dataclass
class Located:
    """YAML data plus where each part of it sits in the file."""

    path: str
    data: Any
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def at(self, keypath: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Position of a value (or of its key), falling back to the nearest parent."""
        table = self.keys if key else self.values
        while keypath:
            if keypath in table:
                return table[keypath]
            keypath = keypath[:-1]
            table = self.values
        return self.values.get((), (1, 1))

    def problem(self, keypath: KeyPath, code: str, message: str, hint: str = "", *, key: bool = False) -> Problem:
        line, column = self.at(keypath, key=key)
        return Problem(self.path, line, column, code, message, hint)


def read_text(path: Path, display: str, limit: int | None = None) -> tuple[str | None, list[Problem]]:
    """Decode a regular file (at most `limit` bytes) as UTF-8 (a BOM is allowed); a located problem otherwise."""
    try:
        raw = read_regular(path, limit)
    except Unreadable as exc:
        return None, [Problem(display, 1, 1, exc.code, str(exc))]
    except OSError as exc:
        return None, [Problem(display, 1, 1, "unreadable", f"cannot read file: {exc.strerror or exc}")]
    if b"\x00" in raw:
        line, column = _position(raw, raw.index(b"\x00"))
        return None, [Problem(display, line, column, "binary", "file contains NUL bytes; expected UTF-8 text")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        return None, [Problem(display, line, column, "encoding", "file is not valid UTF-8",
                              "save the file as UTF-8")]


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column of a byte offset, the column in characters like YAML's marks."""
    before = raw[:offset].decode("utf-8-sig", "replace")
    return _text_position(before, len(before))


def _text_position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: about ten times faster when present


def load(text: str, path: str, max_nodes: int | None = MAX_NODES) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML document; `None` and the problems when it cannot be read."""
    with gcpause.paused():
        return _load(text, path, max_nodes)


def _load(text: str, path: str, max_nodes: int | None) -> tuple[Located | None, list[Problem]]:
    if FAST_LOADER is not None:
        loader = FAST_LOADER(text)
        try:
            node = loader.get_single_node()
        except Exception:  # libyaml words errors differently: let the Python parser describe them
            node = None
        else:
            return _walk(loader, node, path, max_nodes)
        finally:
            loader.dispose()
    return _load_slowly(text, path, max_nodes)


def load_data(text: str, path: str) -> tuple[Located | None, list[Problem]]:
    """Like `load`, for big files: libyaml straight to data, with marks read again only if a problem needs one.

    Building a mark table for every value costs more than parsing; most files have no problem at all.
    Anything the fast path would read differently from `load` (aliases, tags, duplicate or complex keys,
    deep nesting, bad values) sends the file through `load` instead.
    """
    if FAST_LOADER is None:
        return load(text, path)
    loader = FAST_LOADER(text)
    try:
        with gcpause.paused():
            node = loader.get_single_node()
            data = None if node is None else _Plain(loader).build(node, 0)
    except Exception:  # _NotPlain, or anything libyaml or a constructor rejects: `load` locates it
        return load(text, path)
    finally:
        loader.dispose()
    return _MarkedOnDemand(path, data, text), []


TAG = "tag:yaml.org,2002:"
STR, MAP, SEQ = TAG + "str", TAG + "map", TAG + "seq"
PLAIN_SCALARS = frozenset(TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp"))


class _NotPlain(Exception):
    """The fast path met something whose reading `load` decides."""


class _Plain:
    """Composed nodes to data with PyYAML's safe scalar constructors, refusing what `_Walker` reads differently:
    aliases of collections, special tags, non-text or repeated keys, nesting past MAX_DEPTH."""

    def __init__(self, loader):
        self.loader, self.seen = loader, set()
        self.scalars = {tag: loader.yaml_constructors[tag] for tag in PLAIN_SCALARS}

    def build(self, node, depth: int) -> Any:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == STR:
                return node.value
            if tag in self.scalars:
                return self.scalars[tag](self.loader, node)
            raise _NotPlain
        if depth >= MAX_DEPTH or id(node) in self.seen or tag not in (MAP, SEQ):
            raise _NotPlain
        self.seen.add(id(node))
        if tag == SEQ:
            return [self.build(child, depth + 1) for child in node.value]
        out = {}
        for key, value in node.value:
            if key.tag not in PLAIN_SCALARS or key.value in out or not isinstance(key, yaml.ScalarNode):
                raise _NotPlain
            out[key.value] = self.build(value, depth + 1)
        return out


class _MarkedOnDemand(Located):
    """Data read without marks: the first position asked for composes the text again to find them."""

    def __init__(self, path: str, data: Any, text: str):
        super().__init__(path, data)
        self._text: str | None = text

    def at(self, keypath: KeyPath, *, key: bool = False) -> tuple[int, int]:
        if self._text is not None:
            text, self._text = self._text, None
            marked, _ = load(text, self.path, max_nodes=None)  # no aliases, so no bomb: any size is real
            if marked is not None:
                self.values, self.keys = marked.values, marked.keys
        return super().at(keypath, key=key)


def _load_slowly(text: str, path: str, max_nodes: int | None) -> tuple[Located | None, list[Problem]]:
    try:
        loader = yaml.SafeLoader(text)  # checks the whole text for control characters first
    except yaml.reader.ReaderError as exc:
        line, column = _text_position(text, exc.position)
        return None, [Problem(path, line, column, "yaml-syntax", f"control character #x{exc.character:04x} is "
                              "not allowed", "remove it; most editors do not show it")]
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = (exc.problem or "invalid YAML").strip()
        hint = f"{exc.context} (line {exc.context_mark.line + 1})" if exc.context and exc.context_mark else ""
        return None, [Problem(path, line, column, "yaml-syntax", message, hint or "check indentation and quoting")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, "yaml-syntax", str(exc).strip())]
    except RecursionError:
        return None, [Problem(path, 1, 1, "too-deep", "YAML is nested too deeply")]
    finally:
        loader.dispose()
    return _walk(loader, node, path, max_nodes)


def _walk(loader, node, path: str, max_nodes: int | None) -> tuple[Located | None, list[Problem]]:
    located = Located(path, None)
    if node is None:
        return located, []
    walker = _Walker(loader, located, max_nodes)
    located.data = walker.walk(node, ())
    return (None if walker.fatal else located), walker.problems


class _Walker:
    """Turns composed nodes into plain data while recording marks and problems."""

    def __init__(self, loader: yaml.SafeLoader, located: Located, max_nodes: int | None):
        self.loader, self.located, self.max_nodes = loader, located, max_nodes
        self.problems: list[Problem] = []
        self.count = 0
        self.fatal = False

    def walk(self, node: yaml.Node, keypath: KeyPath) -> Any:
        self.count += 1
        if self.fatal:
            return None
        if (self.max_nodes is not None and self.count > self.max_nodes) or len(keypath) > MAX_DEPTH:
            self._fatal(node, "too-large", "YAML expands to too many or too deeply nested values",
                        "aliases (*name) that repeat large anchors are not supported")
            return None
        self.located.values[keypath] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, keypath)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, keypath + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark or node.start_mark
            self.problems.append(Problem(self.located.path, mark.line + 1, mark.column + 1, "yaml-value",
                                         (exc.problem or "invalid value").strip()))
        except (ValueError, LookupError, AttributeError):  # what PyYAML's constructors raise on bad text
            if node.tag == TAG + "timestamp":
                return node.value  # looks like a date but is none (2019-02-30): the schema reports it
            shown = node.value if len(node.value) <= 40 else f"{node.value[:30]}… ({len(node.value)} characters)"
            self._problem(node, "yaml-value", f"invalid {node.tag.rpartition(':')[2]} `{shown}`")
        return None

    def _mapping(self, node: yaml.MappingNode, keypath: KeyPath) -> dict:
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "yaml-key", "mapping keys must be plain words")
                continue
            key = self._scalar(key_node)
            key = key if isinstance(key, str) else str(key_node.value)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                first = self.located.keys[keypath + (key,)]
                self._problem(key_node, "duplicate-key", f"duplicate key `{key}` (first set at line {first[0]})",
                              "remove one of them; YAML would silently keep only the last")
                continue
            self.located.keys[keypath + (key,)] = where
            out[key] = self.walk(value_node, keypath + (key,))
        return out

    def _problem(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.located.path, mark.line + 1, mark.column + 1, code, message, hint))

    def _fatal(self, node: yaml.Node, code: str, message: str, hint: str) -> None:
        self.fatal = True
        self._problem(node, code, message, hint)
