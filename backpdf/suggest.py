"""Did-you-mean: the one way every error names a near miss.

Unknown exercise ids, template ids, condition ids, layout names, YAML keys and enum values
all get the same wording, so staff learn one shape of message: "... 'brid-dog'; did you
mean 'bird-dog'?".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(given: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to `n` known names that look like `given`, best first."""
    return difflib.get_close_matches(str(given), [str(k) for k in known], n=n, cutoff=0.6)


def did_you_mean(given: str, known: Iterable[str], otherwise: str = "") -> str:
    """"; did you mean 'bird-dog'?" for a near miss, else "; " + `otherwise` (or "")."""
    matches = close_matches(given, known)
    if matches:
        return "; did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
    return f"; {otherwise}" if otherwise else ""


def unknown(what: str, given: str, known: Iterable[str], listing_hint: str) -> str:
    """"unknown exercise 'brid-dog'; did you mean 'bird-dog'?" """
    return f"unknown {what} '{given}'" + did_you_mean(given, known, listing_hint)
