"""A hand-built test database for the planner, and expected audiences computed in plain Python.

``build_fixture_db`` inserts users, tags (ancestors included, as the profile builder stores them),
profiles, emotions, intents, values, orders and events straight into a Persona database, from a
seeded random generator, with times relative to now. ``expected_users`` evaluates the filter
language of tests/paraphrases.yaml over those rows with Python loops — independently of the
planner's SQL — so the paraphrase tests compare two separate implementations of one meaning.

The bench (bench/bench_planner.py) reuses ``build_fixture_db`` for its 100k-user database.
"""

from __future__ import annotations

import random
import sqlite3
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from schema.db import connect
from schema.geo import normalize_city
from schema.taxonomy import load_taxonomy, sync_to_db
from tools.analyzers import NEUTRAL_BAND

CITIES = ["上海", "北京", "广州", "深圳", "杭州", "成都", "南京", "武汉", "西安", "长沙", "昆明", "洛阳"]
INTERESTS = ["hiking", "camping", "outdoor_sports", "fitness", "yoga", "running", "marathon", "mobile_phones",
             "iphone", "android_phones", "laptops", "skincare", "serum", "sunscreen", "beauty_makeup", "lipstick",
             "pet_cat_owner", "pet_dog_owner", "travel", "hotels", "coffee", "snacks", "fiction", "gaming",
             "mobile_games", "diapers", "new_energy_vehicles", "fashion", "shoes", "investing"]
ASPECTS = ["price", "quality", "delivery", "service", "packaging", "usability", "appearance", "battery", "size_fit",
           "taste"]
ASPECT_WEIGHTS = [4, 3, 3, 2, 1, 1, 1, 1, 1, 1, 2]   # price, quality, delivery, service ... overall
EMOTIONS = ["joy", "anger", "sadness", "fear", "surprise", "disgust", "neutral"]
INTENTS = ["purchase", "compare", "research", "complaint", "return_refund", "repurchase", "churn_risk", "consult"]
VALUES = ["eco_conscious", "tech_optimist", "family_first", "health_conscious", "frugal", "adventurous"]
LIFECYCLES = ["new", "growing", "mature", "dormant", "churn_risk"]
CONSUMPTION = ["price_sensitive", "value_seeker", "quality_seeker", "premium"]
MEMBERS = ["normal", "silver", "gold", "platinum", "diamond"]
BATCH = 5000
OCCUPATIONS = ["学生", "student", "软件工程师", "software engineer", "teacher", "教师", "nurse", "会计", None]
EVENT_TYPES = ["view", "click", "search", "cart", "favorite", "share", "like", "purchase", "login"]
TEXT_SOURCES = ["review", "post", "chat"]


def build_fixture_db(path, n_users: int = 400, seed: int = 13, *, now: datetime | None = None) -> str:
    """Create a Persona database at ``path`` with ``n_users`` synthetic users; returns the path."""
    rng = random.Random(seed)
    now = now or datetime.now().replace(microsecond=0)
    taxonomy = load_taxonomy()
    conn = connect(path)
    sync_to_db(conn, taxonomy)
    for first in range(1, n_users + 1, BATCH):  # in batches, so 100k users fit in memory
        rows = defaultdict(list)
        for index in range(first, min(first + BATCH, n_users + 1)):
            _user_rows(rng, f"u{index:05d}", now, taxonomy, rows)
        with conn:
            for table, records in rows.items():
                columns = list(records[0])
                conn.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES "
                                 f"({', '.join('?' for _ in columns)})", [tuple(r[c] for c in columns) for r in records])
    conn.close()
    return str(path)


def index_of(user_id: str) -> int:
    """u00042 -> 42 (occupation is assigned by number, so the random draws stay as they were)."""
    return int(user_id[1:])


def _stamp(now: datetime, rng: random.Random, max_days: int) -> str:
    return (now - timedelta(days=rng.randint(0, max_days), seconds=rng.randint(0, 86000))).isoformat()


