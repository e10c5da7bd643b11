"""The parser of token patterns (``pattern.lark``): pattern text to the AST of ``pattern.py``.

Kept apart from the AST so that lark is imported only when a pattern is parsed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex
from lark import Lark, Token as LarkToken, Transformer, UnexpectedInput, v_args
from lark.exceptions import UnexpectedToken, VisitError

from .pattern import (
    MAX_REPEAT, TOKEN_CLASSES, Alternatives, AnyToken, Capture, Lemma, LexiconRef, Literal, Negation, Node,
    PatternError, Repeat, SentenceEnd, SentenceStart, Sequence, TokenClass, TokenRegex,
)
from .regex_safety import check_regex

GRAMMAR = Path(__file__).with_name("pattern.lark")


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


def parse(text: str) -> Node:
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
