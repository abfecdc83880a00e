"""YAML text to plain data, with the line of every value, refusing what is unsafe.

Why not plain `yaml.safe_load`: it forgets line numbers (errors must say `file:line`), keeps
the last of two duplicate keys without a word, and expands alias bombs without limit. Here
the composed node tree is converted by hand: scalars go through SafeLoader's own
constructors (so `!!python/...` tags are refused), every mapping key is checked for
duplicates, and a node budget stops "billion laughs" before it grows memory.

Its own module so that `loading` can hand back a file it has read before (see
`loading.load_yaml`) without importing PyYAML at all.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from backpdf.errors import BackpdfError

MAX_NODES = 1_000_000  # a 10,000-exercise library (near the size limit) is about 400,000
MAX_ALIAS_NODES = 100_000  # values repeated by `*alias`: a "billion laughs" file needs far more
MAX_DEPTH = 50
# libyaml's composer recurses once per nesting level and overflows the C stack (SIGSEGV)
# somewhere past 20,000 levels. Text whose nesting could exceed this bound is first walked
# as a flat stream of parse events, which costs no stack, so the limit is enforced in words.
_SAFE_NESTING_BOUND = 1_000
# C0 and C1 control characters other than newline and tab: they print as nothing or as
# boxes, and are how pasted text smuggles in surprises.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
# libyaml's parser composes the bundled library in ~5 ms against ~60 ms in pure Python;
# its constructors are SafeLoader's, so what is accepted is the same.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Converter:
    """Turns a composed YAML node tree into plain Python data and a path -> line map."""

    def __init__(self, loader: yaml.SafeLoader, name: str):
        self.loader = loader
        self.name = name
        self.lines: dict[tuple, int] = {}
        self.nodes = 0
        self.alias_nodes = 0          # values reached a second time, through an alias
        self.converted: set[int] = set()  # ids of collections already converted once

    def fail(self, message: str, node: yaml.Node) -> BackpdfError:
        return BackpdfError(message, self.name, node.start_mark.line + 1)

    def convert(self, node: yaml.Node, path: tuple, depth: int = 0, repeated: bool = False) -> Any:
        """`repeated`: this node is inside a collection already converted once (an alias)."""
        self._count(node, depth, repeated)
        self.lines[path] = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
            raise self.fail(f"tag {node.tag!r} is not allowed; use plain YAML values", node)
        if not isinstance(node, yaml.ScalarNode):
            repeated = repeated or id(node) in self.converted
            self.converted.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth, repeated)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,), depth + 1, repeated) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _count(self, node: yaml.Node, depth: int, repeated: bool) -> None:
        """Stop before memory grows, saying which limit was hit: each needs its own fix."""
        self.nodes += 1
        self.alias_nodes += repeated
        if depth > MAX_DEPTH:
            raise self.fail(f"values are nested more than {MAX_DEPTH} levels deep; "
                            "refusing to read it", node)
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise self.fail(f"aliases (*name) repeat values more than {MAX_ALIAS_NODES:,} times "
                            "(alias expansion); refusing to read it", node)
        if self.nodes > MAX_NODES:
            raise self.fail(f"file holds more than {MAX_NODES:,} values; split it or remove "
                            "unused entries", node)

    def _mapping(self, node: yaml.MappingNode, path: tuple, depth: int, repeated: bool) -> dict:
        self.loader.flatten_mapping(node)  # resolves `<<:` merge keys the way safe_load does
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail("a key must be plain text", key_node)
            key = self._scalar(key_node)
            if isinstance(key, (list, dict)):
                raise self.fail("a key must be plain text", key_node)
            line = key_node.start_mark.line + 1
            if key in result:
                raise self.fail(f"duplicate key '{key}' (first given on line {first_line[key]}); "
                                "remove one of them", key_node)
            first_line[key] = line
            result[key] = self.convert(value_node, path + (key,), depth + 1, repeated)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _TIMESTAMP_TAG:
            return node.value  # dates stay text; the schema checks their format
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise self.fail(f"tag {node.tag!r} is not allowed; use plain YAML values", node) from None
        control = _CONTROL.search(value) if isinstance(value, str) else None
        if control:
            char = control.group()
            raise self.fail(f"text contains the control character U+{ord(char):04X}; remove it", node)
        if isinstance(value, bytes):
            raise self.fail("binary values are not allowed", node)
        return value


def _tab_at(text: str, mark) -> bool:
    """Whether the parser stopped at a tab (YAML forbids tabs for indentation)."""
    lines = text.splitlines()
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


def _check_nesting(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the composer recurses into it.

    Nesting is bounded by the number of brackets plus the longest line (each block level
    takes an indent or a "- " on its line); for ordinary files that bound is small and the
    check is two `str.count` calls. Only above it are parse events walked, with a counter.
    """
    longest_line = max(map(len, text.splitlines()), default=0)
    if text.count("[") + text.count("{") + longest_line <= _SAFE_NESTING_BOUND:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise BackpdfError(f"values are nested more than {MAX_DEPTH} levels deep; "
                                       "refusing to read it", name, line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # not valid YAML: parse_yaml reports it, with its line


def parse_yaml(text: str, name: str) -> tuple[Any, dict]:
    """YAML text (already decoded) as plain data and the line of every value in it."""
    if not text.strip():
        raise BackpdfError("file is empty", name)
    control = _CONTROL.search(text.replace("\r", ""))
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise BackpdfError(f"the file contains the control character U+{ord(control.group()):04X}; "
                           "remove it", name, line)
    _check_nesting(text, name)
    loader = _Loader(text)
    converter = _Converter(loader, name)
    try:
        node = loader.get_single_node()
        if node is None:
            raise BackpdfError("file has no content (only comments?)", name)
        data = converter.convert(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        if mark is not None and _tab_at(text, mark):
            problem = "a tab is used for indentation; YAML needs spaces"
        raise BackpdfError(f"not valid YAML: {problem}", name,
                           mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise BackpdfError(f"not valid YAML: {exc}", name) from None
    finally:
        loader.dispose()
    return data, converter.lines
