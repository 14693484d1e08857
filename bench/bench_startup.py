"""How long small jobs take from the shell: `persona --help`, `persona build` on 5 users, `persona
profile ID`, one question piped to `persona chat`, `persona ask`, `persona sql "SELECT 1"`, a no-op
`persona build` — for this checkout and, side by side in the same run, for an earlier revision.

The earlier revision (``--before``, default: where this branch left ``main``) is exported with
``git archive`` into a temporary folder; both sides run with the same Python and the same installed
libraries, in turns (before, after, before, ...) so drift on a shared machine hits both alike.
Each side loads and builds its own databases (a newer revision may migrate a database the older
one can then no longer read); a command that fails stops the benchmark. Every command runs once
unmeasured first (it fills the bytecode and the user cache, as a user's first run does; that time
is printed as "first run") and then ``--runs`` times; the medians are compared. Both sides share
one private bytecode folder and one private user cache, so the caches Persona keeps in
~/.cache/persona are neither used nor touched. Every command runs without OPENAI_API_KEY (offline
mode). Then: the import time of what `persona chat` loads, and the SQL guard's cost once warm.
A benchmark, not a test: it asserts nothing.

    python bench/bench_startup.py [--runs N] [--before REV] [--no-before]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTION = "how many users live in 上海"
USERS = 5  # the first users of the demo data: a tiny dataset in the format of docs/data-format.md


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per command and side (default 5)")
    parser.add_argument("--before", default=None,
                        help="git revision to compare with (default: git merge-base HEAD main)")
    parser.add_argument("--no-before", action="store_true", help="time this checkout only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        before = None if args.no_before else args.before or _git("merge-base", "HEAD", "main")
        sides = {"after": ROOT} if before is None else {"before": _export(before, work / "before"), "after": ROOT}
        env = _environment(work)
        dataset = work / "users5.jsonl"
        dataset.write_text("".join((ROOT / "seeds" / "demo.jsonl").read_text(encoding="utf-8")
                                   .splitlines(keepends=True)[:USERS]), encoding="utf-8")
        databases = {side: _databases(code, env, dataset, work / side) for side, code in sides.items()}
        user_id = json.loads(_persona(ROOT, env, "sql", "SELECT user_id FROM users ORDER BY user_id LIMIT 1",
                                      "--json", "--db", str(databases["after"][1])))["rows"][0][0]

        print(f"python {sys.version.split()[0]}   cores: {os.cpu_count()}   "
              f"before: {before or '-'}   after: {ROOT} ({_git('rev-parse', '--short', 'HEAD')} + working tree)")
        print(f"\nwall time in seconds, median of {args.runs} runs (first run: the unmeasured one before them)\n")
        header = f"  {'command':34}" + "".join(f"{side + ' first':>13}{side:>9}" for side in sides)
        print(header + ("   after/before" if len(sides) == 2 else ""))
        for label, job in _jobs(env, user_id):
            results = _measure(job, sides, databases, args.runs)
            line = f"  {label:34}" + "".join(f"{first:13.2f}{statistics.median(times):9.2f}"
                                             for first, times in results.values())
            if len(sides) == 2:
                ratio = statistics.median(results["after"][1]) / statistics.median(results["before"][1])
                line += f"   {ratio:12.2f}"
            print(line, flush=True)

        print("\nimport time of what `persona chat` loads, this checkout (cumulative, top entries):")
        for module, seconds in _import_times(env, "import agent.cli, agent.commands.chat, agent.graph, agent.repl, "
                                                  "agent.render_answer, rich.console")[:10]:
            print(f"  {module:40} {seconds * 1000:7.1f} ms")
        check_ms, run_ms = _guard_cost(databases["after"][1], runs=50)
        print("\nguard cost per statement once warm (a join with GROUP BY):")
        print(f"  check_sql                  {check_ms:7.2f} ms")
        print(f"  run_sql (incl. audit write){run_ms:7.2f} ms")


def _databases(code: Path, env: dict, dataset: Path, folder: Path) -> tuple[Path, Path]:
    """(loaded, built): the dataset ingested by ``code``'s own persona, and a copy it has built."""
    folder.mkdir(exist_ok=True)
    fresh, built = folder / "fresh.db", folder / "built.db"
    _persona(code, env, "ingest", str(dataset), "--db", str(fresh), "--quiet")
    shutil.copy(fresh, built)
    _persona(code, env, "build", "--db", str(built), "--quiet")
    return fresh, built


