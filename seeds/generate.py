"""Deterministic synthetic users (docs/data-format.md records) with the ground truth of what was planted.

    persona generate --users 100000 --seed 7 --out big.jsonl     # or: python -m seeds.generate ...

Users are drawn from the archetypes in seeds/archetypes.py and written one JSON line at a time
(memory stays flat at any size). Beside the data, FILE.truth.jsonl (``big.truth.jsonl`` for
``big.jsonl``) holds one line per user: archetype, interests (level-1 taxonomy ids), aspect
polarities, intents, values, lifecycle. Every planted interest leaves a trace (a text that names
it and orders/events in one of its categories) and no text names an interest outside the truth,
so a good profile builder can recover the truth exactly.

The same (users, seed, now, dup_rate) always gives the same bytes, and the first N users of a
larger run are the users of a run with --users N. Times are days before ``now`` (default: today
at 00:00), so windows like "last 30 days" keep matching whenever the data is generated.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from seeds import phrases as ph
from seeds.archetypes import ARCHETYPES, Archetype

LANG_WEIGHTS = {"zh": 0.62, "en": 0.32, "mixed": 0.06}
EVENT_TYPES = ("view", "click", "search", "cart", "favorite", "share", "like", "purchase", "login")
EVENT_WEIGHTS = (34, 14, 16, 8, 7, 3, 5, 3, 10)
# Hours people shop at: mostly evenings.
HOURS = tuple(range(24))
HOUR_WEIGHTS = (2, 1, 1, 1, 1, 1, 2, 4, 6, 7, 7, 8, 9, 7, 6, 6, 7, 7, 8, 10, 12, 13, 11, 6)
# Activity per lifecycle stage: (registered days ago lo, hi), events per user (lo, hi).
LIFECYCLE_SHAPE = {
    "new": ((3, 28), (3, 7)),
    "growing": ((45, 180), (5, 12)),
    "mature": ((240, 1100), (3, 10)),
    "dormant": ((400, 1400), (2, 5)),
    "churn_risk": ((300, 1000), (3, 8)),
}
# Intents that make a chat or a call rather than a review.
CONVERSATION_INTENTS = {"complaint", "return_refund", "consult"}
RECENT_DAYS = 25  # "recent" facts land within this many days before now (inside any 30-day window)


@dataclass
class Plan:
    """Everything decided about one user before any text is written; the demo edits plans."""

    index: int
    user_id: str
    archetype: Archetype
    lang: str                   # zh | en | mixed
    gender: str                 # female | male
    age: int
    city: str                   # canonical (上海)
    lifecycle: str
    registered_days: int        # days before now
    active: tuple[int, int]     # activity window, days before now (most recent, oldest)
    interests: list[str]
    aspects: dict[str, int]     # aspect -> +1 / -1
    intents: list[str]
    values: list[str]
    recent: set[str] = field(default_factory=set)  # aspects whose texts must fall in the last RECENT_DAYS
    identities: dict[str, str] = field(default_factory=dict)  # phone / email / device_id
    share_with: str | None = None  # user id of the same person's other record (shares one identity)


def truth_path(out: str | Path) -> Path:
    """Where the ground truth of ``out`` goes: data.jsonl -> data.truth.jsonl."""
    out = Path(out)
    if out.suffix == ".jsonl":
        return out.with_suffix(".truth.jsonl")
    return out.with_name(out.name + ".truth.jsonl")


# ---- rendering ----------------------------------------------------------------------------
# Speed matters here (a million users must be quick), so records are written as JSON text
# directly: every string goes through the C quoting function `_q`, numbers are formatted by
# hand, and weighted draws use precomputed lookup tables instead of random.choices.

_q = json.encoder.encode_basestring  # '"text"' with JSON escapes, non-ASCII kept as is


def _table(weighted, size: int = 200) -> tuple:
    """Expand {item: weight} (or (item, weight) pairs) into a tuple to draw from uniformly."""
    pairs = list(weighted.items()) if isinstance(weighted, dict) else list(weighted)
    total = sum(w for _, w in pairs)
    return tuple(item for item, w in pairs for _ in range(max(1, round(w * size / total))))


_EVENT_TABLE = _table(zip(EVENT_TYPES, EVENT_WEIGHTS))
_CITY_TABLE = _table(zip((c[0] for c in ph.CITIES), ph.CITY_WEIGHTS))
_ARCHETYPE_TABLE = _table((a, a.weight) for a in ARCHETYPES)
_LANG_TABLE = _table(LANG_WEIGHTS)
_LIFECYCLE_TABLES = {a.id: _table(a.lifecycle) for a in ARCHETYPES}
_MEMBER_TABLES = {a.id: _table(a.member_levels) for a in ARCHETYPES}
_SPELLINGS = {c[0]: c for c in ph.CITIES}


@dataclass(frozen=True)
class _QuotedBank:
    """An interest's categories and products, already JSON-quoted (the hot loops only format)."""

    categories: tuple[str, ...]
    products: tuple[tuple[str, str, str, float, float], ...]  # (zh, en, brand, low, high)


