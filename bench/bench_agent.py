"""Agent speed and round trips: `python bench/bench_agent.py [--users 100000] [--big 1000000]`.

Builds (once, cached in bench/out/) a synthetic profile database straight into the tables the
agent reads (users, tags, emotions, intents, values, profiles): the profile workflow is not what
is measured here, and building 1M profiles through it would take far longer than the queries.
Then prints, per question:

- offline `ask`: p50 / p95 in-process wall time (start-up excluded: one Agent, warmed up) and
  the model round trips it needed;
- a scripted "one-shot" model that sends the planner's statement as its single tool call and then
  answers: round trips on the model path and the graph's own overhead;
- on the big database: the time of each audience statement through the SQL guard (with the
  schema's indexes), and the offline `ask` time there.

Targets (issue 4): offline ask p50 < 150 ms and p95 < 500 ms at 100k users; audience queries
< 1 s at 1M users.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parent / "out"

QUESTIONS = [
    "users negative on price who love outdoor sports",
    "最近一个月对价格有负面情绪的户外运动爱好者有多少?",
    "how many women in Shanghai love skincare?",
    "有购买手机意向的用户",
    "price sensitive users aged 25 to 34",
    "北京的金卡会员有多少",
    "users who complained about delivery in the last 30 days",
    "有多少用户喜欢健身",
]
CITIES = ["上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆", "苏州", "天津",
          "长沙", "郑州", "青岛", "厦门", "昆明", "大连", "合肥", "济南"]
CITY_WEIGHTS = [10, 10, 8, 8, 7, 7, 5, 5, 4, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2]
TIER_1 = {"上海", "北京", "广州", "深圳"}
LEVELS = ["normal", "silver", "gold", "platinum", "diamond"]
ASPECTS = ["price", "quality", "delivery", "service", "packaging", "usability", "appearance", "battery",
           "size_fit", "taste"]
EMOTIONS = ["joy", "anger", "sadness", "fear", "surprise", "disgust", "neutral"]
INTENTS = ["purchase", "compare", "research", "complaint", "return_refund", "repurchase", "churn_risk", "consult"]
VALUES = ["eco_conscious", "tech_optimist", "family_first", "health_conscious", "frugal", "adventurous"]
CONSUMPTION = ["price_sensitive", "value_seeker", "quality_seeker", "premium"]
LIFECYCLE = ["new", "growing", "mature", "dormant", "churn_risk"]


# --- synthetic database -----------------------------------------------------------------------------

def build_database(path: Path, users: int, seed: int = 7) -> None:
    """Write ``users`` synthetic users with tags, emotions, intents, values and profiles."""
    from schema.db import connect
    from schema.taxonomy import load_taxonomy, sync_to_db

    taxonomy = load_taxonomy()
    interests = [node for node in taxonomy.of_kind("interest") if node.level >= 2] or taxonomy.of_kind("interest")
    rng = random.Random(seed)
    now = datetime.now().replace(microsecond=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", ".threads.sqlite"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = connect(path)
    sync_to_db(conn, taxonomy)
    conn.execute("PRAGMA synchronous = OFF")
    started = time.perf_counter()
    batch = 20_000
    for first in range(0, users, batch):
        rows = {name: [] for name in ("users", "tags", "emotions", "intents", "values", "profiles")}
        for index in range(first, min(first + batch, users)):
            _synthesize_user(rng, index, now, taxonomy, interests, rows)
        with conn:
            conn.executemany("INSERT INTO users (user_id, name, gender, age, city, city_tier, member_level, "
                             "registered_at, data_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["users"])
            conn.executemany("INSERT OR IGNORE INTO tags (user_id, tag_id, category, path, kind, confidence, status, "
                             "source, first_seen, last_seen) VALUES (?, ?, ?, ?, 'implicit', ?, ?, 'order', ?, ?)",
                             rows["tags"])
            conn.executemany("INSERT OR IGNORE INTO emotions (user_id, text_id, aspect, polarity, emotion, "
                             "confidence, evidence, at) VALUES (?, ?, ?, ?, ?, 0.8, '', ?)", rows["emotions"])
            conn.executemany("INSERT OR IGNORE INTO intents (user_id, intent, target, priority, status, confidence, "
                             "at, expires_at) VALUES (?, ?, ?, 2, ?, 0.8, ?, ?)", rows["intents"])
            conn.executemany("INSERT OR IGNORE INTO user_values (user_id, value_id, confidence, status, at) "
                             "VALUES (?, ?, 0.8, ?, ?)", rows["values"])
            conn.executemany("INSERT INTO profiles (user_id, completeness, lifecycle, consumption, rfm_recency, "
                             "rfm_frequency, rfm_monetary, order_count, total_spend, built_at, model, version) "
                             "VALUES (?, 0.8, ?, ?, ?, ?, ?, ?, ?, ?, 'offline', 'bench')", rows["profiles"])
        print(f"\r  {min(first + batch, users):,} / {users:,} users", end="", file=sys.stderr, flush=True)
    conn.execute("ANALYZE")
    conn.close()
    print(f"\r  built {users:,} users in {time.perf_counter() - started:.0f} s -> {path}", file=sys.stderr)


def _synthesize_user(rng, index, now, taxonomy, interests, rows) -> None:
    uid = f"u{index:07d}"
    city = rng.choices(CITIES, CITY_WEIGHTS)[0]
    iso = lambda days: (now - timedelta(days=days, seconds=rng.randrange(86400))).isoformat()  # noqa: E731
    rows["users"].append((uid, f"user{index}", rng.choice(["female", "male", "female", "male", "unknown"]),
                          rng.randint(18, 65), city, 1 if city in TIER_1 else 2, rng.choices(LEVELS, [50, 25, 15, 7, 3])[0],
                          iso(rng.randint(30, 1500)), iso(rng.randint(0, 60))))
    for node in rng.sample(interests, rng.randint(1, 4)):
        confidence = round(rng.uniform(0.4, 1.0), 2)
        status = "active" if confidence >= 0.6 else "observe"
        for tag_id in taxonomy.ancestors(node.id):
            rows["tags"].append((uid, tag_id, "interests", taxonomy.get(tag_id).path, confidence, status,
                                 iso(200), iso(rng.randint(0, 90))))
    consumption, lifecycle = rng.choice(CONSUMPTION), rng.choices(LIFECYCLE, [10, 25, 40, 15, 10])[0]
    rows["tags"].append((uid, consumption, "consumption", consumption, 0.8, "active", iso(200), iso(10)))
    rows["tags"].append((uid, lifecycle, "lifecycle", lifecycle, 0.8, "active", iso(200), iso(10)))
    for n in range(rng.randint(0, 3)):
        aspect = rng.choices(ASPECTS, [30, 20, 15, 10, 5, 5, 5, 4, 3, 3])[0]
        polarity = round(rng.uniform(-1, 1), 2)
        emotion = "anger" if polarity < -0.3 else ("joy" if polarity > 0.3 else "neutral")
        rows["emotions"].append((uid, f"t{index}-{n}", aspect, polarity, emotion, iso(rng.randint(0, 120))))
    if rng.random() < 0.2:
        intent = rng.choice(INTENTS)
        target = rng.choice(["mobile_phones", "computers", "outdoor_sports", "skincare", "fashion"])
        status = rng.choices(["active", "fulfilled", "expired"], [60, 25, 15])[0]
        rows["intents"].append((uid, intent, target, status, iso(rng.randint(0, 40)), iso(-30)))
    if rng.random() < 0.3:
        rows["values"].append((uid, rng.choice(VALUES), "active", iso(rng.randint(0, 200))))
    orders = rng.randint(0, 30)
    rows["profiles"].append((uid, lifecycle, consumption, rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5),
                             orders, round(orders * rng.uniform(50, 800), 2), iso(1)))


def database(users: int, fresh: bool) -> str:
    path = OUT / f"agent_{users}.db"
    if fresh or not path.exists():
        print(f"building a {users:,}-user database (cached in {OUT})", file=sys.stderr)
        build_database(path, users)
    return str(path)


# --- measurements --------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_offline_asks(db: str, repeats: int) -> dict[str, dict]:
    """Each question ``repeats`` times on a fresh conversation: wall times and round trips."""
    from agent.graph import Agent

    agent = Agent(db, offline=True)
    agent.ask(QUESTIONS[0])  # warm-up: imports, taxonomy, prompt, planner tables
    results = {}
    for question in QUESTIONS:
        times, answer = [], None
        for _ in range(repeats):
            agent.clear()
            started = time.perf_counter()
            answer = agent.ask(question)
            times.append((time.perf_counter() - started) * 1000)
        results[question] = {"times": times, "answer": answer}
    agent.close()
    return results


def one_shot_round_trips(db: str, offline_results: dict[str, dict]) -> dict[str, tuple[int, float]]:
    """A model that sends the planner's statement as one tool call, then answers."""
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import AIMessage, ToolMessage
    from langchain_core.outputs import ChatGeneration, ChatResult

    from agent.graph import Agent

    class OneShotModel(BaseChatModel):
        statements: dict = {}

        @property
        def _llm_type(self) -> str:
            return "one-shot"

        def bind_tools(self, tools, **kwargs):
            return self

        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            last = messages[-1]
            if isinstance(last, ToolMessage):
                reply = AIMessage("done")
            else:
                sql, params = self.statements[last.content]
                reply = AIMessage("", tool_calls=[{"name": "run_sql", "args": {"sql": sql, "params": params},
                                                   "id": f"call_{len(messages)}", "type": "tool_call"}])
            return ChatResult(generations=[ChatGeneration(message=reply)])

    statements = {q: (r["answer"].submitted, r["answer"].params) for q, r in offline_results.items()
                  if r["answer"].submitted}
    agent = Agent(db, model=OneShotModel(statements=statements))
    out = {}
    for question in statements:
        agent.clear()
        started = time.perf_counter()
        answer = agent.ask(question)
        out[question] = (answer.round_trips, (time.perf_counter() - started) * 1000)
    agent.close()
    return out


