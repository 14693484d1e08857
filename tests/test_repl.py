"""The REPL: slash commands and Ctrl-C through prompt-toolkit's pipe input, and a piped subprocess."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from langchain_core.messages import AIMessage
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from agent.examples import load_examples
from agent.graph import Agent
from agent.repl import SLASH_COMMANDS, Repl, run_lines
from agent.repl_terminal import PersonaCompleter, make_session, run_interactive
from tests.agent_helpers import OUTDOOR_SQL, make_db
from tests.fake_openai import FakeOpenAI, text_reply, tool_call_reply
from tests.scripted_model import ScriptedChatModel, tool_call

WOMEN_SQL = "SELECT user_id, name FROM users WHERE gender = 'female'"


@pytest.fixture
def db(tmp_path):
    return make_db(tmp_path / "shop.db")


def repl_for(db, *replies, thread="t"):
    model = ScriptedChatModel(replies=list(replies))
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)
    return Repl(Agent(db, model=model, thread=thread), console), out, model


def drive(repl, keys: str, db: str) -> None:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        run_interactive(repl, make_session(db, input=pipe, output=DummyOutput()))


def test_slash_commands_through_the_prompt(db, tmp_path):
    repl, out, _ = repl_for(db, tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users love outdoor sports."))
    export = tmp_path / "audience.csv"
    keys = "".join(f"{line}\r" for line in [
        "/help", "who loves outdoor sports?", "/sql", "/good", "/save 户外", "/segments",
        f"/export {export}", "/mode", "/profile", "/nonsense", "/clear",
    ]) + "\x04"  # Ctrl-D leaves
    drive(repl, keys, db)
    text = out.getvalue()
    for usage in SLASH_COMMANDS:
        assert usage in text  # /help lists every command
    assert "20 users love outdoor sports." in text and "SELECT DISTINCT" in text  # answer with its SQL
    assert "… 5 more rows (20 in total)" in text   # the table is paged, with the total
    assert "SQL is now hidden" in text
    assert "saved as verified example #1" in text
    assert load_examples(db)[0].question == "who loves outdoor sports?"
    assert "saved segment '户外': 20 users" in text
    assert "户外" in text.split("/segments")[-1]
    assert "wrote 20 users to" in text
    rows = list(csv.DictReader(export.open(encoding="utf-8")))
    assert len(rows) == 20 and "phone" not in rows[0] and "name" not in rows[0]  # never raw identities
    assert "mode: scripted-model" in text
    assert "/profile: which user?" in text
    assert "unknown command /nonsense" in text
    assert "conversation cleared" in text and repl.agent.messages() == []


def test_ctrl_c_cancels_the_running_question_and_the_repl_goes_on(db):
    repl, out, model = repl_for(db, KeyboardInterrupt(), AIMessage("Still here."))
    drive(repl, "first question\rpartial line\x03second question\r\x04", db)
    text = out.getvalue()
    assert "cancelled" in text and "Still here." in text
    asked = [m[-1].content for m in model.calls]
    assert asked == ["first question", "second question"]  # Ctrl-C at the prompt dropped the partial line


def test_history_is_kept_beside_the_database(db):
    repl, _, _ = repl_for(db, AIMessage("hi"))
    drive(repl, "hello there\r\x04", db)
    assert "hello there" in open(f"{db}.history", encoding="utf-8").read()


def test_multi_line_input_with_a_trailing_backslash(db):
    repl, _, model = repl_for(db, AIMessage("ok"))
    drive(repl, "users who love\\\routdoor sports\r\x04", db)
    assert model.calls[0][-1].content == "users who love\noutdoor sports"


def test_completion_of_commands_and_tag_names():
    completer = PersonaCompleter()

    def complete(text):
        return [c.text for c in completer.get_completions(Document(text), None)]

    assert complete("/he") == ["/help"]
    assert "/save" in complete("/s") and "/segments" in complete("/s")
    assert "户外运动" in complete("喜欢户")
    assert "outdoor_sports" in complete("users who love outdoor_s")
    assert complete("") == []


def test_line_by_line_mode_echoes_questions(db):
    repl, out, _ = repl_for(db, AIMessage("Hello."), AIMessage("Bye."))
    run_lines(repl, io.StringIO("hi\n\n/sql\nand a \\\nsecond line\n/quit\nnever asked\n"))
    text = out.getvalue()
    assert "persona› hi" in text and "Hello." in text and "SQL is now hidden" in text
    assert "and a \nsecond line" in text and "never asked" not in text.split("/quit")[1]


def test_chat_through_a_pipe_in_a_subprocess(db, tmp_path):
    export = tmp_path / "out.jsonl"
    script = [tool_call_reply("run_sql", {"sql": OUTDOOR_SQL}), text_reply("20 users love outdoor sports."),
              tool_call_reply("run_sql", {"sql": OUTDOOR_SQL + " WHERE u.gender = 'female'"}),
              text_reply("10 of them are women.")]
    questions = f"who loves outdoor sports?\nof those, only women\n/export {export}\n/segments\n"
    with FakeOpenAI(script) as server:
        env = {**os.environ, **server.env(), "PERSONA_LLM_RETRIES": "0"}
        done = subprocess.run([sys.executable, "-m", "agent", "chat", "--db", db, "--thread", "piped"],
                              input=questions, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "20 users love outdoor sports." in done.stdout and "10 of them are women." in done.stdout
    assert "wrote 10 users to" in done.stdout and "no segments yet" in done.stdout
    records = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 10 and all(int(r["user_id"][1:]) % 2 == 0 for r in records)
    assert "\x1b[" not in done.stdout  # no terminal control codes when piped


def test_a_question_with_square_brackets_is_text_not_markup(db):
    """'[/]' in a question ended the whole chat with a MarkupError; '[vip]' vanished from the echo."""
    query = tool_call("run_sql", {"sql": WOMEN_SQL})   # a model answering data questions queries first
    repl, out, model = repl_for(db, query, AIMessage("One."), query, AIMessage("Two."))
    run_lines(repl, io.StringIO("women [/] in Shanghai\nmen tagged [vip]\n/save [b]x[/b]\n/nope[/]\n"))
    text = out.getvalue()
    assert "persona› women [/] in Shanghai" in text and "One." in text
    assert "persona› men tagged [vip]" in text and "Two." in text
    assert "saved segment '[b]x[/b]'" in text
    assert "unknown command /nope[/]" in text


def test_input_ending_inside_a_continued_line_is_echoed_and_asked(db):
    repl, out, _ = repl_for(db, tool_call("run_sql", {"sql": WOMEN_SQL}), AIMessage("Answered."))
    run_lines(repl, io.StringIO("women in \\\nShanghai \\"))
    text = out.getvalue()
    assert "persona› women in \nShanghai" in text and "Answered." in text


def test_a_question_too_long_to_be_one_is_refused_at_once(db):
    """A 24,000-character paste kept the offline planner busy for over ten minutes."""
    repl, out, model = repl_for(db)
    run_lines(repl, io.StringIO("上海的女性用户 " * 3000 + "\n/sql\n"))
    text = out.getvalue()
    assert "the question is 23,999 characters long; ask in at most 1,000" in text  # stripped
    assert "SQL is now hidden" in text  # the chat goes on


def test_export_expands_a_tilde_like_a_shell_would(db, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    repl, out, _ = repl_for(db, tool_call("run_sql", {"sql": OUTDOOR_SQL}), AIMessage("20 users."))
    run_lines(repl, io.StringIO("who loves outdoor sports?\n/export ~/audience.csv\n"))
    assert (tmp_path / "audience.csv").exists() and not (tmp_path / "~").exists()
    assert "wrote 20 users to" in out.getvalue()
