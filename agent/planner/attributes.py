"""The shop's own categorical fields of users in a question: "how many family travellers?", "solo travelers",
"travel party: couple", "users with household size 4", 宝宝阶段为1-3岁的妈妈, 家庭出游的用户 (when the data says
family: 家庭 is its Chinese word).

The fields are those ingest found safe and categorical (``user_attributes``, schema/user_attributes.py;
``DataWords.attributes``: the distinct (field, value) pairs). A value is said:

- after its field's name: "travel_party: family", "travel party family", "household size 4",
  "household_size = 4", 宝宝阶段为1-3岁 — the only way for a number or a very short value;
- before words of its field's name: "family travellers", "solo travel party", "pro plan", 家庭出游 (the
  Chinese words of the field's English ones, lexicon.ATTRIBUTE_NAME_WORDS);
- alone, when it is long enough to be a name (two Chinese characters, three letters), is no word that
  names nobody (其他, unknown), is no city, gender or member level the planner reads already, and is no
  store, city or occupation of the data's own columns (a favorite_store 西湖店 that is also an orders.store:
  "西湖店的顾客" bought there; "favorite store 西湖店" is the field): "family customers", "孕期的用户".

A value said in the other language than stored is found by lexicon.ATTRIBUTE_VALUE_WORDS (family = 家庭,
solo = 独自 / 一个人, couple = 情侣 / 夫妻); 亲子 is family only when the data says 亲子. A country (a ``country``
field's US, GB, DE) is said by every name of it (places.country_names: "users in the US", "from the UK",
美国的用户, Germany). Such a word wins
over what it means without the data (family: the family-first value): the shop says who its customers are.

A value is a token of kind ``cond``: Condition("attribute", field=name, values=[the stored value]);
compile.py selects the users with that value, describe.py says "travel_party: family".

Grouping by a field ("按travel_party分布", "travel party 分布", "break down by travel party", "household size
breakdown") is a breakdown, ``group_by`` "attribute:<field>" (users without a value: unknown).
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.planner import lexicon as lx
from agent.planner.places import country_names
from agent.planner.spec import Condition
from agent.planner.tokens import Token, tokenize

# Between a field's name and its value: "household size 4", "travel_party: family", 宝宝阶段为1-3岁
_IS = r"(?:\s*(?:[:：=]|is|of|为|是)\s*|\s+)?"
# Who a value is of, said after it ("family customers", 家庭用户): part of the value's token, as the lexicon's
# own phrases hold them ("family customers": the family-first value)
_PEOPLE = (r"(?:\s*(?:的)?(?:用户|客户|顾客|会员|游客|旅客|人群)|\s+(?:customers?|users?|clients?|members?"
           r"|people|shoppers|buyers|guests|travell?ers)(?![a-z]))?")
# Conditions the users table answers already: a value read as one of them keeps that reading
_OWN_COLUMNS = {"city", "gender", "member_level", "city_tier", "age", "new_tier1"}


GROUP_PREFIX = "attribute:"


def attribute_tokens(text: str, pairs: tuple[tuple[str, str], ...], columns: tuple[str, ...] = ()) -> list[Token]:
    """Tokens for the values of the data's attributes said in ``text`` (rank 0: before the lexicon's readings),
    and for a breakdown by one of their fields (rank 2, as the other breakdowns). ``columns``: the values of the
    data's own columns (stores, cities, occupations), which a value said alone does not take."""
    tokens = _breakdown_tokens(text, tuple(sorted({field for field, _ in pairs})))
    taken = {value.lower() for value in columns}
    for field, value in pairs:
        # each way on its own: the longest said wins (tokens._select)
        for pattern in _value_res(field, value, value.lower() not in taken):
            tokens += [Token(m.start(), m.end(), "cond", {"cond": Condition(
                "attribute", field=field, values=[value], words=m.group(0).strip())}, 0) for m in pattern.finditer(text)]
    return tokens


@lru_cache(maxsize=1024)
def _value_res(field: str, value: str, alone_too: bool) -> tuple[re.Pattern, ...]:
    """The ways a value is said: after its field's name, before words of it, alone (module doc)."""
    said = _value_words(value)
    values = lx.phrase_pattern(said)
    # after the name, a Chinese word of one of its words is enough (宝宝1-3岁 of baby_stage)
    before = [*_name_words(field), *(zh for word in _latin_words(field) for zh in lx.ATTRIBUTE_NAME_WORDS.get(word, ()))]
    ways = [rf"{lx.phrase_pattern(before)}{_IS}{values}"]
    stems = _name_stems(field)
    if stems:
        ways.append(rf"{values}{stems}")
    alone = [word for word in said if alone_too and _alone(word)]
    if alone:
        ways.append(lx.phrase_pattern(alone))
    return tuple(re.compile(way + _PEOPLE) for way in ways)


def _breakdown_tokens(text: str, fields: tuple[str, ...]) -> list[Token]:
    """"按travel_party分布", "by travel party", "household size breakdown": a breakdown by the field."""
    tokens = []
    for field in fields:
        for m in _breakdown_re(field).finditer(text):
            tokens.append(Token(m.start(), m.end(), "output",
                                {"output": "breakdown", "group_by": GROUP_PREFIX + field, "each": False}, 2))
    return tokens


