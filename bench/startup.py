"""How fast the commands start: `persona --help`, `persona sql "SELECT 1"`, an offline `persona ask`,
the whole piped `persona demo`, and `persona build` with nothing to do (on the demo's database).

Prints the wall time of each command (median of several runs), the import time of the modules
`persona sql` and `persona ask` load, and the guard's own cost per statement once warm. Every
command runs without OPENAI_API_KEY (offline mode), as a fresh install does. A benchmark, not a
test: it asserts nothing.

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
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

from schema.db import connect  # noqa: E402

ASK_QUESTION = "how many users live in 上海"


def persona_command() -> list[str]:
    script = Path(sys.executable).parent / "persona"
    if script.exists():
        return [str(script)]
    found = shutil.which("persona")
    return [found] if found else [sys.executable, "-m", "agent"]


def offline_env() -> dict[str, str]:
    """This environment without the OPENAI_* settings, so no chat model is configured."""
    return {name: value for name, value in os.environ.items() if not name.startswith("OPENAI_")}


def wall_times(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, env=offline_env(), capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return times


def import_times(module_code: str) -> list[tuple[str, float]]:
    """(module, cumulative seconds) from `python -X importtime`, largest first."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", module_code], cwd=ROOT, env=offline_env(),
                          capture_output=True, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) <= 2:  # top-level and first-level imports only
            rows.append((match.group(3), int(match.group(1)) / 1e6))
    return sorted(rows, key=lambda row: -row[1])


def guard_cost(db_path: Path, runs: int) -> tuple[float, float]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        connect(db_path).close()
        persona = persona_command()
        print(f"persona: {' '.join(persona)}   python {sys.version.split()[0]}   cores: {os.cpu_count()}")
        print(f"\nwall time, median of {args.runs} runs:")
        for label, argv in (("persona --help", [*persona, "--help"]),
                            ('persona sql "SELECT 1"', [*persona, "sql", "SELECT 1", "--db", str(db_path)]),
                            ("persona ask (offline)", [*persona, "ask", ASK_QUESTION, "--db", str(db_path)])):
            times = wall_times(argv, args.runs)
            print(f"  {label:26} {statistics.median(times) * 1000:7.0f} ms   (min {min(times) * 1000:.0f} ms)")
        demo_db = Path(tmp) / "demo.db"  # the README's first command: load, build 194 profiles, answer the tour
        times = wall_times([*persona, "demo", "--db", str(demo_db)], 1)
        print(f"  {'persona demo (piped, 1 run)':26} {times[0] * 1000:7.0f} ms")
        times = wall_times([*persona, "build", "--db", str(demo_db)], args.runs)  # every profile is up to date
        print(f"  {'persona build (no-op)':26} {statistics.median(times) * 1000:7.0f} ms   (min {min(times) * 1000:.0f} ms)")

        for command, modules in (("persona sql", "agent.commands.sql, tools.sql_guard, agent.render_table"),
                                 ("persona ask", "agent.commands.ask, agent.graph, agent.models, "
                                                 "agent.planner.model, agent.render_answer")):
            print(f"\nimport time of what `{command}` loads (cumulative, top entries):")
            for module, seconds in import_times(f"import agent.cli, rich.console, {modules}")[:8]:
                print(f"  {module:32} {seconds * 1000:7.1f} ms")

        check_ms, run_ms = guard_cost(db_path, runs=50)
        print("\nguard cost per statement once warm (a join with GROUP BY, empty database):")
        print(f"  check_sql                  {check_ms:7.2f} ms")
        print(f"  run_sql (incl. audit write){run_ms:7.2f} ms")


if __name__ == "__main__":
    main()