def _user_rows(rng: random.Random, user_id: str, now: datetime, taxonomy, rows) -> None:
    city = rng.choice(CITIES) if rng.random() > 0.05 else None
    _, tier = normalize_city(city)
    rows["users"].append({
        "user_id": user_id, "name": f"用户{user_id[1:]}", "gender": rng.choices(["female", "male", "unknown"],
                                                                              [48, 48, 4])[0],
        "age": rng.randint(16, 66) if rng.random() > 0.05 else None, "city": city, "city_tier": tier,
        "member_level": rng.choice(MEMBERS), "registered_at": _stamp(now, rng, 1200),
        "occupation": OCCUPATIONS[index_of(user_id) % len(OCCUPATIONS)],
        "data_updated_at": now.isoformat()})
    statuses: dict[str, str] = {}
    own = rng.sample(INTERESTS, rng.randint(0, 4))
    for interest in own:
        status = "active" if rng.random() < 0.85 else "observe"
        for node in taxonomy.ancestors(interest):
            if statuses.get(node) != "active":
                statuses[node] = status
    for tag_id, status in statuses.items():
        rows["tags"].append({
            "user_id": user_id, "tag_id": tag_id, "category": "interests", "path": taxonomy.get(tag_id).path,
            "kind": "implicit", "confidence": 0.8 if status == "active" else 0.4, "status": status, "source": "rule",
            "first_seen": now.isoformat(), "last_seen": now.isoformat()})
    if rng.random() < 0.93:
        rows["profiles"].append({
            "user_id": user_id, "completeness": 0.8, "lifecycle": rng.choice(LIFECYCLES),
            "consumption": rng.choice(CONSUMPTION), "built_at": now.isoformat(), "model": "offline",
            "version": "test"})
    for n in range(rng.randint(0, 5)):
        polarity = round(rng.uniform(0.05, 1.0) * rng.choice([-1, 1]), 2)
        rows["emotions"].append({
            "user_id": user_id, "text_id": f"{user_id}-t{n}", "aspect": rng.choices(ASPECTS + ["overall"],
                                                                                  ASPECT_WEIGHTS)[0],
            "polarity": polarity, "emotion": rng.choice(EMOTIONS), "confidence": 0.7,
            "at": _stamp(now, rng, 28 if rng.random() < 0.35 else 200)})
        # the text it was read from; its source by position, not drawn, so the other draws stay as they were
        rows["texts"].append({"text_id": f"{user_id}-t{n}", "user_id": user_id, "source": TEXT_SOURCES[n % 3],
                              "text": "…", "at": rows["emotions"][-1]["at"]})
    for intent in rng.sample(INTENTS, rng.randint(0, 2)):
        rows["intents"].append({
            "user_id": user_id, "intent": intent, "target": rng.choice(INTERESTS) if rng.random() < 0.7 else None,
            "status": rng.choices(["active", "fulfilled", "expired"], [70, 15, 15])[0], "confidence": 0.7,
            "at": _stamp(now, rng, 120)})
    for value in rng.sample(VALUES, rng.randint(0, 2)):
        rows["user_values"].append({"user_id": user_id, "value_id": value, "confidence": 0.7,
                                    "status": "active" if rng.random() < 0.8 else "observe"})
    def interest() -> str | None:  # people mostly buy and browse what they are into
        return rng.choice(own) if own and rng.random() < 0.7 else rng.choice(INTERESTS)

    for n in range(rng.randint(0, 8)):
        rows["orders"].append({
            "order_id": f"{user_id}-o{n}", "user_id": user_id, "product": "item",
            "interest_id": interest() if rng.random() < 0.9 else None,
            "amount": round(rng.uniform(20, 3000), 2), "ordered_at": _stamp(now, rng, 400)})
    month_seconds = int((now - now.replace(day=1, hour=0, minute=0, second=0)).total_seconds())
    for n in range(rng.randint(0, 20)):
        kind = rng.choices(EVENT_TYPES, [30, 10, 15, 10, 8, 4, 5, 3, 15])[0]
        about = None if kind == "login" else interest()
        target = f"{taxonomy.name(about, 'zh')} 推荐" if about else None
        # a third of the events fall in the current month, so "this month" has matches on any date
        offset = rng.random()  # scaled, not drawn, so the rest of the data does not depend on the date
        stamp = ((now - timedelta(seconds=int(offset * month_seconds))).isoformat() if rng.random() < 0.35
                 else _stamp(now, rng, 120))
        rows["events"].append({"event_id": f"{user_id}-e{n}", "user_id": user_id, "type": kind, "target": target,
                               "interest_id": about, "at": stamp})


