"""Where backpdf keeps a user's files: its config folder (clinic.yaml, clinic layouts) and
its cache folder (remembered checks), by each platform's convention (platformdirs).

`BACKPDF_CONFIG_DIR` and `BACKPDF_CACHE_DIR` override them, for tests and for clinics that
keep one shared configuration on a network drive.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "backpdf"


def config_dir() -> Path:
    """e.g. ~/.config/backpdf on Linux, ~/Library/Application Support/backpdf on macOS."""
    if os.environ.get("BACKPDF_CONFIG_DIR"):
        return Path(os.environ["BACKPDF_CONFIG_DIR"])
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """e.g. ~/.cache/backpdf on Linux, ~/Library/Caches/backpdf on macOS."""
    if os.environ.get("BACKPDF_CACHE_DIR"):
        return Path(os.environ["BACKPDF_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
