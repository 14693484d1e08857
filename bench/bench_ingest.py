"""How fast `persona ingest` loads generated users, and whether it finds the planted duplicates.

    python bench/bench_ingest.py --users 10000 [--dup-rate 0.02] [--keep DIR]

Writes N users with seeds/generate.py (a share of them re-using another user's phone, e-mail
or device id), ingests them into a fresh database, then re-ingests the same file (nothing
may change), and prints wall time, CPU time, rows per second and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seeds.generate import iter_users  # noqa: E402
from tools.ingest import ingest_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--dup-rate", type=float, default=0.02)
    parser.add_argument("--keep", help="write the data and database here instead of a temp dir")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="persona-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    data, db = folder / "users.jsonl", folder / "bench.db"
    db.unlink(missing_ok=True)

    planted = 0
    with open(data, "w", encoding="utf-8") as out:
        for line, truth in iter_users(args.users, dup_rate=args.dup_rate):
            out.write(line + "\n")
            planted += bool(truth.get("same_person_as"))
    size_mb = data.stat().st_size / 1e6
    print(f"{args.users} users, {size_mb:.1f} MB, {planted} planted duplicates -> {db}")

    for label in ("fresh ingest", "re-ingest"):
        wall, cpu = time.perf_counter(), time.process_time()
        report = ingest_file(db, data)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        items = report.orders + report.events + report.texts
        print(f"{label:>12}: {wall:5.1f} s wall, {cpu:5.1f} s CPU, {report.records / wall:7.0f} records/s, "
              f"{items} rows written, {report.merged} merged, {report.rejected} rejected, "
              f"{report.unchanged_users} unchanged")
    conn = sqlite3.connect(db)
    table_rows = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("users", "user_aliases", "orders", "events", "texts")}
    conn.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"tables: {json.dumps(table_rows)}; peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
