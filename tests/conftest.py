"""Shared fixtures: the spaCy pipeline once per session, and the read-only ../shared data when present."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from events.extraction import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def shared_dir():
    """../shared beside the project; tests that need it skip in a clone that has none."""
    if not (SHARED / "corpus" / "seed" / "seed.txt").exists():
        if os.environ.get("CI"):
            pytest.fail("../shared is missing, and CI must have it (tests that read it would be skipped)")
        pytest.skip("../shared is not beside this checkout (it is in CI and on the developers' machines)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir):
    return (shared_dir / "corpus" / "seed" / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Admin tests log users in; the production hasher would spend most of the suite's time hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
