import pytest

from detector.text.tokenizer import fold, normalize, tokenize


def surfaces(text):
    return [token.text for token in tokenize(text)]


def kinds(text):
    return [(token.text, token.kind) for token in tokenize(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("l’Union", ["l’", "Union"]),
        ("l'Union", ["l'", "Union"]),
        ("qu’un", ["qu’", "un"]),
        ("d’abord", ["d’", "abord"]),
        ("j’ai", ["j’", "ai"]),
        ("n’importe", ["n’", "importe"]),
        ("s’il", ["s’", "il"]),
        ("c’est", ["c’", "est"]),
        ("m’a", ["m’", "a"]),
        ("t’es", ["t’", "es"]),
        ("jusqu’à", ["jusqu’", "à"]),
        ("lorsqu’il", ["lorsqu’", "il"]),
        ("puisqu’elle", ["puisqu’", "elle"]),
        ("quoiqu’on", ["quoiqu’", "on"]),
        ("L’État", ["L’", "État"]),
        ("QU’IL", ["QU’", "IL"]),
        ("lʼarmée", ["lʼ", "armée"]),
        ("l‘armée", ["l‘", "armée"]),
        ("qu’aujourd’hui", ["qu’", "aujourd’hui"]),
    ],
)
def test_french_elision_splits_after_the_apostrophe(text, expected):
    assert surfaces(text) == expected


@pytest.mark.parametrize("word", ["aujourd’hui", "aujourd'hui", "presqu’île", "prud’hommes", "quelqu’un"])
def test_words_with_an_inner_apostrophe_stay_whole(word):
    assert surfaces(word) == [word]


@pytest.mark.parametrize("word", ["don't", "it's", "won’t", "va-t-en-guerre", "soi-disant", "well-known", "a-t-il"])
def test_clitics_and_hyphenated_words_are_one_token(word):
    assert surfaces(word) == [word]


def test_apostrophes_unify_in_norm_and_fold():
    tokens = tokenize("L’Élysée l'Élysée lʼÉlysée")
    assert [token.norm for token in tokens] == ["l'", "élysée"] * 3
    assert {token.fold for token in tokens} == {"l'", "elysee"}


def test_quotes_are_quote_tokens_and_curly_double_quotes_normalise():
    tokens = tokenize("« a » “b” \"c\" ‹d›")
    assert [t.kind for t in tokens if t.text not in "abcd"] == ["quote"] * 8
    assert [t.norm for t in tokens if t.kind == "quote"] == ["«", "»", '"', '"', '"', '"', "‹", "›"]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_no_break_spaces_separate_tokens(space):
    assert surfaces(f"Quoi{space}?{space}Non{space}!") == ["Quoi", "?", "Non", "!"]


@pytest.mark.parametrize(
    "number",
    ["1 000", "3,5", "12.5%", "2\u2009000\u2009000", "2\u202f000\u202f000", "1\u00a0000", "12,5\u00a0%", "1990"],
)
def test_numbers_are_single_tokens(number):
    assert kinds(f"soit {number} ici") == [("soit", "word"), (number, "number"), ("ici", "word")]


def test_years_side_by_side_are_not_one_number():
    assert surfaces("En 1990 123 personnes") == ["En", "1990", "123", "personnes"]


def test_urls_emails_and_hashtags():
    result = kinds("Voir https://example.org/a?b=1. Écrire à a.b@example.org #StopX @quelqu_un")
    assert ("https://example.org/a?b=1", "url") in result
    assert (".", "punct") in result
    assert ("a.b@example.org", "email") in result
    assert ("#StopX", "symbol") in result
    assert ("@quelqu_un", "symbol") in result
    assert kinds("www.example.org, fin")[0] == ("www.example.org", "url")


def test_tokens_are_renumbered_after_merging_a_url():
    tokens = tokenize("a https://x.org/p b")
    assert [t.i for t in tokens] == [0, 1, 2]
    assert tokens[2].text == "b"


def test_ellipsis_exclamations_and_emoji():
    assert kinds("Quoi... Non… Assez !!! ?!") == [
        ("Quoi", "word"), ("...", "punct"), ("Non", "word"), ("…", "punct"),
        ("Assez", "word"), ("!!!", "punct"), ("?!", "punct"),
    ]
    assert kinds("😀 👍🏽 🇫🇷 👨‍👩‍👧") == [("😀", "symbol"), ("👍🏽", "symbol"), ("🇫🇷", "symbol"), ("👨‍👩‍👧", "symbol")]


def test_offsets_point_at_the_surface():
    text = "« C’est\u00a0fini », a-t-il dit à 1 000 personnes…"
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text


def test_normalize_and_fold():
    assert normalize("Éte\u0301") == "été"
    assert normalize("semi\u00adconducteur") == "semiconducteur"
    assert normalize("“Oui”") == '"oui"'
    assert fold("cœur élevé") == "coeur eleve"
    assert fold("naïve") == "naive"
