"""`persona ask`: the --json shape, exit codes, plain output, and threads resumed across processes.

Most tests call the CLI in-process (start-up is not what they test); the thread test runs two
real processes, since resuming across processes is the point.
"""

import json
import os
import subprocess
import sys

import pytest

from agent.cli import main
from tests.agent_helpers import OUTDOOR_SQL, make_db
from tests.fake_openai import FakeOpenAI, text_reply, tool_call_reply


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path / "shop.db")


def use_server(monkeypatch, server):
    for name, value in {**server.env(), "PERSONA_LLM_RETRIES": "0"}.items():
        monkeypatch.setenv(name, value)


def persona(*args, env=None, timeout=60):
    full_env = {**os.environ, "PERSONA_LLM_RETRIES": "0", **(env or {})}
    return subprocess.run([sys.executable, "-m", "agent", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


def test_ask_json_shape_over_the_model_path(db, monkeypatch, capsys):
    script = [tool_call_reply("run_sql", {"sql": OUTDOOR_SQL}), text_reply("20 users love outdoor sports.")]
    with FakeOpenAI(script) as server:
        use_server(monkeypatch, server)
        assert main(["ask", "who loves outdoor sports?", "--json", "--db", db]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1  # exactly one JSON object
    payload = json.loads(lines[0])
    assert set(payload) == {"answer", "sql", "columns", "rows", "user_ids", "mode"}
    assert payload["answer"] == "20 users love outdoor sports." and payload["mode"] == "fake-model"
    assert len(payload["sql"]) == 1 and payload["sql"][0].startswith("SELECT DISTINCT u.user_id")
    assert payload["columns"] == ["user_id", "name"] and len(payload["rows"]) == 20
    assert payload["user_ids"] == [f"u{i:02d}" for i in range(20)]


def test_a_question_it_cannot_answer_exits_2_with_an_error(db, monkeypatch, capsys):
    with FakeOpenAI([text_reply("[cannot answer] there is no weather data")]) as server:
        use_server(monkeypatch, server)
        assert main(["ask", "will it rain tomorrow?", "--json", "--db", db]) == 2
    payload = json.loads(capsys.readouterr().out)
    assert payload["error"] == "there is no weather data" and payload["sql"] == []


def test_a_missing_database_is_an_internal_failure(tmp_path, capsys):
    missing = str(tmp_path / "nope.db")
    assert main(["ask", "anything", "--json", "--db", missing, "--offline"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert "no such database" in payload["error"] and payload["mode"] == "offline"
    assert main(["ask", "anything", "--db", missing, "--offline"]) == 1
    captured = capsys.readouterr()
    assert "no such database" in captured.err and "Traceback" not in captured.err and captured.out == ""


def test_plain_output_shows_answer_table_sql_and_status(db, monkeypatch, capsys):
    script = [tool_call_reply("run_sql", {"sql": OUTDOOR_SQL}), text_reply("20 users love outdoor sports.")]
    with FakeOpenAI(script) as server:
        use_server(monkeypatch, server)
        assert main(["ask", "who loves outdoor sports?", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "20 users love outdoor sports." in out and "u00" in out and "(20 in total)" in out
    assert "SELECT DISTINCT" in out and "fake-model ·" in out and "2 model calls" in out


def test_a_thread_continues_in_the_next_process(db):
    with FakeOpenAI([tool_call_reply("run_sql", {"sql": OUTDOOR_SQL}), text_reply("20 users.")]) as server:
        first = persona("ask", "who loves outdoor sports?", "--thread", "t", "--db", db, env=server.env())
    assert first.returncode == 0, first.stderr
    follow_up = [tool_call_reply("run_sql", {"sql": OUTDOOR_SQL + " WHERE u.gender = 'female'"}),
                 text_reply("10 of them are women.")]
    with FakeOpenAI(follow_up) as server:
        second = persona("ask", "of those, only women", "--thread", "t", "--json", "--db", db, env=server.env())
        sent = server.requests[0]["messages"]
    assert second.returncode == 0, second.stderr
    contents = [m.get("content") for m in sent]
    assert "who loves outdoor sports?" in contents and "20 users." in contents  # the first run's turn
    assert any(m["role"] == "tool" and '"row_count": 20' in m["content"] for m in sent)
    assert json.loads(second.stdout)["user_ids"] == [f"u{i:02d}" for i in range(0, 20, 2)]
