"""Which modules `scripts/build_mypyc.py` compiles, and whether this checkout runs them compiled.

Compiling is opt-in: the pure-Python modules are the reference, and the compiled ones must
give the same output byte for byte (scripts/test-compiled.sh). `engine.reference` stays
Python: `explain --trace` subclasses its matcher, and compiled classes cannot be subclassed
from Python.
"""

from __future__ import annotations

import importlib.machinery
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_extensions import mypyc_attr
else:
    def mypyc_attr(*_flags, **_attributes):
        """Run as Python, this decorator changes nothing; mypyc reads it when it compiles."""
        return lambda cls: cls

# Pickled classes: a compiled class calls its __init__ whenever it is made, also when pickle
# makes one, so the programs in the cache could not be read back (the load failed quietly
# and every compiled process compiled its packs again). The program cache's classes are
# declared `@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)`: serializable,
# so pickle may make one without __init__; and, because with mypyc 2.4.1 a serializable class
# called from Python skips __init__ too, allowing interpreted subclasses, which restores the
# call. No such subclass exists.

COMPILED_MODULES = (
    "detector.text.scanner",
    "detector.text.positions",
    "detector.text.tokenizer",
    "detector.text.segment",
    "detector.text.quotes",
    "detector.text.lemmas",
    "detector.text.langid",
    "detector.engine.context",
    "detector.engine.fastmatch",
    "detector.engine.anchors",
    "detector.engine.tokenpattern",
    "detector.engine.lexicon",
    "detector.engine.repetition",
    "detector.engine.regex_rule",
    "detector.engine.program",
    "detector.engine.filters",
    "detector.engine.phrase",
    "detector.engine.cooccurrence",
    "detector.explain.hit",
)
SHARED_LIBRARY = "propalint_native"  # mypyc's runtime for the modules above, one file

_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def is_compiled(function) -> bool:
    """Whether ``function`` runs as compiled code (mypyc builds a function of a compiled
    module as a built-in), for the few loops that only pay off compiled."""
    return not isinstance(function, types.FunctionType)


def compiled_files(root: Path) -> list[Path]:
    """The extension files of a build in the checkout at ``root``."""
    found = [path for path in root.glob(f"{SHARED_LIBRARY}*") if path.name.endswith(_SUFFIXES)]
    for name in COMPILED_MODULES:
        module = root.joinpath(*name.split("."))
        found += [path for path in module.parent.glob(f"{module.name}.*") if path.name.endswith(_SUFFIXES)]
    return found


def compiled_now() -> list[str]:
    """The modules of COMPILED_MODULES imported so far that run compiled code."""
    return [name for name in COMPILED_MODULES
            if name in sys.modules and str(getattr(sys.modules[name], "__file__", "")).endswith(_SUFFIXES)]


def stale(root: Path) -> list[str]:
    """Compiled modules older than their source: edits that are not running."""
    out = []
    for path in compiled_files(root):
        source = path.with_name(path.name.split(".", 1)[0] + ".py")
        if source.exists() and source.stat().st_mtime > path.stat().st_mtime:
            out.append(str(source.relative_to(root)))
    return out
