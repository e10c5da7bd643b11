"""SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure DevOps).

Every rule that ran is described in `tool.driver.rules` with its technique and help text,
so a viewer can explain a result without propalint installed. Columns count code points,
as propalint's offsets do, and the run says so (`columnKind`).
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath

from detector import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
UNUSED_SUPPRESSION = "propalint.unused-suppression"


def artifact_uri(path: str) -> str:
    """A relative URI for paths under the working folder (what code scanning expects)."""
    if path in ("-", "<stdin>"):
        return "stdin"
    relative = os.path.relpath(os.path.abspath(path))
    if relative.startswith(".."):
        return PurePath(os.path.abspath(path)).as_uri()
    return "/".join(part.replace("%", "%25").replace(" ", "%20") for part in PurePath(relative).parts)


def rule_descriptor(rule, techniques) -> dict:
    technique = techniques.get(rule.technique)
    name = technique.name.get("en", rule.technique) if technique else rule.technique
    definition = technique.definition.get("en", "") if technique else ""
    help_text = (
        f"Technique: {name} ({rule.technique}). {definition}\n"
        f"{rule.description or ''}\n"
        f"Run `propalint explain {rule.id}` for the rule's pattern and examples."
    ).replace("\n\n", "\n")
    return {
        "id": rule.id,
        "name": name,
        "shortDescription": {"text": f"{name}: {rule.id}"},
        "fullDescription": {"text": rule.description or definition or name},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "technique": rule.technique,
            "category": technique.category if technique else "",
            "confidence": rule.confidence,
            "source": rule.source,
            "tags": [rule.technique, technique.category] if technique else [rule.technique],
        },
    }


def _region(line, column, end_line, end_column, start, end, snippet=None) -> dict:
    region = {
        "startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column,
        "charOffset": start, "charLength": end - start,
    }
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    return region


def _location(path, region) -> list[dict]:
    return [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}}]


def document(results, rules, techniques, *, fingerprints: bool = True) -> str:
    """`results`: checked files (path, hits, errors, notices); `rules`: the rules that ran."""
    descriptors = [rule_descriptor(r, techniques) for r in sorted(rules, key=lambda r: r.id)]
    if any(r.notices for r in results):
        descriptors.append({
            "id": UNUSED_SUPPRESSION, "name": "Unused suppression",
            "shortDescription": {"text": "A propalint-disable comment that hides nothing"},
            "help": {"text": "Remove the comment, or the rule ids in it that no longer match."},
            "defaultConfiguration": {"level": "warning"},
        })
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    sarif_results, notifications = [], []
    for result in results:
        for k, hit in enumerate(result.hits):
            entry = {
                "ruleId": hit.rule,
                "level": LEVELS.get(hit.severity, "warning"),
                "message": {"text": hit.message},
                "locations": _location(result.path, _region(
                    hit.line, hit.column, hit.end_line, hit.end_column, hit.start, hit.end, hit.text)),
                "properties": {"technique": hit.technique, "confidence": hit.confidence},
            }
            if hit.rule in index:
                entry["ruleIndex"] = index[hit.rule]
            if fingerprints and result.fingerprints is not None:
                entry["partialFingerprints"] = {"propalintSentence/v1": result.fingerprints[k]}
            sarif_results.append(entry)
        for notice in result.notices:
            sarif_results.append({
                "ruleId": UNUSED_SUPPRESSION, "ruleIndex": index[UNUSED_SUPPRESSION], "level": "warning",
                "message": {"text": notice.message},
                "locations": _location(result.path, _region(
                    notice.line, notice.column, notice.line, notice.column, notice.start, notice.end)),
            })
        for error in result.errors:
            notifications.append({
                "level": "warning" if error.startswith("warning:") else "error",
                "message": {"text": f"{result.path}: {error}"},
            })
    run = {
        "tool": {"driver": {
            "name": "propalint", "version": __version__, "semanticVersion": __version__,
            "rules": descriptors,
        }},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "invocations": [{
            "executionSuccessful": not any(n["level"] == "error" for n in notifications),
            "toolExecutionNotifications": notifications,
        }],
    }
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
