"""Every broken or hostile pack under bad/ is refused at load time with its exact errors.

Each pack is a folder with pack.yaml and rule files, and `expected.txt`: the exact
`file:line:column: message` lines the loader must report, paths relative to bad/. Files too
large to keep in the repository are written at test time from `make.txt`, one recipe a
line: `PATH COUNT "TEXT"` appends TEXT (a JSON string) COUNT times to PATH.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from detector.rules.loader import load_rules

BAD = Path(__file__).parent / "bad"
PACKS = sorted(p.name for p in BAD.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A copy of bad/ (links kept as links), so generated files never land in the repository."""
    root = tmp_path_factory.mktemp("packs") / "bad"
    shutil.copytree(BAD, root, symlinks=True, ignore=shutil.ignore_patterns("expected.txt"))
    return root


def build(pack: Path) -> None:
    recipe = pack / "make.txt"
    if not recipe.exists():
        return
    for line in recipe.read_text(encoding="utf-8").splitlines():
        path, count, text = line.split(" ", 2)
        target = pack / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "a", encoding="utf-8", newline="") as fh:
            fh.write(json.loads(text) * int(count))
    recipe.unlink()


def test_the_suite_is_large_enough():
    assert len(PACKS) >= 30


@pytest.mark.parametrize("name", PACKS)
def test_bad_pack_is_refused_with_its_exact_errors(name, workspace, monkeypatch):
    pack = workspace / name
    build(pack)
    monkeypatch.chdir(workspace)  # messages name pack files relative to the working folder
    ruleset = load_rules([name], include_default=False, use_cache=False)
    expected = (BAD / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(e) for e in ruleset.errors] == expected
    # whatever loaded came from inside the pack, and nothing ran
    assert all(r.path.resolve().is_relative_to(pack.resolve()) for r in ruleset.rules)
    assert not (workspace / "PWNED").exists()  # no tag got to run a command
