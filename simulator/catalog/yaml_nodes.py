"""YAML parsing that remembers where every value was written.

PyYAML's node tree carries line marks; we keep it next to the plain data so a
validation error's field path can be turned into the line a person must edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class LocatedDocument:
    data: Any
    root: yaml.Node | None

    def line_of(self, path: tuple[str | int, ...]) -> int:
        """Line (1-based) of the deepest node along `path` that exists in the file."""
        node = self.root
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
        return line


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def duplicate_keys(
    node: yaml.Node | None, path: tuple[str | int, ...] = (), _visiting: frozenset[int] = frozenset()
) -> list[tuple[int, str]]:
    """(line, dotted path) of every mapping key written twice: PyYAML would keep only the last.

    Aliases share nodes and may point at an ancestor (`a: &x [*x]`); `_visiting`
    holds the ids of the nodes on the current path so such a cycle ends the walk
    instead of recursing forever.
    """
    found: list[tuple[int, str]] = []
    if id(node) in _visiting:
        return found
    visiting = _visiting | {id(node)}
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:  # an empty key ("? " twice, found by the fuzz test) is named, so the path says where
                found.append((key_node.start_mark.line + 1, ".".join(map(str, (*path, key if key.strip() else "(empty key)")))))
            seen.add(key)
            found.extend(duplicate_keys(value_node, (*path, key), visiting))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found.extend(duplicate_keys(item, (*path, index), visiting))
    return found


def parse(text: str) -> LocatedDocument:
    """Parse one YAML document, or raise YamlSyntaxError with the line to fix.

    libyaml (about 9x faster: `loops` parses every rubric on each run) reads valid
    files; anything it rejects is read again by the pure-Python parser, whose
    error messages and marks are the ones users (and the tests) see.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        loader = fast(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
            return LocatedDocument(data=data, root=root)
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            loader.dispose()
    return _parse_pure(text)


def _parse_pure(text: str) -> LocatedDocument:
    loader: yaml.SafeLoader | None = None
    try:
        # The reader checks every character already in the constructor, so it belongs in the try.
        loader = yaml.SafeLoader(text)
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(line, f"{exc.problem or exc.context or 'invalid YAML'}") from exc
    except yaml.reader.ReaderError as exc:
        # Not a MarkedYAMLError: it only knows the character offset, so count the lines before it.
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSyntaxError(line, f"unacceptable character #x{exc.character:04x}: {exc.reason}") from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, str(exc)) from exc
    except RecursionError as exc:
        raise YamlSyntaxError(1, "nested too deeply to read") from exc
    finally:
        if loader is not None:
            loader.dispose()
    return LocatedDocument(data=data, root=root)