def _jobs(env: dict, user_id: str):
    """(label, job): job(code, fresh_db, built_db) runs one command with one side's code and
    databases and returns its wall time."""
    counter = iter(range(1_000_000))

    def command(*argv: str):
        return lambda code, fresh, built: _timed(code, env, *(str(built) if arg == "DB" else arg for arg in argv))

    def build(code: Path, fresh: Path, built: Path) -> float:  # a copy of the loaded database each time
        db = fresh.with_name(f"build-{next(counter)}.db")
        shutil.copy(fresh, db)
        return _timed(code, env, "build", "--db", str(db), "--quiet")

    def chat(code: Path, fresh: Path, built: Path) -> float:  # a thread of its own: no "resuming thread" work
        return _timed(code, env, "chat", "--db", str(built), "--thread", f"bench{next(counter)}", stdin=QUESTION + "\n")

    return [
        ("persona --help", command("--help")),
        (f"persona build ({USERS} new users)", build),
        ("persona build (nothing to do)", command("build", "--db", "DB", "--quiet")),
        (f"persona profile {user_id}", command("profile", user_id, "--db", "DB")),
        ("echo QUESTION | persona chat", chat),
        ("persona ask QUESTION", command("ask", QUESTION, "--db", "DB")),
        ('persona sql "SELECT 1"', command("sql", "SELECT 1", "--db", "DB")),
    ]


def _measure(job, sides: dict[str, Path], databases: dict[str, tuple[Path, Path]],
             runs: int) -> dict[str, tuple[float, list[float]]]:
    """{side: (first run, [measured runs])}, the sides taking turns."""
    first = {side: job(code, *databases[side]) for side, code in sides.items()}
    times: dict[str, list[float]] = {side: [] for side in sides}
    for _ in range(runs):
        for side, code in sides.items():
            times[side].append(job(code, *databases[side]))
    return {side: (first[side], times[side]) for side in sides}


def _timed(code: Path, env: dict, *argv: str, stdin: str | None = None) -> float:
    started = time.perf_counter()
    _persona(code, env, *argv, stdin=stdin)
    return time.perf_counter() - started


def _persona(code: Path, env: dict, *argv: str, stdin: str | None = None) -> str:
    """Run `persona ARGV` from the checkout ``code`` (python -m agent with it first on the path);
    a failure stops the benchmark (a failed command is quick, and its time would mean nothing)."""
    done = subprocess.run([sys.executable, "-m", "agent", *argv], cwd=code, env={**env, "PYTHONPATH": str(code)},
                          input=stdin, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"persona {' '.join(argv)} ({code}) failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return done.stdout


def _git(*argv: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *argv], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(argv)}: {done.stderr.strip()}")
    return done.stdout.strip()


def _export(revision: str, folder: Path) -> Path:
    """The files of ``revision`` in ``folder`` (git archive: no worktree, the repository is untouched)."""
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"git archive {revision}: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def _environment(work: Path) -> dict[str, str]:
    """This environment offline (no OPENAI_*), with a private bytecode folder (written even where
    PYTHONDONTWRITEBYTECODE is set: an installed program has its bytecode) and a private user cache."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("OPENAI_") and name not in ("PYTHONDONTWRITEBYTECODE", "PERSONA_DB")}
    env.update(PYTHONPYCACHEPREFIX=str(work / "pycache"), XDG_CACHE_HOME=str(work / "cache"))
    return env


def _import_times(env: dict, module_code: str) -> list[tuple[str, float]]:
    """(module, cumulative seconds) from `python -X importtime`, largest first."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", module_code], cwd=ROOT,
                          env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) <= 2:  # top-level and first-level imports only
            rows.append((match.group(3), int(match.group(1)) / 1e6))
    return sorted(rows, key=lambda row: -row[1])


def _guard_cost(db_path: Path, runs: int) -> tuple[float, float]:
    from tools.sql_guard import check_sql, run_sql

    statement = ("SELECT u.city, COUNT(*) AS n FROM users u JOIN tags t ON t.user_id = u.user_id "
                 "WHERE t.tag_id = 'outdoor_sports' AND t.status = 'active' GROUP BY u.city ORDER BY n DESC")
    check_sql(statement)  # warm: catalog loaded, dialect built
    started = time.perf_counter()
    for _ in range(runs):
        check_sql(statement)
    check_ms = (time.perf_counter() - started) * 1000 / runs
    started = time.perf_counter()
    for _ in range(runs):
        run_sql(db_path, statement)
    run_ms = (time.perf_counter() - started) * 1000 / runs
    return check_ms, run_ms


if __name__ == "__main__":
    main()
