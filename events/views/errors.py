"""The site's own 404 page for a missing article or actor, also in a checkout with DEBUG on.

Django shows its technical 404 page under DEBUG for an Http404; an address that names a row which does
not exist is a normal situation for a reader (a removed article, a mistyped link), not a bug to debug.
"""
from __future__ import annotations

from django.shortcuts import render


class NotFound(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def get_or_not_found(queryset, message: str, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise NotFound(message) from exc


def not_found(request, message: str):
    return render(request, "404.html", {"message": message}, status=404)


def handler404(request, exception=None):
    """Every 404 when DEBUG is off (timeline/urls.py names it)."""
    return not_found(request, "There is nothing at this address.")
