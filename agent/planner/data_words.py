"""Words a question takes from the database's own data: "买过钢笔的顾客", "readers who buy notebooks",
"在西湖店买过东西的顾客" (a store, stores.py); and the words it cannot take yet: "湖滨店的顾客" (a value
of a kept extra field).

A word the lexicon does not know (and that is no brand, brands.py) is looked up in the data before
it is refused:

- inside the name or the category of an ordered product (钢笔 in 钢笔礼盒, "notebook" in
  "Notebooks & Journals") -> condition ``product``: bought a product whose name or category
  contains the word, said so in the answer;
- as the value of a field the input had that Persona keeps in ``extra`` (customers.csv
  ``favorite_store`` = 湖滨店, an orders.csv ``channel``) and that is not a queryable user attribute
  (user_attributes: attributes.py reads those) -> refused with what it is: the extra columns are hidden
  from every query (tools/sql_guard.py: they may hold contact details, e.g. a wechat column), so the
  answer names the field and says it cannot be filtered on, instead of "not understood".

The data is read only when a question has a word not understood, and kept while the database file
is unchanged (like the brands). The stores (``orders.store``), the users' occupations
(occupations.py), the event types and their targets (event_types.py) and the rivals users leave for
(competitors.py) are read for every question, as the brands are: they are words of the question,
not words left over. Identity-like keys (phone, wechat, address ...) are never offered.
The same handle counts the users of each lifecycle stage, for the line an answer about one stage
adds on its neighbour (stages.neighbour_note).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, replace
from functools import lru_cache

from agent.planner import lexicon as lx
from agent.planner.brands import containing, db_version, singular
from agent.planner.places import same_place
from agent.planner.prepaid import PREPAID_WORDS
from agent.planner.spec import Condition
from agent.planner.tokens import Token

_MAX_VALUE_CHARS = 30      # a longer value is a note or an address, not a store or a channel
_MAX_DISTINCT = 300        # a key with more values is an id or free text, not a category


@dataclass(frozen=True)
class DataWords:
    """A handle on one version of a database's product names, stores and extra-field values (read lazily)."""

    path: str = ""
    version: tuple = ()

    def lookup(self, word: str) -> dict | None:
        """Where ``word`` is in the data: {"product": bool, "fields": ["users.favorite_store", ...], "as": the
        word searched ("notebooks" as "notebook")}, or None.

        A product name or category contains it (Chinese: 2 characters or more; latin: a whole word of
        3 letters or more, a plural found by its singular, or its Chinese trade word: lexicon.TRADE_WORDS_EN);
        a field's value equals it (any case)."""
        if not self.path or len(word) < (2 if lx.CJK_RE.search(word) else 3):
            return None
        names, fields = _data_of(self.path, self.version)
        key = word.lower()
        place = re.sub(_TRIP_AFTER + "$", "", key)
        if place != key and len(same_place(place)) > 1:   # 日本游, 欧洲游: the place's goods, in any language
            key = place
        said = key if lx.CJK_RE.search(key) else singular(key)
        product = _named_in(said, names)
        # a place is all its names the goods hold ("Japan": "Japan tour" and 日本自由行; places.PLACE_NAMES)
        places = [name for name in same_place(key) if name != key and _named_in(name, names)]
        if places:
            values = [said] * product + places
            return {"product": True, "fields": [], "as": values[0], "values": values, "place": True}
        if not product:   # "set meals" in a shop whose category is 套餐
            said = next((zh for zh in lx.TRADE_WORDS_EN.get(said, ()) if any(zh in name for name in names)), said)
            product = said != key and lx.CJK_RE.search(said) is not None
        found = [f"{table}.{field}" for table, field, value in fields if value.lower() == key]
        named = () if product or found else _fields_named(key, fields)
        if named:   # "用过优惠券的": the field itself (orders.coupon), whatever its values
            return {"product": False, "fields": list(named), "as": key, "field": True}
        return {"product": product, "fields": found, "as": said if product else key} if product or found else None

    def names_with(self, words: list[str]) -> list[str]:
        """The product names and categories of the orders (lower case) that hold one of ``words``."""
        if not self.path:
            return []
        keys = [word.lower() for word in words]
        return [name for name in _data_of(self.path, self.version)[0] if any(key in name for key in keys)]

    def books_prepayments(self) -> bool:
        """Are any of the orders prepayments (top-ups, prepaid packs: prepaid.py)?"""
        return bool(self.names_with(list(PREPAID_WORDS)))

    def values_in(self, text: str) -> list[str]:
        """The extra fields' values written whole in ``text`` (满100减20: a value the tokens cut in pieces)."""
        if not self.path:
            return []
        values = {value for _, _, value in _data_of(self.path, self.version)[1] if len(value) >= 2}
        return sorted(value for value in values if value.lower() in text)

    def fields_with(self, value: str) -> list[str]:
        """The kept extra fields ("users.country") that hold ``value`` (any case, any length: "US")."""
        if not self.path:
            return []
        return [f"{table}.{field}" for table, field, held in _data_of(self.path, self.version)[1]
                if held.lower() == value.lower()]

    def exact(self, word: str) -> dict | None:
        """``word`` as the whole name or category of an ordered product (少儿编程 = the category 少儿编程), in
        the shape of :meth:`lookup`; None otherwise. An English trade word is its Chinese one ("haircut" = 洗剪吹),
        and a Chinese one the English the data holds too (机票: the categories 机票 and flight)."""
        if not self.path:
            return None
        names, key = _data_of(self.path, self.version)[0], word.lower()
        said = key if key in names else next((zh for zh in lx.TRADE_WORDS_EN.get(singular(key), ()) if zh in names), None)
        if not said:
            return None
        english = [en for en, chinese in lx.TRADE_WORDS_EN.items() if said in chinese and en in names]
        return {"product": True, "fields": [], "as": said, **({"values": [said, *english]} if english else {})}

    def stores(self) -> tuple[str, ...]:
        """The stores the orders were placed at (orders.store, stores.py); none when it cannot be read."""
        return _stores_of(self.path, self.version) if self.path else ()

    def occupations(self) -> tuple[str, ...]:
        """The users' occupations as stored (users.occupation, occupations.py); none when it cannot be read."""
        return _occupations_of(self.path, self.version) if self.path else ()

    def attributes(self) -> tuple[tuple[str, str], ...]:
        """(field, value) of the users' queryable extra fields (user_attributes, attributes.py); none when it
        cannot be read."""
        return _attributes_of(self.path, self.version) if self.path else ()

    def event_types(self) -> tuple[str, ...]:
        """The event types the events hold (events.type, event_types.py); none when it cannot be read."""
        return _event_types_of(self.path, self.version) if self.path else ()

    def event_targets(self) -> tuple[tuple[str, str], ...]:
        """(type, target) of the events of the shop's own types whose target is a short name (领券 on
        会员日8折: event_types.py); none when it cannot be read."""
        return _event_targets_of(self.path, self.version) if self.path else ()

    def cities(self) -> tuple[str, ...]:
        """The users' cities as stored (users.city, places.py); none when it cannot be read."""
        return _cities_of(self.path, self.version) if self.path else ()

    def cities_only_in(self, fields: list[str], value: str) -> list[str]:
        """The cities whose users all hold ``value`` in one of the kept ``fields`` (users.country = US:
        New York, Austin), so a question can ask by them instead; none when a city mixes values."""
        keys = [field.split(".", 1)[1] for field in fields if field.startswith("users.")]
        return list(_cities_only_in(self.path, self.version, tuple(keys), value)) if self.path and keys else []

    def rivals(self) -> tuple[str, ...]:
        """The names users said they are switching or moving to ("switching to Notion", 想换成Notion), as the
        analyzers stored them (intents.target), most users first: the rivals the data itself names
        (competitors.py)."""
        return _rivals_of(self.path, self.version) if self.path else ()

    def stage_counts(self) -> dict[str, int]:
        """Users per lifecycle stage (profiles.lifecycle); empty when the database cannot be read."""
        return dict(_stage_counts(self.path, self.version)) if self.path else {}

    def looked_in(self) -> tuple[int, int]:
        """How many product names and categories, and extra fields, a word was looked for in."""
        names, fields = _data_of(self.path, self.version) if self.path else ((), ())
        return len(names), len({(table, field) for table, field, _ in fields})




