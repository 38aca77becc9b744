"""Addresses: kept down to the county or district, everything below removed (SPC
法释〔2016〕19号 art. 10: 删除自然人家庭住址信息时，保留至县级行政区划).

The administrative part is read with a gazetteer: the mainland's provinces, prefectures
and counties from GB/T 2260 (the table python-stdnum ships for resident ID numbers),
in Simplified and Traditional; Hong Kong's regions and 18 districts, Macau's parishes,
Taiwan's cities and counties and their districts (區、鄉、鎮、市 after a city or
county). What follows the county — a town, a road, a number, an estate, a building, a
room — is removed. UK addresses lose the house number, the street and the postcode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.anonymize.script import script_variants
from app.places import PROVINCE_SUFFIXES, TAIWAN_CITIES

PROVINCE, PREFECTURE, COUNTY = 1, 2, 3

_C = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SKIP = {"市辖区", "郊区", "城区", "矿区", "县", "区", "市", "新区", "省直辖县级行政区划"}

_HONG_KONG = {
    PROVINCE: ("香港", "香港特别行政区"),
    PREFECTURE: ("香港岛", "九龙", "新界"),
    COUNTY: [
        "中西区",
        "湾仔区",
        "湾仔",
        "东区",
        "南区",
        "油尖旺区",
        "油尖旺",
        "深水埗区",
        "深水埗",
        "九龙城区",
        "九龙城",
        "黄大仙区",
        "黄大仙",
        "观塘区",
        "观塘",
        "葵青区",
        "葵青",
        "荃湾区",
        "荃湾",
        "屯门区",
        "屯门",
        "元朗区",
        "元朗",
        "北区",
        "大埔区",
        "大埔",
        "沙田区",
        "沙田",
        "西贡区",
        "西贡",
        "离岛区",
        "离岛",
    ],
}
_MACAU = {
    PROVINCE: ("澳门", "澳门特别行政区"),
    PREFECTURE: ("澳门半岛",),
    COUNTY: [
        "花地玛堂区",
        "圣安多尼堂区",
        "大堂区",
        "望德堂区",
        "风顺堂区",
        "嘉模堂区",
        "圣方济各堂区",
        "氹仔",
        "路环",
        "路氹城",
    ],
}
_TAIWAN = {
    PROVINCE: ("台湾", "台湾省"),
    PREFECTURE: list(TAIWAN_CITIES),
}


@dataclass(frozen=True)
class Gazetteer:
    levels: dict[str, int]
    taiwan: frozenset[str]
    longest: int


def _loc_dat() -> Path:
    import stdnum.cn

    return Path(stdnum.cn.__file__).with_name("loc.dat")


_NAME = re.compile(r"(?:\[[^\]]*\])?([^,\[\]]+)")


@cache
def gazetteer() -> Gazetteer:
    """Every administrative name down to county level, each in every script."""
    levels: dict[str, int] = {}

    def add(name: str, level: int) -> None:
        if name in _SKIP or "直辖" in name or len(name) < 2:
            return
        for form in script_variants(name):
            if levels.get(form, 99) > level:
                levels[form] = level

    for line in _loc_dat().read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        indented = line.startswith(" ")
        code, _, props = line.strip().partition(" ")
        value = props.partition('="')[2].rstrip('"')
        for name in _NAME.findall(value):
            if not indented:
                add(name, PROVINCE)
                for suffix in PROVINCE_SUFFIXES:
                    if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                        add(name[: -len(suffix)], PROVINCE)
                        break
            elif code == "0000":
                add(name, PROVINCE)
            elif code.endswith("00"):
                add(name, PREFECTURE)
            else:
                add(name, COUNTY)
    for table in (_HONG_KONG, _MACAU, _TAIWAN):
        for level, names in table.items():
            for name in names:
                add(name, level)
    taiwan = frozenset(form for name in _TAIWAN[PREFECTURE] for form in script_variants(name))
    return Gazetteer(levels, taiwan, max(len(name) for name in levels))


_TW_DISTRICT = re.compile(f"[{_C}]{{1,3}}?[區区鄉乡鎮镇市]")
_COUNTY_FALLBACK = re.compile(f"[{_C}]{{1,4}}?[区區县縣旗]")


def admin_end(text: str, start: int = 0) -> int:
    """Where the administrative part of an address that begins at ``start`` ends: after
    the county (district) if there is one, else after the last level found; ``start``
    when no administrative name begins there."""
    places = gazetteer()
    pos, level, taiwan = start, 0, False
    while pos < len(text):
        found = None
        for length in range(min(places.longest, len(text) - pos), 1, -1):
            candidate = text[pos : pos + length]
            found_level = places.levels.get(candidate)
            if found_level is not None and found_level >= level:
                found = (candidate, found_level)
                break
        if found is None:
            if level == PREFECTURE or (taiwan and level >= PROVINCE):
                fallback = (_TW_DISTRICT if taiwan else _COUNTY_FALLBACK).match(text, pos)
                if fallback:
                    return fallback.end()
            break
        name, level = found
        taiwan = taiwan or name in places.taiwan
        pos += len(name)
        if level == COUNTY:
            break
    return pos


# --- the part below the county, as it is written in free text ---------------------

_NUMBER = r"(?:\d+(?:[-之]\d+)*[A-Za-z]?|[A-Za-z](?=[座栋棟幢室區区]))"
_CN_NUMERAL = "[一二三四五六七八九十两兩]+"
_UNIT = r"(?:号院|號院|号楼|號樓|号|號|栋|幢|棟|座|单元|單元|室|楼|樓|层|層|户|戶|弄|巷|组|組|鄰|邻|铺|舖)"
_STRONG = re.compile(r"栋|幢|棟|座|单元|單元|室|楼|樓|层|層|户|戶|组|組")
_NUM_UNIT = rf"(?:{_NUMBER}{_UNIT}|{_CN_NUMERAL}(?:栋|幢|棟|单元|單元|楼|樓|层|層|组|組)|\d+[Ff](?![A-Za-z]))"
_ROAD = r"(?:大道|大街|路|街|道|巷|弄|胡同)(?:[一二三四五六七八九十]+段|\d+段)?"
_ESTATE = (
    r"(?:小区|小區|花园|花園|公寓|家园|家園|大厦|大廈|苑|新村|社区|社區|村|广场|廣場|大楼|大樓|"
    r"公馆|公館|府|邨|閣|阁|中心|园|園|城|湾|灣|庭|院)"
)
_TOWN = r"(?:街道|镇|鎮|乡|鄉)"
BODY = re.compile(
    rf"(?P<name>[{_C}A-Za-z]{{1,24}}?(?:{_ROAD}|{_ESTATE}|{_TOWN}))?"
    rf"(?P<units>{_NUM_UNIT}(?:(?:[{_C}]{{1,12}}?{_ESTATE})?[-\s]?{_NUM_UNIT})*"
    # "2单元501": the room number after a unit, written without 室.
    rf"(?:(?<=[栋幢棟座单單元楼樓层層])\d{{1,5}}(?![0-9号號年月日元件个個天]))?)"
)
# Where the words before a road name end: an address begins after the last of these.
_STOP = set(
    "的了在是和与與及或于於从從到往寄送住址为為给給向把将將请請您你我他她它们們这這那个個说說就都也又还還已被让讓叫对對发發收退回至由经經，。；：:、,.!?！？（）()【】[]“”\"'「」『』 \n"
)
_COMMON_WORDS = (
    "知道",
    "报道",
    "報道",
    "频道",
    "頻道",
    "通道",
    "渠道",
    "味道",
    "难道",
    "難道",
    "轨道",
    "軌道",
    "车道",
    "車道",
    "管道",
)
_MAX_NAME_WITHOUT_ADMIN = 10


@dataclass(frozen=True)
class AddressSpan:
    """An address found in text: ``kept`` is the administrative part (may be empty),
    ``start``–``end`` is what must go."""

    kept_start: int
    start: int
    end: int


def find_addresses(text: str) -> list[AddressSpan]:
    """Addresses in ``text`` (in normal form): each one's part below the county."""
    found: list[AddressSpan] = []
    for match in BODY.finditer(text):
        units = match.group("units")
        name_start = match.start("name") if match.group("name") else match.start("units")
        if not match.group("name") and len(_STRONG.findall(units)) < 1:
            continue
        if not match.group("name") and len(re.findall(_NUM_UNIT, units)) < 2:
            continue
        begin = name_start
        for index in range(match.start("units") - 1, name_start - 1, -1):
            if text[index] in _STOP:
                begin = index + 1
                break
        name = text[begin : match.start("units")]
        if name and any(name.endswith(word) for word in _COMMON_WORDS):
            continue
        if name == "" and len(re.findall(_NUM_UNIT, units)) < 2:
            continue
        kept_start = start = begin
        for index in range(begin, match.start("units")):
            end_of_admin = admin_end(text, index)
            if end_of_admin > index:
                kept_start, start = index, end_of_admin
                break
        else:
            start = max(begin, match.start("units") - _MAX_NAME_WITHOUT_ADMIN)
            kept_start = start
        if start < match.end():
            found.append(AddressSpan(kept_start, start, match.end()))
    found.extend(_english_addresses(text))
    return found