_QUOTED = {
    interest: _QuotedBank(
        categories=tuple(_q(c) for c in bank.categories),
        products=tuple((_q(p.zh), _q(p.en), _q(p.brand), p.low, p.high) for p in bank.products),
    )
    for interest, bank in ph.INTERESTS.items()
}


def _times_of_day(count: int = 4096) -> tuple[str, ...]:
    """'HH:MM:SS' strings, evening-heavy, drawn once from a fixed seed."""
    rng = random.Random(0)
    hours = _table(zip(HOURS, HOUR_WEIGHTS))
    return tuple(f"{rng.choice(hours):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}" for _ in range(count))


_TIMES = _times_of_day()


# ---- planning -----------------------------------------------------------------------------

def plan_user(rng: random.Random, index: int, user_id: str, archetype: Archetype, salt: int = 0,
              lang_weights: dict[str, float] = LANG_WEIGHTS) -> Plan:
    """Decide who one user is and what they will say, from their archetype."""
    rnd = rng.random
    lang = _draw(rnd, _LANG_TABLE if lang_weights is LANG_WEIGHTS else _table(lang_weights))
    gender = "female" if rnd() < archetype.female_share else "male"
    city = _draw(rnd, _CITY_TABLE)
    lifecycle = _draw(rnd, _LIFECYCLE_TABLES[archetype.id])
    (reg_lo, reg_hi), _ = LIFECYCLE_SHAPE[lifecycle]
    registered = rng.randint(reg_lo, reg_hi)
    interests = list(archetype.core) + [i for i, p in archetype.optional.items() if rng.random() < p]
    aspects = {}
    for aspect, (p_mention, p_positive) in archetype.aspects.items():
        if rng.random() < p_mention and _aspect_targets(aspect, interests):
            aspects[aspect] = 1 if rng.random() < p_positive else -1
    intents = [k for k, p in archetype.intents.items() if rng.random() < p]
    if lifecycle == "churn_risk":  # an unhappy customer drifting away says so
        intents += [k for k in ("complaint", "churn_risk") if k not in intents]
    values = [v for v, p in archetype.values.items() if rng.random() < p]
    return Plan(
        index=index, user_id=user_id, archetype=archetype, lang=lang, gender=gender,
        age=rng.randint(*archetype.age), city=city, lifecycle=lifecycle, registered_days=registered,
        active=_activity_window(rnd, lifecycle, registered), interests=interests, aspects=aspects,
        intents=intents, values=values, identities=_identities(rnd, index, salt),
    )


