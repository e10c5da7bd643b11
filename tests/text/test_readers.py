from detector.text import fmt_for_path, load_document, read_text_file


def words(doc):
    return [token.text for token in doc.tokens]


def original_of(doc, token):
    return doc.original[doc.source_map.start(token.start):doc.source_map.end(token.end)]


def region_texts(doc, name):
    return [doc.text[a:b] for a, b in doc.regions[name]]


# -- plain text -------------------------------------------------------------------------

def test_plain_text_is_its_own_analysis_text():
    original = "\ufeffUn texte\r\nsur deux lignes."
    doc = load_document(original)
    assert doc.text == original
    assert doc.source_map.is_identity
    assert words(doc) == ["Un", "texte", "sur", "deux", "lignes", "."]


# -- Markdown ---------------------------------------------------------------------------

def test_markdown_emphasis_does_not_split_words():
    doc = load_document("C’est **très** grave et wo**rd**.", fmt="markdown")
    assert words(doc) == ["C’", "est", "très", "grave", "et", "word", "."]
    tres = doc.tokens[2]
    assert original_of(doc, tres) == "très"
    assert doc.source_map.is_verbatim(tres.start, tres.end)
    word = doc.tokens[5]
    assert original_of(doc, word) == "wo**rd"
    assert not doc.source_map.is_verbatim(word.start, word.end)


def test_markdown_code_is_never_linted():
    source = "Avant `danger inline` après.\n\n```\ndanger fenced\n```\n\n    danger indented\n\nFin."
    doc = load_document(source, fmt="markdown")
    assert "danger" not in words(doc)
    assert words(doc) == ["Avant", "après", ".", "Fin", "."]


def test_markdown_inline_code_leaves_a_gap_between_words():
    doc = load_document("un`x`deux", fmt="markdown")
    assert words(doc) == ["un", "deux"]


def test_markdown_front_matter_is_never_linted():
    for source in ("---\ntitle: danger\n---\nTexte.", "+++\ntitle = 'danger'\n+++\nTexte.",
                   "\ufeff---\r\ntitle: danger\r\n---\r\nTexte."):
        doc = load_document(source, fmt="markdown")
        assert words(doc) == ["Texte", "."], source
        assert original_of(doc, doc.tokens[0]) == "Texte"


def test_markdown_link_and_image_urls_are_dropped_but_texts_kept():
    doc = load_document('Lire [le rapport](https://danger.example/x "titre danger") et ![une image](i.png) ici.',
                        fmt="markdown")
    assert words(doc) == ["Lire", "le", "rapport", "et", "une", "image", "ici", "."]
    assert original_of(doc, doc.tokens[-2]) == "ici"
    doc = load_document("Voir <https://danger.example> fin", fmt="markdown")
    assert words(doc) == ["Voir", "fin"]


def test_markdown_entities_and_escapes_map_to_their_source():
    source = "A &amp; B \\* C"
    doc = load_document(source, fmt="markdown")
    assert words(doc) == ["A", "&", "B", "*", "C"]
    amp = doc.tokens[1]
    assert original_of(doc, amp) == "&amp;"
    assert not doc.source_map.is_verbatim(amp.start, amp.end)
    assert original_of(doc, doc.tokens[3]) == "*"


def test_markdown_nul_maps_to_itself_not_to_a_later_replacement_character():
    # The parser reads NUL as U+FFFD; a literal U+FFFD further on must not be taken for it,
    # or the words between would be left without a place in the original (zero-width hits).
    source = "> [\x00](https://example.org/a) so-called words\n| so-called | \ufffd |"
    doc = load_document(source, fmt="markdown")
    assert words(doc) == ["so-called", "words", "|", "so-called", "|", "\ufffd", "|"]
    for token in doc.tokens:
        assert original_of(doc, token) == token.text
    assert doc.source_map.start(doc.tokens[5].start) == source.index("\ufffd")


def test_markdown_blocks_become_paragraphs_and_regions():
    source = "# Un titre\n\nUn paragraphe\nsur deux lignes.\n\n> Une citation\n\n- premier\n- second\n"
    doc = load_document(source, fmt="markdown")
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == [
        "Un titre", "Un paragraphe sur deux lignes.", "Une citation", "premier", "second"
    ]
    assert region_texts(doc, "heading") == ["Un titre"]
    assert region_texts(doc, "blockquote") == ["Une citation"]
    assert region_texts(doc, "list-item") == ["premier", "second"]
    heading = doc.regions["heading"][0]
    assert doc.original[slice(*doc.original_span(*heading))] == "Un titre"


