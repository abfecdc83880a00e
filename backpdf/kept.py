"""Work kept on disk between runs: files in backpdf's cache folder, named by a digest.

A fresh `backpdf generate` is one process making one handout, so anything it computes the
same way every time (a QR matrix, a drawn picture's PDF operators, a font's metrics) is
worth keeping. Every entry is named by a SHA-256 of everything its content depends on, so a
changed input is simply a different name and nothing is ever invalidated. Best effort both
ways: a read-only or full cache folder only means computing again, a damaged entry is
ignored by its reader (which checks what it reads) and written again. Entries hold data
only (text, JSON, raw numbers), never anything that is executed or unpickled.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from backpdf import places


def entry_path(kind: str, key: str) -> Path:
    """Where the entry for `key` is kept: `kind/` (qr, pictures, ...) in the cache folder,
    under a digest of the key (keys may be long or hold any character)."""
    return places.cache_dir() / kind / hashlib.sha256(key.encode()).hexdigest()


def read(kind: str, key: str) -> bytes | None:
    """The bytes kept for `key`, or None when there are none."""
    try:
        return entry_path(kind, key).read_bytes()
    except OSError:
        return None


def keep(kind: str, key: str, data: bytes) -> None:
    """Keep `data` for `key`, written to a temporary name first so that a reader (another
    batch worker, say) never sees half an entry."""
    path = entry_path(kind, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")  # workers may race
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        pass
