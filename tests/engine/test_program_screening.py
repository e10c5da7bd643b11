"""The shortcuts a Program takes per document never hide a match.

`awake` skips pattern, phrase and co-occurrence rules whose trigger words a document lacks,
and each pattern skips the alternatives whose required words do not meet in one sentence:
on every example sentence of the shipped packs (and on all of them run together, where words of different rules meet),
a rule that matches must be awake, and the engine must find what trying every token finds.
"""

import pytest
from hypothesis import given, settings, strategies as st

from detector.linter import Linter
from detector.rules.pattern import parse_pattern
from detector.text import load_document
from helpers import brute_force_find_all

LINTER = Linter()


def example_texts(program):
    texts = [t for rule in program.rules for t in (*rule.examples.hit, *rule.examples.ok)]
    return texts + [" ".join(texts)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_awake_rules_include_every_rule_that_matches(lang):
    program = LINTER.program(lang)
    for text in example_texts(program):
        ctx = program.context(load_document(text, fmt="text", lang=lang))
        awake = program.awake(ctx)
        for rule in program.rules:
            if program.asleep(rule, awake):
                assert not program.kept_matches(rule, ctx), (rule.id, text)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_candidate_search_finds_what_trying_every_token_finds(lang):
    program = LINTER.program(lang)
    compiled = [*program._patterns.values(), *(u for us in program._unless.values() for u, _ in us)]
    for text in example_texts(program):
        ctx = program.context(load_document(text, fmt="text", lang=lang))
        for pattern in compiled:
            assert [(m.start, m.end) for m in pattern.find_all(ctx)] == brute_force_find_all(pattern, ctx), (pattern.node.source, text)


TOKEN_TEXTS = st.lists(st.sampled_from(["pseudo-science", "Pseudo-X", "pseudo", "far-left", "left", "x", "X-x"]),
                       max_size=30)


@settings(max_examples=200, deadline=None)
@given(documents=st.lists(TOKEN_TEXTS, min_size=1, max_size=6), limit=st.sampled_from([0, 2, 1000]))
def test_token_regex_positions_are_those_of_a_full_match(documents, limit):
    """Regex tests answered from a document's distinct texts and a memo shared across
    documents (emptied when full) give the positions a match of every token gives."""
    import regex

    from detector.engine import context

    node = parse_pattern("/^pseudo-\\w+/i")
    compiled = regex.compile(node.pattern, regex.IGNORECASE)
    saved = context._MEMO_LIMIT
    context._MEMO_LIMIT = limit
    context._token_regex_memo.pop(node.source, None)
    try:
        for texts in documents:
            expected = [i for i, text in enumerate(texts) if compiled.fullmatch(text)]
            assert context.run_token_test(node, ["word"] * len(texts), texts, []) == expected
    finally:
        context._MEMO_LIMIT = saved
        context._token_regex_memo.pop(node.source, None)
