"""Benchmark `persona build`: speed, memory, profile quality and model calls per user.

    python bench/bench_build.py                      # 10k and 100k generated users
    python bench/bench_build.py --sizes 2000         # a quick run
    python bench/bench_build.py --llm-users 300      # users for the model-call count (loopback server)
    python bench/bench_build.py --sizes 10000 --stages   # also the CPU seconds of each build stage
    python bench/bench_build.py --sizes 10000 --baseline main~5   # speed against another revision, same run

For each size it generates users (seeds/generate.py, with ground truth), ingests them, then runs
the offline build in a fresh process and reports users/s (wall and CPU, and without the time spent
inside the text analyzers), peak RSS of that process (flat as users grow: users are streamed in
batches), interest precision/recall/F1 of active level-1 interest tags against the generator's
truth, user-level intent precision/recall against the planted intents, the share of users whose
consumption profile and lifecycle stage equal the planted ones (``--confusion`` prints where they
differ), and the time of a second build that has nothing to do. The model path is measured on a
small set against the loopback OpenAI-compatible test server: calls per user on the first build
and on an unchanged rebuild.

This machine's speed drifts by 10-20 % from day to day, so a figure from another day says little
about a change. ``--baseline REV`` builds the same database with the code of git revision REV
(extracted with ``git archive``) and with this tree's code, alternately (``--rounds`` pairs, each
build in a fresh process on a fresh copy), and prints both medians, their ratio, and whether the
two builds wrote the same profiles (both judge their users at the same moment).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


NODES = ("validate_input", "extract_explicit_tags", "extract_implicit_tags", "analyze_intents", "analyze_emotions",
         "analyze_values", "generate_profile", "segment_user", "validate_profile", "error_handler")


def clock_stages(seconds: dict[str, float]) -> None:
    """Add the CPU seconds of each build stage to ``seconds`` as the build runs: the text analyzers,
    every workflow node, the whole workflow run, loading a batch and writing it. Each is called
    once per batch (the analyzers once per batch too), so the clock costs nothing measurable."""
    import tools.profile.analysis as analysis
    import tools.profile.build as build
    from tools.profile.workflow import ProfileWorkflow

    def clock(owner, name: str, label: str) -> None:
        real = getattr(owner, name)

        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                seconds[label] = seconds.get(label, 0.0) + time.process_time() - started

        setattr(owner, name, timed)

    clock(analysis.OfflineAnalyzer, "analyze_items", "analyzers")
    for node in NODES:
        clock(ProfileWorkflow, node, node)
    clock(ProfileWorkflow, "run", "workflow")
    clock(build, "load_users", "load_users")
    clock(build, "write_batch", "write_batch")


def judge_at(moment: datetime) -> None:
    """Make every build in this process judge its users at ``moment`` (WorkflowContext.now)."""
    from tools.profile.workflow import WorkflowContext

    init = WorkflowContext.__init__

    def at_moment(self, *args, **kwargs):
        kwargs.setdefault("now", moment)
        init(self, *args, **kwargs)

    WorkflowContext.__init__ = at_moment


def child_build(db: str, *, plain: bool = False, now: str | None = None) -> None:
    """Run one offline build in this (fresh) process and print its figures as JSON.

    ``plain`` leaves the stage clock out: a baseline revision may not have the functions it wraps.
    ``now`` fixes the time the profiles are judged at ("last order 3 days ago", recency, decay):
    two builds minutes apart otherwise differ where an event's age crosses a whole day.
    """
    from tools.profile.build import build_profiles

    stages: dict[str, float] = {"analyzers": 0.0}
    if not plain:
        clock_stages(stages)
    if now:
        judge_at(datetime.fromisoformat(now))
    # Load once what every process loads once (LangGraph, jieba, lexicons), and report it apart.
    warm = time.perf_counter()
    import langgraph.graph  # noqa: F401
    from tools.analyzers import analyze_text

    analyze_text("预热 warm-up 价格太贵了")
    warm = time.perf_counter() - warm
    cpu, wall = time.process_time(), time.perf_counter()
    report = build_profiles(db)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    stages = dict(stages)  # the first build's (the clock keeps counting into the old dict)
    again = time.perf_counter()
    second = build_profiles(db)
    import tools

    print(json.dumps({
        "code": str(Path(tools.__file__).resolve().parents[1]), "users": report.built, "errors": report.errors, "wall_s": wall, "cpu_s": cpu, "startup_s": warm,
        "analyzer_cpu_s": stages["analyzers"], "stages": stages,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "second_build_selected": second.selected, "second_build_s": time.perf_counter() - again,
    }))


def print_stages(f: dict) -> None:
    """CPU seconds per stage of the build, and what is left: LangGraph's own work between the
    nodes, and the rest (choosing users, BEGIN/COMMIT, refreshing segments)."""
    stages = f["stages"]
    nodes = sum(stages.get(node, 0.0) for node in NODES)
    rows = [("load_users", stages["load_users"])]
    for node in NODES:
        if node in stages:
            rows.append((node, stages[node]))
            if node == "extract_implicit_tags":
                rows.append(("  of which text analyzers", stages["analyzers"]))
    rows += [("LangGraph between nodes", stages["workflow"] - nodes), ("write_batch", stages["write_batch"]),
             ("the rest (select, commit, segments)",
              f["cpu_s"] - stages["load_users"] - stages["workflow"] - stages["write_batch"]),
             ("total", f["cpu_s"])]
    for label, seconds in rows:
        print(f"    {label:38} {seconds:7.2f} s CPU  {seconds / f['cpu_s']:6.1%}")


def interest_scores(db: str, truth_file: Path) -> dict:
    """Micro precision/recall/F1 of active level-1 interest tags against the planted interests."""
    conn = sqlite3.connect(db)
    found: dict[str, set] = {}
    for user_id, tag_id in conn.execute(
            "SELECT t.user_id, t.tag_id FROM tags t JOIN taxonomy x ON x.kind = 'interest' AND x.id = t.tag_id "
            "AND x.level = 1 WHERE t.status = 'active'"):
        found.setdefault(user_id, set()).add(tag_id)
    tp = fp = fn = 0
    for truth in _truths(conn, truth_file):
        got, want = found.get(truth["user_id"], set()), set(truth["interests"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    conn.close()
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / max(1e-9, precision + recall)}


def _truths(conn: sqlite3.Connection, truth_file: Path):
    """The truth lines of users built on their own (merged records and planted duplicates left out)."""
    merged = {alias for (alias,) in conn.execute("SELECT alias_id FROM user_aliases")}
    with truth_file.open(encoding="utf-8") as lines:
        for line in lines:
            truth = json.loads(line)
            if truth["user_id"] not in merged and "same_person_as" not in truth:
                yield truth


def intent_scores(db: str, truth_file: Path) -> dict:
    """User-level micro precision/recall of intent kinds against the planted intents.

    Three readings: every intent the build found (any status), the intents read from the users'
    own texts (the text analyzers alone: searches and carted or favourited items also make intents,
    which the generator does not plant, so they count as false positives in the first reading),
    and only the active ones (what a campaign would select; planted intents of dormant users have
    expired, so this recall is lower by design).
    """
    conn = sqlite3.connect(db)
    found: dict[str, set] = {}
    texts: dict[str, set] = {}
    active: dict[str, set] = {}
    for user_id, intent, status, ref in conn.execute("SELECT user_id, intent, status, evidence_ref FROM intents"):
        found.setdefault(user_id, set()).add(intent)
        if (ref or "").startswith("text:"):
            texts.setdefault(user_id, set()).add(intent)
        if status == "active":
            active.setdefault(user_id, set()).add(intent)
    readings = {"all": found, "text": texts, "active": active}
    counts = {name: [0, 0, 0] for name in readings}  # true positives, false positives, misses
    for truth in _truths(conn, truth_file):
        want = set(truth["intents"])
        for name, table in readings.items():
            got = table.get(truth["user_id"], set())
            for index, size in enumerate((len(got & want), len(got - want), len(want - got))):
                counts[name][index] += size
    conn.close()
    out = {}
    for name, (tp, fp, fn) in counts.items():
        out[f"intent_{name}_p"], out[f"intent_{name}_r"] = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return out


def stage_agreement(db: str, truth_file: Path) -> dict:
    """Share of users whose consumption profile and lifecycle stage equal the planted ones, and the
    confusion counts (truth -> built -> users) for studying the disagreements."""
    conn = sqlite3.connect(db)
    built = {uid: (consumption, lifecycle) for uid, consumption, lifecycle in
             conn.execute("SELECT user_id, consumption, lifecycle FROM profiles")}
    confusion: dict[str, dict] = {"consumption": {}, "lifecycle": {}}
    agree = {"consumption": 0, "lifecycle": 0}
    users = 0
    for truth in _truths(conn, truth_file):
        users += 1
        got = built.get(truth["user_id"], (None, None))
        for index, field in enumerate(("consumption", "lifecycle")):
            want = truth[field]
            agree[field] += got[index] == want
            row = confusion[field].setdefault(f"{truth['archetype']}:{want}" if field == "consumption" else want, {})
            row[str(got[index])] = row.get(str(got[index]), 0) + 1
    conn.close()
    return {"consumption_agree": agree["consumption"] / max(1, users),
            "lifecycle_agree": agree["lifecycle"] / max(1, users), "confusion": confusion}


def llm_calls_per_user(workdir: Path, users: int, seed: int) -> dict:
    """Model calls per user on a first build and on an unchanged rebuild, over loopback HTTP."""
    import re

    from seeds.generate import generate
    from tests.fake_openai import FakeOpenAI, json_reply
    from tools.ingest import ingest_file
    from tools.llm import chat_model_from_env
    from tools.profile.build import build_profiles

    data = workdir / f"llm{users}.jsonl"
    db = str(workdir / f"llm{users}.db")
    for stale in (db, f"{db}-wal", f"{db}-shm"):
        Path(stale).unlink(missing_ok=True)
    generate(users, data, seed=seed)
    ingest_file(db, data)

    def answer(request):
        ids = re.findall(r'<item id="(text:[^"]+)"', request["messages"][-1]["content"])
        return json_reply({"texts": [{"id": i, "label": "neutral", "polarity": 0.0, "emotion": "neutral"} for i in ids]})

    os.environ.setdefault("PERSONA_LLM_BACKOFF_S", "0.05")
    with FakeOpenAI(handler=answer) as server:
        model = chat_model_from_env(env=server.env())
        started = time.perf_counter()
        first = build_profiles(db, model=model, concurrency=4)
        seconds = time.perf_counter() - started
        calls_first = server.call_count
        build_profiles(db, model=model)
        calls_second = server.call_count - calls_first
    return {"users": first.built, "calls_first": calls_first, "calls_per_user": calls_first / max(1, first.built),
            "calls_unchanged_rebuild": calls_second, "fallbacks": first.fallbacks,
            "users_per_s": first.built / seconds}


def bench_size(workdir: Path, users: int, seed: int) -> dict:
    from seeds.generate import generate

    data = workdir / f"g{users}.jsonl"
    db = workdir / f"g{users}.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    summary = generate(users, data, seed=seed)
    subprocess.run([sys.executable, "-m", "agent.cli", "ingest", str(data), "--quiet", "--db", str(db)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    prepared = time.perf_counter() - started
    out = subprocess.run([sys.executable, __file__, "--child-build", str(db)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures.update(interest_scores(str(db), summary.truth))
    figures.update(intent_scores(str(db), summary.truth))
    figures.update(stage_agreement(str(db), summary.truth))
    figures["prepare_s"] = prepared
    return figures


PROFILE_TABLES = ("profiles", "tags", "emotions", "intents", "user_values", "segment_members")


def profile_digest(db: Path) -> str:
    """A digest of everything a build wrote, without the two times that differ between two runs of
    the same code on the same users: when the build ran (profiles.built_at, the first_seen of the
    tags it assigned) and when the users were loaded (users.data_updated_at, the last_seen of
    attribute and survey tags; --baseline loads the users once per side, with that side's code, so
    the two databases were loaded seconds apart). Those values are replaced by placeholders before
    the rows are sorted and hashed."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        built = {stamp for (stamp,) in conn.execute("SELECT DISTINCT built_at FROM profiles")}
        loaded = {stamp for (stamp,) in conn.execute("SELECT DISTINCT data_updated_at FROM users")}

        def placeholder(value):
            return "<built>" if value in built else "<loaded>" if value in loaded else value

        for table in PROFILE_TABLES:
            rows = sorted(repr(tuple(map(placeholder, row))) for row in conn.execute(f"SELECT * FROM {table}"))
            digest.update("\n".join([table, *rows]).encode())
    return digest.hexdigest()


