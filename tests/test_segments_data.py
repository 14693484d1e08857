"""A small built-profile database with planted groups, for the segment, clustering and copy tests.

Rows are written straight into a `schema.db.connect()` file (the tables `persona build` fills),
so these tests do not depend on ingest or the profile workflow. Each group is an archetype with
its own interests, consumption level, aspect pains/praises, lifecycle and values; a little noise
keeps the groups from being trivially separable.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass

from schema.db import connect, now_iso


@dataclass(frozen=True)
class Archetype:
    name: str
    interests: tuple[str, ...]      # ids; level-2 ids come with their root in `paths`
    consumption: str
    lifecycle: str
    orders: tuple[int, int]         # order_count range
    basket: tuple[float, float]     # average order amount range
    aspects: tuple[tuple[str, float, str], ...]  # (aspect, polarity, evidence)
    values: tuple[str, ...]
    intents: tuple[str, ...]


ARCHETYPES = (
    Archetype(
        "outdoor_price", ("outdoor_sports", "hiking"), "price_sensitive", "mature", (3, 7), (150, 300),
        (("price", -0.8, "登山鞋穿着不错，就是价格太贵了"), ("quality", 0.6, "冲锋衣质量很好")),
        ("frugal", "adventurous"), ("compare",),
    ),
    Archetype(
        "skincare_quality", ("skincare", "beauty_makeup"), "quality_seeker", "mature", (4, 8), (450, 900),
        (("quality", 0.8, "精华用了皮肤很水润，品质很稳定"), ("packaging", -0.5, "包装有点简陋")),
        ("health_conscious",), ("repurchase",),
    ),
    Archetype(
        "baby_frequent", ("mother_baby",), "value_seeker", "growing", (12, 20), (40, 90),
        (("delivery", -0.7, "纸尿裤物流太慢了，宝宝等着用"), ("quality", 0.5, "奶粉宝宝爱喝")),
        ("family_first",), ("purchase",),
    ),
    Archetype(
        "digital_new", ("digital_electronics", "mobile_phones"), "premium", "new", (1, 2), (2500, 6000),
        (("battery", -0.6, "battery drains too fast"), ("appearance", 0.7, "the design looks great")),
        ("tech_optimist",), ("research",),
    ),
)

ROOT_OF = {"hiking": "outdoor_sports"}  # level-2 ids used here, and their roots


def make_profile_db(path, *, per_group: int = 40, seed: int = 0, groups=ARCHETYPES) -> dict[str, str]:
    """Write a built-profile database; return user_id -> archetype name (the planted truth)."""
    rng = random.Random(seed)
    conn = connect(path)
    truth: dict[str, str] = {}
    now = now_iso()
    with conn:
        for g, arche in enumerate(groups):
            for i in range(per_group):
                user_id = f"u{g}{i:04d}"
                truth[user_id] = arche.name
                _write_user(conn, rng, user_id, arche, now, name=f"测试用户{g}{i}")
    conn.close()
    return truth


def add_user(path, user_id: str, archetype: Archetype, *, seed: int = 1) -> None:
    """Add (or overwrite) one built user of an archetype."""
    conn = connect(path)
    with conn:
        _write_user(conn, random.Random(seed), user_id, archetype, now_iso(), name=None)
    conn.close()


def _write_user(conn, rng, user_id, arche, now, name):
    conn.execute(
        "INSERT OR REPLACE INTO users (user_id, name, gender, age, city, member_level, data_updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (user_id, name, rng.choice(["female", "male"]), rng.randint(20, 50),
         rng.choice(["上海", "北京", "成都"]), "gold", now),
    )
    conn.execute("INSERT OR REPLACE INTO identities (kind, value, user_id) VALUES ('phone', ?, ?)",
                 (f"138{zlib.crc32(user_id.encode()) % 10**8:08d}", user_id))
    for interest in arche.interests:
        root = ROOT_OF.get(interest, interest)
        path = interest if root == interest else f"{root}/{interest}"
        conn.execute(
            "INSERT OR REPLACE INTO tags (user_id, tag_id, category, path, kind, confidence, status, source,"
            " evidence, first_seen, last_seen) VALUES (?, ?, 'interests', ?, 'implicit', ?, 'active', 'order', ?, ?, ?)",
            (user_id, interest, path, round(rng.uniform(0.65, 0.95), 2), f"bought {interest}", now, now),
        )
    if rng.random() < 0.15:  # noise: a stray interest
        stray = rng.choice(["books", "food_drink", "travel"])
        conn.execute(
            "INSERT OR REPLACE INTO tags (user_id, tag_id, category, path, kind, confidence, status, source,"
            " evidence, first_seen, last_seen) VALUES (?, ?, 'interests', ?, 'implicit', 0.7, 'active', 'event', ?, ?, ?)",
            (user_id, stray, stray, f"viewed {stray}", now, now),
        )
    orders = rng.randint(*arche.orders)
    spend = round(orders * rng.uniform(*arche.basket), 2)
    frequency = min(5, 1 + orders // 4)
    conn.execute(
        "INSERT OR REPLACE INTO profiles (user_id, completeness, lifecycle, consumption, rfm_recency, rfm_frequency,"
        " rfm_monetary, order_count, total_spend, built_at, model, version) VALUES (?, 0.8, ?, ?, ?, ?, ?, ?, ?, ?,"
        " 'offline', 'test')",
        (user_id, arche.lifecycle, arche.consumption, rng.randint(3, 5), frequency,
         min(5, 1 + int(spend // 1500)), orders, spend, now),
    )
    for n, (aspect, polarity, evidence) in enumerate(arche.aspects):
        if rng.random() < 0.85:
            jitter = max(-1.0, min(1.0, polarity + rng.uniform(-0.15, 0.15)))
            conn.execute(
                "INSERT OR REPLACE INTO emotions (user_id, text_id, aspect, polarity, emotion, confidence, evidence, at)"
                " VALUES (?, ?, ?, ?, ?, 0.8, ?, ?)",
                (user_id, f"t{user_id}{n}", aspect, round(jitter, 2), "anger" if polarity < 0 else "joy", evidence, now),
            )
    for value in arche.values:
        if rng.random() < 0.8:
            conn.execute(
                "INSERT OR REPLACE INTO user_values (user_id, value_id, confidence, status, evidence, at)"
                " VALUES (?, ?, 0.75, 'active', 'from reviews', ?)",
                (user_id, value, now),
            )
    for intent in arche.intents:
        if rng.random() < 0.6:
            conn.execute(
                "INSERT OR REPLACE INTO intents (user_id, intent, target, priority, status, confidence, at)"
                " VALUES (?, ?, ?, 2, 'active', 0.7, ?)",
                (user_id, intent, arche.interests[0], now),
            )


def test_fixture_writes_every_group(tmp_path):
    truth = make_profile_db(tmp_path / "p.db", per_group=5)
    assert sorted(set(truth.values())) == sorted(a.name for a in ARCHETYPES)
    conn = connect(tmp_path / "p.db")
    assert conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0] == 5 * len(ARCHETYPES)
    assert conn.execute("SELECT COUNT(DISTINCT user_id) FROM tags WHERE tag_id = 'outdoor_sports'").fetchone()[0] == 5
