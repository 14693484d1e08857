"""Build the bundled demo dataset: seeds/demo.jsonl and seeds/demo.truth.jsonl.

    python -m seeds.make_demo            # rewrites both files; same bytes every time

About 200 users made with the generator's planner and phrase banks (seeds/generate.py,
seeds/phrases.py) plus a few hand-placed stories the product's example questions need:

* outdoor lovers who complained about price in the last month, several of them women in 上海;
* phone shoppers who searched for phones in the last 7 days and did not order;
* pairs of records that share a phone, e-mail or device id (one person, two accounts);
* users who answered a questionnaire (``surveys``), users in the seed project's request shape
  (``user_data``), texts that try to give the system orders (prompt injections: data only);
* real Chinese reviews from online_shopping_10_cats (never a held-back row, id % 10 == 0),
  chosen so they say nothing the user's ground truth does not already say.

All times are relative to the fixed anchor ANCHOR (2026-11-20): the file is static, so
`persona demo` may shift them to keep "last 30 days" questions meaningful.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from schema.taxonomy import load_taxonomy
from seeds import phrases as ph
from seeds.archetypes import BY_ID
from seeds.generate import _ARCHETYPE_TABLE, Clock, Plan, Renderer, _aspect_targets, _draw, plan_user

ANCHOR = datetime(2026, 11, 20)
SEED = 20261120
HERE = Path(__file__).resolve().parent
DEFAULT_CSV = Path("/work/shared/data/online_shopping_10_cats.dev.csv")
LANG_WEIGHTS = {"zh": 0.62, "en": 0.31, "mixed": 0.07}
BULK_USERS = 172
# The review corpus's categories and the interest each is about.
CSV_CATEGORY_INTEREST = {"书籍": "books", "平板": "computers", "手机": "mobile_phones", "水果": "food_drink",
                         "洗发水": "home_living", "热水器": "home_living", "蒙牛": "food_drink", "衣服": "fashion",
                         "计算机": "computers", "酒店": "travel"}
PHONE_SEARCHES = ("iPhone 16 价格", "小米15 和 iPhone 16 对比", "华为 手机 对比", "iPhone 16 vs Pixel 9")


class Demo:
    """Accumulates records and their truth; every story adds users through the same path."""

    def __init__(self, csv_path: Path):
        self.rng = random.Random(SEED)
        self.renderer = Renderer(self.rng, Clock(ANCHOR))
        self.taxonomy = load_taxonomy()
        self.records: list[dict] = []
        self.truths: list[dict] = []
        self.plans: list[Plan] = []
        self.reviews = _real_reviews(csv_path)

    def next_plan(self, archetype_id: str | None = None) -> Plan:
        index = len(self.records) + 1
        archetype = BY_ID[archetype_id] if archetype_id else _draw(self.rng.random, _ARCHETYPE_TABLE)
        return plan_user(self.rng, index, f"u{index:05d}", archetype, salt=SEED, lang_weights=LANG_WEIGHTS)

    def add(self, plan: Plan, story: str | None = None) -> tuple[dict, dict]:
        line, truth = self.renderer.render(plan)
        record = json.loads(line)
        truth["story"] = story
        self.records.append(record)
        self.truths.append(truth)
        self.plans.append(plan)
        return record, truth

    # ---- stories ------------------------------------------------------------------------

    def bulk(self, n: int) -> None:
        for _ in range(n):
            self.add(self.next_plan())

    def outdoor_price_complainers(self) -> None:
        """Outdoor lovers unhappy about price in the last month; most of them women in 上海."""
        people = [("female", "上海", "zh"), ("female", "上海", "zh"), ("female", "上海", "en"),
                  ("female", "上海", "mixed"), ("female", "上海", "zh"), ("male", "上海", "zh"),
                  ("female", "北京", "zh"), ("male", "杭州", "en")]
        for gender, city, lang in people:
            plan = self.next_plan("outdoor_bargain")
            plan.gender, plan.city, plan.lang = gender, city, lang
            plan.lifecycle, plan.active = "mature", (1, 365)
            plan.intents = [k for k in plan.intents if k != "churn_risk"]
            plan.aspects["price"] = -1
            plan.recent = {"price"}
            self.add(plan, "outdoor_price_recent")

    def phone_searchers_without_orders(self) -> None:
        """Searched for phones in the last 7 days and ordered nothing in that time."""
        for k in range(5):
            plan = self.next_plan("phone_comparers")
            plan.registered_days = min(plan.registered_days, 300)
            plan.lifecycle, plan.active = "growing", (8, max(plan.registered_days, 60))
            plan.intents = [k for k in dict.fromkeys(plan.intents + ["compare", "purchase"]) if k != "churn_risk"]
            record, truth = self.add(plan, "phone_search_7d_no_order")
            for j in range(1 + k % 3):
                days = 1 + (k + 2 * j) % 4  # inside a 7-day window for a few days after ANCHOR
                truth["last_active_days"] = min(truth["last_active_days"], days)
                at = ANCHOR - timedelta(days=days, hours=3 + 5 * j)
                record["events"].append({"event_id": f"{record['user_id']}-e{len(record['events']) + 1}",
                                         "type": "search", "target": PHONE_SEARCHES[(k + j) % len(PHONE_SEARCHES)],
                                         "category": "手机", "at": at.isoformat(timespec="seconds")})

    def second_accounts(self, count: int = 5) -> None:
        """The same person with a second account that shares one identity with the first."""
        candidates = [plan for plan in self.plans if plan.lifecycle in ("mature", "growing")][3::4]
        for k in range(count):
            kind = ("phone", "email", "device_id")[k % 3]
            owner = next(plan for plan in candidates if kind in plan.identities)
            candidates.remove(owner)
            plan = self.next_plan(owner.archetype.id)
            plan = replace(plan, gender=owner.gender, city=owner.city, lang=owner.lang, age=owner.age,
                           interests=list(owner.archetype.core),
                           aspects={a: p for a, p in owner.aspects.items()
                                    if _aspect_targets(a, list(owner.archetype.core))},
                           intents=[], values=list(owner.values))
            plan.identities[kind] = owner.identities[kind]
            plan.share_with = owner.user_id
            self.add(plan, f"second_account_shared_{kind}")

    def seed_shape_users(self, count: int = 4) -> None:
        """Users in the seed project's request shape ({"user_id", "user_data": {...}})."""
        for _ in range(count):
            plan = self.next_plan()
            record, truth = self.add(plan, "seed_request_shape")
            self.records[-1] = _to_seed_shape(record, plan)
            truth["aspects_30d"] = None  # the shape has no times: ingest decides when the texts happened
            truth["last_active_days"] = None
            truth["gender"] = plan.gender

    def surveys(self, count: int = 8) -> None:
        for plan, record, truth in self._pick_users(count, offset=7):
            record["surveys"] = {"interests": [ph.INTERESTS[i].survey_word for i in plan.interests],
                                 "values": [ph.VALUE_SURVEY_WORDS[v] for v in plan.values]}
            truth["survey"] = True

    def injections(self) -> None:
        for text, (plan, record, truth) in zip(ph.INJECTIONS, self._pick_users(len(ph.INJECTIONS), offset=11)):
            at = ANCHOR - timedelta(days=3 + len(text) % 20, hours=2)
            record["texts"].append({"text_id": f"{record['user_id']}-t{len(record['texts']) + 1}",
                                    "source": "chat", "text": text, "at": at.isoformat(timespec="seconds")})
            truth["injection"] = True

    def real_reviews(self, count: int = 30) -> None:
        """Real reviews for users with a matching interest, when they add nothing to the truth."""
        added = 0
        for plan, record, truth in self._pick_users(len(self.records), offset=1):
            if added >= count or "user_data" in record or plan.active[1] < 40:
                continue
            review = self._review_for(plan)
            if review is None:
                continue
            day = max(31, plan.active[0]) + int(self.rng.random() * (plan.active[1] - max(31, plan.active[0])))
            record["texts"].append({"text_id": f"{record['user_id']}-t{len(record['texts']) + 1}",
                                    "source": "review", "text": review,
                                    "at": f"{(ANCHOR - timedelta(days=day)).date().isoformat()}T20:15:00"})
            truth["last_active_days"] = min(truth["last_active_days"], day)
            truth["real_reviews"] = truth.get("real_reviews", 0) + 1
            added += 1

    def _review_for(self, plan: Plan) -> str | None:
        tx = self.taxonomy
        for interest in plan.interests:
            pool = self.reviews.get(interest, [])
            for _ in range(40):
                if not pool:
                    break
                text, positive = pool.pop(int(self.rng.random() * len(pool)))
                interests = {tx.ancestors(h[0])[0] for h in tx.find_terms(text)}
                aspects = {h[0] for h in tx.find_terms(text, "aspect")}
                sign = 1 if positive else -1
                if (interests <= set(plan.interests)
                        and all(plan.aspects.get(a) == sign for a in aspects)
                        and {h[0] for h in tx.find_terms(text, "intent")} <= set(plan.intents)
                        and {h[0] for h in tx.find_terms(text, "value")} <= set(plan.values)):
                    return text
        return None

    def _pick_users(self, count: int, offset: int):
        """``count`` plain users spread over the file (a fixed stride, so the choice is stable)."""
        chosen, seen = [], set()
        for k in range(len(self.records)):
            i = (offset + 13 * k) % len(self.records)
            if i in seen:
                break
            seen.add(i)
            if self.truths[i]["story"] is None and "user_data" not in self.records[i]:
                chosen.append((self.plans[i], self.records[i], self.truths[i]))
            if len(chosen) == count:
                break
        return chosen

    def write(self, out: Path) -> Path:
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        truth_out = out.with_suffix(".truth.jsonl")
        out.write_text("".join(dumps(r) + "\n" for r in self.records), encoding="utf-8")
        truth_out.write_text("".join(dumps(t) + "\n" for t in self.truths), encoding="utf-8")
        return truth_out


