import pytest

from detector.text import load_document


def sentences(text, **kwargs):
    doc = load_document(text, **kwargs)
    return [doc.text[s.start:s.end] for s in doc.sentences]


def test_basic_sentence_split():
    assert sentences("Il pleut. Elle sort ! Vraiment ? Oui… Bien.") == [
        "Il pleut.", "Elle sort !", "Vraiment ?", "Oui…", "Bien."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "M. Dupont est venu.",
        "Mme Durand et MM. Martin sont venus.",
        "Le Dr. House et le Pr. Tournesol sont là.",
        "Il habite St. Louis depuis longtemps.",
        "The U.S. Army and the U.K. Navy met.",
        "Some fruits, e.g. Apples, and others, i.e. Pears, were sold.",
        "Né en 52 av. J.-C. Dans la nuit il mourut.",
        "Voir p. 12 et le n° 5 du 3 janv. 2020.",
        "Mr. Smith, Mrs. Smith and Ms. Jones came.",
        "Prof. Brown and Gen. Lee and Sen. White left.",
        "It is No. 5 on the list.",
        "The rate rose to 3.5 percent overall.",
        "J. Smith wrote it.",
        "Jan. 5 was cold.",
    ],
)
def test_abbreviations_and_decimals_do_not_split(text):
    assert sentences(text, lang="en") == [text]


def test_etc_ends_a_sentence_before_a_capital():
    assert sentences("Des pommes, des poires, etc. Puis vint l’hiver.") == [
        "Des pommes, des poires, etc.", "Puis vint l’hiver."
    ]


def test_closing_quotes_stay_with_their_sentence():
    assert sentences("Il a dit : « C’est fini. » Puis il est parti.") == [
        "Il a dit : « C’est fini. »", "Puis il est parti."
    ]
    assert sentences('He said "It is over." Then he left.', lang="en") == [
        'He said "It is over."', "Then he left."
    ]


def test_question_inside_a_quote_followed_by_an_incise_does_not_split():
    assert sentences("« Est-ce fini ? » demande-t-il.") == ["« Est-ce fini ? » demande-t-il."]


def test_every_line_of_plain_text_is_a_paragraph():
    doc = load_document("Un titre\nPremier paragraphe. Encore.\r\n\r\nDeuxième")
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == [
        "Un titre", "Premier paragraphe. Encore.", "Deuxième"
    ]
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [
        "Un titre", "Premier paragraphe.", "Encore.", "Deuxième"
    ]


def test_tokens_know_their_sentence_and_paragraph():
    doc = load_document("Un mot. Deux mots.\nTrois fois.")
    assert [(t.text, t.sent, t.para) for t in doc.tokens if t.kind == "word"] == [
        ("Un", 0, 0), ("mot", 0, 0), ("Deux", 1, 0), ("mots", 1, 0), ("Trois", 2, 1), ("fois", 2, 1)
    ]
    for segment in doc.sentences + doc.paragraphs:
        assert doc.tokens[segment.first].start == segment.start
        assert doc.tokens[segment.last - 1].end == segment.end


def test_empty_text_has_no_segments():
    doc = load_document("")
    assert doc.tokens == [] and doc.sentences == [] and doc.paragraphs == []


def test_lower_case_single_letter_ends_a_sentence_unless_dotted():
    assert sentences("Il a choisi le plan b. Puis il est parti.") == [
        "Il a choisi le plan b.", "Puis il est parti."
    ]
