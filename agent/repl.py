"""The chat REPL: questions and slash commands in, rich answers out.

With a terminal on both stdin and stdout it is a prompt-toolkit session (agent/repl_terminal.py:
history beside the database, auto-suggest, completion of slash commands and tag names, multi-line
input). Otherwise it reads questions line by line, so `persona chat < questions.txt` and CI work
(and never load prompt-toolkit).

Ctrl-C while a question runs cancels that question (the REPL goes on); Ctrl-C at the prompt
clears the line; Ctrl-D (or /quit) leaves. A line ending in a backslash continues on the next.
Several questions on one line ("养猫的用户有几个?养狗的呢") are asked in turn, each answered on its own.
"""

from __future__ import annotations

import os
import re
from typing import Callable, Iterable, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from agent.commands import question_too_long
from agent.commands.export import DEFAULT_FIELDS as EXPORT_FIELDS  # /export writes what `persona export` does
from agent.render_answer import AnswerView

# Every slash command with its help text; /help prints this, the docs test checks the README.
SLASH_COMMANDS: dict[str, str] = {
    "/help": "show the commands",
    "/sql": "show or hide the SQL under each answer",
    "/profile ID": "show one user's profile card",
    "/segments": "list saved and discovered segments with their sizes",
    "/export FILE": "write the last audience to FILE (.csv or .jsonl; never raw identities)",
    "/mode [offline|model]": "show the mode, or switch between the offline planner and the configured model",
    "/clear": "forget this conversation and start afresh on the same thread",
    "/good": "mark the last answer right: its question and SQL become a verified example",
    "/save NAME": "save the last audience as a segment named NAME",
    "/quit": "leave the chat (Ctrl-D does too)",
}
PROMPT = "persona› "
# A question mark with more words after it ends one question of several on a line
_QUESTION_END = re.compile(r"(?<=[?？])\s*(?=\S)")


def questions_in(line: str) -> list[str]:
    """The questions of one line, in order: "养猫的用户有几个?养狗的呢" is two (the second a follow-up of the
    first), not one question about cat-and-dog owners; a line without a question mark inside is one.

    Example:
        >>> questions_in("how many cat owners? and dog owners?")
        ['how many cat owners?', 'and dog owners?']
    """
    return [part for part in _QUESTION_END.split(line.strip()) if part.strip("?？ ")] or [line.strip()]


def command_names() -> list[str]:
    """'/help', '/sql', ... (the first word of each entry)."""
    return [usage.split()[0] for usage in SLASH_COMMANDS]


