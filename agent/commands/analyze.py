"""`persona analyze [TEXT…] [--file F] [--json]`: run the offline text analyzers on free text.

With --json: one JSON object per text, in input order, one per line, with exactly the keys
docs/analyzers.md lists. Without: a readable summary per text. ``--file F`` reads one text per line
(``-`` is standard input); blank lines are skipped, a line that is not UTF-8 is reported with its
number and skipped. With --json a TEXT argument always gets its object, even an empty one (a neutral
verdict), so `persona analyze "$a" "$b" --json` prints two lines whatever $a holds. The readable
summary has no positions to keep: an empty TEXT is reported and skipped. Exit 0 when every text was
analyzed, 2 when there was nothing to analyze or a text or line was skipped.
"""

from __future__ import annotations

import json
import sys

_FIELDS = ("lang", "label", "polarity", "emotion")


def run(args) -> int:
    """Analyze ``args.texts`` and the lines of ``args.file``; print JSON lines or a summary.

    Returns:
        0 when every text was analyzed; 2 when there was nothing to analyze or a line was skipped.
    """
    texts, problems = _collect(args.texts, args.file)
    if not args.json:
        texts, problems = _without_empty_arguments(texts, len(args.texts), problems)
    for problem in problems:
        print(f"persona analyze: {problem}", file=sys.stderr)
    if not texts:
        if not problems:
            why = f"{args.file} holds no text" if args.file else 'give texts (persona analyze "…") or --file F'
            print(f"persona analyze: nothing to analyze: {why}", file=sys.stderr)
        return 2
    from tools.analyzers import analyze_texts

    results = analyze_texts(texts)
    if args.json:
        for result in results:
            print(json.dumps(design_json(result), ensure_ascii=False))
    else:
        _print_summary(texts, results)
    return 2 if problems else 0


def design_json(result) -> dict:
    """A TextAnalysis in the `persona analyze --json` shape of docs/analyzers.md (and nothing more)."""
    return {
        **{name: getattr(result, name) for name in _FIELDS},
        "aspects": [{"aspect": a.aspect, "polarity": a.polarity, "evidence": a.evidence} for a in result.aspects],
        "tags": [{"id": t.id, "confidence": t.confidence, "evidence": t.evidence} for t in result.tags],
        "intents": [{"intent": i.intent, "confidence": i.confidence, "evidence": i.evidence, "target": i.target}
                    for i in result.intents],
        "entities": [{"kind": e.kind, "text": e.text} for e in result.entities],
    }


def _without_empty_arguments(texts: list[str], arguments: int, problems: list[str]) -> tuple[list[str], list[str]]:
    """The texts without empty TEXT arguments (the first ``arguments`` texts), each reported."""
    empty = [number for number, text in enumerate(texts[:arguments], start=1) if not text]
    if not empty:
        return texts, problems
    if arguments == 1:
        which = "the text is empty: nothing to analyze"
    elif len(empty) == 1:
        which = f"text {empty[0]} of {arguments} is empty; skipped"
    else:
        which = f"texts {', '.join(map(str, empty))} of {arguments} are empty; skipped"
    example = ' (e.g. persona analyze "物流很快，但是价格太贵了")' if len(empty) == arguments else ""
    return [text for text in texts if text], [*problems, f"{which}{example}"]


def _collect(arg_texts: list[str], path: str | None) -> tuple[list[str], list[str]]:
    texts = [text.strip() for text in arg_texts]
    problems: list[str] = []
    if path is None:
        return texts, problems
    try:
        raw = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        return texts, [f"cannot read {path}: {exc.strerror}"]
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        except UnicodeDecodeError as exc:
            problems.append(f"{path}:{number}: not UTF-8 text (byte {exc.start + 1}); line skipped")
            continue
        if text:
            texts.append(text)
    return texts, problems


def _print_summary(texts: list[str], results: list) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    colours = {"positive": "green", "negative": "red", "neutral": "yellow"}
    for text, result in zip(texts, results):
        head = Text()
        head.append(f"{result.label} {result.polarity:+.2f}", style=f"bold {colours[result.label]}")
        head.append(f"  emotion {result.emotion}  lang {result.lang}  confidence {result.confidence:.2f}")
        console.rule(Text(text if len(text) <= 60 else text[:59] + "…"), align="left")
        console.print(head)
        if result.aspects:
            table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
            for column in ("aspect", "polarity", "emotion", "evidence"):
                table.add_column(column)
            for aspect in result.aspects:
                style = "green" if aspect.polarity > 0 else "red" if aspect.polarity < 0 else ""
                table.add_row(aspect.aspect, Text(f"{aspect.polarity:+.2f}", style=style), aspect.emotion,
                              Text(aspect.evidence))  # the text's own words: '[/]' in them is no markup
            console.print(table)
        for label, items in (
            ("tags", [f"{t.id} {t.confidence:.2f} ({t.evidence})" for t in result.tags]),
            ("dislikes", [f"{t.id} ({t.evidence})" for t in result.dislikes]),
            ("intents", [f"{i.intent} {i.confidence:.2f} ({i.evidence}" + (f" → {i.target})" if i.target else ")")
                         for i in result.intents]),
            ("values", [f"{v.id} {v.confidence:.2f} ({v.evidence})" for v in result.values]),
            ("entities", [f"{e.kind}: {e.text}" for e in result.entities]),
        ):
            if items:
                console.print(Text(f"{label}: ", style="bold") + Text("; ".join(items)))
