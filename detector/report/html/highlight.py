"""The article text as HTML with one <mark> per hit, overlapping hits included.

Hits that nest become nested marks. Hits that cross (one starts inside another and ends
after it) cannot nest in HTML, so the inner one is closed and reopened around the boundary:
its first piece is the *head* (focusable, counted, numbered) and the others are *cont*
pieces that share its hit number. Every hit therefore has exactly one head mark.
"""

from __future__ import annotations

from html import escape

MAX_DEPTH_CLASS = 3  # deeper nesting reuses the last underline offset


def highlight(text: str, spans: list[tuple[int, int]], categories: list[str], doc_id: str,
              titles: list[str] | None = None) -> str:
    """HTML for ``text`` with a mark for each ``spans[i]`` (category ``categories[i]``).

    ``titles[i]``, if given, is the hover text of hit ``i``.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1], i))
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i in order:
        a, b = spans[i]
        starts.setdefault(a, []).append(i)
        ends.setdefault(b, []).append(i)
    points = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()

    def open_mark(i: int) -> None:
        head = i not in opened
        opened.add(i)
        depth = min(len(stack), MAX_DEPTH_CLASS)
        classes = f"hit cat-{categories[i]} d{depth} {'head' if head else 'cont'}"
        attrs = f' class="{escape(classes)}" data-hit="{i}"'
        if head:
            attrs += f' id="{doc_id}-h{i}" tabindex="0" data-n="{i + 1}"'
            if titles:
                attrs += f' title="{escape(titles[i])}"'
        out.append(f"<mark{attrs}>")
        stack.append(i)

    def close_mark() -> None:
        stack.pop()
        out.append("</mark>")

    previous = 0
    for point in points:
        out.append(escape(text[previous:point], quote=False))
        previous = point
        closing = set(ends.get(point, ()))
        if closing & set(stack):
            # Close down to the deepest hit that ends here, then reopen the survivors.
            lowest = min(k for k, i in enumerate(stack) if i in closing)
            survivors = [i for i in stack[lowest:] if i not in closing]
            for _ in range(len(stack) - lowest):
                close_mark()
            for i in survivors:
                open_mark(i)
        for i in starts.get(point, ()):
            open_mark(i)
            if spans[i][1] <= point:  # an empty span still gets a visible, focusable marker
                close_mark()
    out.append(escape(text[previous:], quote=False))
    while stack:
        close_mark()
    return "".join(out)