def _identities(rnd, index: int, salt: int) -> dict[str, str]:
    """Phone, e-mail and/or device id. Each is a bijection of the user index (for a given salt),
    so no two users share one by accident."""
    ids = {}
    if rnd() < 0.85:
        ids["phone"] = f"13{(index * 7919 + salt * 104729) % 10**9:09d}"
    if rnd() < 0.6:
        ids["email"] = f"{('user', 'shop', 'hi', 'mail', 'me')[index % 5]}.{index}.{salt % 1000}@example.com"
    if rnd() < 0.7 or not ids:
        ids["device_id"] = f"d-{(index * 2654435761 + salt) % 2**32:08x}"
    return ids


def _activity_window(rnd, lifecycle: str, registered: int) -> tuple[int, int]:
    """(most recent, oldest) day of activity, in days before now."""
    if lifecycle == "dormant":  # nothing in the last six months
        return 185, max(200, min(registered, 420))
    if lifecycle == "churn_risk":  # active once, quiet for the last month
        return 32, max(120, min(registered, 365))
    if lifecycle == "mature":  # a steady customer: seen within the last two months, not always this one
        return (1 if rnd() < 0.3 else 10 + int(rnd() * 45)), 365
    if lifecycle == "growing":  # busier lately, though not necessarily this very month
        return (1 if rnd() < 0.5 else 25 + int(rnd() * 20)), registered
    return 1, registered


def _aspect_targets(aspect: str, interests: list[str]) -> list[str]:
    """The user's interests with a product this aspect can be said about."""
    fitting = _INTERESTS_FITTING[aspect]
    return [i for i in interests if i in fitting]


_FITTING_CACHE: dict[tuple, tuple] = {}
ASPECTS = tuple(ph.ASPECTS_ZH)
# aspect -> interests with at least one product a review can speak of it about
_INTERESTS_FITTING = {a: {i for i, bank in ph.INTERESTS.items() if any(ph.fits(p, a) for p in bank.products)}
                      for a in ASPECTS}


def _fitting(interest: str, aspects: tuple[str, ...]) -> tuple[ph.Product, ...]:
    """Products of ``interest`` a review can speak of all ``aspects`` about."""
    key = (interest, aspects)
    found = _FITTING_CACHE.get(key)
    if found is None:
        products = ph.INTERESTS[interest].products
        found = _FITTING_CACHE[key] = tuple(p for p in products if all(ph.fits(p, a) for a in aspects))
    return found


def _draw(rnd, table: tuple):
    return table[int(rnd() * len(table))]


class Clock:
    """Turns "d days before now" into ISO-8601 timestamps, caching the date strings."""

    def __init__(self, now: datetime):
        self.today = now.date().toordinal()
        self._dates: dict[int, str] = {}

    def date(self, days_ago: int) -> str:
        text = self._dates.get(days_ago)
        if text is None:
            text = self._dates[days_ago] = date.fromordinal(self.today - days_ago).isoformat()
        return text

    def stamp(self, days_ago: int, u: float) -> str:
        """A time on the day ``days_ago`` (>= 1) before now, so always strictly in the past;
        ``u`` in [0, 1) picks the time of day."""
        return f"{self.date(days_ago)}T{_TIMES[int(u * 4096)]}"