def _named_in(word: str, names: tuple[str, ...]) -> bool:
    """Does a product name or category hold ``word`` (Chinese: anywhere; latin: from a word's start)?"""
    pattern = re.escape(word) if lx.CJK_RE.search(word) else rf"(?<![a-z0-9]){re.escape(word)}"
    return any(re.search(pattern, name) for name in names)


def load_data_words(db_path: str) -> DataWords:
    """The handle for the database's current version (nothing is read yet; unreadable: empty)."""
    found = db_version(db_path)
    return DataWords(*found) if found else DataWords()


@lru_cache(maxsize=4)
def _data_of(path: str, version: tuple) -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    """(product names and categories, lower case; (table, key, value) of the extra fields)."""
    names, orders, users, queryable = _read(path, "SELECT product FROM orders WHERE product <> '' UNION "
                                                  "SELECT category FROM orders WHERE category <> ''",
                                            "SELECT DISTINCT extra FROM orders WHERE extra IS NOT NULL",
                                            "SELECT DISTINCT extra FROM users WHERE extra IS NOT NULL",
                                            "SELECT DISTINCT name FROM user_attributes")
    fields = [("orders", extra) for (extra,) in orders] + [("users", extra) for (extra,) in users]
    # the users' queryable fields are no hidden field (attributes.py reads them)
    shown = {("users", name) for (name,) in queryable}
    return tuple(sorted({str(n).lower() for (n,) in names if n})), \
        tuple(found for found in _field_values(fields) if found[:2] not in shown)


