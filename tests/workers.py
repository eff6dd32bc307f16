"""Helpers for tests that run real worker processes against the test database (and Redis).

The processes get the test database's URL, so the tests that use them must commit what they write
(`django_db(transaction=True)`).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")

CITIES = ["Oslo", "Vienna", "Geneva", "Helsinki", "Lisbon", "Nairobi", "Hanoi", "Lima", "Accra", "Doha",
          "Tbilisi", "Muscat", "Dakar", "Quito", "Riga", "Astana", "Manila", "Tunis", "Bern", "Sofia"]
PEOPLE = [("Anna Lindqvist", "Sweden"), ("Marek Novak", "Czech Republic"), ("Ines Duarte", "Portugal"),
          ("Kofi Mensah", "Ghana"), ("Leila Haddad", "Lebanon"), ("Tomas Berzins", "Latvia"),
          ("Sunita Rao", "India"), ("Pablo Ortega", "Chile"), ("Mei Tanaka", "Japan"), ("Omar Farouk", "Egypt")]


def article_text(i: int) -> str:
    """A short, distinct English news story (written for these tests), number i."""
    a, b = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 7 + 3) % len(PEOPLE)]
    if a == b:
        b = PEOPLE[(i + 1) % len(PEOPLE)]
    city = CITIES[i % len(CITIES)]
    return (
        f"Ministers {a[0].split()[1]} and {b[0].split()[1]} meet in {city} (report {i})\n"
        f"The foreign minister of {a[1]}, {a[0]}, met her counterpart from {b[1]}, {b[0]}, in {city} on Monday, "
        f"the ministry said in a statement.\n"
        f"The two ministers held talks on trade and on the visa rules for students, and agreed that their "
        f"officials would meet again before the end of the year. It was meeting number {i} of the series.\n"
    )


def published(i: int) -> date:
    return date(2019, 1 + i % 12, 1 + i % 27)


def database_url() -> str:
    """The test database, as a DATABASE_URL a child process can use."""
    s = connection.settings_dict
    if s["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{s['NAME']}"
    user = s.get("USER") or "postgres"
    auth = f"{user}:{s['PASSWORD']}@" if s.get("PASSWORD") else f"{user}@"
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


def child_env(backend: str = "db", **extra) -> dict:
    env = dict(os.environ)
    env.update({"DATABASE_URL": database_url(), "TASKS_BACKEND": backend, "REDIS_URL": TEST_REDIS_URL,
                "DJANGO_SETTINGS_MODULE": "timeline.settings", "PYTHONUNBUFFERED": "1"})
    env.pop("SECRET_KEY", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(*args: str, backend: str = "db", env: dict | None = None, **popen) -> subprocess.Popen:
    """Start `manage.py ARGS` against the test database, in its own process group."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env or child_env(backend),
        stdout=popen.pop("stdout", subprocess.PIPE), stderr=popen.pop("stderr", subprocess.STDOUT),
        text=True, start_new_session=True, **popen,
    )


def db_worker(*extra: str, env: dict | None = None) -> subprocess.Popen:
    return manage("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", *extra, env=env)


def rq_worker(*extra: str, env: dict | None = None) -> subprocess.Popen:
    return manage("rqworker", *extra, "default", backend="rq", env=env or child_env("rq"))


def kill(proc: subprocess.Popen, sig=signal.SIGKILL) -> None:
    """Kill the process and everything it started, and reap it (a zombie would still look alive)."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


def finish(proc: subprocess.Popen, timeout: float = 180) -> str:
    """Wait for the process to end on its own; its output (it fails the test if it took too long)."""
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(proc)
        out, _ = proc.communicate()
        pytest.fail(f"process did not finish in {timeout} s:\n{out[-3000:]}")
    return out


def wait_for(condition, timeout: float = 120, every: float = 0.1, what: str = "condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def redis_or_skip():
    """A client of the test Redis (db 3), flushed; skips when Redis is down, except in CI where it must be up."""
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as e:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not running at {TEST_REDIS_URL} ({e}); .ci/run starts it")
        pytest.skip(f"Redis is not running at {TEST_REDIS_URL}: start redis-server to run the RQ tests")
    client.flushdb()
    return client