def timed_build(code: Path, pristine: Path, copy: Path, now: str) -> dict:
    """One offline build of a fresh copy of ``pristine`` in a fresh process running ``code``'s tree,
    judging its users at ``now``."""
    for stale in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(pristine, copy)
    out = subprocess.run([sys.executable, __file__, "--child-build", str(copy), "--plain", "--code", str(code),
                          "--now", now], cwd=code, check=True, capture_output=True, text=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    if Path(figures["code"]) != code.resolve():
        raise RuntimeError(f"the build ran {figures['code']}'s code, not {code}'s")
    return figures


def ingested(code: Path, data: Path, db: Path) -> Path:
    """``data`` loaded into a new database ``db`` by ``code``'s tree (once; one file, no WAL)."""
    if not db.exists():
        subprocess.run([sys.executable, "-m", "agent.cli", "ingest", str(data), "--quiet", "--db", str(db)],
                       cwd=code, check=True, stdout=subprocess.DEVNULL)
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def compare_with(revision: str, workdir: Path, users: int, rounds: int) -> None:
    """Build the same users with ``revision``'s code and this tree's, alternately, and print the ratio."""
    baseline = workdir / f"code-{revision.replace('/', '_')}"
    if not baseline.exists():
        baseline.mkdir()
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive, check=True)
    sides = (("baseline", baseline), ("this tree", ROOT))
    # each side loads the users with its own code: a newer schema is one an older Persona refuses
    pristine = {name: ingested(code, workdir / f"g{users}.jsonl", workdir / f"g{users}.pristine-{name[:4]}.db")
                for name, code in sides}
    cpu: dict[str, list[float]] = {"baseline": [], "this tree": []}
    digests: dict[str, str] = {}
    now = datetime.now().isoformat(timespec="seconds")  # both sides judge their users at the same time
    for _ in range(rounds):
        for name, code in sides:
            copy = workdir / f"g{users}.{name.replace(' ', '_')}.db"
            figures = timed_build(code, pristine[name], copy, now)
            cpu[name].append(figures["cpu_s"])
            digests.setdefault(name, profile_digest(copy))
    base, this = statistics.median(cpu["baseline"]), statistics.median(cpu["this tree"])
    print(f"  against {revision} ({rounds} alternating rounds, median CPU s): baseline {base:.2f} s = "
          f"{users / base:.0f} users/CPU s; this tree {this:.2f} s = {users / this:.0f} users/CPU s; "
          f"speed ratio {base / this:.2f}x; same profiles: {'yes' if len(set(digests.values())) == 1 else 'NO'}")


