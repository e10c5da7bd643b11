from detector.text import load_document


def region_texts(doc, name):
    return [doc.text[a:b] for a, b in doc.regions[name]]


def test_quotation_marks_of_every_kind_make_quote_regions():
    doc = load_document("« un » puis “deux” puis \"trois\" puis ‹ quatre ›.", lang="fr")
    assert region_texts(doc, "quote") == ["« un »", "“deux”", "\"trois\"", "‹ quatre ›"]


def test_nested_quotes_and_unmatched_marks():
    doc = load_document("« Il a crié “assez” hier » et » seul.", lang="fr")
    assert region_texts(doc, "quote") == ["« Il a crié “assez” hier »", "“assez”"]


def test_quotes_do_not_cross_paragraphs():
    doc = load_document("« Début\nfin »", lang="fr")
    assert doc.regions["quote"] == []


def test_speech_by_verb_after_the_quote():
    doc = load_document("« La guerre est déjà perdue », estime-t-elle.", lang="fr")
    assert region_texts(doc, "speech") == ["« La guerre est déjà perdue »"]
    doc = load_document("« Nous ne céderons jamais », a-t-il déclaré devant la presse.", lang="fr")
    assert region_texts(doc, "speech") == ["« Nous ne céderons jamais »"]


def test_speech_by_colon_and_by_selon():
    doc = load_document("Le ministre : « Rien ne change. »", lang="fr")
    assert region_texts(doc, "speech") == ["« Rien ne change. »"]
    doc = load_document("Selon elle, « tout est joué depuis longtemps ».", lang="fr")
    assert region_texts(doc, "speech") == ["« tout est joué depuis longtemps »"]


def test_english_speech():
    doc = load_document('"We will never give up," the minister said on Monday.', lang="en")
    assert region_texts(doc, "speech") == ['"We will never give up,"']
    doc = load_document("According to the report, “the plan failed at every step”.", lang="en")
    assert region_texts(doc, "speech") == ["“the plan failed at every step”"]


def test_scare_quotes_are_quotes_but_not_speech():
    doc = load_document("Le gouvernement parle de « dialogue » alors que rien ne bouge, dit-on.", lang="fr")
    assert region_texts(doc, "quote") == ["« dialogue »"]
    assert doc.regions["speech"] == []
    doc = load_document("This “reform” changes nothing, critics say.", lang="en")
    assert doc.regions["speech"] == []


def test_quote_without_cue_is_not_speech():
    doc = load_document("Le slogan « plus jamais ça » revient partout.", lang="fr")
    assert region_texts(doc, "quote") == ["« plus jamais ça »"]
    assert doc.regions["speech"] == []
