"""What the management commands share: reading a date argument and a UTF-8 input file."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError


def parse_date(value, where: str) -> date:
    """A YYYY-MM-DD date, or a CommandError that says where the bad value came from."""
    try:
        return date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        raise CommandError(f"{where}: not a date in the form YYYY-MM-DD: {value!r}") from None


def read_input(path: str) -> str:
    """The whole text of a UTF-8 file, or of standard input for "-"."""
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise CommandError(f"{path}: {e.strerror}") from None


def jsonl_objects(path: str) -> Iterator[tuple[int, dict]]:
    """(line number, object) for every non-empty line of a JSON Lines file ("-": stdin); a line that is not
    a JSON object is a CommandError that names it."""
    for n, line in enumerate(read_input(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            raise CommandError(f"{path} line {n}: bad JSON ({e.msg})") from None
        if not isinstance(d, dict):
            raise CommandError(f"{path} line {n}: not a JSON object")
        yield n, d