@lru_cache(maxsize=4)
def _stores_of(path: str, version: tuple) -> tuple[str, ...]:
    """Read for every question (a store is a word it may hold): the index on orders.store makes it short."""
    (rows,) = _read(path, "SELECT DISTINCT store FROM orders WHERE store <> ''")
    return tuple(sorted(store for (store,) in rows))


@lru_cache(maxsize=4)
def _occupations_of(path: str, version: tuple) -> tuple[str, ...]:
    """Short values only, and not when there are too many: a long or unique one is a note, not an occupation."""
    (rows,) = _read(path, f"SELECT DISTINCT trim(occupation) FROM users WHERE trim(occupation) <> '' "
                          f"AND length(occupation) <= {_MAX_VALUE_CHARS} LIMIT {_MAX_DISTINCT + 1}")
    return tuple(sorted(value for (value,) in rows)) if len(rows) <= _MAX_DISTINCT else ()


@lru_cache(maxsize=4)
def _attributes_of(path: str, version: tuple) -> tuple[tuple[str, str], ...]:
    """Read for every question, as the stores are: ingest keeps only a few values per field (schema/user_attributes.py)."""
    (rows,) = _read(path, "SELECT DISTINCT name, value FROM user_attributes")
    return tuple(sorted((str(name), str(value)) for name, value in rows))


@lru_cache(maxsize=4)
def _event_types_of(path: str, version: tuple) -> tuple[str, ...]:
    (rows,) = _read(path, "SELECT DISTINCT type FROM events")
    return tuple(sorted(str(value) for (value,) in rows if value))


