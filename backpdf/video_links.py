"""Which links may become QR codes, and how relative video paths become links.

A QR code on a patient handout is an instruction to open something; only plain web links
with a host are allowed. Everything else (javascript:, data:, file:, credentials, spaces)
is refused with a reason, so a typo in a library never prints a code that does harm.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

PLACEHOLDER_VIDEO_BASE = "https://example.invalid/video/"
_BAD_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")


def link_problem(url: str) -> str | None:
    """Why `url` cannot be printed as a QR code, or None when it is fine."""
    if _BAD_CHARS.search(url):
        return "a link must not contain spaces or control characters"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme + ":" if parts.scheme else "no scheme"
        return f"a link must start with https:// or http:// (got {shown})"
    if parts.username is not None or parts.password is not None:
        return "a link must not contain a user name or password"
    if not parts.hostname:
        return "a link must name a host, like https://clinic.example/videos"
    return None


def is_absolute(video: str) -> bool:
    """True for `scheme:...` values; those are checked as links, not joined to a base."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", video))


def video_url(video: str, base_url: str) -> str:
    """The link a QR code opens: absolute links as given, paths joined to the clinic's base."""
    if is_absolute(video):
        return video
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + quote(video.lstrip("/"), safe="/-_.~")
