"""Shared fixtures: the bundled library, a clinic profile, and a CLI runner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from backpdf.cli import cli
from backpdf.library_file import load_library
from backpdf.model import Clinic

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests must not read or fill the user's cache of libraries that passed their checks."""
    import os

    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = previous
VIDEO_BASE = "https://clinic.example/videos/"


@pytest.fixture(scope="session")
def library():
    return load_library()


@pytest.fixture(scope="session")
def clinic():
    return Clinic(name="Riverside Physio", phone="555-0100", video_base_url=VIDEO_BASE)


@pytest.fixture
def clinic_file(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.yaml"
    path.write_text(f"name: Riverside Physio\nphone: 555-0100\nvideo_base_url: {VIDEO_BASE}\n")
    return path


@pytest.fixture
def run(monkeypatch, tmp_path):
    """Invoke the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    monkeypatch.delenv("BACKPDF_CLINIC", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    def invoke(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


# Property tests: a fixed-seed profile for CI and a long one for soak runs
# (HYPOTHESIS_PROFILE=long pytest tests/test_properties.py).
from hypothesis import HealthCheck, settings  # noqa: E402

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=300, derandomize=True, deadline=None,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.register_profile("long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "ci"))
