"""Glob matching for `exclude` and `per-file-ignores`, relative to the config file's folder.

A glob with a `/` is matched against the path relative to that folder (`drafts/*.md`,
`**/archive/**`); a glob without one is matched against the file name and every folder
name on the way (`*.draft.md`, `vendor`), as .gitignore and Ruff do.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath


def relative_posix(path: str, root: Path) -> str | None:
    """`path` relative to `root`, with `/` separators; None if it lies outside `root`."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return PurePosixPath(Path(relative)).as_posix()


def glob_matches(pattern: str, relative: str) -> bool:
    pattern = pattern.strip().removeprefix("./")
    if "/" not in pattern.rstrip("/"):
        name = pattern.rstrip("/")
        return any(fnmatchcase(part, name) for part in relative.split("/"))
    pattern = pattern.rstrip("/")
    # `**/x` also matches `x` at the top; `x/**` also matches everything under `x`.
    candidates = {pattern, pattern.removeprefix("**/")}
    if pattern.endswith("/**"):
        candidates.add(pattern[:-3])
        candidates.add(pattern.removeprefix("**/")[:-3] if pattern.startswith("**/") else pattern[:-3])
    parts = relative.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatchcase(prefix, c) for c in candidates for prefix in prefixes)


def any_matches(patterns, path: str, root: Path) -> bool:
    if path == "-" or not patterns:
        return False
    relative = relative_posix(path, root)
    return relative is not None and any(glob_matches(p, relative) for p in patterns)
