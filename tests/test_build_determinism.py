"""Two builds of the same users write the same profiles: in fresh processes with different hash
seeds (set and dict order of strings), judged at the same moment, only the times of the build
differ. bench/bench_build.py --baseline relies on this to say whether two revisions wrote the same
profiles, through a digest that also ignores when each side loaded the users."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.bench_build import profile_digest
from seeds.generate import generate
from tools.ingest import ingest_file

ROOT = Path(__file__).resolve().parent.parent
USERS = 300
JUDGED_AT = "2026-12-07T12:00:00"
PROFILE_TABLES = ("profiles", "tags", "emotions", "intents", "user_values", "segment_members", "tag_history")
# Columns that hold the second a batch was read (each batch's built_at): always, or for tags
# without a dated evidence (last_seen). Those values, and only those, are left out of the comparison.
BUILD_TIMES = {"profiles": ("built_at",), "tags": ("first_seen", "last_seen")}
BUILD = (
    "import sys\n"
    "from datetime import datetime\n"
    "from bench.bench_build import judge_at\n"
    "from tools.profile.build import build_profiles\n"
    "judge_at(datetime.fromisoformat(sys.argv[2]))\n"
    "report = build_profiles(sys.argv[1], batch_size=120)\n"
    "assert report.built == report.selected and not report.errors, report\n"
)


def copy_db(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def loaded_stamp(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT MAX(data_updated_at) FROM users").fetchone()[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """'a' and 'b': one loaded database, copied, built with hash seeds 0 and 1; 'later': the same
    users loaded a second later into another database, built with hash seed 2."""
    work = tmp_path_factory.mktemp("determinism")
    generate(USERS, work / "users.jsonl", seed=11)
    ingest_file(work / "loaded.db", work / "users.jsonl")
    time.sleep(1.0)   # ingest stamps users to the second
    ingest_file(work / "later.db", work / "users.jsonl")
    dbs = {"a": copy_db(work / "loaded.db", work / "a.db"), "b": copy_db(work / "loaded.db", work / "b.db"),
           "later": copy_db(work / "later.db", work / "later-copy.db")}
    env = {name: value for name, value in os.environ.items() if not name.startswith(("OPENAI_", "PERSONA_"))}
    runs = [subprocess.Popen([sys.executable, "-c", BUILD, str(db), JUDGED_AT], cwd=ROOT,
                             env={**env, "PYTHONHASHSEED": str(seed)}, stderr=subprocess.PIPE, text=True)
            for seed, db in enumerate(dbs.values())]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    return dbs


def table_rows(db: Path, table: str) -> list[tuple]:
    """The table's rows, sorted, with the build's batch stamps in BUILD_TIMES columns as '<built>'."""
    with sqlite3.connect(db) as conn:
        columns = [name if name not in BUILD_TIMES.get(table, ()) else
                   f"CASE WHEN {name} IN (SELECT built_at FROM profiles) THEN '<built>' ELSE {name} END"
                   for _, name, *_ in conn.execute(f"PRAGMA table_info({table})")]
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(columns)}").fetchall()


def test_two_builds_of_the_same_users_write_the_same_rows(built):
    for table in PROFILE_TABLES:
        first, second = table_rows(built["a"], table), table_rows(built["b"], table)
        differ = sorted(set(first) ^ set(second))[:4]
        assert first == second, f"{table}: {len(set(first) - set(second))} rows differ, e.g. {differ}"
    sizes = {table: len(table_rows(built["a"], table)) for table in PROFILE_TABLES}
    assert sizes["profiles"] == USERS and min(sizes[t] for t in ("tags", "emotions", "intents", "user_values")) > 0


def test_only_the_times_of_the_build_are_left_out(built):
    """built_at and first_seen (a first build) are always a batch's stamp; last_seen mostly the
    time of the evidence, compared as it is."""
    for db in (built["a"], built["b"]):
        with sqlite3.connect(db) as conn:
            first_seen = {stamp for (stamp,) in conn.execute("SELECT DISTINCT first_seen FROM tags")}
            assert first_seen == {stamp for (stamp,) in conn.execute("SELECT DISTINCT built_at FROM profiles")}
            stamped, dated = conn.execute("SELECT SUM(last_seen IN (SELECT built_at FROM profiles)), "
                                          "SUM(last_seen < (SELECT MIN(built_at) FROM profiles)) FROM tags").fetchone()
        assert dated > 10 * stamped


def test_the_bench_digest_ignores_when_the_users_were_loaded_and_built(built):
    assert loaded_stamp(built["a"]) != loaded_stamp(built["later"])
    assert profile_digest(built["a"]) == profile_digest(built["b"]) == profile_digest(built["later"])


def test_the_bench_digest_sees_a_changed_profile(built, tmp_path):
    changed = copy_db(built["a"], tmp_path / "changed.db")
    with sqlite3.connect(changed) as conn:
        conn.execute("UPDATE tags SET confidence = confidence / 2 WHERE rowid = (SELECT MIN(rowid) FROM tags)")
    assert profile_digest(changed) != profile_digest(built["a"])