@lru_cache(maxsize=4)
def _event_targets_of(path: str, version: tuple) -> tuple[tuple[str, str], ...]:
    """Short targets only, and not when there are too many: a long or unique one is a page or a query."""
    from agent.planner.spec import ACTIONS

    standard = ", ".join(f"'{action}'" for action in ACTIONS)
    (rows,) = _read(path, f"SELECT DISTINCT type, trim(target) FROM events WHERE type NOT IN ({standard}) AND "
                          f"trim(target) <> '' AND length(target) <= {_MAX_VALUE_CHARS} LIMIT {_MAX_DISTINCT + 1}")
    return tuple(sorted((str(kind), str(target)) for kind, target in rows)) if len(rows) <= _MAX_DISTINCT else ()


@lru_cache(maxsize=4)
def _cities_of(path: str, version: tuple) -> tuple[str, ...]:
    (rows,) = _read(path, f"SELECT DISTINCT city FROM users WHERE city <> '' AND length(city) <= {_MAX_VALUE_CHARS} "
                          f"LIMIT {_MAX_DISTINCT + 1}")
    return tuple(sorted(city for (city,) in rows)) if len(rows) <= _MAX_DISTINCT else ()


@lru_cache(maxsize=16)
def _cities_only_in(path: str, version: tuple, keys: tuple[str, ...], value: str) -> tuple[str, ...]:
    (rows,) = _read(path, "SELECT city, extra FROM users WHERE city <> ''")
    held: dict[str, set[bool]] = {}
    for city, extra in rows:
        try:
            data = json.loads(extra) if extra else {}
        except ValueError:
            data = {}
        has = isinstance(data, dict) and any(str(data.get(k, "")).strip().lower() == value.lower() for k in keys)
        held.setdefault(city, set()).add(has)
    return tuple(sorted(city for city, found in held.items() if found == {True}))


@lru_cache(maxsize=4)
def _rivals_of(path: str, version: tuple) -> tuple[str, ...]:
    """The analyzers store a rival left for as the target of both the churn-risk and the compare intent one
    text gave (tools/analyzers cues.rival); no interest id, and the pair from the same text, tell it from
    a target the two intents share by chance. Most users first."""
    (rows,) = _read(path, "SELECT c.target, COUNT(DISTINCT c.user_id) AS users FROM intents c JOIN intents p ON "
                          "p.user_id = c.user_id AND p.target = c.target AND p.evidence_ref IS c.evidence_ref "
                          "AND p.intent = 'compare' WHERE c.intent = 'churn_risk' AND trim(c.target) <> '' AND "
                          f"length(c.target) <= {_MAX_VALUE_CHARS} AND c.target NOT IN (SELECT id FROM taxonomy) "
                          f"GROUP BY c.target ORDER BY users DESC, c.target LIMIT {_MAX_DISTINCT}")
    return tuple(target for target, _ in rows)


@lru_cache(maxsize=4)
def _stage_counts(path: str, version: tuple) -> tuple[tuple[str, int], ...]:
    (rows,) = _read(path, "SELECT lifecycle, COUNT(*) FROM profiles WHERE lifecycle IS NOT NULL GROUP BY lifecycle")
    return tuple(rows)


def _fields_named(word: str, fields: tuple[tuple[str, str, str], ...]) -> tuple[str, ...]:
    """The kept fields a word names (优惠券 and "coupon" name a field coupon, voucher or 优惠券: lexicon.FIELD_WORDS)."""
    keys = {f"{table}.{key}" for table, key, _ in fields
            if key.lower() == word or any(word in words and (name in key.lower() or any(w == key for w in words))
                                          for name, words in lx.FIELD_WORDS.items())}
    return tuple(sorted(keys))


def _read(path: str, *statements: str) -> list[list[tuple]]:
    """The rows of each statement, read-only; no rows at all when the database cannot be read."""
    from schema.db import SchemaError, connect_readonly

    try:
        conn = connect_readonly(path)
        try:
            return [conn.execute(statement).fetchall() for statement in statements]
        finally:
            conn.close()
    except (sqlite3.Error, SchemaError):
        return [[] for _ in statements]


