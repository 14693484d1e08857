"""Places a question takes from the database's own data, and countries it cannot filter on.

Cities: the gazetteer (schema/cities.yaml) knows Chinese and a few world cities by every name; a city
the users hold that the gazetteer does not know ("Berlin", "Manchester", "Austin", ingested as given)
is understood by its stored name too, in any case ("users in berlin"), so a question can ask for
every city "revenue by city" lists.

Countries: Persona has no country column. A country the question names ("in the US", "from the UK",
"USA", "Germany", 美国, 英国) is never read as nothing — "us" and "it" are filler as pronouns, so
"how many users in the US" used to answer for everyone. When the users' kept field that holds it is a
queryable category (user_attributes), every name of the country is its value (country_names,
attributes.py); a bare "US" left over is answered with how to say it. When a hidden extra field holds
the country (users.extra ``country`` = US), the answer says so and names the cities whose users are all
in it, which can be asked for instead; otherwise it says Persona keeps no country.

A place that names the shop's own goods is those goods, not a country: a travel agency's "Japan tour" and
日本自由行 make "who booked Japan", "searched for 日本" and "日本自由行卖了多少单" questions about its products
(data_words.lookup finds them, in either language: PLACE_NAMES), so a country is refused only when no
product name or category of the data holds any of its names. A place includes the well-known destinations
inside it (PLACES_WITHIN, a short hand-kept list: Japan's cities and resorts, the islands of an island holiday).
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.planner import lexicon as lx
from agent.planner.spec import Condition
from agent.planner.tokens import Token

# code -> (Chinese names, English names). "US"/"UK" as capitals and "the us"/"the uk" after a place
# preposition are matched by _ABBREVIATION (a bare lower-case "us" is a pronoun).
COUNTRIES = {
    "US": (["美国"], ["united states", "united states of america", "america", "usa", "u.s.a.", "u.s.", "the states"]),
    "GB": (["英国"], ["united kingdom", "britain", "great britain", "england", "u.k."]),
    "CA": (["加拿大"], ["canada"]),
    "AU": (["澳大利亚", "澳洲"], ["australia"]),
    "DE": (["德国"], ["germany"]),
    "FR": (["法国"], ["france"]),
    "JP": (["日本"], ["japan"]),
    "CN": (["中国", "大陆"], ["china", "mainland china"]),
}
# A place by its Chinese and English names (the countries above, regions and travel destinations): a word of
# one found in the data's product names or categories stands for every name of it the data holds (Europe:
# "Europe tour" and 欧洲十日游; data_words.lookup)
PLACE_NAMES = [(zh, en) for zh, en in COUNTRIES.values()] + [
    (["欧洲"], ["europe", "european"]), (["亚洲"], ["asia"]), (["东南亚"], ["southeast asia"]),
    (["泰国"], ["thailand"]), (["韩国"], ["korea", "south korea"]), (["新加坡"], ["singapore"]),
    (["马尔代夫"], ["maldives"]), (["巴厘岛"], ["bali"]), (["普吉岛"], ["phuket"]), (["三亚"], ["sanya"]),
    (["东京"], ["tokyo"]), (["大阪"], ["osaka"]), (["京都"], ["kyoto"]), (["北海道"], ["hokkaido"]),
    (["意大利"], ["italy"]), (["瑞士"], ["switzerland"]), (["巴黎"], ["paris"]), (["罗马"], ["rome"]),
    (["海岛", "岛屿"], ["island", "islands"]), (["滑雪"], ["ski", "skiing"]),
    (["二世谷"], ["niseko"]), (["冲绳"], ["okinawa"]),
]
# Well-known destinations inside a place (by its first English name): a country's goods and searches include
# its cities and resorts ("Japan": 东京 / Kyoto / 北海道 / Niseko …), an island holiday its best-known islands.
# A short hand-kept list, not a gazetteer: a destination not here is matched by its own name only.
PLACES_WITHIN = {"japan": ["tokyo", "osaka", "kyoto", "hokkaido", "niseko", "okinawa"],
                 "island": ["maldives", "bali", "phuket"]}
_ABBREVIATION = re.compile(r"(?<![A-Za-z])(US|UK)(?![A-Za-z])|(?<![a-z])(?:in|from|outside|across|within|of)\s+"
                           r"the\s+(us|uk)(?![a-z])")
_ALSO = {"GB": ["UK", "England", "Britain"], "US": ["USA", "America", "United States"]}


def city_tokens(text: str, cities: tuple[str, ...]) -> list[Token]:
    """Tokens for the data's own cities the gazetteer does not know, said in ``text`` (rank 4, as the
    gazetteer's cities)."""
    pattern, named = _city_re(cities)
    if pattern is None:
        return []
    return [Token(m.start(), m.end(), "cond",
                  {"cond": Condition("city", values=[named[_key(m.group(0))]], words=m.group(0))}, 4)
            for m in pattern.finditer(text)]


