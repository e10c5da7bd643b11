"""Refuse regexes whose shape invites catastrophic backtracking.

The check is deliberately simple and conservative: a group that contains an unbounded
quantifier (``*``, ``+``, ``{n,}``) may not itself carry an unbounded quantifier, which
rules out the classic ``(a+)+`` and ``(\\w*\\s?)*`` shapes.  Everything else still runs
under the ``regex`` module's timeout at match time.
"""

from __future__ import annotations

import regex


def _unbounded_after(pattern: str, i: int) -> tuple[bool, int]:
    """Is there an unbounded quantifier at pattern[i]? Return (answer, index after it)."""
    if i < len(pattern) and pattern[i] in "*+":
        return True, i + 1
    if i < len(pattern) and pattern[i] == "{":
        m = regex.match(r"\{(\d*),\s*\}", pattern[i:])
        if m:
            return True, i + m.end()
    return False, i


def check_regex(pattern: str) -> str | None:
    """Return a message when the regex is unsafe or invalid, else None."""
    try:
        regex.compile(pattern)
    except regex.error as err:
        return f"invalid regex: {err}"
    stack = [False]  # per open group: does it contain an unbounded quantifier?
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            i += 1
            continue
        if ch == "[":
            in_class = True
            i += 2 if pattern[i + 1 : i + 2] == "]" else 1
            continue
        if ch == "(":
            stack.append(False)
        elif ch == ")" and len(stack) > 1:
            inner_unbounded = stack.pop()
            outer, after = _unbounded_after(pattern, i + 1)
            if inner_unbounded and outer:
                return "regex has nested unbounded quantifiers (catastrophic backtracking risk)"
            stack[-1] = stack[-1] or inner_unbounded or outer
            i = after
            continue
        else:
            unbounded, after = _unbounded_after(pattern, i)
            if unbounded:
                stack[-1] = True
                i = after
                continue
        i += 1
    return None
