"""What a new user runs into on the command line: where --db goes, a closed pipe, a file that is
not a database, `profile --json` for an unknown id, help that names only what works.

Found by following the README in a fresh clone; each test failed before its fix.
"""

import json
import os
import subprocess
import sys

import pytest

from agent.cli import build_parser, main
from agent.render_profile import ProfileCard
from tests.agent_helpers import make_db
from tools.copywriter import TONES


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path / "shop.db")


@pytest.fixture
def not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not SQLite\n")
    return str(path)


def persona(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "agent", *args], capture_output=True, text=True,
                          env={**os.environ, "PERSONA_DEBUG": ""}, timeout=120, **kwargs)


def test_db_may_come_before_the_command(db, capsys):
    assert main(["--db", db, "sql", "SELECT COUNT(*) AS n FROM users", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == [[30]]


def test_the_commands_own_db_wins_over_the_global_one(db, tmp_path, capsys):
    assert main(["--db", str(tmp_path / "other.db"), "sql", "SELECT COUNT(*) FROM users", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == [[30]]


def test_a_reader_that_closes_the_pipe_early_is_not_an_error(db):
    """`persona sql … | head -1`: no 'Broken pipe' message, no traceback."""
    filler = "x" * 400  # 1,000 rows (the guard's cap) of this outgrow the pipe's 64 KB buffer
    statement = ("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000) "
                 f"SELECT x, '{filler}' AS filler FROM n")
    result = subprocess.run(
        f'{sys.executable} -m agent sql "{statement}" --db {db} --json | head -c 10',
        shell=True, capture_output=True, text=True, timeout=120)
    assert result.stdout == '{"columns"'
    assert result.stderr == ""


@pytest.mark.parametrize("as_json", [False, True])
def test_ask_on_a_file_that_is_not_a_database_says_so(not_a_database, capsys, as_json):
    assert main(["ask", "women in Shanghai", "--db", not_a_database, "--offline", *(["--json"] if as_json else [])]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"persona ask: {not_a_database}: not an SQLite database; use a new file with --db"
    if as_json:
        payload = json.loads(captured.out)
        assert payload["error"] == f"{not_a_database}: not an SQLite database; use a new file with --db"
    else:
        assert captured.out == ""


def test_chat_on_a_file_that_is_not_a_database_says_so(not_a_database):
    result = persona("chat", "--db", not_a_database, "--offline", input="women in Shanghai\n")
    assert result.returncode == 1
    assert result.stderr.strip() == f"persona chat: {not_a_database}: not an SQLite database; use a new file with --db"


def test_profile_json_for_an_unknown_user_still_prints_json(db, capsys):
    assert main(["profile", "nobody", "--json", "--db", db]) == 1
    captured = capsys.readouterr()
    assert "no user 'nobody'" in json.loads(captured.out)["error"]
    assert "no user 'nobody'" in captured.err


def test_a_profile_without_a_name_is_titled_by_its_id_once():
    from rich.console import Console

    data = {"user_id": "3", "requested_id": "3", "user": {"user_id": "3", "name": None}, "profile": None,
            "tags": []}
    console = Console(width=60, record=True)
    console.print(ProfileCard(data))
    text = console.export_text()
    assert "─ 3 ─" in text and "3 · 3" not in text


def test_copy_help_names_only_tones_that_exist():
    copy_parser = build_parser()._subparsers._group_actions[0].choices["copy"]
    tone_help = next(action.help for action in copy_parser._actions if action.dest == "tone")
    assert all(tone in tone_help for tone in TONES)
    assert "premium" not in tone_help  # it read "e.g. friendly, playful, premium"; premium is refused


def test_analyze_json_gives_every_text_argument_its_line(capsys):
    """`persona analyze "$a" "$b" --json` with an empty $a: two lines, in order, not one."""
    assert main(["analyze", "", "物流很快", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["label"] for line in lines] == ["neutral", "positive"]
    assert [a["aspect"] for a in lines[1]["aspects"]] == ["delivery"]


def test_analyze_an_empty_text_is_an_error_not_a_neutral_verdict(capsys):
    assert main(["analyze", ""]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("persona analyze: the text is empty: nothing to analyze (e.g. persona analyze")
    assert main(["analyze", "  ", "物流很快"]) == 2   # the other text is still analyzed
    captured = capsys.readouterr()
    assert "persona analyze: text 1 of 2 is empty; skipped" in captured.err
    assert "物流很快" in captured.out and "positive" in captured.out and "neutral" not in captured.out


def test_analyze_an_empty_file_says_the_file_is_empty(tmp_path, capsys):
    path = tmp_path / "texts.txt"
    path.write_text("\n\n", encoding="utf-8")
    assert main(["analyze", "--file", str(path)]) == 2
    assert capsys.readouterr().err.strip() == f"persona analyze: nothing to analyze: {path} holds no text"


def test_log_shows_why_a_question_failed_not_its_raw_json(db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["ask", "users who love paragliding", "--offline", "--db", db]) == 2
    capsys.readouterr()
    assert main(["log", "--limit", "3", "--db", db]) == 0
    table = capsys.readouterr().out
    assert "not understood: 'paragliding'" in table
    assert '{"round_trips"' not in table


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_log_refuses_a_limit_below_one(db, capsys, limit):
    assert main(["log", "--limit", limit, "--db", db]) == 2
    assert capsys.readouterr().err.strip() == f"persona log: --limit must be at least 1 (got {limit})"


@pytest.mark.parametrize("n", ["0", "11"])
def test_copy_names_the_n_option_when_it_is_out_of_range(db, capsys, n):
    assert main(["copy", "anything", "--n", n, "--db", db]) == 2
    assert capsys.readouterr().err.strip() == f"persona copy: --n must be between 1 and 10, got {n}"


def test_generate_into_a_missing_folder_says_which_folder(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "users.jsonl"
    assert main(["generate", "--users", "5", "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"persona generate: cannot write {out}: the folder {out.parent} does not exist")


def test_build_on_a_database_without_users_says_what_to_do(tmp_path, capsys):
    from schema.db import connect

    db = tmp_path / "empty.db"
    connect(db).close()
    assert main(["build", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert f"no users in {db} yet: load some with `persona ingest FILE --db {db}`" in err


def test_a_profile_with_a_giant_name_renders_at_once():
    """A 5 MB name (and the summary that repeats it) took the card half a minute to wrap."""
    import time

    from rich.console import Console

    giant = "x" * 1_000_000
    data = {"user_id": "h2", "requested_id": "h2", "language": "zh",
            "user": {"user_id": "h2", "name": giant},
            "profile": {"lifecycle": "new", "consumption": None, "order_count": 0, "total_spend": 0,
                        "completeness": 0.1, "built_at": "2026-12-06T21:00:00", "model": "offline",
                        "summary": giant + ",新用户。"},
            "tags": [], "aspects": [], "intents": [], "values": [], "segments": [], "evidence": [], "history": []}
    console = Console(width=80, record=True)
    started = time.monotonic()
    console.print(ProfileCard(data))
    assert time.monotonic() - started < 2.0
    text = console.export_text()
    assert text.count("x") < 1100 and "… · h2" in text


def test_ask_refuses_a_question_too_long_to_be_one(db, capsys):
    assert main(["ask", "上海的女性用户 " * 3000, "--json", "--offline", "--db", db]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"].startswith("the question is 24,000 characters long; ask in at most 1,000")
    assert main(["export", "--question", "x" * 1001, "--out", "a.csv", "--db", db]) == 2
    assert "the question is 1,001 characters long" in capsys.readouterr().err


def test_a_user_named_like_markup_gets_a_card(tmp_path, capsys):
    """A customer named '[/]bad[red]' ended `persona profile` in a MarkupError."""
    from tests.test_ingest import write_jsonl

    db = str(tmp_path / "p.db")
    path = write_jsonl(tmp_path / "m.jsonl", [{"user_id": "m1", "attributes": {"name": "[/]bad[red]"}}])
    assert main(["ingest", str(path), "--db", db]) == 0
    assert main(["build", "--db", db, "--quiet"]) == 0
    capsys.readouterr()
    assert main(["profile", "m1", "--db", db]) == 0
    assert "[/]bad[red] · m1" in capsys.readouterr().out


def test_analyze_summary_shows_evidence_with_brackets(capsys):
    assert main(["analyze", "价格太贵了[/] [bold]很好"]) == 0
    assert "价格太贵了[/] [bold]很好" in capsys.readouterr().out


def test_a_slow_build_shows_seconds_per_user_not_zero_users_per_second():
    from agent.commands.build import summary_line
    from tools.profile.build import BuildReport

    slow = BuildReport(total_users=4, selected=1, done=1, built=1, duration_s=45.4, model="gpt-4o-mini")
    assert " · 45.4 s · 45.4 s per user · gpt-4o-mini" in summary_line(slow)
    fast = BuildReport(total_users=300, selected=300, done=300, built=300, duration_s=2.0)
    assert " · 2.0 s · 150 users/s · offline" in summary_line(fast)


def test_a_small_offline_build_does_not_show_its_start_up_as_a_per_user_rate():
    from agent.commands.build import summary_line
    from tools.profile.build import BuildReport

    one = BuildReport(total_users=189, selected=1, done=1, built=1, duration_s=8.8)
    assert summary_line(one) == ("built 1 · skipped 188 · errors 0 · fallbacks 0 · "
                                 "8.8 s, mostly start-up (loading the analyzers) · offline")
    none = BuildReport(total_users=189, selected=0, done=0, built=0, duration_s=0.1)
    assert " · 0.1 s · 0 users/s · offline" in summary_line(none)


@pytest.mark.parametrize("command", [["sql", "SELECT 1"], ["ingest", "users.jsonl"], ["profile", "u1"], ["log"]])
def test_a_db_path_that_cannot_be_a_database_file_is_named(tmp_path, capsys, command):
    """SQLite only said 'OperationalError: disk I/O error' / 'unable to open database file'."""
    assert main([*command, "--db", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"persona {command[0]}: {tmp_path} is a directory; give a database file, e.g. --db {tmp_path / 'persona.db'}")
    missing = tmp_path / "no" / "shop.db"
    assert main([*command, "--db", str(missing)]) == 1
    assert capsys.readouterr().err.strip() == f"persona {command[0]}: {missing}: the folder {missing.parent} does not exist"


def test_demo_refuses_a_database_with_someone_elses_users(tmp_path, capsys):
    """`persona ingest mine.jsonl` then `persona demo` (both on ./persona.db) loaded 194 demo users
    into the operator's own data; with --fresh it deleted that data."""
    from tests.db_helpers import rows
    from tests.test_ingest import write_jsonl

    db = str(tmp_path / "persona.db")
    assert main(["ingest", str(write_jsonl(tmp_path / "mine.jsonl", [{"user_id": "c-1"}])), "--db", db]) == 0
    capsys.readouterr()
    for fresh in ([], ["--fresh"]):
        assert main(["demo", *fresh, "--db", db]) == 1
        assert capsys.readouterr().err.strip() == (
            f"persona demo: {db} holds 1 users that are not the demo's; the demo needs its own file: "
            "persona demo --db demo.db")
        assert rows(db, "SELECT user_id FROM users") == [("c-1",)]


def test_demo_tour_names_its_database_in_the_closing_hint(tmp_path, capsys, monkeypatch):
    from seeds.demo import demo_records
    from tools.ingest import ingest_records

    db = str(tmp_path / "demo.db")
    records = demo_records()
    ingest_records(db, [next(records), next(records)])
    assert main(["build", "--db", db, "--quiet"]) == 0
    monkeypatch.setenv("COLUMNS", "400")  # the hint on one line, however long the temporary path
    assert main(["demo", "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"Open the chat with `persona chat --db {db}` (in a terminal)" in out