def _field_values(rows: list[tuple[str, str]]) -> tuple[tuple[str, str, str], ...]:
    """The short text values of each table's extra keys that look like categories (not ids, not notes)."""
    from tools.sql_guard import IDENTITY_COLUMNS

    values: dict[tuple[str, str], set[str]] = {}
    for table, extra in rows:
        try:
            data = json.loads(extra)
        except (TypeError, ValueError):
            continue
        for key, value in (data.items() if isinstance(data, dict) else ()):
            if isinstance(value, (str, int)) and not isinstance(value, bool) and key.lower() not in IDENTITY_COLUMNS:
                text = str(value).strip()
                if text and len(text) <= _MAX_VALUE_CHARS:
                    values.setdefault((table, key), set()).add(text)
    return tuple((table, key, value) for (table, key), found in sorted(values.items())
                 if len(found) <= _MAX_DISTINCT for value in sorted(found))


# --- tokens (called by parse._Reader) -------------------------------------------------------------

_MODEL = re.compile(r"[a-z]*\d+[a-z0-9]*")   # a model number: 16, x8, 15pro


def runs_of(text: str, unknown: list[str]) -> list[str]:
    """The words not understood, after the runs of latin ones and model numbers that stand next to each other in
    ``text`` ("leather notebook", "mate 70"): a product may be named by a run, or by one word of it."""
    latin = [w for w in unknown if re.fullmatch(r"[a-z]+", w) or _MODEL.fullmatch(w)]
    runs = []
    if len(latin) > 1:
        pattern = r"(?<![a-z])(?:" + "|".join(map(re.escape, latin)) + r")(?:\s+(?:" + "|".join(map(re.escape, latin)) + \
            r"))+(?![a-z])"
        runs = [" ".join(m.group(0).split()) for m in re.finditer(pattern, text)]
    return runs + list(unknown)


def with_neighbours(text: str, tokens: list[Token], unknown: list[str]) -> list[str]:
    """Chinese words not understood joined with the token right before or after them ("私教" + "课"):
    the shop's own product or category may hold a word the lexicon knows (私教课 holds 私教, the
    Gym-training interest), and is then looked up whole, so "买过私教课" is the orders' category. So is a model
    number after a name the lexicon knows ("iPhone 16", "小米 15": the product, not every iPhone)."""
    joined = []
    for word in (w for w in unknown if lx.CJK_RE.search(w) or _MODEL.fullmatch(w)):
        for match in re.finditer(re.escape(word), text):
            for token in tokens:
                if token.end == match.start() or (_MODEL.fullmatch(word) and not text[token.end:match.start()].strip()
                                                  and token.end < match.start()):
                    joined.append(text[token.start:match.end()])
                elif token.start == match.end():
                    joined.append(text[match.start():token.end])
    return list(dict.fromkeys(joined))


def data_tokens(text: str, found: dict[str, dict], rank: int = 9) -> list[Token]:
    """Tokens for the words found in the data (``found``: word -> DataWords.lookup), as brands are
    (kind ``brand``, so verbs, "or" and negation bind them alike), with ``data`` saying where."""
    tokens = []
    for word, where in found.items():
        kind = _TRIP_AFTER if where.get("place") else ""
        for match in re.finditer(r"\s+".join(map(re.escape, word.split())) + kind, text):
            tokens.append(Token(match.start(), match.end(), "brand",
                                {"brand": where["as"], "people": None, "data": where}, rank))
    return tokens


# A place's goods said with the kind of goods they are ("a Japan trip", "Europe tours", 日本游): the place's goods,
# not the place and the whole Travel interest besides
_TRIP_AFTER = (r"(?:(?<=[a-z])\s+(?:trips?|tours?|holidays?|vacations?|packages?|getaways?|travel)(?![a-z])"
               r"|(?<=[\u3400-\u9fff])(?:旅游|旅行|之旅|游))?")


