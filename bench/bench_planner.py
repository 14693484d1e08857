"""Offline planner latency: parse + compile + run, in process, on a 100k-user database.

    python bench/bench_planner.py                  # builds bench/out/planner_100000.db once (~2 min)
    python bench/bench_planner.py --users 20000    # a quicker run
    python bench/bench_planner.py --db shop.db     # any Persona database (e.g. made with
                                                   # persona generate + persona ingest + persona build)

The database is filled straight into the tables the planner reads (users, tags with their
ancestors, profiles, emotions, intents, values, orders, events) by the generator of the planner's
tests (tests/test_planner_fixture.py): the profile workflow is not what is measured here, and
building 100k profiles through it takes far longer than the queries. Every audience, count and
breakdown question of tests/paraphrases.yaml is planned and run through the SQL guard (the same
read-only path the agent uses, row cap 200,000); the first round warms the caches and is not
counted. Prints p50 / p95 / max of plan (parse + compile), run, and total, and the slowest
questions.

Targets (issue 4): total p50 < 150 ms, p95 < 500 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = Path(__file__).resolve().parent / "out"


def questions() -> list[str]:
    cases = yaml.safe_load((ROOT / "tests" / "paraphrases.yaml").read_text(encoding="utf-8"))
    return [q for section in ("audiences", "counts", "breakdowns") for case in cases[section] for q in case["questions"]]


def database(users: int) -> str:
    from tests.test_planner_fixture import build_fixture_db

    path = OUT / f"planner_{users}.db"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        started = time.perf_counter()
        print(f"building {path} with {users:,} users ...", flush=True)
        build_fixture_db(path.with_suffix(".tmp"), n_users=users)
        for suffix in ("", "-wal", "-shm"):
            partial = Path(str(path.with_suffix(".tmp")) + suffix)
            if partial.exists():
                partial.rename(str(path) + suffix)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    return str(path)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--db", help="use this database instead of a generated one")
    parser.add_argument("--rounds", type=int, default=2, help="measured rounds over all questions")
    args = parser.parse_args()

    from agent.planner.plan import planner_answer
    from tools.sql_guard import run_sql

    db = args.db or database(args.users)
    asked = questions()
    for question in asked:  # warm-up: recognizers, taxonomy, SQLite page cache
        plan = planner_answer(question)
        run_sql(db, plan.args["sql"], plan.args["params"], max_rows=200_000, timeout_s=30)
    plan_ms, run_ms, total_ms, slowest = [], [], [], []
    for _ in range(args.rounds):
        for question in asked:
            started = time.perf_counter()
            plan = planner_answer(question)
            planned = time.perf_counter()
            result = run_sql(db, plan.args["sql"], plan.args["params"], max_rows=200_000, timeout_s=30)
            done = time.perf_counter()
            plan_ms.append((planned - started) * 1000)
            run_ms.append((done - planned) * 1000)
            total_ms.append((done - started) * 1000)
            slowest.append((total_ms[-1], question, result.row_count))
    print(f"database: {db}")
    print(f"{len(asked)} questions x {args.rounds} rounds (in process, warm)")
    for name, values in (("plan (parse+compile)", plan_ms), ("run (guard+SQLite)", run_ms), ("total", total_ms)):
        print(f"  {name:22s} p50 {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms   "
              f"max {max(values):7.1f} ms")
    for name, keep in (("results < 10,000 rows", lambda n: n < 10_000), ("results >= 10,000 rows", lambda n: n >= 10_000)):
        part = [ms for ms, _, rows in slowest if keep(rows)]
        if part:
            print(f"  {name:22s} p50 {statistics.median(part):7.1f} ms   p95 {percentile(part, 0.95):7.1f} ms   "
                  f"({len(part)} runs)")
    p50, p95 = statistics.median(total_ms), percentile(total_ms, 0.95)
    print(f"targets: p50 < 150 ms {'met' if p50 < 150 else 'MISSED'}, p95 < 500 ms {'met' if p95 < 500 else 'MISSED'}")
    print("slowest:")
    for ms, question, rows in sorted(slowest, reverse=True)[:5]:
        print(f"  {ms:7.1f} ms  {rows:7,} rows  {question}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
