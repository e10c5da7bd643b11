"""Assemble the self-contained report: template, inlined CSS and JS, one section per article.

Nothing in the page refers to another host: styles and script are inlined, the chart is
inline SVG, and a Content-Security-Policy in the page forbids any request at all.
"""

from __future__ import annotations

import json
import re
from html import escape
from importlib import resources

from detector import __version__
from detector.rules.model import Technique

from .article import Article
from .highlight import highlight
from .strings import format_number, strings_for
from .summary import Summary, merge, summarise
from .taxonomy import FALLBACK_COLOUR, Category, load_categories

_MARKER = re.compile(r"\{\{(\w+)\}\}")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
CHART_WIDTH = 140


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _fill(template: str, values: dict[str, str]) -> str:
    # One pass over the template only: text inserted from articles is never re-scanned.
    return _MARKER.sub(lambda m: values[m.group(1)], template)


def _json_for_script(data) -> str:
    """JSON safe inside <script>: no "</script>", no "<!--", whatever the article says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "other"


def ui_language(articles: list[Article]) -> str:
    langs = {a.lang for a in articles}
    return "fr" if langs == {"fr"} else "en"


class ReportRenderer:
    def __init__(self, techniques: dict[str, Technique], categories: tuple[Category, ...] | None = None):
        self.techniques = techniques
        self.categories = categories if categories is not None else load_categories()
        self.category_of = {t.id: t.category for t in techniques.values()}
        known = {c.id for c in self.categories}
        extra = sorted({c for c in self.category_of.values() if c and c not in known})
        self.all_categories = list(self.categories) + [Category(c, {}, FALLBACK_COLOUR) for c in extra]

    # --- pieces ------------------------------------------------------------------------------

    def colour(self, category: str) -> str:
        found = next((c.colour for c in self.all_categories if c.id == category), FALLBACK_COLOUR)
        return found if _COLOUR.match(found) else FALLBACK_COLOUR

    def css_palette(self) -> str:
        rules = []
        for cat in self.all_categories + [Category("", {}, FALLBACK_COLOUR)]:
            colour = self.colour(cat.id)
            r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
            rules.append(
                f".cat-{_slug(cat.id)}{{--c:{colour};--bg:rgba({r},{g},{b},.13);--bg-strong:rgba({r},{g},{b},.28)}}"
            )
        return "\n".join(rules)

    def category_name(self, category: str, lang: str) -> str:
        cat = next((c for c in self.all_categories if c.id == category), None)
        return cat.label(lang) if cat else category

    def summary_html(self, summary: Summary, lang: str, heading: str) -> str:
        s = strings_for(lang)
        top = max((t.count for t in summary.techniques), default=0)
        rows = []
        for t in summary.techniques:
            width = round(CHART_WIDTH * t.count / top) if top else 0
            density = 1000.0 * t.count / summary.words if summary.words else 0.0
            rows.append(
                f'<tr data-technique="{escape(t.technique)}" data-count="{t.count}">'
                f'<th scope="row"><span class="swatch cat-{_slug(t.category)}"></span>{escape(t.name)}'
                f' <code>{escape(t.technique)}</code></th>'
                f'<td class="num">{t.count}</td><td class="num">{format_number(density, lang)}</td>'
                f'<td class="chart"><svg width="{CHART_WIDTH}" height="12" role="img" aria-label="{t.count}">'
                f'<rect class="cat-{_slug(t.category)}" width="{width}" height="12" rx="2"/></svg></td></tr>'
            )
        table = (
            f'<table class="techniques"><thead><tr><th scope="col">{s["technique"]}</th>'
            f'<th scope="col" class="num">{s["hits"]}</th><th scope="col" class="num">{s["per_thousand"]}</th>'
            f'<th scope="col"><span class="visually-hidden">{s["hits"]}</span></th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>'
            if rows else f'<p class="none">{s["no_hits"]}</p>'
        )
        stats = (
            f'<dl class="stats">'
            f'<div><dt>{s["hits"]}</dt><dd data-stat="hits">{summary.hits}</dd></div>'
            f'<div><dt>{s["words"]}</dt><dd data-stat="words">{format_number(summary.words, lang, 0)}</dd></div>'
            f'<div><dt>{s["per_thousand"]}</dt><dd data-stat="density">{format_number(summary.per_thousand_words, lang)}</dd></div>'
            f'<div><dt>{s["distinct"]}</dt><dd data-stat="techniques">{len(summary.techniques)}</dd></div>'
            f'</dl>'
        )
        return f'<section class="summary"><h3>{heading}</h3>{stats}{table}</section>'

    def legend_html(self, summary: Summary, lang: str) -> str:
        s = strings_for(lang)
        counts = summary.per_category()
        items = "".join(
            f'<li class="{"" if counts.get(c.id) else "zero"}"><span class="swatch cat-{_slug(c.id)}"></span>'
            f'{escape(self.category_name(c.id, lang))} <span class="count">{counts.get(c.id, 0)}</span></li>'
            for c in self.all_categories
        )
        return f'<section class="legend"><h3>{s["legend"]}</h3><ul>{items}</ul></section>'

    def hit_data(self, article: Article, lang: str) -> list[dict]:
        data = []
        for hit in article.hits:
            item = hit.to_dict()
            category = self.category_of.get(hit.technique, "")
            item["category"] = _slug(category)
            item["category_name"] = self.category_name(category, lang)
            data.append(item)
        return data

    def findings_html(self, article: Article, doc_id: str, lang: str) -> str:
        s = strings_for(lang)
        if not article.hits:
            return ""
        items = []
        for i, hit in enumerate(article.hits):
            cat = _slug(self.category_of.get(hit.technique, ""))
            items.append(
                f'<li><a href="#{doc_id}-h{i}" data-target="{doc_id}-h{i}">'
                f'<span class="swatch cat-{cat}"></span><span class="where">{hit.line}:{hit.column}</span> '
                f'<strong>{escape(hit.technique_name or hit.technique)}</strong></a> '
                f'<span class="msg">{escape(hit.message)}</span> <code class="rule">{escape(hit.rule)}</code></li>'
            )
        return f'<section class="findings"><h3>{s["findings"]}</h3><ol>{"".join(items)}</ol></section>'

    def article_html(self, article: Article, index: int, summary: Summary) -> str:
        lang = article.lang if article.lang in ("fr", "en") else "en"
        s = strings_for(lang)
        doc_id = f"doc{index}"
        cats = [_slug(self.category_of.get(h.technique, "")) for h in article.hits]
        titles = [f"{h.technique_name or h.technique}: {h.message}" for h in article.hits]
        body = highlight(article.text, article.spans, cats, doc_id, titles)
        errors = "".join(f"<li>{escape(e)}</li>" for e in article.errors)
        errors_html = f'<section class="errors"><h3>{s["errors"]}</h3><ul>{errors}</ul></section>' if errors else ""
        return (
            f'<section class="article" id="{doc_id}" data-lang="{escape(article.lang)}" data-hits="{len(article.hits)}">'
            f'<header class="article-head"><h2>{escape(article.path)}</h2>'
            f'<span class="lang">{escape(article.lang)}</span></header>'
            f'<div class="panels">{self.summary_html(summary, lang, s["summary"])}{self.legend_html(summary, lang)}</div>'
            f'{errors_html}'
            f'<div class="text" lang="{escape(article.lang)}">{body}</div>'
            f'{self.findings_html(article, doc_id, lang)}'
            f'<script type="application/json" class="hit-data">{_json_for_script(self.hit_data(article, lang))}</script>'
            f'</section>'
        )

    def contents_html(self, articles: list[Article], summaries: list[Summary], lang: str) -> str:
        s = strings_for(lang)
        items = "".join(
            f'<li><a href="#doc{i}">{escape(a.path)}</a> <span class="lang">{escape(a.lang)}</span>'
            f' <span class="count">{summ.hits}</span></li>'
            for i, (a, summ) in enumerate(zip(articles, summaries))
        )
        return f'<nav class="contents" aria-label="{s["contents"]}"><h2>{s["contents"]}</h2><ol>{items}</ol></nav>'

    # --- the page --------------------------------------------------------------------------

    def render(self, articles: list[Article], *, title: str | None = None) -> str:
        lang = ui_language(articles)
        s = strings_for(lang)
        summaries = [summarise(a.hits, a.words, self.category_of) for a in articles]
        overview = ""
        if len(articles) > 1:
            names = {t.id: t.name.get(lang) or t.name.get("en") or t.id for t in self.techniques.values()}
            total = merge(summaries, names)
            overview = (
                f'<section class="overview"><h2>{s["overview"]}</h2>'
                f'<div class="panels">{self.summary_html(total, lang, s["files"] + f" ({len(articles)})")}'
                f'{self.contents_html(articles, summaries, lang)}</div></section>'
            )
        sections = "".join(self.article_html(a, i, summ) for i, (a, summ) in enumerate(zip(articles, summaries)))
        ui = {k: s[k] for k in ("rule", "message", "definition", "matched", "evidence", "element", "text",
                                "lexicon", "pattern", "position", "line", "column", "severity", "confidence",
                                "close", "previous", "next", "explain_hint", "of")}
        return _fill(_asset("template.html"), {
            "lang": lang,
            "title": escape(title or s["title"]),
            "subtitle": escape(s["subtitle"]),
            "note": escape(s["note"]),
            "keys": escape(s["keys"]),
            "generated": escape(f'{s["generated"]} {__version__}'),
            "hint": escape(s["explain_hint"]),
            "close": escape(s["close"]),
            "previous": escape(s["previous"]),
            "next": escape(s["next"]),
            "css": _asset("report.css"),
            "palette": self.css_palette(),
            "overview": overview,
            "articles": sections,
            "ui": _json_for_script(ui),
            "js": _asset("report.js"),
        })
