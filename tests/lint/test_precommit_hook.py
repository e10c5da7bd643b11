"""The pre-commit hook definition, exercised with `pre-commit try-repo` on throwaway repositories.

pre-commit builds the hook's environment with pip (`language: python`), so this test needs the
package index; it is skipped when pip cannot reach it, and only then.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytest.importorskip("pre_commit")

OFFLINE_SIGNS = ("Could not find a version", "Failed to establish a new connection", "No matching distribution",
                 "Temporary failure in name resolution", "Network is unreachable")


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def hook_repository(target: Path) -> Path:
    """This project's working tree as a one-commit git repository (what a user's rev points at)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    target.mkdir()
    for name in ("pyproject.toml", "setup.py", ".pre-commit-hooks.yaml", "README.md"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, target / name)
    if not (target / "README.md").exists():
        (target / "README.md").write_text("propalint\n", encoding="utf-8")
    shutil.copytree(REPO / "detector", target / "detector", ignore=ignore)
    shutil.copytree(REPO / "rules", target / "rules", ignore=ignore)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "hook")
    return target


def test_try_repo_runs_the_hook_on_staged_articles(tmp_path):
    hooks = hook_repository(tmp_path / "hooks")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "flagged.md").write_text("# News\n\nThe so-called reform failed.\n", encoding="utf-8")
    (articles / "clean.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    (articles / "script.py").write_text("print('so-called reform')\n", encoding="utf-8")
    git(articles, "init", "-q")
    git(articles, "add", "-A")
    env = {key: value for key, value in os.environ.items() if key != "PROPALINT_RULES"}
    # the installed (non-editable) package must find its own rule packs
    env.update({"PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"})
    done = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "propalint", "--all-files"],
                          cwd=articles, env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    if done.returncode != 0 and any(sign in output for sign in OFFLINE_SIGNS):
        pytest.skip("pre-commit could not build the hook environment without network access")
    assert done.returncode == 1, output
    assert "propalint" in output and "Failed" in output
    assert "flagged.md:3:5: doubt [en.doubt.so-called]" in output
    assert "clean.txt:" not in output
    assert "script.py" not in output
    assert "in 2 files" in output  # only the article files were passed to the hook