def bought_exactly(text: str, tokens: list[Token], data_words: DataWords,
                   broadened: dict[str, str] | None = None) -> dict[str, dict]:
    """Interest words after an order verb that are the whole name or category of ordered products
    ("买过少儿编程": the category 少儿编程, 9 buyers, not the kids-education interest's 17): the shop's
    own word is meant, so it is read as the product (data_tokens, rank 0: before the interest).

    A kind of goods narrower than its interest (lexicon.PRODUCT_KINDS: 宠物粮, "pet food", "buyers of cat
    food") is the products and categories of the data that say any of the kind's words (宠物食品, 猫粮,
    "dog kibble"); when the data has none, the word stays the interest and ``broadened`` gets word ->
    interest, for the answer to say so."""
    bought = [t for t in tokens if _orders(t)]
    # a figure of sales ("耳机的销售额", "which brands sell the most headphones") is of the goods it names
    sold = any(t.kind in _FIGURES or t.kind == "output" and t.data.get("group_by") in ("brand", "product")
               for t in tokens)   # and so is a ranking of brands ("which formula brand has the most buyers")
    # so is a kind searched ("searched for a stroller but didn't buy one"): the goods of that kind
    done = [t for t in tokens if t.kind == "verb" and t.data.get("action") in _SEEN_ACTIONS]
    said = {text[t.start:t.end].strip(): (i, t) for i, t in enumerate(tokens)
            if t.kind == "interest" and (any(_buys(verb, t) for verb in bought) or
                                         (sold or any(_buys(verb, t) for verb in done))
                                         and _kind_words(text[t.start:t.end].strip()))}
    exact = {}

    def had(thing: Token) -> bool:   # "做过面部护理", "got a haircut": the shop's own service, never a department
        return any(verb.data.get("service") and _buys(verb, thing) for verb in bought)

    for word, (_, token) in said.items():
        values = kind_in_data(word, data_words)
        if values is not None:
            if values:
                exact[word] = {"product": True, "fields": [], "as": word, "values": values}
            elif broadened is not None:
                broadened[word] = token.data["interest"]
        elif (where := data_words.lookup(word)) and where.get("place"):
            exact[word] = where   # a place's trips (日本游, 海岛游) are its goods in either language ("island holiday")
        elif (had(token) or not _names_the_interest(word, token.data["interest"])) and \
                (where := data_words.exact(word)):
            exact[word] = where
    found = {word: i for word, (i, _) in said.items()}
    # what is bought or the exact one ("买过钢笔或手账本") is looked for in the data too, so the "or" binds two
    # data words (钢笔 in 钢笔礼盒), not an interest and a product
    for word in list(exact):
        i = found[word]
        for j, joint in ((i - 2, i - 1), (i + 2, i + 1)):
            if 0 <= j < len(tokens) and tokens[joint].kind == "or" and tokens[j].kind == "interest":
                other = text[tokens[j].start:tokens[j].end].strip()
                if (where := data_words.lookup(other)) and where["product"]:
                    exact.setdefault(other, where)
    return {**exact, **_written_together(text, tokens, data_words)}


def _written_together(text: str, tokens: list[Token], data_words: DataWords) -> dict[str, dict]:
    """Interest words written as one ("婴儿" + "推车") after an order verb or before a figure ("买婴儿推车",
    "婴儿推车的销售额") that the shop's products hold together: that product (婴儿推车), never the broader
    interests it is made of."""
    bought = [t.end for t in tokens if _orders(t)]
    figures = [t.start for t in tokens if t.kind in ("metric", "rank_by", "spend_word")]
    found, run = {}, []
    for token in [*tokens, None]:
        if token is not None and token.kind == "interest" and (not run or run[-1].end == token.start):
            run.append(token)
            continue
        if len(run) >= 2 and (any(end <= run[0].start for end in bought) or
                              any(re.fullmatch(r"\s*的?\s*", text[run[-1].end:start]) for start in figures)):
            word = text[run[0].start:run[-1].end]
            if (where := data_words.lookup(word)) and where["product"]:
                found[word] = where
        run = [token] if token is not None and token.kind == "interest" else []
    return found


