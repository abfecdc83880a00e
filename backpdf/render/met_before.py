"""Which keys a per-process cache has met in an earlier handout, so it keeps an entry
only from the second handout that needs it: a batch repeats its library's sentences,
cards and streams in every handout, but each patient's name, note and page-1 stream
belong to one handout (where they may be measured several times), and keeping those made
a worker grow by a few kilobytes a handout until its caches were full (about 40 MB more
at 5,000 handouts). `render` calls `next_handout` as it starts each one."""

from __future__ import annotations

from collections.abc import Hashable

_handout = 0


def next_handout() -> None:
    global _handout
    _handout += 1


class MetBefore:
    """A bounded memory of keys (by hash: a met key is not held alive) and the handout
    each was first met in."""

    def __init__(self, limit: int):
        self._limit = limit
        self._met: dict[int, int] = {}

    def again(self, key: Hashable) -> bool:
        """Whether `key` was met in an earlier handout (or another key with its hash: then
        an entry is kept one handout early, which costs memory, never correctness)."""
        digest = hash(key)
        first = self._met.get(digest)
        if first is not None:
            return first != _handout
        if len(self._met) >= self._limit:
            self._met.clear()
        self._met[digest] = _handout
        return False

    def clear(self) -> None:
        self._met.clear()
