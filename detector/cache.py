"""An on-disk cache of what is slow to rebuild and never changes for the same inputs.

Three things are kept, all keyed so that a stale entry can never be used:
- loaded rule sets, keyed by the engine's source code and the path and bytes of every pack file;
- compiled programs (a rule set's rules of one language, ready to run), keyed by their rule
  set's key and the rules they run;
- lemmas already asked of simplemma, keyed by language and simplemma's version, so a
  short check need not load simplemma's dictionaries at all (an SQLite file read word by
  word, see ``detector/text/lemma_store.py``; the rest are pickles).

The cache lives in ``$PROPALINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/propalint``, else
``~/.cache/propalint``; ``PROPALINT_NO_CACHE=1`` turns it off. Files are written to a
temporary name and renamed, so concurrent processes never read a half-written file. Any
failure to read or write the cache is ignored: it only ever saves time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from detector import __version__

FORMAT = 1  # bump when what is pickled changes shape


def cache_dir() -> Path | None:
    if os.environ.get("PROPALINT_NO_CACHE"):
        return None
    base = os.environ.get("PROPALINT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "propalint" if xdg else Path.home() / ".cache" / "propalint"


# The packages whose classes are pickled (rules, compiled patterns, lexicon automata, tokens).
_PICKLED_CODE = ("engine", "rules", "text")
_code_digest: str | None = None


def code_digest() -> str:
    """A digest of the source of the packages whose objects are pickled, so that a pickle
    written by other code (an edited checkout, another release) is never read back."""
    global _code_digest
    if _code_digest is None:
        root = Path(__file__).resolve().parent
        digest = hashlib.sha256()
        for package in _PICKLED_CODE:
            for path in sorted((root / package).rglob("*.py")):
                digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
                digest.update(path.read_bytes())
        _code_digest = digest.hexdigest()
    return _code_digest


def files_key(kind: str, roots: list[Path]) -> str:
    """A digest of every file under the roots (path and bytes), the engine's code and kind."""
    digest = hashlib.sha256(f"{kind}\0{FORMAT}\0{__version__}\0{code_digest()}\0".encode())
    for root in roots:
        root = Path(root).resolve()
        digest.update(f"root\0{root}\0".encode())
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            if path.suffix not in (".yaml", ".yml", ".txt"):
                continue
            try:
                data = path.read_bytes()
            except OSError:
                data = b"\0unreadable"
            digest.update(f"{path.relative_to(root) if path != root else path.name}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()[:32]


def program_key(ruleset_key: str, lang: str, preview: bool, rule_ids: list[str]) -> str:
    """The name of a compiled program: its rule set's key, its language and the rules it runs
    (a selection or a --preview compiles other rules from the same packs)."""
    from detector.compiled import compiled_now

    # a compiled build's classes pickle their state their own way: never share with pure Python
    digest = hashlib.sha256(f"{ruleset_key}\0{lang}\0{preview}\0{compiled_now()}\0".encode())
    digest.update("\0".join(rule_ids).encode())
    return f"program-{digest.hexdigest()[:32]}.pickle"


def path(name: str) -> Path | None:
    """Where a cache file lives, its folder made; None when caching is off or the folder
    cannot be made. `store` writes pickles there; the lemma store its SQLite file."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / name


_freeze_loads = False


def freeze_loads() -> None:
    """From now on, `load` hands what it reads back (and all the process holds so far) to
    ``gc.freeze``: the collector never walks it again.

    Rules and programs live as long as the process, yet the first collections after a load
    walk them all, about 13 ms of a short `check`. Only for processes of our own (the
    command line); library callers keep their collector as it is."""
    global _freeze_loads
    _freeze_loads = True


def load(name: str):
    folder = cache_dir()
    if folder is None:
        return None
    # Unpickling a program makes tens of thousands of objects, all kept: the collections they
    # trigger find nothing to free and cost more than the unpickling (about 35 ms a program).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(folder / name, "rb") as fh:
            value = pickle.load(fh)
    except Exception:  # missing, truncated, from another Python: rebuild instead
        return None
    finally:
        if _freeze_loads:
            gc.freeze()
        if collecting:
            gc.enable()
    return value


def store(name: str, value) -> None:
    target = path(name)
    if target is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        _prune(target.parent, name)
    except Exception:
        try:
            os.unlink(tmp)
        except Exception:
            pass


KEEP = 16  # entries of one kind kept; older ones (other checkouts, older packs) are removed


def _prune(folder: Path, name: str) -> None:
    """Keep the cache from growing without bound: every edited pack makes a new key."""
    kind = name.split("-", 1)[0]
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
