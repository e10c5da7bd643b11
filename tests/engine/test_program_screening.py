"""The shortcuts a Program takes per document never hide a match.

`awake` skips pattern rules whose trigger words a document lacks, and each pattern skips the
alternatives whose required words do not meet in one sentence: on every example sentence of
the shipped packs (and on all of them run together, where words of different rules meet),
a rule that matches must be awake, and the engine must find what trying every token finds.
"""

import pytest

from detector.linter import Linter
from detector.text import load_document

LINTER = Linter()


def brute_force(compiled, ctx):
    found, next_free = [], 0
    for i in range(len(ctx.tokens)):
        if i < next_free:
            continue
        match = compiled.match_at(ctx, i)
        if match:
            found.append((match[0].start, match[0].end))
            next_free = max(match[1], i + 1)
    return found


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
            if rule.kind == "pattern" and rule.id not in awake:
                assert not program.kept_matches(rule, ctx), (rule.id, text)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_candidate_search_finds_what_trying_every_token_finds(lang):
    program = LINTER.program(lang)
    compiled = [*program._patterns.values(), *(u for us in program._unless.values() for u in us)]
    for text in example_texts(program):
        ctx = program.context(load_document(text, fmt="text", lang=lang))
        for pattern in compiled:
            assert [(m.start, m.end) for m in pattern.find_all(ctx)] == brute_force(pattern, ctx), (pattern.node.source, text)