def _to_seed_shape(record: dict, plan: Plan) -> dict:
    """The seed project's request body for the same person (docs/data-format.md)."""
    attrs = record["attributes"]
    by_source: dict[str, list[str]] = {}
    for text in record["texts"]:
        by_source.setdefault(text["source"], []).append(text["text"])
    registration = {"age": attrs.get("age"), "gender": plan.gender, "location": attrs.get("city"),
                    "occupation": attrs.get("occupation"), "education": attrs.get("education")}
    posts = by_source.get("post", []) + by_source.get("survey", [])
    return {
        "user_id": record["user_id"],
        "user_data": {
            "registration_data": {k: v for k, v in registration.items() if v is not None},
            "text_data": posts,
            "comments": [{"content": t} for t in by_source.get("chat", []) + by_source.get("call_transcript", [])],
            "product_reviews": [{"content": t} for t in by_source.get("review", [])],
            "text_content": by_source.get("search", []),
            "personality_data": {"text_samples": posts[:1]},
            "survey_data": {"interests": [ph.INTERESTS[i].survey_word for i in plan.interests],
                            "values": [ph.VALUE_SURVEY_WORDS[v] for v in plan.values]},
            "behavior_data": {"activity_data": {"daily_actions": len(record["events"]) * 3},
                              "usage_time": {"peek_hour": [20, 21]}},
        },
    }