# a search is for words: its object may be a kind of goods ("a stroller"); a cart or a view is of a product named
# otherwise (爱他美 卓萃3段), found by the interest the events were filed under
_SEEN_ACTIONS = ("search",)

# the tokens of a figure: an order total, a ranking, a spend, an amount asked
_FIGURES = ("metric", "rank_by", "spend_word", "amount_q")


def _orders(token: Token) -> bool:
    """An order verb, or a service's 做过 / "had" (service_words.py reads it as one before a thing ordered)."""
    return token.kind == "verb" and (token.data.get("action") == "order" or bool(token.data.get("service")))


def _buys(verb: Token, thing: Token) -> bool:
    """Is ``thing`` what ``verb`` buys: after it ("买过宠物粮"), or right before it ("pet food buyers", "pet food
    orders", "宠物粮的购买者")."""
    return verb.end <= thing.start or 0 <= verb.start - thing.end <= 2


def kind_in_data(word: str, data_words: DataWords) -> list[str] | None:
    """For a word naming a kind of goods (lexicon.PRODUCT_KINDS; the narrowest kind), the kind's words
    that the data's products or categories hold (maybe none); None for any other word."""
    kind = _kind_words(word)
    if not kind:
        return None
    found = [w for w in kind if (where := data_words.lookup(w)) and where["product"]]
    # a word holding another found one adds nothing (降噪耳机 after 耳机, "phone cases" after "phone case")
    return [w for w in found if not any(other != w and other in w for other in found)]


@lru_cache(maxsize=4)
def kinds_sold(data_words: DataWords) -> frozenset[str]:
    """The words of the kinds of goods (lexicon.PRODUCT_KINDS) the data's products are named by, each kind's
    words all (充电宝 and "power bank" when either is a product's name); none without data."""
    if not data_words.path:
        return frozenset()
    return frozenset(w.casefold() for words in lx.PRODUCT_KINDS.values() if kind_in_data(words[0], data_words)
                     for w in words)


def _kind_words(word: str) -> list[str]:
    """The words of the narrowest kind of goods (lexicon.PRODUCT_KINDS) ``word`` is one of; none for another word."""
    kinds = [words for words in lx.PRODUCT_KINDS.values() if word.casefold() in words]
    return min(kinds, key=len) if kinds else []


def bought_interest(c: Condition, data_words: DataWords, broadened: dict[str, str]) -> Condition:
    """An interest said as what money went on ("spenders on pet food") as bought: the data's products of
    its kind when the words name one (else the whole interest, noted in ``broadened``), or the interest."""
    values = kind_in_data(c.words, data_words)
    if values:
        return Condition("product", values=values, action="order", words=c.words)
    if values is not None:
        broadened[c.words] = c.values[0]
    return Condition("behavior", action="order", targets=list(c.values), words=c.words)


def kind_bought(c, data_words: DataWords):
    """A purchase of an interest said with a kind of goods' word that no order verb took ("超过30天没复购奶粉":
    复购 reads the interest) is the purchase of the data's goods of that kind, as bought_exactly reads 买过奶粉 —
    not of everything the interest holds (baby food is no formula). Any other clause is returned as it is."""
    if not (isinstance(c, Condition) and c.kind == "behavior" and c.action == "order" and len(c.targets) == 1):
        return c
    said = [word for word in c.words.split() if _kind_words(word)]
    values = kind_in_data(said[0], data_words) if len(said) == 1 else None
    return replace(c, kind="product", values=values, targets=[]) if values else c


