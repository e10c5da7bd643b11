"""Token patterns as a small AST (parsed from text by ``pattern_parser.py``).

The AST is what the engine compiles and what explanations quote: every node keeps the
text of the pattern it came from, so a hit can say which element matched which tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TOKEN_CLASSES = {"word", "num", "punct", "quote", "cap", "upper", "url", "email", "symbol"}
MAX_REPEAT = 50  # * and + are bounded: patterns live inside one sentence anyway


class PatternError(ValueError):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset


# --- AST ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    source: str = field(compare=False)


@dataclass(frozen=True)
class Literal(Node):
    words: tuple[str, ...] = ()  # normalised forms; several for a quoted multi-word literal


@dataclass(frozen=True)
class LexiconRef(Node):
    name: str = ""


@dataclass(frozen=True)
class Lemma(Node):
    lemma: str = ""


@dataclass(frozen=True)
class TokenRegex(Node):
    pattern: str = ""
    ignore_case: bool = False


@dataclass(frozen=True)
class TokenClass(Node):
    name: str = ""


@dataclass(frozen=True)
class AnyToken(Node):
    pass


@dataclass(frozen=True)
class Negation(Node):
    test: Node = None


@dataclass(frozen=True)
class SentenceStart(Node):
    pass


@dataclass(frozen=True)
class SentenceEnd(Node):
    pass


@dataclass(frozen=True)
class Sequence(Node):
    items: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Alternatives(Node):
    options: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Repeat(Node):
    node: Node = None
    min: int = 0
    max: int = 1


@dataclass(frozen=True)
class Capture(Node):
    name: str = ""
    node: Node = None


SINGLE_TOKEN_TESTS = (Literal, LexiconRef, Lemma, TokenRegex, TokenClass, AnyToken)


# --- parsing -----------------------------------------------------------------------------

def parse_pattern(text: str) -> Node:
    """Parse a pattern; raise PatternError with the offset of the problem."""
    # the parser (and lark) load only when a pattern is parsed: a start-up that finds the
    # compiled packs in the cache never pays for them
    from .pattern_parser import parse

    return parse(text)


# --- queries the loader and compiler need ------------------------------------------------

def walk(node: Node):
    yield node
    for child in _children(node):
        yield from walk(child)


def _children(node: Node):
    if isinstance(node, Sequence):
        return node.items
    if isinstance(node, Alternatives):
        return node.options
    if isinstance(node, (Repeat, Capture)):
        return (node.node,)
    if isinstance(node, Negation):
        return (node.test,)
    return ()


def lexicon_names(node: Node) -> set[str]:
    return {n.name for n in walk(node) if isinstance(n, LexiconRef)}


def capture_names(node: Node) -> set[str]:
    return {n.name for n in walk(node) if isinstance(n, Capture)}


def uses_lemmas(node: Node) -> bool:
    return any(isinstance(n, Lemma) for n in walk(node))


def qualify_lexicons(node: Node, pack_dir: str) -> Node:
    """Rewrite `@name` to `@pack_dir/name`, so every lexicon has one global name."""
    from dataclasses import replace

    if isinstance(node, LexiconRef) and "/" not in node.name:
        return replace(node, name=f"{pack_dir}/{node.name}")
    if isinstance(node, Sequence):
        return replace(node, items=tuple(qualify_lexicons(i, pack_dir) for i in node.items))
    if isinstance(node, Alternatives):
        return replace(node, options=tuple(qualify_lexicons(i, pack_dir) for i in node.options))
    if isinstance(node, (Repeat, Capture)):
        return replace(node, node=qualify_lexicons(node.node, pack_dir))
    if isinstance(node, Negation):
        return replace(node, test=qualify_lexicons(node.test, pack_dir))
    return node