def print_confusion(confusion: dict) -> None:
    for field, rows in confusion.items():
        print(f"  {field}: truth -> built (users)")
        for truth, built in sorted(rows.items()):
            shown = ", ".join(f"{kind} {n}" for kind, n in sorted(built.items(), key=lambda item: -item[1]))
            print(f"    {truth:<40} {shown}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--llm-users", type=int, default=200)
    parser.add_argument("--workdir", default=None, help="keep the generated files and databases here")
    parser.add_argument("--confusion", action="store_true",
                        help="also print consumption (per archetype) and lifecycle confusion counts")
    parser.add_argument("--stages", action="store_true", help="also print the CPU seconds of each build stage")
    parser.add_argument("--baseline", metavar="REV",
                        help="also build each size with git revision REV's code, alternately, and print the ratio")
    parser.add_argument("--rounds", type=int, default=3, help="alternating builds per side with --baseline")
    parser.add_argument("--child-build", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--now", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.code:  # the child builds with another tree's code (--baseline)
        sys.path.insert(0, str(Path(args.code).resolve()))
    if args.child_build:
        child_build(args.child_build, plain=args.plain, now=args.now)
        return 0
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench_build_"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"work directory: {workdir}")
    print(f"{'users':>8} {'users/s':>8} {'cpu u/s':>8} {'w/o anlz':>8} {'peak MB':>8} "
          f"{'P':>6} {'R':>6} {'F1':>6} {'rebuild':>8} {'startup':>8} "
          f"{'intP':>6} {'intR':>6} {'txtP':>6} {'txtR':>6} {'actP':>6} {'actR':>6} {'cons':>6} {'life':>6}")
    for size in args.sizes:
        f = bench_size(workdir, size, args.seed)
        without = f["users"] / max(1e-9, f["cpu_s"] - f["analyzer_cpu_s"])
        print(f"{f['users']:>8,} {f['users'] / f['wall_s']:>8.0f} {f['users'] / f['cpu_s']:>8.0f} {without:>8.0f} "
              f"{f['peak_rss_mb']:>8.0f} {f['precision']:>6.3f} {f['recall']:>6.3f} {f['f1']:>6.3f} "
              f"{f['second_build_s']:>7.2f}s {f['startup_s']:>7.1f}s "
              f"{f['intent_all_p']:>6.3f} {f['intent_all_r']:>6.3f} {f['intent_text_p']:>6.3f} "
              f"{f['intent_text_r']:>6.3f} {f['intent_active_p']:>6.3f} "
              f"{f['intent_active_r']:>6.3f} {f['consumption_agree']:>6.1%} {f['lifecycle_agree']:>6.1%}", flush=True)
        if args.stages:
            print_stages(f)
        if args.confusion:
            print_confusion(f["confusion"])
        if args.baseline:
            compare_with(args.baseline, workdir, size, args.rounds)
        if f["second_build_selected"] or f["errors"]:
            print(f"  !! second build selected {f['second_build_selected']} users; {f['errors']} errors")
    if args.llm_users:
        llm = llm_calls_per_user(workdir, args.llm_users, args.seed)
        print(f"model path ({llm['users']} users, loopback server, concurrency 4): "
              f"{llm['calls_per_user']:.2f} calls/user on the first build, {llm['calls_unchanged_rebuild']} on an "
              f"unchanged rebuild, {llm['fallbacks']} fallbacks, {llm['users_per_s']:.0f} users/s")
    print("columns: users/s = wall clock; cpu u/s = per CPU second; w/o anlz = per CPU second outside the text "
          "analyzers; peak MB = build process peak RSS; P/R/F1 = active level-1 interests vs the generator's truth; "
          "rebuild = a second build with no new data; startup = loading LangGraph and the analyzers' resources "
          "once per process (not in the other figures); intP/intR = intent kinds per user (any status) vs the "
          "planted intents, txtP/txtR = only intents read from the users' texts, actP/actR = active intents only; "
          "cons / life = users whose consumption profile / lifecycle stage equals the planted one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
