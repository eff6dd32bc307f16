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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a file, not memory, so that the worker processes some tests start can open it."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _tasks_run_in_process(settings):
    """Tasks run at once in the test's own process (ImmediateBackend); the tests of the real queues
    (tests/test_workers.py) choose the database or RQ backend and start real workers."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