def _real_reviews(path: Path) -> dict[str, list[tuple[str, bool]]]:
    """Short real reviews by interest, never a held-back row (numeric id % 10 == 0)."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: the review corpus is needed to rebuild the demo (see --csv)")
    by_interest: dict[str, list[tuple[str, bool]]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["id"].lstrip("os")) % 10 == 0:
                continue
            text = " ".join(row["review"].split())
            if 8 <= len(text) <= 70:
                by_interest.setdefault(CSV_CATEGORY_INTEREST[row["cat"]], []).append((text, row["label"] == "1"))
    return by_interest


def build(csv_path: Path = DEFAULT_CSV) -> Demo:
    """Every record and truth line of the demo, in file order."""
    demo = Demo(csv_path)
    demo.bulk(BULK_USERS)
    demo.outdoor_price_complainers()
    demo.phone_searchers_without_orders()
    demo.seed_shape_users()
    demo.second_accounts()
    demo.surveys()
    demo.injections()
    demo.real_reviews()
    return demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seeds.make_demo", description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="online_shopping_10_cats.dev.csv")
    parser.add_argument("--out", type=Path, default=HERE / "demo.jsonl")
    args = parser.parse_args(argv)
    try:
        demo = build(args.csv)
    except FileNotFoundError as exc:
        print(f"make_demo: {exc}", file=sys.stderr)
        return 2
    truth_out = demo.write(args.out)
    print(f"wrote {len(demo.records)} users to {args.out} and {truth_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
