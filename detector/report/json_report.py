"""The JSON contract of DESIGN.md section 5: one object for `json`, one line per document for `jsonl`."""

from __future__ import annotations

import json

from detector.explain.hit import compact_json, encode_basestring


def document(results) -> str:
    return json.dumps({"version": 1, "files": [r.to_dict() for r in results]}, ensure_ascii=False, indent=2)


def value_json(value) -> str:
    """``compact_json(value)``; a string skips json.dumps, which builds an encoder per call
    (json.dumps encodes any str, subclasses too, with encode_basestring)."""
    if isinstance(value, str):
        return encode_basestring(value)
    return compact_json(value)


def line(doc_id, lang: str, hits, **extra) -> str:
    """``{"id":…,"lang":…,"hits":[…],…extra}`` on one line; hits bring their own JSON text."""
    if extra and extra.keys() & {"id", "lang", "hits"}:  # an extra value replaces one of ours, in its place
        obj = {"id": doc_id, "lang": lang, "hits": [h.to_dict() for h in hits], **extra}
        return compact_json(obj)
    hits_json = ",".join([h.to_json() for h in hits])
    tail = "," + compact_json(extra)[1:] if extra else "}"
    return f'{{"id":{value_json(doc_id)},"lang":{value_json(lang)},"hits":[{hits_json}]{tail}'
