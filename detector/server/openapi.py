"""The OpenAPI 3.1 description of the service, served at /openapi.json."""

from __future__ import annotations

from detector import __version__

from .payload import FORMATS, LANGS

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["status", "code", "message"], "properties": {
        "status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}},
}

_EVIDENCE = {
    "type": "object",
    "required": ["element", "start", "end", "text", "lexicon"],
    "properties": {
        "element": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"},
        "text": {"type": "string"}, "lexicon": {"type": ["string", "null"]},
    },
}

_HIT = {
    "type": "object",
    "description": "A hit (DESIGN.md section 5). Offsets are code-point indices into `text` as sent.",
    "required": ["rule", "technique", "start", "end", "line", "column", "end_line", "end_column", "text",
                 "message", "severity", "confidence", "explanation"],
    "properties": {
        "rule": {"type": "string"}, "technique": {"type": "string"},
        "start": {"type": "integer"}, "end": {"type": "integer", "description": "exclusive"},
        "line": {"type": "integer"}, "column": {"type": "integer"},
        "end_line": {"type": "integer"}, "end_column": {"type": "integer"},
        "text": {"type": "string"}, "message": {"type": "string"},
        "severity": {"enum": ["info", "warning", "error"]}, "confidence": {"type": "number"},
        "explanation": {"type": "object", "properties": {
            "rule_source": {"type": "string"}, "pattern": {"type": "string"},
            "technique_name": {"type": "string"}, "technique_definition": {"type": "string"},
            "evidence": {"type": "array", "items": {"$ref": "#/components/schemas/Evidence"}}}},
    },
}

_CHECK_REQUEST = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "description": "The article, exactly as stored."},
        "lang": {"enum": list(LANGS), "default": "auto"},
        "format": {"enum": list(FORMATS), "default": "text"},
        "select": {"type": "array", "items": {"type": "string"},
                   "description": "Keep only hits of these technique ids, rule ids or rule-id prefixes."},
        "ignore": {"type": "array", "items": {"type": "string"},
                   "description": "Drop hits of these technique ids, rule ids or rule-id prefixes."},
        "id": {"type": "string", "description": "Your name for the article; echoed as `path`."},
        "title": {"type": "string", "description": "Report title (/v1/report only)."},
    },
}


def _errors(*statuses: int) -> dict:
    names = {400: "Malformed JSON", 413: "Body over the size limit", 422: "A field has the wrong type or value"}
    return {str(s): {"description": names[s], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for s in statuses}


def openapi_document(max_body: int) -> dict:
    body = {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "propalint",
            "version": __version__,
            "description": ("Detects possible propaganda and persuasion techniques in news articles (French "
                            f"and English). Request bodies are limited to {max_body} bytes."),
        },
        "paths": {
            "/v1/check": {"post": {
                "summary": "Lint an article and return its hits as JSON",
                "requestBody": body,
                "responses": {"200": {"description": "The hits", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/CheckResponse"}}}}, **_errors(400, 413, 422)},
            }},
            "/v1/report": {"post": {
                "summary": "Lint an article and return the self-contained HTML report",
                "requestBody": body,
                "responses": {"200": {"description": "The report; X-Propalint-Hits holds the number of hits",
                                      "content": {"text/html": {"schema": {"type": "string"}}}},
                              **_errors(400, 413, 422)},
            }},
            "/v1/rules": {"get": {"summary": "The loaded rule packs, their versions and rule counts",
                                  "responses": {"200": {"description": "Packs", "content": {"application/json": {
                                      "schema": {"$ref": "#/components/schemas/Rules"}}}}}}},
            "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "ok"}}}},
            "/": {"get": {"summary": "The editor's page", "responses": {"200": {"description": "HTML"}}}},
        },
        "components": {"schemas": {
            "CheckRequest": _CHECK_REQUEST,
            "CheckResponse": {"type": "object", "required": ["version", "files"], "properties": {
                "version": {"const": 1},
                "files": {"type": "array", "items": {"type": "object", "required": ["path", "lang", "hits", "errors"],
                          "properties": {"path": {"type": "string"}, "lang": {"type": "string"},
                                         "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                                         "errors": {"type": "array", "items": {"type": "string"}}}}}}},
            "Hit": _HIT,
            "Evidence": _EVIDENCE,
            "Rules": {"type": "object", "properties": {
                "version": {"type": "string"}, "techniques": {"type": "integer"},
                "packs": {"type": "array", "items": {"type": "object", "properties": {
                    "name": {"type": "string"}, "version": {"type": "string"}, "language": {"type": "string"},
                    "licence": {"type": "string"}, "rules": {"type": "integer"}, "enabled": {"type": "integer"}}}}}},
            "Error": _ERROR,
        }},
    }