def test_markdown_html_blocks_keep_text_but_not_tags():
    doc = load_document("<div class=\"danger\">\nDu texte <b>gras</b>\n</div>\n\nFin.", fmt="markdown")
    assert words(doc) == ["Du", "texte", "gras", "Fin", "."]


def test_markdown_comments_are_kept_with_their_offsets():
    source = "Texte <!-- propalint-disable fr.x --> suite\n\n<!-- propalint-disable-file -->\n"
    doc = load_document(source, fmt="markdown")
    assert [body.strip() for _, _, body in doc.comments] == ["propalint-disable fr.x", "propalint-disable-file"]
    for start, end, _ in doc.comments:
        assert source[start:start + 4] == "<!--" and source[end - 3:end] == "-->"
    assert "propalint" not in doc.text


def test_markdown_crlf_offsets():
    source = "Premier\r\nsuite.\r\n\r\nSecond."
    doc = load_document(source, fmt="markdown")
    for token in doc.tokens:
        assert original_of(doc, token) == token.text


# -- HTML -------------------------------------------------------------------------------

def test_html_never_lints_scripts_styles_code_or_comments():
    source = ("<html><head><title>danger</title><style>danger{}</style></head><body>"
              "<p>Texte <code>danger</code> <script>danger()</script><pre>danger</pre>"
              "<!-- danger --> fin.</p></body></html>")
    doc = load_document(source, fmt="html")
    assert words(doc) == ["Texte", "fin", "."]
    assert [body for _, _, body in doc.comments] == [" danger "]


def test_html_entities_are_decoded_with_offsets():
    source = "<p>L&rsquo;&Eacute;tat &amp; le &#171;&nbsp;peuple&nbsp;&#xBB;</p>"
    doc = load_document(source, fmt="html")
    assert words(doc) == ["L’", "État", "&", "le", "«", "peuple", "»"]
    assert original_of(doc, doc.tokens[0]) == "L&rsquo;"
    assert original_of(doc, doc.tokens[1]) == "&Eacute;tat"
    assert original_of(doc, doc.tokens[4]) == "&#171;"
    assert original_of(doc, doc.tokens[5]) == "peuple"
    assert region_texts(doc, "quote") == ["«\u00a0peuple\u00a0»"]


def test_html_inline_markup_does_not_split_words():
    doc = load_document("<p><b>très</b> grave, in<i>cro</i>yable</p>", fmt="html")
    assert words(doc) == ["très", "grave", ",", "incroyable"]


def test_html_blocks_and_regions():
    source = ("<h2>Titre</h2><p>Un.</p><div>Deux</div><blockquote><p>Cité</p></blockquote>"
              "<ul><li>un<li>deux</ul><p>Après</p>")
    doc = load_document(source, fmt="html")
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == [
        "Titre", "Un.", "Deux", "Cité", "un", "deux", "Après"
    ]
    assert region_texts(doc, "heading") == ["Titre"]
    assert region_texts(doc, "blockquote") == ["Cité"]
    assert region_texts(doc, "list-item") == ["un", "deux"]


# -- files ------------------------------------------------------------------------------

def test_fmt_for_path():
    assert fmt_for_path("a/b.md") == "markdown"
    assert fmt_for_path("b.MARKDOWN") == "markdown"
    assert fmt_for_path("c.html") == "html"
    assert fmt_for_path("c.htm") == "html"
    assert fmt_for_path("d.txt") == "text"
    assert fmt_for_path("noext") == "text"


def test_read_text_file_keeps_bytes_as_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffligne\r\nautre\rfin".encode("utf-8"))
    assert read_text_file(path) == "\ufeffligne\r\nautre\rfin"


def test_html_head_without_end_tag_ends_at_body():
    doc = load_document("<html><head><title>danger</title><body><p>Texte.</p>", fmt="html")
    assert words(doc) == ["Texte", "."]


def test_html_line_breaks_and_offsets_across_lines():
    source = "<p>Un\r\n<b>deux</b><br>trois &amp;\nquatre</p>"
    doc = load_document(source, fmt="html")
    assert words(doc) == ["Un", "deux", "trois", "&", "quatre"]
    for token in doc.tokens:
        if doc.source_map.is_verbatim(token.start, token.end):
            assert original_of(doc, token) == token.text
    assert original_of(doc, doc.tokens[4]) == "quatre"
