"""Inline suppressions in Markdown and HTML comments.

    <!-- propalint-disable doubt, fr.loaded -- quoted from the minister on purpose -->
    ...                                  (hits of those rules are hidden down to)
    <!-- propalint-enable doubt -->      (or the end of the file; bare `enable` ends all)
    <!-- propalint-disable-next-block slogans -- the headline is a quotation -->
    <!-- propalint-disable-file repetition -->

Selectors are those of `select` (rule ids, technique ids, prefixes); none means every rule.
Everything after ` -- ` is the reason, kept for reviewers. Each suppression records which of
its selectors hid something, so one that hides nothing can be reported, like Ruff's RUF100.
Plain text has no comments: use `per-file-ignores` in the config instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .selection import applies

_DIRECTIVE = regex.compile(
    r"\s*propalint-(?P<kind>disable-next-block|disable-file|disable|enable)(?=\s|$)(?P<rest>.*)", regex.DOTALL
)


@dataclass
class Suppression:
    kind: str  # disable | disable-next-block | disable-file
    selectors: tuple[str, ...]  # empty: every rule
    reason: str
    comment: tuple[int, int]  # original span of the comment itself
    start: int  # original span whose hits are hidden
    end: int
    used: set[str] = field(default_factory=set)  # selectors that hid a hit ("*" for a bare one)

    def hides(self, hit) -> bool:
        if not self.start <= hit.start < self.end:
            return False
        if not self.selectors:
            self.used.add("*")
            return True
        hit_selectors = [s for s in self.selectors if applies(s, hit.rule, hit.technique)]
        self.used.update(hit_selectors)
        return bool(hit_selectors)

    def unused_selectors(self) -> list[str]:
        if not self.selectors:
            return [] if self.used else ["*"]
        return [s for s in self.selectors if s not in self.used]


@dataclass
class Notice:
    """Something about the file that is not a technique hit (an unused suppression)."""

    code: str
    start: int
    end: int
    line: int
    column: int
    message: str


def _parse_directive(body: str):
    found = _DIRECTIVE.match(body)
    if not found:
        return None
    rest = found.group("rest")
    selectors_text, _, reason = rest.partition(" -- ")
    if selectors_text.strip().startswith("--"):  # no selectors, just a reason
        selectors_text, reason = "", selectors_text.strip()[2:]
    selectors = tuple(s for s in regex.split(r"[\s,]+", selectors_text.strip()) if s)
    return found.group("kind"), selectors, " ".join(reason.split())


def _block_after(doc, offset: int) -> tuple[int, int] | None:
    """Original span of the first paragraph that starts after `offset`."""
    smap = doc.source_map
    for paragraph in doc.paragraphs:
        start = smap.start(paragraph.start)
        if start >= offset:
            return start, smap.end(paragraph.end)
    return None


def parse(doc) -> list[Suppression]:
    """The suppressions written in the document's comments, with the spans they cover."""
    out: list[Suppression] = []
    open_ranges: list[Suppression] = []
    end_of_file = len(doc.original)
    for start, end, body in sorted(doc.comments):
        directive = _parse_directive(body)
        if directive is None:
            continue
        kind, selectors, reason = directive
        if kind == "disable-file":
            out.append(Suppression(kind, selectors, reason, (start, end), 0, end_of_file))
        elif kind == "disable-next-block":
            block = _block_after(doc, end)
            span = block if block is not None else (end, end)
            out.append(Suppression(kind, selectors, reason, (start, end), *span))
        elif kind == "disable":
            suppression = Suppression(kind, selectors, reason, (start, end), end, end_of_file)
            out.append(suppression)
            open_ranges.append(suppression)
        else:  # enable: close what it names; a bare enable closes everything
            for opened in list(open_ranges):
                if not selectors or set(opened.selectors) <= set(selectors):
                    opened.end = start
                    open_ranges.remove(opened)
                elif set(opened.selectors) & set(selectors):
                    # enable part of a list: the rest stays disabled from here on
                    opened.end = start
                    open_ranges.remove(opened)
                    rest = tuple(s for s in opened.selectors if s not in selectors)
                    reopened = Suppression("disable", rest, opened.reason, opened.comment, start, end_of_file)
                    reopened.used = opened.used  # one comment, one record of use
                    out.append(reopened)
                    open_ranges.append(reopened)
    return out


def apply(hits, suppressions):
    """Hits that no suppression hides. Every matching suppression is marked used."""
    if not suppressions:
        return hits
    kept = []
    for hit in hits:
        hidden = False
        for suppression in suppressions:
            hidden |= suppression.hides(hit)  # no short cut: each one records its use
        if not hidden:
            kept.append(hit)
    return kept


def unused(suppressions, lines, known=None) -> list[Notice]:
    """One notice per comment selector that hid nothing (or names no known rule)."""
    by_comment: dict[tuple[int, int], list[Suppression]] = {}
    for suppression in suppressions:
        by_comment.setdefault(suppression.comment, []).append(suppression)
    notices = []
    for (start, end), parts in sorted(by_comment.items()):
        used = set().union(*(p.used for p in parts))
        selectors = parts[0].selectors or ("*",)
        line, column = lines.position(start)
        for selector in selectors:
            if selector in used:
                continue
            if known is not None and selector != "*" and not known(selector):
                text = f"unknown rule or technique '{selector}' in suppression"
            elif selector == "*":
                text = f"unused suppression: propalint-{parts[0].kind} hides nothing"
            else:
                text = f"unused suppression: '{selector}' hides nothing here"
            notices.append(Notice("unused-suppression", start, end, line, column, text))
    return notices

