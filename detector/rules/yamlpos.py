"""Safe YAML loading that remembers where every key and value came from.

Pack files are loaded with PyYAML's safe composer, then walked by hand so that every mapping
keeps the line and column of its keys and values: validation errors must point at
``file:line:column``.  Aliases and non-standard tags are refused outright: rule packs have
no use for them, and refusing them removes YAML bombs and object construction in one move.
"""

from __future__ import annotations

from dataclasses import dataclass

# PyYAML is imported where a file is parsed, not here: the loader imports this module, and a
# start-up that finds the packs in the cache parses no YAML

# Tags PyYAML's safe resolver assigns to plain YAML; anything else was written by hand.
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
MAX_NODES = 200_000  # a pack file larger than this is refused, whatever its shape
MAX_DEPTH = 64  # nesting of lists and mappings; PyYAML's composer recurses once per level


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based


class YamlError(ValueError):
    def __init__(self, message: str, pos: Pos):
        super().__init__(message)
        self.message = message
        self.pos = pos


class PosDict(dict):
    """A dict that also knows the position of each key and of each value."""

    key_pos: dict
    value_pos: dict
    pos: Pos


class PosList(list):
    item_pos: list
    pos: Pos


@dataclass(frozen=True)
class ScalarSource:
    """Where a string scalar sits in the file, to map offsets inside it back to the file."""

    text: str  # the raw file text of the scalar, quotes or block indicator included
    start_line: int
    start_column: int
    style: str | None


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


class _Walker:
    def __init__(self, source: str):
        from yaml.constructor import SafeConstructor

        self.source = source
        self.constructor = SafeConstructor()
        self.seen: set[int] = set()
        self.scalar_sources: dict[tuple[int, int], ScalarSource] = {}

    def walk(self, node):
        import yaml

        if id(node) in self.seen:
            raise YamlError("YAML aliases are not allowed in rule packs", _pos(node.start_mark))
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise YamlError(f"file has more than {MAX_NODES} YAML nodes", _pos(node.start_mark))
        if node.tag not in _STANDARD_TAGS:
            raise YamlError(f"YAML tag {node.tag!r} is not allowed in rule packs", _pos(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            out = PosDict()
            out.key_pos, out.value_pos, out.pos = {}, {}, _pos(node.start_mark)
            for key_node, value_node in node.value:
                key = self.walk(key_node)
                if not isinstance(key, str):
                    raise YamlError("mapping keys must be strings", _pos(key_node.start_mark))
                if key in out:
                    raise YamlError(f"duplicate key {key!r}", _pos(key_node.start_mark))
                out[key] = self.walk(value_node)
                out.key_pos[key] = _pos(key_node.start_mark)
                out.value_pos[key] = _pos(value_node.start_mark)
            return out
        if isinstance(node, yaml.SequenceNode):
            out = PosList(self.walk(item) for item in node.value)
            out.item_pos, out.pos = [_pos(i.start_mark) for i in node.value], _pos(node.start_mark)
            return out
        value = self.constructor.construct_object(node, deep=False)
        if isinstance(value, str):
            raw = self.source[node.start_mark.index : node.end_mark.index]
            self.scalar_sources[(node.start_mark.line + 1, node.start_mark.column + 1)] = ScalarSource(
                raw, node.start_mark.line + 1, node.start_mark.column + 1, node.style
            )
        return value


def load_yaml(source: str):
    """Parse one YAML document; return (data, scalar_sources) or raise YamlError."""
    import yaml

    try:
        _check_depth(source)
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise YamlError(f"invalid YAML: {err.problem or err.context}", _pos(mark)) from None
    except yaml.YAMLError as err:
        raise YamlError(f"invalid YAML: {err}", Pos(1, 1)) from None
    if node is None:
        return None, {}
    walker = _Walker(source)
    return walker.walk(node), walker.scalar_sources


def _check_depth(source: str) -> None:
    """Refuse deep nesting from the event stream, which is read without recursion."""
    import yaml

    depth = 0
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"YAML nested more than {MAX_DEPTH} levels deep", _pos(event.start_mark))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def position_in_scalar(scalar: ScalarSource, value: str, offset: int) -> Pos:
    """Map an offset inside a scalar's *value* to a file position.

    Folding and indentation change whitespace, never the other characters, so the n-th
    non-blank character of the value is the n-th non-blank character of the raw scalar once
    its quote or block indicator is skipped.
    """
    target = sum(1 for ch in value[:offset] if not ch.isspace())
    raw = scalar.text
    skip = 0
    if scalar.style in ("|", ">"):
        skip = raw.find("\n") + 1 if "\n" in raw else len(raw)
    elif scalar.style in ("'", '"'):
        skip = 1
    line, column = scalar.start_line, scalar.start_column
    for ch in raw[:skip]:
        line, column = (line + 1, 1) if ch == "\n" else (line, column + 1)
    seen = 0
    for ch in raw[skip:]:
        if not ch.isspace():
            if seen == target:
                return Pos(line, column)
            seen += 1
        line, column = (line + 1, 1) if ch == "\n" else (line, column + 1)
    return Pos(line, column)