def _names_the_interest(word: str, interest: str) -> bool:
    """Is ``word`` the interest itself rather than a narrower thing filed under it: its own name (文具,
    stationery) or a word of a top-level department (户外装备: all outdoor gear, whatever the orders'
    category strings)? 少儿编程, one of kids' education's subjects, is not."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    if not taxonomy.has(interest):
        return True
    node = taxonomy.get(interest)
    return node.parent_id is None or word.casefold() in (node.name_zh, node.name_en.casefold())


def data_condition(tokens: list[Token], action: str, words: str) -> Condition:
    """The condition of product words bound to a deed: ``mention`` said it in a text, else (bought,
    or said alone: "钢笔的顾客") bought a product whose name or category contains it."""
    names = list(dict.fromkeys(v for t in tokens for v in t.data.get("data", {}).get("values", [t.data["brand"]])))
    if action == "mention":
        return Condition("mention", values=names, words=words)
    return Condition("product", values=names, action="order", words=words)


def field_problems(found: dict[str, dict]) -> list[tuple[str, str]]:
    """(Chinese, English) problems for the words found only as values of kept extra fields:
    what they are, and that those fields cannot be filtered on."""
    problems = []
    for word, where in found.items():
        if where["product"] or not where["fields"]:
            continue
        fields = "、".join(where["fields"])
        what_zh, what_en = ("指附加字段", "names the kept field") if where.get("field") else \
            ("是附加字段", "is a value of the kept field")
        of_zh = "" if where.get("field") else " 的值"
        # a coupon or a channel is queryable as an event (docs/data-format.md): say how
        events = any(name in field.split(".")[-1].lower() for field in where["fields"] for name in lx.FIELD_WORDS)
        how_zh = "；要能查询，可把优惠券、渠道（堂食/外卖）作为事件导入（如 领券、外卖下单，券名放在 target）" if events else ""
        how_en = ("; to ask about coupons or a channel (dine-in / delivery), load them as events (e.g. coupon_claimed, "
                  "delivery_order, the coupon's name as the target)") if events else ""
        problems.append((f"“{word}”{what_zh} {fields}{of_zh}；导入时保留的附加字段不开放查询（可能含有联系方式），"
                         f"暂时不能按它筛选{how_zh}",
                         f"'{word}' {what_en} {', '.join(where['fields'])}; fields kept in extra are hidden from "
                         f"queries (they may hold contact details), so it cannot be filtered on yet{how_en}"))
    return problems


# --- SQL (called by compile._Builder) ------------------------------------------------------------

def product_filters(builder, c: Condition, alias: str = "o") -> list[str]:
    """The orders of a ``product`` condition: a product whose name or category holds one of its words
    anywhere, as the word was found ("notebook" in "Notebooks & Journals"), at its stores, inside its window."""
    from agent.planner.prepaid import prepaid_sql
    from agent.planner.stores import at_store_filters

    filters = [containing(builder, (f"{alias}.product", f"{alias}.category"), c.values, whole_latin=False),
               *at_store_filters(builder, c, alias)]
    if c.prepaid_out:   # "做过面部护理": had, not a 面部护理次卡 bought (prepaid.py)
        filters.append(f"NOT {prepaid_sql(alias)}")
    if c.window:
        filters += builder.window_filters(f"{alias}.ordered_at", c.window)
    return filters


def data_sql(builder, c: Condition) -> str:
    """The users of a ``product`` condition (a subquery of user ids)."""
    from agent.planner.stores import counted_orders

    return counted_orders(builder, "SELECT o.user_id FROM orders o WHERE " + " AND ".join(product_filters(builder, c)), c)


# --- words (called by describe.py) ---------------------------------------------------------------

def product_words(c: Condition, lang: str) -> str:
    """'买过名称或品类含“钢笔”的商品' / 'bought a product whose name or category contains "pen"'."""
    from agent.planner.describe import count_words   # describe.py reads every kind's words, these too
    from agent.planner.prepaid import prepaid_words

    if lang == "zh":
        return "买过名称或品类含" + "或".join(f"“{v}”" for v in c.values) + "的商品" + count_words(c, lang) + \
            prepaid_words(c, lang)
    return "bought a product whose name or category contains " + " or ".join(f'"{v}"' for v in c.values) + \
        count_words(c, lang) + prepaid_words(c, lang)

