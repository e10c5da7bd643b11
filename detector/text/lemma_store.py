"""Lemmas simplemma gave in earlier runs, kept in an SQLite file (one per language and
simplemma version; ``detector/cache.py`` decides the folder).

A run reads back only the words it meets. A memo read whole would make every short check
slower the more articles were linted before it (33,000 words took 50 ms to unpickle here,
the 300,000 kept at most would take half a second); an indexed look-up costs the same for
any size. SQLite also lets batch processes that finish together add their words without
overwriting each other's.

Any SQLite error turns the store off for the rest of the run: it only ever saves time.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

QUERY_SIZE = 500  # words per query, well under SQLite's limit on bound parameters
WAIT = 5.0  # seconds to wait while another process writes


class LemmaStore:
    def __init__(self, path: Path):
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = -1
        self.broken = False

    def _open(self) -> sqlite3.Connection | None:
        if self.broken:
            return None
        # a connection must not cross a fork (SQLite's rule): a forked worker opens its own
        if self._connection is None or self._pid != os.getpid():
            try:
                # private like the other cache files: it lists words of the articles linted
                os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
                connection = sqlite3.connect(self.path, timeout=WAIT)
                connection.execute("CREATE TABLE IF NOT EXISTS lemmas (norm TEXT PRIMARY KEY, lemma TEXT NOT NULL)")
                connection.commit()
            except (OSError, sqlite3.Error):
                self.broken = True
                return None
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def lookup(self, norms: Iterable[str]) -> dict[str, str]:
        """The stored lemmas of those of `norms` the store holds."""
        connection = self._open()
        if connection is None:
            return {}
        words = list(norms)
        found: dict[str, str] = {}
        try:
            for first in range(0, len(words), QUERY_SIZE):
                part = words[first : first + QUERY_SIZE]
                marks = ",".join("?" * len(part))
                found.update(connection.execute(f"SELECT norm, lemma FROM lemmas WHERE norm IN ({marks})", part))
        except sqlite3.Error:
            self.broken = True
            return {}
        return found

    def add(self, lemmas: dict[str, str], limit: int) -> None:
        """Store new (norm, lemma) pairs, up to `limit` words in all; words already stored stay."""
        connection = self._open()
        if connection is None or not lemmas:
            return
        try:
            # rowids count up from 1 and nothing is deleted: the largest is the number of words
            connection.executemany(
                "INSERT OR IGNORE INTO lemmas (norm, lemma) SELECT ?, ?"
                " WHERE coalesce((SELECT max(rowid) FROM lemmas), 0) < ?",
                [(norm, lemma, limit) for norm, lemma in lemmas.items()])
            connection.commit()
        except sqlite3.Error:
            self.broken = True

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None
