"""The chat on a terminal: the prompt-toolkit session (history beside the database, auto-suggest,
completion of slash commands and tag names, multi-line input) around agent/repl.py's Repl.

Apart from repl.py so that a piped chat never imports prompt-toolkit (~0.2 s of its start-up).
"""

from __future__ import annotations

from prompt_toolkit.completion import Completer, Completion

from agent.repl import PROMPT, SLASH_COMMANDS, Repl


def run_interactive(repl: Repl, session) -> None:
    """The prompt-toolkit loop: Ctrl-C clears the line, Ctrl-D leaves."""
    while True:
        try:
            line = session.prompt(PROMPT)
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        if not repl.handle(line):
            break


def history_path(db_path: str) -> str:
    """Questions are remembered per database, in a file beside it."""
    return f"{db_path}.history"


def make_session(db_path: str, *, input=None, output=None):
    """A PromptSession with history, auto-suggest, completion and multi-line input."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.history import FileHistory

    return PromptSession(
        history=FileHistory(history_path(db_path)), auto_suggest=AutoSuggestFromHistory(),
        completer=PersonaCompleter(), complete_while_typing=True, multiline=True,
        key_bindings=_key_bindings(), prompt_continuation=lambda width, *_: "." * (width - 1) + " ",
        input=input, output=output,
    )


def _key_bindings():
    """Enter sends the question; a trailing backslash or Alt-Enter starts a new line instead."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("enter")
    def _enter(event) -> None:
        buffer = event.current_buffer
        state = buffer.complete_state
        if state is not None and state.current_completion is not None:
            buffer.apply_completion(state.current_completion)
        elif buffer.document.text_before_cursor.endswith("\\"):
            buffer.delete_before_cursor(1)
            buffer.insert_text("\n")
        else:
            buffer.validate_and_handle()

    @bindings.add("escape", "enter")
    def _newline(event) -> None:
        event.current_buffer.insert_text("\n")

    return bindings


def tag_words() -> list[str]:
    """Tag ids and their zh/en names, for completion."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    words: dict[str, None] = {}
    for node in taxonomy.all_nodes():
        if node.kind == "tag_category":
            continue
        for word in (node.id, node.name_zh, node.name_en):
            words.setdefault(word, None)
    return sorted(words, key=lambda w: (len(w), w))


class PersonaCompleter(Completer):
    """Completes slash commands at the start of a line, and tag ids/names anywhere.

    Chinese has no spaces, so the end of a CJK run is tried from its longest tail down
    ("喜欢户" completes to "喜欢户外运动").
    """

    MAX_TAIL = 8

    def __init__(self, words: list[str] | None = None) -> None:
        self.words = words if words is not None else tag_words()

    def get_completions(self, document, complete_event):
        text = document.text_before_cursor
        if text.startswith("/") and " " not in text:
            for usage, description in SLASH_COMMANDS.items():
                name = usage.split()[0]
                if name.startswith(text.lower()):
                    yield Completion(name, start_position=-len(text), display_meta=description)
            return
        word = document.get_word_before_cursor(WORD=True)
        if not word or text.startswith("/"):
            return
        # Latin words are whole words; a CJK run is tried from its longest tail down.
        sizes = [len(word)] if word.isascii() else range(min(len(word), self.MAX_TAIL), 0, -1)
        for size in sizes:
            tail = word[-size:].casefold()
            matches = [w for w in self.words if w.casefold().startswith(tail) and w.casefold() != tail]
            if matches:
                for match in matches[:20]:
                    yield Completion(match, start_position=-size)
                return
