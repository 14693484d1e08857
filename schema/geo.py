"""City names: one canonical Chinese name and a tier for every spelling of a known city.

The gazetteer is ``schema/cities.yaml``. ``normalize_city("Shanghai")`` gives ``("上海", 1)``;
an address such as "广东省深圳市南山区" or "Pudong, Shanghai" finds its city too; an unknown
city is kept as given with no tier. Only the standard library is imported at module load
(PyYAML when the gazetteer is first needed), so the planner can import this cheaply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tools.user_cache import parsed_file

GAZETTEER_PATH = Path(__file__).with_name("cities.yaml")

# Mainland provinces and regions, stripped from the front of an address before the city is looked up.
_PROVINCE_PREFIX = re.compile(
    r"^(?:中国|中华人民共和国)?"
    r"(?:(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南"
    r"|陕西|甘肃|青海|台湾)省?|(?:内蒙古|广西|西藏|宁夏|新疆)(?:[\u4e00-\u9fff]{0,3}自治区)?)"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SEPARATORS = re.compile(r"[,，/;；|·]+")


class GazetteerError(ValueError):
    """cities.yaml is unusable; the message names the entry."""


@dataclass(frozen=True)
class City:
    name: str                  # canonical Chinese name: 上海
    en: str                    # Shanghai
    province: str | None       # 上海 (mainland, HK, Macau, Taiwan); None abroad
    country: str               # 中国 unless given
    tier: int | None           # 1..5, None outside the mainland tier scale
    new_tier1: bool = False    # one of the fifteen 新一线 cities (stored as tier 2)


def normalize_city(raw: str | None) -> tuple[str | None, int | None]:
    """The canonical Chinese name and tier of a city, as users.city / users.city_tier hold them.

    Args:
        raw: a city as given: "上海", "上海市", "Shanghai", "shanghai shi", "沪", an address
            ("广东省深圳市南山区", "Pudong, Shanghai, China").

    Returns:
        ``("上海", 1)`` for a known city; ``(raw stripped, None)`` for an unknown one;
        ``(None, None)`` for an empty value.

    Example:
        >>> normalize_city("Shanghai")
        ('上海', 1)
    """
    if raw is None or not str(raw).strip():
        return None, None
    city = city_info(raw)
    if city is None:
        return " ".join(str(raw).split()), None
    return city.name, city.tier


def city_info(raw: str | None) -> City | None:
    """The gazetteer entry a city name or address refers to, or None."""
    if raw is None:
        return None
    text = " ".join(str(raw).split())
    if not text:
        return None
    gazetteer = _gazetteer()
    exact = gazetteer.exact.get(_key(text))
    if exact:
        return gazetteer.cities[exact]
    for part in _SEPARATORS.split(text):
        found = _lookup_part(part.strip(), gazetteer)
        if found:
            return gazetteer.cities[found]
    return None


def city_names() -> dict[str, str]:
    """Every alias safe to search for in free text, lowercased, -> canonical Chinese name.

    Includes the Chinese names (with and without 市), English names and pinyin, nicknames
    (魔都, 羊城); leaves out one-character and letter-code abbreviations (京, SH).
    """
    return dict(_gazetteer().text_aliases)


def cities() -> list[City]:
    """Every gazetteer entry, in file order."""
    return list(_gazetteer().cities.values())


def cities_in_tier(tier: int) -> list[str]:
    """Canonical names of the cities of one tier (1..5)."""
    return [city.name for city in cities() if city.tier == tier]


def new_tier1_cities() -> list[str]:
    """The fifteen 新一线 cities (stored with city_tier = 2)."""
    return [city.name for city in cities() if city.new_tier1]


def _lookup_part(part: str, gazetteer: "_Gazetteer") -> str | None:
    if not part:
        return None
    found = gazetteer.exact.get(_key(part))
    if found:
        return found
    if _CJK.search(part):
        # An address: drop the province, then the longest known city name the rest starts with.
        rest = _PROVINCE_PREFIX.sub("", part.replace(" ", ""))
        for name in gazetteer.zh_by_length:
            if rest.startswith(name):
                return gazetteer.zh_names[name]
    return None


def _key(text: str) -> str:
    """Case, spaces, apostrophes, dots and hyphens do not matter: "Xi'an" == "xian" == "XI AN"."""
    return re.sub(r"[\s'’.\-]+", "", text.casefold())


@dataclass
class _Gazetteer:
    cities: dict[str, City]
    exact: dict[str, str]          # _key(alias or short form) -> canonical name
    text_aliases: dict[str, str]   # lowercased alias -> canonical name (no short forms)
    zh_names: dict[str, str]       # Chinese alias -> canonical name, for address prefixes
    zh_by_length: list[str]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _build(parsed_file(GAZETTEER_PATH, _parse))


def _parse() -> object:
    import yaml  # only when a city is first looked up, and the file is not in the user cache

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(GAZETTEER_PATH.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"{GAZETTEER_PATH}: cannot load the city gazetteer ({exc})") from None


def _build(data: object) -> _Gazetteer:
    if not isinstance(data, dict):
        raise GazetteerError(f"{GAZETTEER_PATH}: expected a mapping of city name -> details")
    cities: dict[str, City] = {}
    exact: dict[str, str] = {}
    text_aliases: dict[str, str] = {}
    zh_names: dict[str, str] = {}

    def claim(alias: str, name: str, *, searchable: bool) -> None:
        key = _key(alias)
        owner = exact.get(key)
        if owner is not None and owner != name:
            raise GazetteerError(f"{GAZETTEER_PATH}: alias '{alias}' is given to both {owner} and {name}")
        exact[key] = name
        if searchable:
            text_aliases[" ".join(alias.casefold().split())] = name
            if _CJK.search(alias):
                zh_names[alias] = name

    for name, spec in data.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("en"), str):
            raise GazetteerError(f"{GAZETTEER_PATH}: city {name}: needs at least an 'en' name")
        tier = spec.get("tier")
        if tier is not None and tier not in (1, 2, 3, 4, 5):
            raise GazetteerError(f"{GAZETTEER_PATH}: city {name}: tier must be 1..5 or null, not {tier!r}")
        cities[name] = City(
            name=name, en=spec["en"], province=spec.get("province"), country=spec.get("country", "中国"),
            tier=tier, new_tier1=bool(spec.get("new_tier1", False)),
        )
        en = spec["en"]
        for alias in (name, name + "市", en, f"{en} shi", f"{en} city", *spec.get("aliases", [])):
            claim(str(alias), name, searchable=True)
        for alias in spec.get("short", []):
            claim(str(alias), name, searchable=False)
    return _Gazetteer(
        cities=cities, exact=exact, text_aliases=text_aliases, zh_names=zh_names,
        zh_by_length=sorted(zh_names, key=len, reverse=True),
    )