# --- the expected audience, in Python ------------------------------------------------------------

def load_rows(db_path: str) -> dict[str, list[dict]]:
    """Every table the filters read, as lists of dicts."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    tables = ("users", "tags", "profiles", "emotions", "intents", "user_values", "orders", "events", "texts")
    data = {table: [dict(row) for row in conn.execute(f"SELECT * FROM {table}")] for table in tables}
    conn.close()
    return data


def cutoff(days) -> str:
    """The first date inside a window: N days ago, or the start of this week / month / year, or of the
    calendar month before this one ("last_month", which ends where "month" starts)."""
    today = datetime.now(timezone.utc).date()  # SQLite's date('now') is UTC
    if days == "last_month":
        return (today.replace(day=1) - timedelta(days=1)).replace(day=1).isoformat()
    if days == "month":
        return today.replace(day=1).isoformat()
    if days == "year":
        return today.replace(month=1, day=1).isoformat()
    if days == "week":
        return (today - timedelta(days=today.weekday())).isoformat()
    return (today - timedelta(days=int(days))).isoformat()


def _within(stamp: str | None, days) -> bool:
    return days is None or (stamp is not None and stamp >= cutoff(days))


def expected_users(data: dict, spec: dict | None) -> set[str]:
    """The user ids matching a filter of tests/paraphrases.yaml (see the comment at its top)."""
    everyone = {u["user_id"] for u in data["users"]}
    if not spec:
        return everyone
    result = set(everyone)
    for key, value in spec.items():
        if key in ("polarity", "days", "target", "source"):
            continue  # read together with aspect / intent
        result &= _one_filter(data, everyone, key, value, spec)
    return result


def _one_filter(data, everyone, key, value, spec) -> set[str]:
    users = {u["user_id"]: u for u in data["users"]}
    taxonomy = load_taxonomy()
    if key == "all":
        out = set(everyone)
        for item in value:
            out &= expected_users(data, item)
        return out
    if key == "any":
        return set().union(*(expected_users(data, item) for item in value))
    if key == "not":
        return everyone - expected_users(data, value)
    if key == "occupation":
        return {uid for uid, u in users.items() if any(word in (u["occupation"] or "") for word in value)}
    if key in ("gender", "city", "tier", "member"):
        column = {"gender": "gender", "city": "city", "tier": "city_tier", "member": "member_level"}[key]
        wanted = value if isinstance(value, list) else [value]
        return {uid for uid, u in users.items() if u[column] in wanted}
    if key == "age":
        return {uid for uid, u in users.items() if u["age"] is not None and _in_range(u["age"], value)}
    if key == "tag":
        return {t["user_id"] for t in data["tags"] if t["tag_id"] == value and t["status"] == "active"}
    if key in ("lifecycle", "consumption"):
        return {p["user_id"] for p in data["profiles"] if p[key] in value}
    if key == "value":
        return {v["user_id"] for v in data["user_values"] if v["value_id"] == value and v["status"] == "active"}
    if key == "aspect":
        polarity = spec.get("polarity", "any")
        sources = {t["text_id"]: t["source"] for t in data["texts"]}
        # negative (positive) feedback about nothing named ("overall") is an opinion about anything,
        # unless it is a kind of text's verdict (差评: a review's)
        anything = value == "overall" and polarity != "any" and spec.get("source") is None
        return {e["user_id"] for e in data["emotions"] if (anything or e["aspect"] == value)
                and _within(e["at"], spec.get("days"))
                # negative / positive beyond the analyzers' neutral band, as the chat reads them
                and (polarity == "any" or (polarity == "neg" and e["polarity"] <= -NEUTRAL_BAND)
                     or (polarity == "pos" and e["polarity"] >= NEUTRAL_BAND))
                and spec.get("source") in (None, sources.get(e["text_id"]))}
    if key == "emotion":
        return {e["user_id"] for e in data["emotions"] if e["emotion"] == value and _within(e["at"], spec.get("days"))}
    if key == "intent":
        targets = set(taxonomy.descendants(spec["target"])) if spec.get("target") else None
        return {i["user_id"] for i in data["intents"] if i["intent"] == value and i["status"] == "active"
                and (targets is None or i["target"] in targets) and _within(i["at"], spec.get("days"))}
    if key == "orders":
        return _counted(data["orders"], "ordered_at", value, taxonomy)
    if key == "events":
        rows = [e for e in data["events"] if value.get("type", "any") == "any" or e["type"] == value["type"]]
        if value.get("text"):
            rows = [e for e in rows if value["text"] in (e["target"] or "")]
        if value.get("unbought"):   # no order after the event: of the interest named, else of the event's own
            rows = [e for e in rows if not _ordered_after(data["orders"], e, value.get("interest"), taxonomy)]
        if value.get("type", "any") == "any" and not value.get("text") and not value.get("interest"):
            # being active is any recorded deed: an event, an order or a text
            rows = rows + [{"user_id": o["user_id"], "at": o["ordered_at"], "interest_id": o["interest_id"]}
                           for o in data["orders"]] + \
                [{"user_id": t["user_id"], "at": t["at"], "interest_id": None} for t in data["texts"]]
        return _counted(rows, "at", value, taxonomy)
    if key in ("spend", "avg_order"):
        targets = set(taxonomy.descendants(value["interest"])) if value.get("interest") else None
        amounts = defaultdict(list)
        for order in data["orders"]:
            if (targets is None or order["interest_id"] in targets) and _within(order["ordered_at"], value.get("days")):
                amounts[order["user_id"]].append(order["amount"])
        if key == "spend":
            return {uid for uid in everyone if _in_range(sum(amounts.get(uid, [])), value)}
        return {uid for uid, values in amounts.items() if _in_range(sum(values) / len(values), value)}
    if key == "registered":
        return {uid for uid, u in users.items() if _within(u["registered_at"], value["days"])}
    raise KeyError(f"unknown filter key {key!r}")


def _ordered_after(orders, event, interest, taxonomy) -> bool:
    wanted = set(taxonomy.descendants(interest)) if interest else ({event["interest_id"]} if event["interest_id"] else None)
    return any(o["user_id"] == event["user_id"] and o["ordered_at"] >= event["at"]
               and (wanted is None or o["interest_id"] in wanted) for o in orders)


def _counted(rows, time_column, rule, taxonomy) -> set[str]:
    targets = set(taxonomy.descendants(rule["interest"])) if rule.get("interest") else None
    counts = defaultdict(int)
    for row in rows:
        if (targets is None or row["interest_id"] in targets) and _within(row[time_column], rule.get("days")):
            counts[row["user_id"]] += 1
    low, high = rule.get("min", 1), rule.get("max")
    return {uid for uid, n in counts.items() if n >= low and (high is None or n <= high)}


def _in_range(number, bounds: dict) -> bool:
    checks = {"gt": number > bounds.get("gt", 0), "gte": number >= bounds.get("gte", 0),
              "lt": number < bounds.get("lt", 0), "lte": number <= bounds.get("lte", 0)}
    return all(checks[op] for op in ("gt", "gte", "lt", "lte") if op in bounds)


# --- checks of the fixture itself -----------------------------------------------------------------

def test_fixture_stores_tag_ancestors_and_mixed_statuses(tmp_path):
    db = build_fixture_db(tmp_path / "f.db", n_users=60)
    data = load_rows(db)
    by_user = defaultdict(set)
    for tag in data["tags"]:
        by_user[tag["user_id"]].add(tag["tag_id"])
    taxonomy = load_taxonomy()
    for tags in by_user.values():
        for tag in tags:
            assert set(taxonomy.ancestors(tag)) <= tags
    assert {t["status"] for t in data["tags"]} == {"active", "observe"}


def test_expected_users_evaluates_the_filter_language(tmp_path):
    db = build_fixture_db(tmp_path / "f.db", n_users=80)
    data = load_rows(db)
    women = expected_users(data, {"gender": "female"})
    assert women == {u["user_id"] for u in data["users"] if u["gender"] == "female"}
    not_women = expected_users(data, {"not": {"gender": "female"}})
    assert women.isdisjoint(not_women) and len(women) + len(not_women) == 80
    either = expected_users(data, {"any": [{"city": ["上海"]}, {"city": ["北京"]}]})
    assert either == {u["user_id"] for u in data["users"] if u["city"] in ("上海", "北京")}
    assert expected_users(data, {}) == {u["user_id"] for u in data["users"]}