def time_guarded_statements(db: str, offline_results: dict[str, dict]) -> dict[str, tuple[float, int]]:
    from tools.agent_tools import AUDIENCE_MAX_ROWS
    from tools.sql_guard import run_sql

    out = {}
    for question, result in offline_results.items():
        answer = result["answer"]
        if not answer.submitted:
            continue
        started = time.perf_counter()
        rows = run_sql(db, answer.submitted, answer.params, max_rows=AUDIENCE_MAX_ROWS).row_count
        out[question] = ((time.perf_counter() - started) * 1000, rows)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000, help="users in the big database (0: skip)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached databases")
    args = parser.parse_args()

    db = database(args.users, args.fresh)
    results = time_offline_asks(db, args.repeats)
    all_times = [t for r in results.values() for t in r["times"]]
    print(f"\noffline ask on {args.users:,} users ({args.repeats} runs per question, start-up excluded)")
    print(f"{'p50 ms':>8} {'p95 ms':>8} {'trips':>5} {'rows':>7}  question")
    for question, result in results.items():
        answer = result["answer"]
        rows = "-" if answer.row_count is None else f"{answer.row_count:,}"
        flag = "" if not answer.error else f"  [error: {answer.error}]"
        print(f"{percentile(result['times'], 0.5):8.1f} {percentile(result['times'], 0.95):8.1f} "
              f"{answer.round_trips:5d} {rows:>7}  {question}{flag}")
    print(f"all questions: p50 {percentile(all_times, 0.5):.1f} ms, p95 {percentile(all_times, 0.95):.1f} ms "
          f"(targets: p50 < 150, p95 < 500)")

    print("\nscripted one-shot model (the planner's statement as its single tool call)")
    for question, (trips, ms) in one_shot_round_trips(db, results).items():
        print(f"{ms:8.1f} ms {trips:3d} round trips  {question}")

    if args.big:
        big = database(args.big, args.fresh)
        print(f"\naudience statements through the guard on {args.big:,} users (target < 1000 ms)")
        big_results = time_offline_asks(big, 3)
        for question, (ms, rows) in time_guarded_statements(big, big_results).items():
            ask_ms = statistics.median(big_results[question]["times"])
            print(f"{ms:8.1f} ms {rows:>9,} rows   ask {ask_ms:7.1f} ms  {question}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