class Repl:
    """Handles one line at a time; owns the agent, the console and the /sql switch.

    Args:
        agent: The :class:`agent.graph.Agent` answering questions.
        console: Where output goes.
        make_agent: ``offline: bool -> Agent`` on the same database and thread (for /mode).
        show_sql: Show the SQL under answers (toggled by /sql).
    """

    def __init__(self, agent, console: Console, *, make_agent: Callable[[bool], object] | None = None,
                 show_sql: bool = True) -> None:
        self.agent = agent
        self.console = console
        self.make_agent = make_agent
        self.show_sql = show_sql

    def handle(self, line: str) -> bool:
        """Run one question or slash command. Returns False when the operator wants to leave."""
        text = line.strip()
        if not text:
            return True
        if text.startswith("/"):
            return self.command(text)
        for question in questions_in(text):
            self.ask(question)
        return True

    def ask(self, question: str) -> None:
        too_long = question_too_long(question)
        if too_long:
            self.console.print(Text(too_long, style="red"))
            return
        try:
            with self.console.status("thinking… (Ctrl-C cancels)"):
                answer = self.agent.ask(question)
        except KeyboardInterrupt:
            self.console.print(Text.assemble(("cancelled", "yellow"), " (the conversation goes on)"))
            return
        except Exception as exc:  # one failed question must not end the session
            if os.environ.get("PERSONA_DEBUG"):
                raise
            self.console.print(Text.assemble(("error:", "red"), f" {type(exc).__name__}: {exc}"))
            return
        self.console.print(AnswerView(answer, show_sql=self.show_sql))

    # --- slash commands ---------------------------------------------------------------------------

    def command(self, text: str) -> bool:
        name, _, argument = text.partition(" ")
        argument = argument.strip()
        handler = {
            "/help": self._help, "/sql": self._toggle_sql, "/profile": self._profile,
            "/segments": self._segments, "/export": self._export, "/mode": self._mode,
            "/clear": self._clear, "/good": self._good, "/save": self._save,
        }.get(name.lower())
        if name.lower() in ("/quit", "/exit"):
            return False
        if handler is None:
            self.console.print(Text.assemble((f"unknown command {name}", "red"), "; /help lists the commands"))
            return True
        try:
            handler(argument)
        except Exception as exc:  # a command's failure is reported, the session goes on
            if os.environ.get("PERSONA_DEBUG"):
                raise
            self.console.print(Text.assemble((f"{name}:", "red"), f" {exc}"))
        return True

    def _help(self, _: str) -> None:
        table = Table(show_header=False, box=None, pad_edge=False)
        for usage, description in SLASH_COMMANDS.items():
            table.add_row(Text(usage), Text(description))
        self.console.print("Ask a question in Chinese or English, or use a command:")
        self.console.print(table)
        self.console.print("End a line with \\ (or press Alt-Enter) to continue it; Ctrl-C cancels a "
                           "running question.", style="dim")

    def _toggle_sql(self, _: str) -> None:
        self.show_sql = not self.show_sql
        self.console.print(f"SQL is now {'shown' if self.show_sql else 'hidden'}")

    def _profile(self, user_id: str) -> None:
        if not user_id:
            raise ValueError("which user? e.g. /profile u00042")
        from agent.render_profile import ProfileCard
        from tools.profile.store import load_profile

        lang = self._reader_language()
        profile = load_profile(self.agent.db_path, user_id, lang=lang)
        if profile is None:
            self.console.print(Text(f"no profile for {user_id!r} (is the id right? has `persona build` run?)"))
            return
        self.console.print(ProfileCard(profile, lang=lang))

    def _reader_language(self) -> str | None:
        """The language of the operator's last question, else their locale's (None: the user's own)."""
        from agent.commands import locale_language
        from agent.planner.question_lang import detect_lang

        last = getattr(self.agent, "last_answer", None)
        if last is not None and last.question:
            return detect_lang(last.question.lower())
        return locale_language()

    def _segments(self, _: str) -> None:
        from agent.render_segments import SegmentList
        from tools.segments import list_segments

        self.console.print(SegmentList(list_segments(self.agent.db_path)))

    def _export(self, path: str) -> None:
        if not path:
            raise ValueError("where to? e.g. /export audience.csv (or .jsonl)")
        from tools.agent_tools import AgentContext, execute_sql
        from tools.segments import export_audience

        audience = self._audience()
        context = AgentContext(db_path=self.agent.db_path, thread=self.agent.thread,
                               question=f"/export {path}")
        result = execute_sql(context, audience.sql, audience.params)
        user_ids = list(dict.fromkeys(str(row[0]) for row in result["rows"]))  # an audience has user_id first
        # No shell expands '~' at this prompt; an operator typing it means the home folder.
        written = export_audience(self.agent.db_path, user_ids, os.path.expanduser(path), EXPORT_FIELDS)
        self.console.print(Text(f"wrote {written['rows']:,} user{'' if written['rows'] == 1 else 's'} to {written['path']} ({', '.join(written['fields'])})"))

    def _mode(self, wanted: str) -> None:
        if not wanted:
            self.console.print(f"mode: {self.agent.mode}  (/mode offline or /mode model to switch)")
            return
        if wanted not in ("offline", "model"):
            raise ValueError("use /mode offline or /mode model")
        if self.make_agent is None:
            raise ValueError("this session cannot switch modes")
        if wanted == "model":
            from tools.llm import model_config_from_env

            if model_config_from_env() is None:
                raise ValueError("no model configured: set OPENAI_API_KEY and/or OPENAI_BASE_URL (and PERSONA_MODEL)")
        old = self.agent
        self.agent = self.make_agent(wanted == "offline")
        old.close()
        self.console.print(f"mode: {self.agent.mode}")

    def _clear(self, _: str) -> None:
        self.agent.clear()
        self.console.print("conversation cleared")

    def _good(self, _: str) -> None:
        from agent.examples import save_example

        answer = self.agent.last_answer
        if answer is None or not answer.submitted or answer.error:
            raise ValueError("there is no answered question with SQL to mark as good yet")
        example_id = save_example(self.agent.db_path, answer.question, answer.submitted,
                                  params=answer.params, spec=answer.spec)
        self.agent.reload_examples()
        self.console.print(f"saved as verified example #{example_id}: similar questions will reuse this SQL")

    def _save(self, name: str) -> None:
        if not name:
            raise ValueError("name it: /save 价格敏感的户外爱好者")
        from tools.segments import ROLLING_NOTE, save_segment

        audience = self._audience()
        saved = save_segment(self.agent.db_path, name, audience.sql, list(audience.params), audience.spec,
                             description=audience.description)
        self.console.print(Text(f"saved segment {saved['name']!r}: {saved['size']:,} users"
                                + (f" ({saved['note']})" if saved.get("note") else "")
                                + (f"; {ROLLING_NOTE['en']}" if saved["rolling"] else "")))

    def _audience(self):
        audience = self.agent.audience()
        if audience is None:
            raise ValueError("no audience in this conversation yet: ask for some users first")
        return audience


# --- the loops -------------------------------------------------------------------------------------

def run_lines(repl: Repl, stream: Iterable[str]) -> None:
    """Read questions line by line (stdin is not a terminal); print each before its answer."""
    pending: list[str] = []
    for raw in stream:
        line = raw.rstrip("\r\n")
        if line.endswith("\\"):
            pending.append(line[:-1])
            continue
        if not _echo_and_handle(repl, "\n".join([*pending, line])):
            return
        pending = []
    if pending:  # the input ended inside a continued line: it is still a question
        _echo_and_handle(repl, "\n".join(pending))


def _echo_and_handle(repl: Repl, text: str) -> bool:
    """Show the question as if typed at the prompt (as text: '[/]' in a question is no markup), then
    handle it. Returns False when the operator wants to leave."""
    text = text.strip()
    if not text:
        return True
    repl.console.print(Text.assemble((PROMPT, "bold cyan"), text), highlight=False)
    return repl.handle(text)


def stdio_is_terminal(stdin: TextIO, stdout: TextIO) -> bool:
    """Use prompt-toolkit only when both ends are a terminal (STACK-NOTES)."""
    return bool(stdin.isatty() and stdout.isatty())
