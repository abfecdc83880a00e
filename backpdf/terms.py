"""The library's fixed vocabulary, importable without loading anything (the CLI's --help
lists these choices and must start fast)."""

AREAS = ("neck", "upper-back", "mid-back", "lower-back")
KINDS = ("strengthening", "stretching", "mobility", "aerobic")
