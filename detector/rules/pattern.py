"""Parse token patterns (``pattern.lark``) into a small AST.

The AST is what the engine compiles and what explanations quote: every node keeps the
text of the pattern it came from, so a hit can say which element matched which tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
from lark import Lark, Token as LarkToken, Transformer, UnexpectedInput, v_args
from lark.exceptions import UnexpectedToken, VisitError

from .regex_safety import check_regex

GRAMMAR = Path(__file__).with_name("pattern.lark")
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

@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", propagate_positions=True)


def _normalise_literal(text: str) -> tuple[str, ...]:
    # Literals are written as a reader would type them; the tokenizer decides where token
    # boundaries fall ("d'après" is two tokens), so literals go through it too.
    from detector.text import load_document

    # An elided article written alone ("qu'") only tokenizes as one token before a word.
    probe = text + "x" if text.endswith(("'", "’")) else text
    norms = [t.norm for t in load_document(probe, fmt="text", lang="fr").tokens]
    return tuple(norms[:-1] if probe is not text else norms)


def parse_pattern(text: str) -> Node:
    """Parse a pattern; raise PatternError with the offset of the problem."""
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as err:
        at_end = isinstance(err, UnexpectedToken) and err.token.type == "$END"
        offset = len(text) if at_end or err.pos_in_stream is None or err.pos_in_stream < 0 else err.pos_in_stream
        found = text[offset : offset + 10] or "end of pattern"
        raise PatternError(f"pattern syntax error at {found!r}", offset) from None
    try:
        return _Builder(text).transform(tree)
    except VisitError as err:  # Lark wraps what the builder raises
        if isinstance(err.orig_exc, PatternError):
            raise err.orig_exc from None
        raise


@v_args(meta=True)
class _Builder(Transformer):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def _src(self, meta) -> str:
        return self.text[meta.start_pos : meta.end_pos] if not meta.empty else ""

    def literal(self, meta, children):
        tok: LarkToken = children[0]
        raw = tok.value
        if raw.startswith('"'):
            raw = regex.sub(r"\\(.)", r"\1", raw[1:-1])
        words = _normalise_literal(raw)
        if not words:
            raise PatternError(f"empty literal {tok.value}", tok.start_pos)
        return Literal(self._src(meta), words)

    def lexicon(self, meta, children):
        return LexiconRef(self._src(meta), children[0].value[1:])

    def lemma(self, meta, children):
        return Lemma(self._src(meta), children[0].value[len("lemma:"):].lower())

    def token_regex(self, meta, children):
        tok = children[0]
        body, flags = tok.value[1:].rsplit("/", 1)
        problem = check_regex(body)
        if problem:
            raise PatternError(problem, tok.start_pos)
        return TokenRegex(self._src(meta), body, ignore_case="i" in flags)

    def token_class(self, meta, children):
        tok = children[0]
        name = tok.value[1:]
        if name not in TOKEN_CLASSES:
            raise PatternError(
                f"unknown token class :{name} (known: {', '.join(sorted(TOKEN_CLASSES))})", tok.start_pos
            )
        return TokenClass(self._src(meta), name)

    def any_token(self, meta, children):
        return AnyToken("_")

    def negation(self, meta, children):
        return Negation(self._src(meta), children[0])

    def sentence_start(self, meta, children):
        return SentenceStart("^")

    def sentence_end(self, meta, children):
        return SentenceEnd("$")

    def group(self, meta, children):
        return children[0]

    def seq(self, meta, children):
        return Sequence(self._src(meta), tuple(children))

    def alt(self, meta, children):
        return Alternatives(self._src(meta), tuple(children))

    def quant(self, meta, children):
        return children[0]

    def _repeat(self, meta, node, quant: LarkToken) -> Repeat:
        q = quant.value
        if q == "?":
            lo, hi = 0, 1
        elif q == "*":
            lo, hi = 0, MAX_REPEAT
        elif q == "+":
            lo, hi = 1, MAX_REPEAT
        else:
            inner = q.strip("{} \t")
            if "," in inner:
                a, b = (part.strip() for part in inner.split(",", 1))
                lo, hi = int(a or 0), int(b) if b else MAX_REPEAT
            else:
                if not inner:
                    raise PatternError("empty repetition {}", quant.start_pos)
                lo = hi = int(inner)
            if lo > hi:
                raise PatternError(f"repetition {q}: minimum above maximum", quant.start_pos)
            if hi > MAX_REPEAT:
                # capping it silently would make the rule mean less than it says
                raise PatternError(f"repetition {q}: at most {MAX_REPEAT} tokens can repeat", quant.start_pos)
        if isinstance(node, (SentenceStart, SentenceEnd)):
            raise PatternError("sentence anchors cannot be repeated", quant.start_pos)
        if isinstance(node, Repeat):
            raise PatternError("a repeated element cannot be repeated again: use a group", quant.start_pos)
        return Repeat(self._src(meta), node, lo, hi)

    def quantified(self, meta, children):
        return self._repeat(meta, children[0], children[1])

    def capture(self, meta, children):
        name = children[0].value[:-1]
        node = children[1]
        if len(children) > 2:
            node = self._repeat(meta, node, children[2])
        return Capture(self._src(meta), name, node)


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
