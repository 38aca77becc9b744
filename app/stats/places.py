"""Where a buyer lives, as the statistics count it: the province and the city (the
prefecture-level unit) read from the start of a free-text address.

The gazetteer is GB/T 2260 as python-stdnum ships it (``stdnum/cn/loc.dat``, the table
the anonymizer reads too), every name in Simplified characters (addresses in Traditional
are read through OpenCC first). Names are canonical: the current official name of each
unit (``浙江省``, ``杭州市``), so ``浙江杭州西湖区…`` and ``浙江省杭州市西湖区…`` count as
the same place.

- The four municipalities (北京、天津、上海、重庆) and the two special administrative
  regions (香港、澳门) are their own city: ``北京市朝阳区…`` is 北京市 / 北京市.
- A county-level city the province administers directly (海南省琼海市, 河南省济源市)
  is its own city.
- Taiwan: 台湾省 and the city or county named first (台北市, 新竹县…).
- An address that does not begin with a place the gazetteer knows — an English address,
  a pickup point, a typo — has no province and no city (counted as "not recognised").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.anonymize.script import to_simplified
from app.places import PROVINCE_SUFFIXES, TAIWAN_CITIES

# GB/T 2260 codes of the units that are their own city.
_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
_SARS = {"81": "香港特别行政区", "82": "澳门特别行政区"}
_SAR_SHORT = {"81": ("香港",), "82": ("澳门",)}
_TAIWAN = "71"
_CITY_SUFFIXES = ("市", "地区", "盟")
# Prefecture-level codes that stand for "the districts of the municipality" or "the
# county-level cities the province administers directly", not a city of their own.
_NOT_A_CITY = re.compile(r"市辖区|^县$|^郊县$|直辖|行政区划")
_ENTRY = re.compile(r"(?:\[([^\]]*)\])?([^,\[\]]+)")
# A leading country name is not part of the place.
_COUNTRY = re.compile(r"^(?:中华人民共和国|中国)\s*")


@dataclass(frozen=True)
class Place:
    """The province and city an address names (either may be unknown)."""

    province: str | None
    city: str | None


NOWHERE = Place(None, None)


@dataclass(frozen=True)
class _Gazetteer:
    provinces: dict[str, str]  # any form of a province's name → province code
    province_names: dict[str, str]  # code → canonical name
    cities: dict[str, dict[str, str]]  # province code → {any form of a city's name → city}
    cities_anywhere: dict[str, tuple[str, str]]  # unambiguous city name → (province, city)
    counties: dict[str, dict[str, str]]  # province code → {county name → city}
    longest: int


def _names(value: str) -> list[tuple[str, bool]]:
    """The names on one line of loc.dat, each with whether it is still in use."""
    found = []
    for period, name in _ENTRY.findall(value):
        current = not period or period.endswith("-")
        found.append((name.strip(), current))
    return found


def _current_name(names: list[tuple[str, bool]]) -> str:
    current = [name for name, in_use in names if in_use]
    return (current or [names[-1][0]])[-1]


def _loc_dat() -> Path:
    import stdnum.cn

    return Path(stdnum.cn.__file__).with_name("loc.dat")


@cache
def _gazetteer() -> _Gazetteer:
    provinces: dict[str, str] = {}
    province_names: dict[str, str] = {}
    cities: dict[str, dict[str, str]] = {}
    counties: dict[str, dict[str, str]] = {}
    prefecture_names: dict[tuple[str, str], str] = {}
    province = ""
    for line in _loc_dat().read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, props = line.strip().partition(" ")
        value = to_simplified(props.partition('="')[2].rstrip('"'))
        names = _names(value)
        if not names:
            continue
        if not line.startswith(" "):
            province = code
            canonical = _SARS.get(code) or _current_name(names)
            province_names[code] = canonical
            cities.setdefault(code, {})
            counties.setdefault(code, {})
            for name, _current in [*names, (canonical, True)]:
                provinces[name] = code
                for suffix in PROVINCE_SUFFIXES:
                    if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                        provinces[name[: -len(suffix)]] = code
                        break
            for short in _SAR_SHORT.get(code, ()):
                provinces[short] = code
            continue
        if code == "0000":
            for name, _current in names:
                provinces.setdefault(name, province)
            continue
        prefecture, county = code[:2], code[2:]
        if county == "00":
            if not any(_NOT_A_CITY.search(name) for name, _ in names):
                prefecture_names[(province, prefecture)] = _current_name(names)
                for name, _current in names:
                    cities[province][name] = _current_name(names)
            continue
        city = prefecture_names.get((province, prefecture))
        for name, _current in names:
            if len(name) < 2 or _NOT_A_CITY.search(name):
                continue
            if province in _MUNICIPALITIES:
                counties[province].setdefault(name, province_names[province])
            elif city is not None:
                counties[province].setdefault(name, city)
            elif name.endswith("市"):
                # A county-level city the province administers directly is its own city.
                cities[province].setdefault(name, _current_name(names))
    for code in _MUNICIPALITIES | set(_SARS):
        cities[code][province_names[code]] = province_names[code]
    for name in TAIWAN_CITIES:
        cities[_TAIWAN][name] = name
    # Short forms (杭州 for 杭州市), and every city reachable without its province.
    anywhere: dict[str, set[tuple[str, str]]] = {}
    for code, table in cities.items():
        for name, city in list(table.items()):
            for suffix in _CITY_SUFFIXES:
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    table.setdefault(name[: -len(suffix)], city)
            if len(name) >= 3:
                anywhere.setdefault(name, set()).add((province_names[code], city))
    cities_anywhere = {
        name: next(iter(found)) for name, found in anywhere.items() if len(found) == 1
    }
    tables: list[dict[str, str]] = [provinces, *cities.values(), *counties.values()]
    longest = max(len(name) for table in tables for name in [*table, *cities_anywhere])
    return _Gazetteer(provinces, province_names, cities, cities_anywhere, counties, longest)


def _longest_match(
    text: str, start: int, names: dict[str, str] | dict[str, tuple[str, str]], longest: int
) -> tuple[str, int] | None:
    for length in range(min(longest, len(text) - start), 1, -1):
        candidate = text[start : start + length]
        if candidate in names:
            return candidate, start + length
    return None


def place_of(address: str | None) -> Place:
    """The province and city at the start of ``address`` (:data:`NOWHERE` if none)."""
    if not address or not address.strip():
        return NOWHERE
    text = _COUNTRY.sub("", to_simplified(address.strip()).replace(" ", ""))
    places = _gazetteer()
    found = _longest_match(text, 0, places.provinces, places.longest)
    anywhere = _longest_match(text, 0, places.cities_anywhere, places.longest)
    # 吉林市… is the city of 吉林市, not the province 吉林 followed by 市.
    if anywhere is not None and (found is None or anywhere[1] > found[1]):
        province, city = places.cities_anywhere[anywhere[0]]
        return Place(province, city)
    if found is None:
        return NOWHERE
    name, position = found
    code = places.provinces[name]
    province = places.province_names[code]
    if code in _MUNICIPALITIES or code in _SARS:
        return Place(province, province)
    in_province = _longest_match(text, position, places.cities[code], places.longest)
    if in_province is not None:
        return Place(province, places.cities[code][in_province[0]])
    county = _longest_match(text, position, places.counties[code], places.longest)
    if county is not None:
        return Place(province, places.counties[code][county[0]])
    return Place(province, None)


def province_names() -> tuple[str, ...]:
    """Every province-level unit's canonical name, in GB/T 2260 order."""
    return tuple(_gazetteer().province_names.values())