@lru_cache(maxsize=8)
def _city_re(cities: tuple[str, ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    from agent.planner.tokens import lx_city_table

    known = lx_city_table()
    named = {_key(city): city for city in cities if city not in known and len(_key(city)) >= 3}
    named = {key: city for key, city in named.items() if not _country_word(key)}
    if not named:
        return None, {}
    return re.compile(lx.phrase_pattern(named)), named


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def _country_word(key: str) -> bool:
    return any(key in (w.lower() for w in zh + en) for zh, en in COUNTRIES.values())


def country_names(value: str) -> tuple[str, ...]:
    """Every name (lower case) of the country ``value`` is a code or a name of ("US": 美国, america, usa, "the us"
    ...), for a kept country field's values (attributes.py); none for anything else."""
    key = _key(value)
    for code, (zh, en) in COUNTRIES.items():
        names = [code.lower(), *zh, *en, *(w.lower() for w in _ALSO.get(code, []))]
        if key in names:
            return tuple(dict.fromkeys(names + _SPOKEN.get(code, [])))
    return ()


# "in the US", "from the UK": a bare "us" is a pronoun, so the code is a name only after "the"
_SPOKEN = {"US": ["the us"], "GB": ["the uk"]}


def same_place(word: str) -> list[str]:
    """Every name (lower case) of the place ``word`` is a name of (PLACE_NAMES) and of the destinations inside
    it (PLACES_WITHIN), itself first; [word] if none."""
    key = _key(word)
    names = _names_of(key)
    inside = PLACES_WITHIN.get(next((name for name in names if name.isascii()), ""), [])
    return list(dict.fromkeys([key, *names, *(name for place in inside for name in _names_of(place))]))


def _names_of(key: str) -> list[str]:
    return next((zh + en for zh, en in PLACE_NAMES if key in zh + en), [])


def countries_said(text: str, written: str, tokens: list[Token], in_data=lambda word: False) -> list[tuple[str, str]]:
    """(the words as written, the country code) of every country ``text`` names outside the tokens'
    spans, but for those ``in_data`` says the shop's goods are named by ("Japan tour": a product, not a
    country). ``written`` is the question with its case kept (same offsets): "US" is a country, "us" not."""
    taken = [(t.start, t.end) for t in tokens]
    found: list[tuple[int, str, str]] = []
    shouting = written.upper() == written   # "HOW MANY USERS IN THE US": capitals say nothing
    for m in _ABBREVIATION.finditer(written):
        if m.group(1) and shouting and not m.group(2):
            continue
        abbr = (m.group(1) or m.group(2)).upper()
        start = m.start(1) if m.group(1) else m.start(2)
        found.append((start, written[start:start + 2], "GB" if abbr == "UK" else "US"))
    for code, (zh, en) in COUNTRIES.items():
        for m in re.finditer(lx.phrase_pattern(zh + en), text):
            found.append((m.start(), written[m.start():m.end()], code))
    free = [(start, said, code) for start, said, code in found
            if not any(a <= start < b for a, b in taken) and not in_data(said)]
    return [(said, code) for _, said, code in sorted(dict.fromkeys(free))]


def country_problems(said: list[tuple[str, str]], data_words) -> list[tuple[str, str]]:
    """(Chinese, English) problems for the countries named: none is a condition Persona can filter on."""
    problems = []
    for words, code in dict.fromkeys(said):
        zh, en = COUNTRIES[code]
        values = [code, *zh, *en, *_ALSO.get(code, [])]
        queryable = next(((field, held) for field, held in data_words.attributes()
                          if held.lower() in {v.lower() for v in values}), None)
        if queryable:
            problems.append(_ask_country_as_said(words, code, queryable[1], [f"users.{queryable[0]}"]))
            continue
        fields = next(((value, where) for value in values if (where := data_words.fields_with(value))), None)
        if fields is None:
            problems.append((f"“{words}”是一个国家；Persona 没有国家字段，请按城市提问（例如“伦敦的用户”）",
                             f"'{words}' is a country; Persona keeps no country for users, ask by city "
                             f"(e.g. 'users in London')"))
            continue
        value, where = fields
        cities = data_words.cities_only_in(where, value)
        problems.append(_kept_country(words, value, where, cities))
    return problems


def _ask_country_as_said(words: str, code: str, value: str, fields: list[str]) -> tuple[str, str]:
    """A country said as a bare code ("in US": "us" is a pronoun too) whose field is queryable: how to say it."""
    zh, en = COUNTRIES[code]
    listed = ", ".join(fields)
    return (f"“{words}”是字段 {listed} 的值“{value}”；请说“{zh[0]}的用户”",
            f"'{words}' is the value '{value}' of {listed}; ask for 'users in {en[0].title()}'")


def _kept_country(words: str, value: str, fields: list[str], cities: list[str]) -> tuple[str, str]:
    """Say that the country is a kept extra field's value, and the cities to ask by instead."""
    from agent.planner.labels import value_label

    listed = ", ".join(fields)
    zh = (f"“{words}”是附加字段 {listed} 的值“{value}”；导入时保留的附加字段不开放查询（可能含有联系方式），"
          f"暂时不能按它筛选")
    en = (f"'{words}' is the value '{value}' of the kept field {listed}; fields kept in extra are hidden from "
          f"queries (they may hold contact details), so it cannot be filtered on yet")
    if cities:
        zh += "；这些用户都在以下城市，可以按城市问：" + "或".join(value_label("city", c, "zh") for c in cities) + "的用户"
        en += ("; its users all live in " + ", ".join(value_label("city", c, "en") for c in cities) +
               ", so ask by city: 'users in " + " or ".join(value_label("city", c, "en") for c in cities) + "'")
    return zh, en
