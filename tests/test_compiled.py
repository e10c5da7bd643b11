"""The opt-in compiled build (scripts/build_mypyc.py): which files it makes, when they are
stale, and the Python behaviours mypyc would change that the compiled modules must avoid.
scripts/test-compiled.sh runs the whole suite against a compiled copy."""

from __future__ import annotations

import importlib.machinery
import os
import re
from pathlib import Path

from detector import compiled

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def test_compiled_modules_never_call_str_lower_themselves():
    # mypyc lowers a final capital sigma to "σ", Python to "ς": detector.text.case.lower is the
    # Python one, and it must stay interpreted
    assert "detector.text.case" not in compiled.COMPILED_MODULES
    for name in compiled.COMPILED_MODULES:
        source = ROOT.joinpath(*name.split(".")).with_suffix(".py").read_text(encoding="utf-8")
        code = re.sub(r'""".*?"""|#[^\n]*', "", source, flags=re.S)
        assert ".lower()" not in code, f"{name} calls str.lower; use detector.text.case.lower"


def test_case_lower_is_pythons_lower():
    from detector.text.case import lower

    assert lower("ΟΔΟΣ ΑΣ") == "οδος ας" and lower("İ") == "i̇"


def test_a_build_older_than_its_source_is_stale(tmp_path):
    source = tmp_path / "detector" / "engine" / "context.py"
    source.parent.mkdir(parents=True)
    source.write_text("x = 1\n")
    built = source.with_name("context" + SUFFIX)
    built.write_bytes(b"")
    shared = tmp_path / (compiled.SHARED_LIBRARY + "__mypyc" + SUFFIX)
    shared.write_bytes(b"")
    (tmp_path / "detector" / "engine" / "context.txt").write_text("not an extension")
    assert sorted(compiled.compiled_files(tmp_path)) == sorted([built, shared])
    os.utime(source, (1_000_000, 1_000_000))
    assert compiled.stale(tmp_path) == []
    os.utime(source, (2_000_000_000, 2_000_000_000))  # edited after the build
    assert compiled.stale(tmp_path) == [os.path.join("detector", "engine", "context.py")]


def test_every_compiled_module_exists_and_the_tracer_base_stays_python():
    for name in compiled.COMPILED_MODULES:
        assert ROOT.joinpath(*name.split(".")).with_suffix(".py").is_file(), name
    assert "detector.engine.reference" not in compiled.COMPILED_MODULES
