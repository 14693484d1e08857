"""The bundled demo, moved to the present.

`seeds/demo.jsonl` is static and anchored at `make_demo.ANCHOR` (2026-11-20). Its stories rely on
recent activity ("last 7 days", "最近一个月"), so `persona demo` shifts every time by whole days
to keep the newest data as recent today as it was on the anchor date.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterator

ANCHOR = date(2026, 11, 20)  # == seeds.make_demo.ANCHOR (kept here so loading stays light)
DEMO_PATH = Path(__file__).with_name("demo.jsonl")
_TIME_FIELDS = {"attributes": ("registered_at",), "orders": ("ordered_at",), "events": ("at",), "texts": ("at",)}


def demo_records(today: date | None = None) -> Iterator[dict]:
    """Every demo record with its times shifted by (today - ANCHOR) days."""
    shift = timedelta(days=max(0, ((today or date.today()) - ANCHOR).days))
    with DEMO_PATH.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield shift_times(json.loads(line), shift)


def shift_times(record: dict, shift: timedelta) -> dict:
    """The record with its known time fields moved by ``shift`` (other fields untouched)."""
    if not shift:
        return record
    for section, fields in _TIME_FIELDS.items():
        items = record.get(section)
        for item in items if isinstance(items, list) else [items] if isinstance(items, dict) else []:
            for name in fields:
                if isinstance(item.get(name), str):
                    item[name] = _shift(item[name], shift)
    return record


def _shift(value: str, shift: timedelta) -> str:
    try:
        moved = datetime.fromisoformat(value) + shift
    except ValueError:
        return value  # ingest reports bad times; shifting must not hide them
    return moved.date().isoformat() if len(value) == 10 else moved.isoformat()