@lru_cache(maxsize=64)
def _breakdown_re(field: str) -> re.Pattern:
    name = lx.phrase_pattern(_name_words(field))
    return re.compile(rf"{lx.BREAKDOWN_BEFORE_ZH}\s*{name}\s*(?:来)?\s*(?:{lx.BREAKDOWN_AFTER_ZH})?"
                      rf"|{name}\s*(?:的)?\s*{lx.BREAKDOWN_AFTER_ZH}"
                      rf"|(?<![a-z]){lx.BREAKDOWN_BEFORE_EN}\s+(?:(?:their|the)\s+)?{name}"
                      rf"|{name}\s+{lx.BREAKDOWN_AFTER_EN}")


def group_field(group: str | None) -> str | None:
    """The field a breakdown's ``group_by`` groups by ("attribute:travel_party" -> travel_party), else None."""
    return group[len(GROUP_PREFIX):] if group and group.startswith(GROUP_PREFIX) else None


def group_parts(field: str) -> tuple[str, str, str, str]:
    """compile._group_parts of a field: its value per user, 'unknown' when the user has none. The name is the
    data's, quoted as an SQL text (the guard checks the statement as any other)."""
    quoted = field.replace("'", "''")
    expression = "COALESCE(ga.value, 'unknown')"
    return (f"{expression} AS attribute", f" LEFT JOIN user_attributes ga ON ga.user_id = u.user_id AND "
            f"ga.name = '{quoted}'", expression, "attribute")


def _value_words(value: str) -> list[str]:
    """A value and its words in the other language (lexicon.ATTRIBUTE_VALUE_WORDS), lower case; a latin word
    also in the plural (families, couples)."""
    key = value.lower()
    group = next((words for words in lx.ATTRIBUTE_VALUE_WORDS if key in words), ()) or country_names(value)
    plurals = [re.sub(r"y$", "ie", word) + "s" for word in (key, *group) if re.fullmatch(r"[a-z]{3,}", word)]
    return list(dict.fromkeys([key, *group, *plurals]))


def _name_words(field: str) -> list[str]:
    """How a field's name is said: as stored (travel_party), its words with spaces (travel party), in Chinese
    when every word has Chinese words (baby_stage: 宝宝阶段; lexicon.ATTRIBUTE_NAME_WORDS)."""
    words = _latin_words(field)
    chinese = [""]
    for word in words:
        chinese = [said + zh for said in chinese for zh in lx.ATTRIBUTE_NAME_WORDS.get(word, ())]
    return list(dict.fromkeys([field.lower(), " ".join(words), *(words and chinese or [])]))


def _latin_words(field: str) -> list[str]:
    """A field's latin words, lower case: travel_party, travelParty -> travel, party."""
    return [w for w in re.split(r"[^a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", field).lower()) if w]


def _name_stems(field: str) -> str:
    """The words of a field's name after a value ("family travellers", "pro plan", 家庭出游): any word starting
    with one of its latin words (the first four letters of a longer one), or one of their Chinese words."""
    words = [w for w in _latin_words(field) if len(w) >= 3]
    latin = [re.escape(w[:4] if len(w) > 4 else w) + "[a-z]*" for w in words]
    chinese = [zh for w in words for zh in lx.ATTRIBUTE_NAME_WORDS.get(w, ())]
    ways = ([r"(?:\s+(?:" + "|".join(latin) + r"))+(?![a-z])"] if latin else []) + \
        ([r"(?:的)?(?:" + "|".join(map(re.escape, chinese)) + ")"] if chinese else [])
    return "(?:" + "|".join(ways) + ")" if ways else ""


def _alone(word: str) -> bool:
    """Does a value said alone stand for itself? Long enough, a name (not a number), naming somebody, and not
    read already as a city, gender or member level, or as a word of the question's grammar (active, today)."""
    if word in lx.NO_OCCUPATION or not re.search(r"[a-z\u3400-\u9fff]", word):
        return False
    if lx.CJK_RE.search(word):
        return len(lx.CJK_RE.findall(word)) >= 2 and not _read_otherwise(word)
    return len(re.findall(r"[a-z]", word)) >= 3 and not _read_otherwise(word)


@lru_cache(maxsize=1024)
def _read_otherwise(word: str) -> bool:
    """Does the planner read the whole word as something the users table answers (上海, female, gold) or as
    anything but a kind of people (active, today, buyers)? A value, an interest or a consumption type it
    takes over (family, premium): the shop's own field says who its customers are."""
    whole = [t for t in tokenize(word, "zh") if t.start == 0 and t.end == len(word)]
    return any(t.kind not in ("cond", "interest") or (t.kind == "cond" and t.data["cond"].kind in _OWN_COLUMNS)
               for t in whole)


# --- SQL (called by compile._Builder) ------------------------------------------------------------

def attribute_sql(builder, c: Condition) -> str:
    """The users whose field holds one of the values (a subquery of user ids)."""
    return (f"SELECT a.user_id FROM user_attributes a WHERE a.name = {builder.bind([c.field])} AND "
            f"{builder.member('a.value', c.values)}")


# --- words (called by describe.py) ---------------------------------------------------------------

def attribute_words(c: Condition, lang: str) -> str:
    """'travel_party: family' / 'travel_party：family 或 couple' — the field as the data names it."""
    if lang == "zh":
        return f"{c.field}：" + " 或 ".join(c.values)
    return f"{c.field}: " + " or ".join(c.values)