class Renderer:
    """Writes one planned user as an input-record JSON line plus its truth."""

    def __init__(self, rng: random.Random, clock: Clock):
        self.rng = rng
        self.rnd = rng.random
        self.clock = clock

    def pick(self, seq):
        return seq[int(self.rnd() * len(seq))]

    def lang(self, plan: Plan) -> str:
        if plan.lang == "mixed":
            return "zh" if self.rnd() < 0.5 else "en"
        return plan.lang

    def render(self, plan: Plan) -> tuple[str, dict]:
        """(the record as one JSON line without the newline, the truth as a dict)."""
        days_seen: list[int] = []
        attributes, has_gender, has_city, has_age = self._attributes(plan)
        orders = self._orders(plan, days_seen)
        events = self._events(plan, days_seen)
        texts, aspects_30d = self._texts(plan, days_seen)
        identities = ",".join(f"{_q(kind)}:{_q(value)}" for kind, value in plan.identities.items())
        line = (f'{{"user_id":{_q(plan.user_id)},"identities":{{{identities}}},'
                f'"attributes":{attributes},"orders":[{orders}],"events":[{events}],"texts":[{texts}]}}')
        truth = {
            "user_id": plan.user_id,
            "archetype": plan.archetype.id,
            "lang": plan.lang,
            "gender": plan.gender if has_gender else "unknown",
            "age": plan.age if has_age else None,
            "city": plan.city if has_city else None,
            "lifecycle": plan.lifecycle,
            "consumption": plan.archetype.consumption,
            "interests": list(plan.interests),
            "aspects": dict(plan.aspects),
            "aspects_30d": aspects_30d,
            "intents": list(plan.intents),
            "values": list(plan.values),
            "last_active_days": min(days_seen) if days_seen else None,
        }
        if plan.share_with:
            truth["same_person_as"] = plan.share_with
        return line, truth

    def _attributes(self, plan: Plan) -> tuple[str, bool, bool, bool]:
        rnd, pick = self.rnd, self.pick
        zh = plan.lang != "en"
        if zh and rnd() < 0.9:
            name = pick(ph.SURNAMES_ZH) + pick(ph.GIVEN_ZH[plan.gender])
        else:
            name = f"{pick(ph.GIVEN_EN[plan.gender])} {pick(ph.SURNAMES_EN)}"
        parts = [f'"name":{_q(name)}']
        has_gender, has_age, has_city = rnd() < 0.96, rnd() < 0.95, rnd() < 0.97
        if has_gender:
            parts.append(f'"gender":{_q(pick(ph.GENDER_SPELLINGS[plan.gender]))}')
        if has_age:
            parts.append(f'"age":{plan.age}')
        if has_city:
            spellings = _SPELLINGS[plan.city]
            # Chinese speakers mostly write the canonical name; others the English spelling.
            city = (spellings[0] if rnd() < 0.7 else pick(spellings)) if zh else spellings[1]
            parts.append(f'"city":{_q(city)}')
        parts.append(f'"member_level":"{pick(_MEMBER_TABLES[plan.archetype.id])}"')
        parts.append(f'"registered_at":"{self.clock.date(plan.registered_days)}"')
        if rnd() < 0.4:
            parts.append(f'"occupation":{_q(pick(ph.OCCUPATIONS_ZH if zh else ph.OCCUPATIONS_EN))}')
        if rnd() < 0.3:
            parts.append(f'"education":{_q(pick(ph.EDUCATION_ZH if zh else ph.EDUCATION_EN))}')
        return "{" + ",".join(parts) + "}", has_gender, has_city, has_age

    def _day(self, plan: Plan) -> int:
        """A day in the activity window; growing users are busier lately, churning ones were busier before."""
        lo, hi = plan.active
        u = self.rnd()
        if plan.lifecycle == "growing":
            u = u * u
        elif plan.lifecycle == "churn_risk":
            u = u ** 0.5
        return lo + int(u * (hi - lo))

    def _stamps(self, plan: Plan, count: int, days_seen: list[int]) -> list[str]:
        """``count`` activity times in the window (shaped as in _day), oldest first."""
        rnd, date = self.rnd, self.clock.date
        lo, span = plan.active[0], plan.active[1] - plan.active[0]
        if plan.lifecycle == "growing":
            days = [lo + int(u * u * span) for u in (rnd() for _ in range(count))]
        elif plan.lifecycle == "churn_risk":
            days = [lo + int(rnd() ** 0.5 * span) for _ in range(count)]
        else:
            days = [lo + int(rnd() * span) for _ in range(count)]
        if plan.lifecycle == "mature" and days:
            days[0] = lo  # a steady customer was seen at the window's recent end
        days_seen.extend(days)
        return sorted(f"{date(day)}T{_TIMES[int(rnd() * 4096)]}" for day in days)

    def _interest_cycle(self, plan: Plan, n: int) -> list[str]:
        """n interests: each of the user's interests once first (so every one leaves a trace), then core-heavy."""
        first = list(plan.interests)
        self.rng.shuffle(first)
        pool = list(plan.archetype.core) * 2 + plan.interests
        return (first + [self.pick(pool) for _ in range(n - len(first))])[:n]

    def _orders(self, plan: Plan, days_seen: list[int]) -> str:
        rnd = self.rnd
        lo, hi = plan.active
        rate_lo, rate_hi = plan.archetype.orders_per_year
        count = min(60, int((rate_lo + (rate_hi - rate_lo) * rnd()) * max(hi - lo, 1) / 365 + rnd()))
        if plan.lifecycle == "new":
            count = int(rnd() * 3)
        pos_lo, pos_span = plan.archetype.price_position[0], plan.archetype.price_position[1] - plan.archetype.price_position[0]
        mixed, zh = plan.lang == "mixed", plan.lang == "zh"
        uid, rows = plan.user_id, []
        for k, (interest, at) in enumerate(zip(self._interest_cycle(plan, count), self._stamps(plan, count, days_seen)), 1):
            bank = _QUOTED[interest]
            zh_name, en_name, brand, low, high = bank.products[int(rnd() * len(bank.products))]
            name = zh_name if ((rnd() < 0.5) if mixed else zh) else en_name
            category = bank.categories[int(rnd() * len(bank.categories))]
            amount = int(low + (high - low) * (pos_lo + pos_span * rnd())) // 10 * 10 + 9
            rows.append(f'{{"order_id":"{uid}-o{k}","product":{name},"category":{category},"brand":{brand},'
                        f'"amount":{amount}.0,"ordered_at":"{at}"}}')
        return ",".join(rows)

    def _events(self, plan: Plan, days_seen: list[int]) -> str:
        rnd = self.rnd
        _, (ev_lo, ev_hi) = LIFECYCLE_SHAPE[plan.lifecycle]
        count = ev_lo + int(rnd() * (ev_hi - ev_lo + 1))
        interests = iter(self._interest_cycle(plan, count))
        mixed, zh = plan.lang == "mixed", plan.lang == "zh"
        uid, rows = plan.user_id, []
        for k, at in enumerate(self._stamps(plan, count, days_seen), 1):
            kind = _EVENT_TABLE[int(rnd() * len(_EVENT_TABLE))]
            if kind == "login":
                rows.append(f'{{"event_id":"{uid}-e{k}","type":"login","at":"{at}"}}')
                continue
            interest = next(interests)
            bank = _QUOTED[interest]
            is_zh = (rnd() < 0.5) if mixed else zh
            if kind == "search":
                target = _q(_search_query(self, ph.INTERESTS[interest], "zh" if is_zh else "en", plan.intents))
            else:
                product = bank.products[int(rnd() * len(bank.products))]
                target = product[0] if is_zh else product[1]
            category = bank.categories[int(rnd() * len(bank.categories))]
            extra = f',"duration_s":{3 + int(rnd() * 297)}' if kind in ("view", "click") else ""
            rows.append(f'{{"event_id":"{uid}-e{k}","type":"{kind}","target":{target},"category":{category},'
                        f'"at":"{at}"{extra}}}')
        return ",".join(rows)

    def _texts(self, plan: Plan, days_seen: list[int]) -> tuple[str, dict]:
        rnd = self.rnd
        facts = _facts(self, plan)
        n_texts = min(6, len(facts), (len(facts) + 1) // 2 + (rnd() < 0.3))
        buckets: list[list[tuple]] = [[] for _ in range(n_texts)]
        for k, fact in enumerate(facts):
            buckets[k % n_texts].append(fact)
        rows, aspects_30d = [], {}
        for bucket in buckets:
            text, product, aspects, intents = _compose(self, plan, bucket)
            day = self._text_day(plan, aspects, intents)
            days_seen.append(day)
            product_field = f',"product":{_q(product)}' if product else ""
            rows.append((self.clock.stamp(day, rnd()), _source(rnd, aspects, intents), text, product_field))
            if day <= 30:
                aspects_30d.update(aspects)
        if len(rows) < 6 and rnd() < 0.3:  # a search typed into the shop, stored as text
            bank = ph.INTERESTS[self.pick(plan.interests)]
            day = self._day(plan)
            days_seen.append(day)
            rows.append((self.clock.stamp(day, rnd()), "search",
                         _search_query(self, bank, self.lang(plan), plan.intents), ""))
        rows.sort()
        uid = plan.user_id
        return ",".join(f'{{"text_id":"{uid}-t{k}","source":"{source}","text":{_q(text)},"at":"{at}"{product}}}'
                        for k, (at, source, text, product) in enumerate(rows, 1)), aspects_30d

    def _text_day(self, plan: Plan, aspects: dict, intents: set) -> int:
        if plan.recent and plan.recent & aspects.keys():
            return 1 + int(self.rnd() * RECENT_DAYS)
        if plan.lifecycle == "churn_risk" and intents & {"complaint", "churn_risk"}:
            return plan.active[0] + int(self.rnd() * 20)  # the last thing they said
        return self._day(plan)


def _facts(r: Renderer, plan: Plan) -> list[tuple]:
    """What this user's texts will state: each interest, aspect, intent and value at least once."""
    facts: list[tuple] = [("interest", i) for i in plan.interests]
    # Aspects are said about a product of an interest they fit; two aspects can share a review.
    by_target: dict[str, dict[str, int]] = {}
    for aspect, polarity in plan.aspects.items():
        target = r.pick(_aspect_targets(aspect, plan.interests))
        by_target.setdefault(target, {})[aspect] = polarity
    for target, aspects in by_target.items():
        items = list(aspects.items())
        while items:  # a review speaks of two aspects when one product fits both
            first = items.pop(0)
            partner = next((item for item in items if _fitting(target, (first[0], item[0]))), None)
            if partner:
                items.remove(partner)
            facts.append(("aspects", target, dict([first, partner] if partner else [first])))
    facts += [("intent", k, r.pick(plan.interests)) for k in plan.intents]
    facts += [("value", v) for v in plan.values]
    r.rng.shuffle(facts)
    return facts


def _compose(r: Renderer, plan: Plan, bucket: list[tuple]) -> tuple[str, str | None, dict, set]:
    """One text from a few facts; returns (text, product reviewed, aspects said, intents said)."""
    pick = r.pick
    langs = [r.lang(plan) for _ in bucket] if plan.lang == "mixed" else [plan.lang] * len(bucket)
    parts, product, aspects, intents = [], None, {}, set()
    for fact, lang in zip(bucket, langs):
        kind = fact[0]
        if kind == "interest":
            bank = ph.INTERESTS[fact[1]]
            parts.append(pick(bank.mentions_zh if lang == "zh" else bank.mentions_en))
        elif kind == "aspects":
            name = _product_name(pick(_fitting(fact[1], tuple(fact[2]))), lang)
            product = product or name
            parts.append(_review_sentence(r, name, fact[2], lang))
            aspects.update(fact[2])
        elif kind == "intent":
            template = pick((ph.INTENTS_ZH if lang == "zh" else ph.INTENTS_EN)[fact[1]])
            parts.append(template.format(p=_product_name(pick(ph.INTERESTS[fact[2]].products), lang)))
            intents.add(fact[1])
        else:
            parts.append(pick((ph.VALUES_ZH if lang == "zh" else ph.VALUES_EN)[fact[1]]))
    text = _join(parts, langs)
    mood = sum(aspects.values())
    if mood and r.rnd() < 0.35:
        lang = langs[-1]
        text += (" " if lang == "en" else "") + pick(ph.DECORATIONS[(lang, 1 if mood > 0 else -1)])
    return text, product, aspects, intents


def _review_sentence(r: Renderer, product: str, aspects: dict[str, int], lang: str) -> str:
    combos = _COMBOS[lang].get(frozenset(aspects.items())) if len(aspects) == 2 else None
    if combos and r.rnd() < 0.7:
        body = r.pick(combos)
    else:
        bank = ph.ASPECTS_ZH if lang == "zh" else ph.ASPECTS_EN
        body = ("," if lang == "zh" else ", ").join(r.pick(bank[a][p]) for a, p in aspects.items())
    return r.pick(_REVIEW_FRAMES[lang]).format(p=product, b=body)


def _combo_index(combos) -> dict[frozenset, list[str]]:
    index: dict[frozenset, list[str]] = {}
    for text, said in combos:
        index.setdefault(frozenset(said.items()), []).append(text)
    return index


_COMBOS = {"zh": _combo_index(ph.COMBOS_ZH), "en": _combo_index(ph.COMBOS_EN)}
_REVIEW_FRAMES = {
    "zh": ("买的{p},{b}", "{p}收到了,{b}", "{p}用了一段时间,{b}"),
    "en": ("Got the {p} - {b}", "The {p}: {b}", "Been using the {p} for a while, {b}"),
}


def _join(parts: list[str], langs: list[str]) -> str:
    out = ""
    for part, lang in zip(parts, langs):
        if lang == "en":
            part = part[0].upper() + part[1:]
            out += (" " if out else "") + part + ("" if part[-1] in ".!?😡" else ".")
        else:
            out += part + ("" if part[-1] in "。!?😡" else "。")
    return out


def _product_name(product: ph.Product, lang: str) -> str:
    return product.zh if lang == "zh" else product.en


def _search_query(r: Renderer, bank: ph.InterestBank, lang: str, intents: list[str]) -> str:
    queries = bank.searches_zh if lang == "zh" else bank.searches_en
    allowed = [q for q, intent in queries if intent is None or intent in intents]
    # When every query carries an intent the user lacks, they search for the category itself.
    return r.pick(allowed) if allowed else r.pick(bank.categories)


def _source(rnd, aspects: dict, intents: set) -> str:
    if intents & CONVERSATION_INTENTS:
        return "call_transcript" if rnd() < 0.3 else "chat"
    if aspects:
        return "review"
    return "survey" if rnd() < 0.15 else "post"


# ---- the whole run --------------------------------------------------------------------------

CHUNK = 5000  # users per independently seeded chunk (the unit of parallel work)


def iter_users(users: int, seed: int = 7, now: datetime | None = None, dup_rate: float = 0.0,
               prefix: str = "g") -> Iterator[tuple[str, dict]]:
    """Yield (record as a JSON line without newline, truth dict) for ``users`` synthetic users.

    Deterministic for the arguments; the first N users do not depend on ``users``. With
    ``dup_rate`` > 0 that share of users re-uses a phone, e-mail or device id of the previous
    user of the same archetype, and their truth says ``same_person_as``.
    """
    _check(users, dup_rate)
    now = now or datetime.now()
    for start in range(1, users + 1, CHUNK):
        yield from _chunk_users(seed, now, dup_rate, prefix, start, min(start + CHUNK, users + 1))


def _check(users: int, dup_rate: float) -> None:
    if users < 1:
        raise ValueError(f"--users must be at least 1 (got {users})")
    if not 0 <= dup_rate <= 0.5:
        raise ValueError(f"--dup-rate must be between 0 and 0.5 (got {dup_rate})")


def _chunk_users(seed: int, now: datetime, dup_rate: float, prefix: str, start: int,
                 stop: int) -> Iterator[tuple[str, dict]]:
    """Users start..stop-1. Each chunk has its own seed so chunks can be made in any order."""
    rng = random.Random(f"persona-seeds:{seed}:{start // CHUNK}")
    renderer = Renderer(rng, Clock(now))
    previous: dict[str, Plan] = {}  # archetype -> its latest user in this chunk
    for index in range(start, stop):
        archetype = _draw(rng.random, _ARCHETYPE_TABLE)
        plan = plan_user(rng, index, f"{prefix}{index:06d}", archetype, salt=seed)
        earlier = previous.get(archetype.id)
        if dup_rate and earlier is not None and rng.random() < dup_rate:
            kind = _draw(rng.random, sorted(earlier.identities))
            plan.identities[kind] = earlier.identities[kind]
            plan.share_with = earlier.user_id
        previous[archetype.id] = plan
        yield renderer.render(plan)


def _render_chunk(job: tuple) -> tuple[str, str, dict[str, int]]:
    """One chunk as (data lines, truth lines, users per archetype); runs in a worker process."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    data, truth_lines, counts = [], [], {}
    for line, truth in _chunk_users(*job):
        data.append(line)
        truth_lines.append(dumps(truth))
        counts[truth["archetype"]] = counts.get(truth["archetype"], 0) + 1
    return "\n".join(data) + "\n", "\n".join(truth_lines) + "\n", counts


@dataclass
class Summary:
    users: int
    out: Path
    truth: Path
    seconds: float
    archetypes: dict[str, int]


def generate(users: int, out: str | Path, seed: int = 7, now: datetime | None = None,
             dup_rate: float = 0.0, workers: int | None = None) -> Summary:
    """Write ``users`` users to ``out`` (JSON Lines) and their ground truth beside it.

    The bytes depend only on (users, seed, now's date, dup_rate), never on ``workers``
    (default: up to 4 processes for large runs, none for small ones).

    Raises:
        ValueError: on a bad count or dup rate (nothing is written).
    """
    _check(users, dup_rate)
    out = Path(out)
    now = now or datetime.now()
    jobs = [(seed, now, dup_rate, "g", start, min(start + CHUNK, users + 1)) for start in range(1, users + 1, CHUNK)]
    if workers is None:
        workers = min(4, os.cpu_count() or 1) if len(jobs) > 1 else 1
    started = time.perf_counter()
    counts: dict[str, int] = {a.id: 0 for a in ARCHETYPES}
    with open(out, "w", encoding="utf-8") as data, open(truth_path(out), "w", encoding="utf-8") as truth_file:
        if workers > 1:
            methods = multiprocessing.get_all_start_methods()
            with multiprocessing.get_context("fork" if "fork" in methods else "spawn").Pool(workers) as pool:
                chunks = pool.imap(_render_chunk, jobs)
                _write_chunks(chunks, data, truth_file, counts)
        else:
            _write_chunks(map(_render_chunk, jobs), data, truth_file, counts)
    return Summary(users, out, truth_path(out), time.perf_counter() - started, counts)


def _write_chunks(chunks, data, truth_file, counts: dict[str, int]) -> None:
    for data_text, truth_text, chunk_counts in chunks:
        data.write(data_text)
        truth_file.write(truth_text)
        for archetype, n in chunk_counts.items():
            counts[archetype] += n


def parse_now(text: str | None) -> datetime | None:
    """--now as an ISO date or date-time; None means today."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--now must be an ISO date like 2026-11-20 (got {text!r})") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seeds.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    parser.add_argument("--now", default=None, help="anchor date (default: today)")
    parser.add_argument("--dup-rate", type=float, default=0.0, help="share of users sharing an identity")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: up to 4 for large runs)")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.users, args.out, seed=args.seed, now=parse_now(args.now), dup_rate=args.dup_rate,
                           workers=args.workers)
    except ValueError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    rate = summary.users / max(summary.seconds, 1e-9)
    print(f"wrote {summary.users} users to {summary.out} (truth: {summary.truth}) "
          f"in {summary.seconds:.1f}s, {rate:,.0f} users/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
