"""The JSON contract of DESIGN.md section 5: one object for `json`, one line per document for `jsonl`."""

from __future__ import annotations

import json


def document(results) -> str:
    return json.dumps({"version": 1, "files": [r.to_dict() for r in results]}, ensure_ascii=False, indent=2)


def line(doc_id, lang: str, hits, **extra) -> str:
    obj = {"id": doc_id, "lang": lang, "hits": [h.to_dict() for h in hits], **extra}
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