_EN_STREET = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:Flat|Apt\.?|Apartment|Unit|Suite|Room)\s+[A-Za-z0-9-]+,?\s+)?"
    r"\d{1,5}[A-Za-z]?(?:[-/]\d{1,5})?,?\s+(?:[A-Z][a-z]+\s+){0,3}"
    r"(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr|Close|Way|Place|Pl|Court|Ct|Crescent|"
    r"Terrace|Gardens|Square|Sq|Hill|Row|Grove|Park|Walk|Mews|Boulevard|Blvd|Parade)"
    r"(?![A-Za-z])\.?"
)
_UK_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}(?![A-Za-z0-9])"
)


def _english_addresses(text: str) -> list[AddressSpan]:
    spans = [AddressSpan(m.start(), m.start(), m.end()) for m in _EN_STREET.finditer(text)]
    spans += [AddressSpan(m.start(), m.start(), m.end()) for m in _UK_POSTCODE.finditer(text)]
    return spans


def split_address(address: str) -> tuple[str, list[str]]:
    """A known address as (what a notice may keep, the parts that must go): the
    administrative part down to the county, and the rest (also its road-less tail, so
    "锦绣苑18幢2单元2901室" alone is found too)."""
    text = address.strip()
    english = [m.group(0) for m in (*_EN_STREET.finditer(text), *_UK_POSTCODE.finditer(text))]
    if english:
        return "", english
    end = admin_end(text, 0)
    rest = text[end:].strip(" ,，")
    parts = [rest] if rest else []
    road = re.search(_ROAD + r"\s*" + _NUM_UNIT, rest)
    if road and len(rest) - road.end() >= 4:
        parts.append(rest[road.end() :].strip(" ,，"))
    if not parts and text and end == 0:
        parts = [text]
    return text[:end], parts
