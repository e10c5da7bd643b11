"""Compile the detector's hot modules with mypyc, in place: an opt-in, faster propalint.

usage: .venv/bin/pip install -e '.[compile]'      # the pinned compiler (mypyc ships with mypy)
       .venv/bin/python scripts/build_mypyc.py     # compile (about a minute, needs gcc)
       .venv/bin/python scripts/build_mypyc.py --clean   # back to pure Python

The extension modules land next to their .py files, and Python imports an extension module
before a source file of the same name: after editing one of these modules, compile again or
clean, or the old compiled code keeps running (propalint warns when a compiled module is
older than its source; see detector/compiled.py). The output is the same byte for byte;
scripts/test-compiled.sh checks it and runs the test suite against a compiled copy.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from detector.compiled import COMPILED_MODULES, SHARED_LIBRARY, compiled_files  # noqa: E402


def clean() -> int:
    for path in compiled_files(ROOT):
        path.unlink()
    return 0


def build() -> int:
    from mypyc.build import mypycify  # imported here: --clean needs no compiler
    from setuptools import setup

    sources = [f"{name.replace('.', '/')}.py" for name in COMPILED_MODULES]
    setup(
        name="propalint-compiled",
        packages=[],
        py_modules=[],
        ext_modules=mypycify(["--config-file", str(ROOT / "mypyc.ini"), *sources],
                             opt_level="3", group_name=SHARED_LIBRARY),
        script_args=["build_ext", "--inplace", "--build-temp", str(ROOT / "build" / "mypyc")],
    )
    # setuptools copies each extension with the time it was linked, and relinks only those
    # whose C changed: after an edit, a module's small stub keeps its old time and would be
    # reported stale (see detector/compiled.py) though the code it loads is new
    now = time.time()
    for path in compiled_files(ROOT):
        os.utime(path, (now, now))
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)  # mypycify takes paths relative to the checkout
    sys.exit(clean() if sys.argv[1:] == ["--clean"] else build())
