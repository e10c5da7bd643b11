"""The rule schema: which keys each rule kind accepts and what type each must have.

One table, so that the loader, the docs and the error messages agree on it.
"""

from __future__ import annotations

from .model import MATCH_FORMS, RULE_KINDS, SCOPES, SEVERITIES, STATUSES

ALL = frozenset(RULE_KINDS)


def _str(v):
    return isinstance(v, str) and v.strip() != ""


def _str_list(v):
    return isinstance(v, list) and all(_str(x) for x in v)


def _prob(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and 0.0 <= v <= 1.0


def _pos_int(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _choice(*options):
    def check(v):
        return v in options

    check.expected = "one of " + ", ".join(options)
    return check


def _scope_list(v):
    return isinstance(v, list) and all(x in SCOPES for x in v)


def _ngram(v):
    return (
        isinstance(v, list) and len(v) == 2 and all(_pos_int(x) and x >= 1 for x in v) and v[0] <= v[1]
    )


def _examples(v):
    return isinstance(v, dict) and set(v) <= {"hit", "ok"} and all(
        isinstance(x, list) and all(isinstance(s, str) for s in x) for x in v.values()
    )


def _report(v):
    return v == "all" or _pos_int(v)


_str.expected = "a non-empty string"
_str_list.expected = "a list of non-empty strings"
_prob.expected = "a number between 0 and 1"
_pos_int.expected = "a non-negative integer"
_scope_list.expected = "a list of scopes among " + ", ".join(SCOPES)
_ngram.expected = "a list [min, max] of positive integers"
_examples.expected = "a mapping with 'hit' and 'ok' lists of strings"
_report.expected = "'all' or the index of a part"


def _bool(v):
    return isinstance(v, bool)


_bool.expected = "true or false"

# key: (check, required, kinds it applies to)
RULE_FIELDS = {
    "id": (_str, True, ALL),
    "kind": (_choice(*RULE_KINDS), True, ALL),
    "technique": (_str, True, ALL),
    "message": (_str, True, ALL),
    "severity": (_choice(*SEVERITIES), False, ALL),
    "confidence": (_prob, True, ALL),
    "description": (_str, False, ALL),
    "status": (_choice(*STATUSES), False, ALL),
    "replaced_by": (_str, False, ALL),
    "exclude": (_scope_list, False, ALL),
    "include": (_scope_list, False, ALL),
    "unless": (_str_list, False, ALL),
    "examples": (_examples, True, ALL),
    "phrases": (_str_list, False, {"phrase"}),
    "lexicons": (_str_list, False, {"phrase"}),
    "pattern": (_str, True, {"pattern"}),
    "regex": (_str, True, {"regex"}),
    "guard": (_str_list, True, {"regex"}),
    "ignore_case": (_bool, False, {"regex"}),
    "unit": (_choice("sentence", "paragraph"), False, {"regex", "cooccurrence"}),
    "all": (_str_list, True, {"cooccurrence"}),
    "max_distance": (_pos_int, False, {"cooccurrence"}),
    "ordered": (_bool, False, {"cooccurrence"}),
    "report": (_report, False, {"cooccurrence"}),
    "ngram": (_ngram, False, {"repetition"}),
    "min_count": (_pos_int, False, {"repetition"}),
    "stopwords": (_str, False, {"repetition"}),
    "form": (_choice("norm", "lemma"), False, {"repetition"}),
}

def _version(v):
    return (isinstance(v, (str, int, float)) and not isinstance(v, bool)) and str(v).strip() != ""


_version.expected = "a version such as 1.2.0"

MANIFEST_FIELDS = {
    "name": (_str, True),
    "version": (_version, True),
    "language": (_str, True),
    "licence": (_str, False),
    "description": (_str, False),
    "min_engine": (_version, False),
    "lexicons": (lambda v: isinstance(v, dict), False),
    "redirects": (lambda v: isinstance(v, dict) and all(_str(x) for x in v.values()), False),
}
MANIFEST_FIELDS["lexicons"][0].expected = "a mapping of lexicon name to options"
MANIFEST_FIELDS["redirects"][0].expected = "a mapping of old rule id to new rule id"
LEXICON_OPTIONS = {"match": _choice(*MATCH_FORMS)}


def expected(check) -> str:
    return getattr(check, "expected", "a valid value")
