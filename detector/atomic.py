"""Write output files all at once or not at all.

Every file propalint writes (reports, `-o` of check and batch, baselines) goes to a temporary
file in the same folder, is flushed to disk, then renamed over the target. A rename within
one folder is atomic, so a run killed midway (Ctrl-C, OOM killer, CI timeout) leaves either
the old file or the new one, never a half-written mix a later step would misread.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager


class AtomicFile:
    """A text stream to a temporary sibling of `path`; `commit()` renames it into place.

    A lone surrogate (a file name that is not valid UTF-8, a JSON ``\\ud800`` in batch
    input) cannot be encoded; it is written as its backslash escape, which inside a JSON
    string is the JSON escape of the very same character, instead of failing the run.
    """

    def __init__(self, path: str, *, encoding: str = "utf-8", newline: str | None = "\n"):
        self.target = os.path.realpath(path)  # write through a symlink rather than replace it
        self.direct = _is_special(self.target)  # /dev/null, a FIFO: nothing to protect, no rename possible
        if self.direct:
            self.stream = open(self.target, "w", encoding=encoding, newline=newline, errors="backslashreplace")
            self.temp = None
            return
        folder, name = os.path.split(self.target)
        fd, self.temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
        try:
            os.chmod(self.temp, _mode_for(self.target))
            self.stream = open(fd, "w", encoding=encoding, newline=newline, errors="backslashreplace")
        except BaseException:
            os.close(fd)
            os.unlink(self.temp)
            raise

    def commit(self) -> None:
        if self.stream.closed:
            return
        self.stream.flush()
        if self.temp is not None:
            os.fsync(self.stream.fileno())
        self.stream.close()
        if self.temp is not None:
            os.replace(self.temp, self.target)

    def discard(self) -> None:
        if not self.stream.closed:
            self.stream.close()
        if self.temp is not None and os.path.exists(self.temp):
            os.unlink(self.temp)


@contextmanager
def atomic_open(path: str, *, encoding: str = "utf-8", newline: str | None = "\n"):
    """`with atomic_open(p) as fh:` writes p in full when the block ends normally, and not at all otherwise."""
    out = AtomicFile(path, encoding=encoding, newline=newline)
    try:
        yield out.stream
    except BaseException:
        out.discard()
        raise
    out.commit()


def write_text(path: str, text: str, *, encoding: str = "utf-8") -> None:
    with atomic_open(path, encoding=encoding) as fh:
        fh.write(text)


def _is_special(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False


def _mode_for(path: str) -> int:
    """Keep the permissions of the file being replaced; a new file gets the usual umask ones."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
