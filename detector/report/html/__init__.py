"""The self-contained HTML report: the article with its hits highlighted and explained."""

from __future__ import annotations

from .article import Article, from_result, prepare
from .render import ReportRenderer

__all__ = ["Article", "ReportRenderer", "from_result", "prepare", "render_report"]


def render_report(articles: list[Article], techniques, *, title: str | None = None) -> str:
    return ReportRenderer(techniques).render(articles, title=title)
