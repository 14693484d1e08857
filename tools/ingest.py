"""Loading users into a Persona database: `persona ingest FILE…` (the format: docs/data-format.md).

Three steps per record, each its own part of this module:

1. read   — stream records out of a .jsonl file (line by line), a .json array (incrementally,
            never the whole file in memory) or a .csv / .tsv table (one user, order, event or text per row), each
            with its line number;
2. parse  — check and normalize one record into a ParsedUser (enum spellings, times, cities,
            identities); a bad user_id or a malformed structure rejects the record, a bad
            attribute or identity value drops just that field, a problem inside one order,
            event or text just that item, and all are reported as FILE:LINE;
3. write  — resolve identities (tools/identity.py), upsert the user, de-duplicate items by id
            or content hash, and bump users.data_updated_at only when something changed.

Records are written 500 per transaction. Library code: no terminal output, problems go to the
``on_error`` callback and into the returned IngestReport.
"""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import json
import math
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from schema.db import connect, now_iso
from schema.geo import normalize_city
from schema.taxonomy import Taxonomy, load_taxonomy, sync_to_db
from schema import user_attributes
from tools.identity import (
    ATTRIBUTE_COLUMNS,
    IDENTITY_KINDS,
    add_alias,
    canonical_user,
    dump_extra,
    first_seen,
    identity_owners,
    merge_attributes,
    merge_extra,
    merge_reason,
    merge_users,
    normalize_identity,
)
from tools.lang import detect_lang

BATCH_RECORDS = 500          # records per transaction
MAX_KEPT_ISSUES = 1000       # problems and merges kept in the report (all are still counted)
_READ_CHUNK = 1 << 16
_MAX_JSON_VALUE = 64 << 20   # one record in a .json array larger than this is refused
_MAX_INDENT = 4096
MAX_ATTRIBUTE_CHARS = 500    # a name, city, occupation or education longer than this is not one

# --- enum spellings ------------------------------------------------------------------------------


def _spellings(table: dict[str, str]) -> dict[str, str]:
    """{canonical: 'spelling spelling …'} -> {normalized spelling: canonical}."""
    return {_enum_key(word): canonical for canonical, words in table.items() for word in [canonical, *words.split()]}


@lru_cache(maxsize=4096)
def _enum_key(value: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(value).casefold())


GENDERS = _spellings({
    "female": "f w woman women girl 女 女性 女士 女生",
    "male": "m man men boy 男 男性 男士 男生",
    "unknown": "u other none n/a na x 未知 保密 其他 不详",
})
MEMBER_LEVELS = _spellings({
    "normal": "regular basic standard ordinary member free 普通 普通会员 注册会员 会员 普卡",
    "silver": "白银 白银会员 银卡 银卡会员 银牌",
    "gold": "golden 黄金 黄金会员 金卡 金卡会员 金牌",
    "platinum": "铂金 铂金会员 铂金卡 白金 白金会员 白金卡",
    "diamond": "钻石 钻石会员 钻卡 黑钻 黑卡",
})
EVENT_TYPES = _spellings({
    "view": "views pv page_view browse visit 浏览 查看 访问",
    "click": "tap 点击",
    "search": "query 搜索 查询",
    "cart": "add_to_cart add_cart addcart 加购 加入购物车 购物车",
    "favorite": "favourite fav collect wishlist bookmark 收藏",
    "share": "转发 分享",
    "like": "点赞 喜欢",
    "purchase": "buy order pay checkout 购买 下单 支付 付款",
    "login": "log_in signin sign_in logon 登录 登陆",
    # a visit in person (a gym, a store, a clinic): 'visit' alone stays a page view, as web logs mean it
    "checkin": "check_in checked_in store_visit shop_visit in_store_visit 签到 到店 进店 打卡 入场",
    "booking": "book booked reservation reserve reserved appointment 预约 预订 报名 约课 订课",
})
KNOWN_EVENT_TYPES = frozenset(EVENT_TYPES.values())
MAX_EVENT_TYPE_CHARS = 40    # a longer "type" is a misplaced text, not a kind of event
TEXT_SOURCES = _spellings({
    "review": "reviews product_review rating 评价 商品评价 买家评价 点评 晒单",
    "comment": "comments reply 评论 留言 回复",
    "chat": "im message messages customer_service 聊天 客服 客服对话 对话 咨询",
    "post": "posts note notes status weibo moment moments blog 帖子 动态 发帖 笔记 微博 朋友圈",
    "survey": "questionnaire 问卷 调查 调研 问卷调查",
    "search": "query 搜索 搜索词",
    "call_transcript": "call calls phone_call transcript 通话 电话 通话记录 来电 语音转写",
})

# --- report --------------------------------------------------------------------------------------


@dataclass
class Issue:
    """One problem in the input. ``severity`` is 'error' (the record was skipped) or 'warning'
    (one order, event or text of it was skipped, the rest of the record was loaded)."""

    file: str
    line: int
    message: str
    field: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        return f"{self.file}:{self.line}: {self.message}{where}"


@dataclass
class Merge:
    """``alias_id`` was found to be the same person as canonical ``user_id``."""

    alias_id: str
    user_id: str
    reason: str          # 'shared phone', 'shared email and device id' ...
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.alias_id} -> {self.user_id} ({self.reason}; {self.file}:{self.line})"


@dataclass
class IngestReport:
    files: list[str] = field(default_factory=list)
    records: int = 0            # records read, good or bad
    loaded: int = 0             # records written
    rejected: int = 0           # records skipped
    new_ids: set[str] = field(default_factory=set)        # users this load created
    created_at: dict[str, str] = field(default_factory=dict)   # new user -> 'FILE:LINE' of the record that made it
    changed_ids: set[str] = field(default_factory=set)    # users something changed for (new ones too)
    seen_ids: set[str] = field(default_factory=set)       # every user a loaded record belongs to
    described_ids: set[str] = field(default_factory=set)  # users a record gave attributes to (bad ones too)
    merged: int = 0             # user ids folded into another user
    orders: int = 0             # rows added or changed
    events: int = 0
    texts: int = 0
    skipped_items: int = 0      # orders / events / texts / identities dropped, the rest of the record loaded
    other_event_types: Counter = field(default_factory=Counter)  # type Persona does not know -> events kept
    scoped_ids: int = 0         # item ids already used by another user, stored as '<user_id>:<id>'
    issues: int = 0             # errors + warnings (all of them; `errors` keeps the first 1000)
    errors: list[Issue] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    seconds: float = 0.0

    # Users, not records: an orders table has a row per order, and a customer loaded by one file
    # and given orders by the next is one new user.
    @property
    def new_users(self) -> int:
        return len(self.new_ids)

    @property
    def updated_users(self) -> int:
        """Users that existed before this load and changed."""
        return len(self.changed_ids - self.new_ids)

    @property
    def unchanged_users(self) -> int:
        """Users whose records brought nothing new."""
        return len(self.seen_ids - self.changed_ids)

    @property
    def bare_new_users(self) -> list[str]:
        """New users that came only with orders, events or texts — in any file of the load: an id
        typed wrong, or a users file not loaded. Sorted."""
        return sorted(self.new_ids - self.described_ids)

    def where_created(self, user_id: str) -> str:
        """'reviews.csv:3': the file and line of the record that created the user."""
        return self.created_at.get(user_id, "")

    def add(self, other: "IngestReport") -> None:
        """Sum another file's report into this one."""
        for name in ("records", "loaded", "rejected", "merged",
                     "orders", "events", "texts", "skipped_items", "scoped_ids", "issues",
                     "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.new_ids |= other.new_ids
        self.created_at = {**other.created_at, **self.created_at}   # the first file that made the user
        self.changed_ids |= other.changed_ids
        self.seen_ids |= other.seen_ids
        self.described_ids |= other.described_ids
        self.other_event_types.update(other.other_event_types)
        self.files += other.files
        self.errors += other.errors[: max(0, MAX_KEPT_ISSUES - len(self.errors))]
        self.merges += other.merges[: max(0, MAX_KEPT_ISSUES - len(self.merges))]


# --- public API ----------------------------------------------------------------------------------

ErrorCallback = Callable[[Issue], None]
ProgressCallback = Callable[[int, int], None]


def ingest_file(
    db_path: str | Path,
    path: str | Path,
    *,
    on_error: ErrorCallback | None = None,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Load one file of user records into the database at ``db_path``.

    Args:
        db_path: the Persona database (created when missing).
        path: a JSON Lines file, a JSON array of records (sniffed from the first character), or a
            .csv / .tsv table of users, orders, events or texts (`read_records`).
        on_error: called with each Issue as it is found (the report keeps the first 1000).
        on_progress: called now and then with (bytes read, file size).

    Returns:
        An IngestReport with the counts, the merges and the problems.

    Raises:
        FileNotFoundError: ``path`` does not exist.
        IsADirectoryError: ``path`` is a directory.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", str(path))
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
    items = read_records(path)
    return _ingest(db_path, str(path), items, on_error, on_progress, total_bytes=path.stat().st_size)


def ingest_records(
    db_path: str | Path,
    records: Iterable[object],
    *,
    source: str = "<records>",
    on_error: ErrorCallback | None = None,
) -> IngestReport:
    """Load records that are already Python objects (tests, generators). Issues name ``source``
    and the record's 1-based position as its line."""
    items = ((number, record, 0) for number, record in enumerate(records, start=1))
    return _ingest(db_path, source, items, on_error, None, total_bytes=0)


# --- 1. read -------------------------------------------------------------------------------------


@dataclass
class Unreadable:
    """A line or array element that is not JSON at all."""

    message: str


_TABLE_DELIMITERS = {".csv": ",", ".tsv": "\t"}
_SPREADSHEETS = {".xlsx", ".xls", ".xlsm", ".numbers", ".ods"}


def read_records(path: str | Path) -> Iterator[tuple[int, object, int]]:
    """Yield (line number, parsed record or Unreadable, bytes read so far) for every record.

    A .csv / .tsv file is a table, one user per row (`_read_table`). A file whose first
    character is '[' is read as a JSON array, incrementally; a file starting with '{' whose first
    line does not hold a whole object (pretty-printed), or a .json file, as a stream of objects;
    anything else as JSON Lines, where a bad line spoils only itself.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _SPREADSHEETS:
        yield 1, Unreadable(f"a spreadsheet ({suffix}) cannot be read: save it as CSV UTF-8 and ingest the .csv"), 0
        return
    if suffix in _TABLE_DELIMITERS:
        yield from _read_table(path, _TABLE_DELIMITERS[suffix])
        return
    first = _first_char(path)
    if first == "[":
        records = _read_json_stream(path, array=True)
    elif first == "{" and (suffix == ".json" or _first_line_is_unfinished(path)):
        records = _read_json_stream(path, array=False)
    else:
        records = _read_json_lines(path)
    source = source_from_file_name(path)
    if source is None:
        yield from records
    else:
        yield from ((line, _with_text_source(record, source), done) for line, record, done in records)


def source_from_file_name(path: str | Path) -> str | None:
    """The text source a file's name names, singular or plural: chat.tsv, chats.jsonl, messages.csv
    -> 'chat'; reviews.csv, 评价.csv -> 'review'; call_transcripts.jsonl -> 'call_transcript';
    users.jsonl -> None. Texts in such a file that give no source of their own take this one."""
    key = _enum_key(Path(path).stem)
    for singular in (key, key[:-3] + "y" if key.endswith("ies") else None,
                     key[:-2] if key.endswith("es") else None, key[:-1] if key.endswith("s") else None):
        if singular and singular in TEXT_SOURCES:
            return TEXT_SOURCES[singular]
    return None


def _with_text_source(record: object, source: str) -> object:
    """A JSON record from a file named like a text source (chats.jsonl): each of its texts without
    a source of its own (a bare string included) gets ``source``."""
    if not isinstance(record, dict) or not isinstance(record.get("texts"), list):
        return record
    texts = [{"text": text, "source": source} if isinstance(text, str)
             else {**text, "source": source} if isinstance(text, dict) and not text.keys() & _TEXT_SOURCE_COLUMNS
             else text
             for text in record["texts"]]
    return {**record, "texts": texts}


def _first_line_is_unfinished(path: Path) -> bool:
    """True when the first line opens an object it does not close (a pretty-printed record)."""
    with open(path, "rb") as handle:
        line = handle.readline(1 << 20).decode("utf-8-sig", errors="replace").strip()
    try:
        json.loads(line)
    except json.JSONDecodeError as exc:
        return exc.pos >= len(line)  # ran out of text, not into a mistake
    return False


def _first_char(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(4096).decode("utf-8-sig", errors="replace").lstrip()
    return head[:1]


def _read_json_lines(path: Path) -> Iterator[tuple[int, object, int]]:
    done = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            done += len(raw)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, Unreadable(
                    f"not UTF-8 text (byte {exc.start + 1}); convert the file, e.g. iconv -f GBK -t UTF-8"
                ), done
                continue
            text = text.rstrip("\r\n")  # so an error at the end of the line stays on this line
            try:
                yield number, json.loads(text), done
            except json.JSONDecodeError as exc:
                yield number, Unreadable(json_problem(text, exc)), done


def json_problem(line: str, exc: json.JSONDecodeError) -> str:
    """What is wrong with one line of JSON Lines, where, and the text around it.

    json's own message points at where parsing stopped, which for the two commonest mistakes
    is not where the mistake is: a record cut short (or spread over several lines) fails at the
    end of the line, a trailing comma at the closing brace.
    """
    if not line[exc.pos:].strip():
        return ("bad JSON: the line ends before the record does (a missing '}' or ']'?); "
                "each record must be complete on its own line")
    before = line[:exc.pos].rstrip()
    if line[exc.pos] in "}]" and before.endswith(","):
        return f"bad JSON: a comma before '{line[exc.pos]}' at column {len(before)} (remove it)"
    start = max(0, exc.pos - 20)
    near = ("…" if start else "") + line[start:exc.pos + 20] + ("…" if exc.pos + 20 < len(line) else "")
    return f"bad JSON at column {exc.colno}: {exc.msg} (near {near!r})"


def _read_json_stream(path: Path, *, array: bool) -> Iterator[tuple[int, object, int]]:
    return _JsonStream(path, array=array).values()


def _read_table(path: Path, delimiter: str) -> Iterator[tuple[int, object, int]]:
    """A CSV / TSV table: a header row with a ``user_id`` column, then one row per user — or
    per order, event or text of a user, as exported from a shop system (`_table_kind`).

    Columns named like a record's flat fields (name, gender, age, city, member_level,
    registered_at, occupation, education, phone, email, device_id) are those fields of the user.
    In a users table any other column is kept in ``users.extra``; in an orders / events / texts
    table the other columns are the item's (order_id, product, amount, ordered_at …; unknown ones
    go to its extra). A texts table without a source column takes its source from the file's
    name when that names one, singular or plural (reviews.csv, chat.tsv, chats.tsv, 评价.csv;
    `source_from_file_name`), else 'post'. The user id column may also have one of the names a
    CRM or shop export gives it (`USER_ID_COLUMNS`: customer_id, 用户ID …).
    An empty cell gives nothing (it never erases a value).
    The file must be UTF-8 (a BOM is fine); reading stops at the first line that is not.
    """
    lines = _Utf8Lines(path)
    reader = csv.reader(lines, delimiter=delimiter)
    header: list[str] | None = None
    kind: str | None = None
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except _NotUtf8 as exc:
            yield exc.line, Unreadable(f"not UTF-8 text (byte {exc.byte}); convert the file, e.g. iconv -f GBK "
                                       "-t UTF-8; the rest of the file was not read"), lines.done
            return
        except csv.Error as exc:
            yield reader.line_num, Unreadable(f"bad CSV: {exc}"), lines.done
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip() for name in row]
            problem = _name_user_id_column(header)
            if problem:
                yield reader.line_num, Unreadable(problem), lines.done
                return
            kind = _table_kind(header)
            default_source = source_from_file_name(path) if kind == "texts" else None
            continue
        if len(row) > len(header):
            yield reader.line_num, Unreadable(f"{len(row)} values for {len(header)} columns"), lines.done
            continue
        cells = {name: cell.strip() for name, cell in zip(header, row) if name and cell.strip()}
        yield reader.line_num, _table_record(kind, cells, default_source), lines.done


# Other names a CRM or shop export gives the user id column (compared like enum spellings: case,
# spaces, '_' and '-' ignored, so Customer ID, customer_id and 用户ID all match).
USER_ID_COLUMNS = ("customer_id", "member_id", "uid", "用户ID", "用户编号", "客户ID", "会员ID")
_USER_ID_KEYS = {_enum_key(name) for name in ("user_id", *USER_ID_COLUMNS)}


def _name_user_id_column(header: list[str]) -> str | None:
    """Rename the header's user id column to 'user_id' in place; the problem when there is none
    or several could be it."""
    if "user_id" in header:
        return None
    found = [index for index, name in enumerate(header) if _enum_key(name) in _USER_ID_KEYS]
    if len(found) == 1:
        header[found[0]] = "user_id"
        return None
    columns = ", ".join(header)
    if found:
        return (f"the header has several user id columns ({', '.join(header[i] for i in found)}): rename the "
                f"one that identifies the user to user_id")
    return (f"the header has no user_id column (columns: {columns}): rename the column that identifies the "
            f"user to user_id ({', '.join(USER_ID_COLUMNS[:-1])} and {USER_ID_COLUMNS[-1]} are read as user_id too)")


def _table_kind(header: list[str]) -> str | None:
    """What one row of a table is: 'texts', 'orders' or 'events' of a user, or None for a user.

    Decided by the columns only an item has: a text column (text, content, body, text_id) makes
    a texts table, then an order column (order_id, amount, total, ordered_at) an orders table,
    then an event column (event_id, event_type, action — or type beside an event's target or time)."""
    columns = set(header)
    if columns & {"text", "content", "body", "text_id"}:
        return "texts"
    if columns & {"order_id", "amount", "total", "ordered_at"}:
        return "orders"
    event_details = {"target", "query", "keyword", "at", "time", "timestamp", "date", "duration_s", "duration",
                     "dwell_s"}
    if columns & {"event_id", "event_type", "action"} or ("type" in columns and columns & event_details):
        return "events"
    return None


def _table_record(kind: str | None, cells: dict, default_source: str | None) -> dict:
    """One table row as an input record: the user's own columns at the top, the rest as the
    row's one order / event / text."""
    if kind is None:
        return cells
    record = {key: value for key, value in cells.items() if key == "user_id" or key in _FLAT_KEYS}
    item = {key: value for key, value in cells.items() if key not in record}
    if kind == "texts" and default_source and not item.keys() & _TEXT_SOURCE_COLUMNS:
        item["source"] = default_source
    record[kind] = [item]
    return record


class _NotUtf8(Exception):
    def __init__(self, line: int, byte: int):
        super().__init__(f"line {line} is not UTF-8")
        self.line, self.byte = line, byte


class _Utf8Lines:
    """The lines of a file as text (line endings kept, for csv), counting the bytes read."""

    def __init__(self, path: Path):
        self.path = path
        self.done = 0

    def __iter__(self) -> Iterator[str]:
        with open(self.path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                self.done += len(raw)
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise _NotUtf8(number, exc.start + 1) from None


class _JsonStream:
    """Values of a JSON array (or of a stream of concatenated values), decoded chunk by chunk
    with JSONDecoder.raw_decode, so memory stays flat in the file size.

    After a malformed element the reader resumes at the next line that starts an object at
    the same or a lower indentation, which is how arrays of records are laid out.
    """

    def __init__(self, path: Path, *, array: bool):
        self.reader = _ChunkReader(path)
        self.buffer = self.reader.more("")
        self.pos = 0
        self.line = 1
        self.array = array

    def values(self) -> Iterator[tuple[int, object, int]]:
        decoder = json.JSONDecoder()
        if self.array:
            self._skip(" \t\r\n")
            self._advance(self.pos + 1)  # the '['
        while True:
            self._skip(" \t\r\n," if self.array else " \t\r\n")
            if self.pos >= len(self.buffer):
                if self.array:
                    yield self.line, Unreadable("the JSON array is not closed with ']'"), self.reader.done
                return
            if self.array and self.buffer[self.pos] == "]":
                return
            try:
                value, end = decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                if self._incomplete(exc):
                    self._fill()
                    continue
                error_line = self.line + self.buffer.count("\n", self.pos, exc.pos)
                yield error_line, Unreadable(f"bad JSON: {exc.msg}"), self.reader.done
                if not self._skip_to_next_object():
                    return
                continue
            yield self.line, value, self.reader.done
            self._advance(end)
            if self.pos > _READ_CHUNK:
                self.buffer, self.pos = self._unconsumed(), self.pos - self._keep_from()

    def _advance(self, new_pos: int) -> None:
        self.line += self.buffer.count("\n", self.pos, new_pos)
        self.pos = new_pos

    def _fill(self) -> None:
        keep_from = self._keep_from()
        self.buffer, self.pos = self.reader.more(self.buffer[keep_from:]), self.pos - keep_from

    def _keep_from(self) -> int:
        """Where the text still needed starts: the current line's start (its indentation tells
        where the next record begins after a bad one), at most _MAX_INDENT characters back."""
        line_start = self.buffer.rfind("\n", max(0, self.pos - _MAX_INDENT), self.pos)
        return line_start if line_start >= 0 else max(0, self.pos - _MAX_INDENT)

    def _unconsumed(self) -> str:
        return self.buffer[self._keep_from():]

    def _skip(self, chars: str) -> None:
        while True:
            end = self.pos
            while end < len(self.buffer) and self.buffer[end] in chars:
                end += 1
            self._advance(end)
            if self.pos < len(self.buffer) or self.reader.eof:
                return
            self._fill()

    def _incomplete(self, exc: json.JSONDecodeError) -> bool:
        """True when the value may just run past the end of the buffer (read more and retry)."""
        if self.reader.eof or len(self.buffer) - self.pos >= _MAX_JSON_VALUE:
            return False
        return exc.pos >= len(self.buffer) - 8 or exc.msg.startswith("Unterminated string")

    def _skip_to_next_object(self) -> bool:
        line_start = self.buffer.rfind("\n", 0, self.pos)
        indent = self.pos - line_start - 1 if line_start >= 0 else _MAX_INDENT
        next_object = re.compile(r"\n[ \t]{0,%d}\{" % indent)
        search_from = self.pos + 1
        while True:
            match = next_object.search(self.buffer, search_from)
            if match:
                self._advance(match.end() - 1)
                return True
            if self.reader.eof:
                return False
            # Keep the last character: the '\n' before a '{' may end this chunk.
            self._advance(max(self.pos, len(self.buffer) - 1))
            self.buffer, self.pos = self.reader.more(self.buffer[self.pos:]), 0
            search_from = 0


class _ChunkReader:
    """Reads a file as text in chunks, counting bytes for the progress bar."""

    def __init__(self, path: Path):
        self._handle = open(path, "rb")
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        self.done = 0
        self.eof = False

    def more(self, kept: str) -> str:
        if self.eof:
            return kept
        chunk = self._handle.read(_READ_CHUNK)
        self.done += len(chunk)
        if not chunk:
            self.eof = True
            self._handle.close()
            return kept + self._decoder.decode(b"", final=True)
        return kept + self._decoder.decode(chunk)


# --- 2. parse ------------------------------------------------------------------------------------


class RecordError(ValueError):
    """A record that cannot be loaded; ``field`` names the offending field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class Item:
    """One order, event or text, normalized; ``given_id`` is None when the record had no id."""

    given_id: str | None
    values: dict
    extra: dict
    # Fields an older Persona kept in extra, as given ({"门店": " 西湖店"}): an item without an id
    # is hashed with them there, so it keeps the id it had (`_content_id`).
    formerly_extra: dict = field(default_factory=dict)


@dataclass
class ParsedUser:
    user_id: str
    attributes: dict                      # column -> value, only what the record gives
    extra: dict
    identities: list[tuple[str, str]]
    orders: list[Item]
    events: list[Item]
    texts: list[Item]
    warnings: list[tuple[str, str]]       # (message, field) of dropped items and fields
    dropped_fields: list[str] = field(default_factory=list)   # attributes / identities given but bad


_ATTRIBUTE_KEYS = {"name", "gender", "age", "city", "location", "member_level", "registered_at",
                   "occupation", "education"}
_RECORD_KEYS = {"user_id", "identities", "attributes", "orders", "events", "texts", "surveys"}
_FLAT_KEYS = _ATTRIBUTE_KEYS | set(IDENTITY_KINDS)  # attributes and identities may also sit at the top


def parse_record(record: object) -> ParsedUser:
    """Check and normalize one input record (docs/data-format.md shape or the seed's request shape).

    Raises:
        RecordError: the record cannot be loaded; the message and ``field`` say why.
    """
    if not isinstance(record, dict):
        raise RecordError(f"a record must be a JSON object, got {_json_type(record)}")
    if "user_data" in record:
        record = from_seed_shape(record)
    user_id = _user_id(record.get("user_id"))
    attributes_in = record.get("attributes") or {}
    if not isinstance(attributes_in, dict):
        raise RecordError(f"attributes must be an object, got {_json_type(attributes_in)}", "attributes")
    extra: dict = {}
    warnings: list[tuple[str, str]] = []
    dropped: list[str] = []
    identities = _identities(record.get("identities"), "identities", warnings, dropped)
    flat = {key: value for key, value in record.items() if key in _FLAT_KEYS}
    attributes: dict = {}
    for prefix, source in (("", flat), ("attributes.", attributes_in)):
        for key, value in source.items():
            if key in IDENTITY_KINDS:
                identities += _identities({key: value}, prefix.rstrip("."), warnings, dropped)
            elif key in _ATTRIBUTE_KEYS:
                try:
                    attributes.update(_attribute(key, value, prefix + key))
                except RecordError as exc:  # lose the value, not the customer (with a warning)
                    warnings.append((f"field {key} dropped: {exc}", exc.field))
                    dropped.append(key)
            else:
                extra[key] = value
    for key, value in record.items():
        if key not in _RECORD_KEYS and key not in flat:
            extra[key] = value
    surveys = _surveys(record.get("surveys"))
    orders = _items(record.get("orders"), "orders", _order_item, warnings)
    events = _items(record.get("events"), "events", _event_item, warnings)
    texts = _items(record.get("texts"), "texts", _text_item, warnings)
    if surveys:
        extra["surveys"] = surveys
        texts.append(_survey_text(surveys))
    return ParsedUser(
        user_id=user_id,
        attributes=attributes,
        extra=extra,
        identities=list(dict.fromkeys(identities)),
        orders=orders,
        events=events,
        texts=texts,
        warnings=warnings,
        dropped_fields=dropped,
    )


def from_seed_shape(record: dict) -> dict:
    """The seed project's request ({"user_id", "user_data": {...}}) as an input record (docs/data-format.md).

    registration_data -> attributes (location -> city); text_data / text_content /
    personality_data.text_samples -> texts (post); comments -> texts (comment);
    product_reviews -> texts (review); survey_data -> surveys; behavior_data -> extra.behavior;
    the rest of personality_data -> extra.personality; any other key -> extra.
    """
    data = record["user_data"]
    if not isinstance(data, dict):
        raise RecordError(f"user_data must be an object, got {_json_type(data)}", "user_data")
    out = {key: value for key, value in record.items() if key != "user_data"}
    registration = data.get("registration_data") or {}
    if not isinstance(registration, dict):
        raise RecordError("registration_data must be an object", "user_data.registration_data")
    attributes = dict(registration)
    if "location" in attributes and "city" not in attributes:
        attributes["city"] = attributes.pop("location")
    given_attributes = out.get("attributes") or {}
    if not isinstance(given_attributes, dict):
        raise RecordError(f"attributes must be an object, got {_json_type(given_attributes)}", "attributes")
    attributes.update(given_attributes)
    out["attributes"] = attributes
    texts = out.get("texts") or []
    if not isinstance(texts, list):
        raise RecordError(f"texts must be a list, got {_json_type(texts)}", "texts")
    texts = list(texts)
    for key, source in (("text_data", "post"), ("text_content", "post"), ("comments", "comment"),
                        ("product_reviews", "review")):
        texts += [_seed_text(item, source) for item in _as_list(data.get(key))]
    personality = data.get("personality_data")
    if isinstance(personality, dict):
        texts += [_seed_text(item, "post") for item in _as_list(personality.get("text_samples"))]
        rest = {key: value for key, value in personality.items() if key != "text_samples"}
        if rest:
            out["personality"] = rest
    elif personality is not None:
        out["personality"] = personality
    out["texts"] = texts
    if data.get("survey_data") is not None:
        out["surveys"] = data["survey_data"]
    if data.get("behavior_data") is not None:
        out["behavior"] = data["behavior_data"]
    known = {"registration_data", "text_data", "text_content", "comments", "product_reviews",
             "personality_data", "survey_data", "behavior_data"}
    for key, value in data.items():
        if key not in known:
            out.setdefault(key, value)
    return out


def _seed_text(item: object, source: str) -> object:
    if isinstance(item, dict):
        return {"source": source, **item}
    return {"source": source, "text": item}


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _user_id(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RecordError("missing user_id", "user_id")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise RecordError(f"user_id must be text or a whole number, got {_json_type(value)}", "user_id")
    return str(value).strip()


def _field(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _identities(value: object, where: str, warnings: list[tuple[str, str]], dropped: list[str]) -> list[tuple[str, str]]:
    """The valid (kind, normalized value) pairs; an unknown kind or a malformed value is a warning
    (a malformed one also goes to ``dropped``)."""
    if value is None:
        return []
    if not isinstance(value, dict):
        raise RecordError(f"identities must be an object, got {_json_type(value)}", where)
    found = []
    for kind, raw in value.items():
        if kind not in IDENTITY_KINDS:  # not matchable; and raw ids are not kept anywhere else
            warnings.append((f"ignored identity '{kind}': only {', '.join(IDENTITY_KINDS)} link users",
                             _field(where, kind)))
            continue
        for one in _as_list(raw):
            try:
                normalized = normalize_identity(kind, one)
            except ValueError as exc:  # lose the identity, not the customer (with a warning)
                warnings.append((f"field {kind} dropped: {exc}", _field(where, kind)))
                dropped.append(kind)
                continue
            if normalized:
                found.append((kind, normalized))
    return found


def _attribute(key: str, value: object, where: str) -> dict:
    """One attribute as users columns ({'city': '上海', 'city_tier': 1} for a city)."""
    if value is None:
        return {}
    if key == "gender":
        return {"gender": _enum(value, GENDERS, where, "gender")}
    if key == "member_level":
        return {"member_level": _enum(value, MEMBER_LEVELS, where, "member level")}
    if key == "age":
        return {"age": _age(value, where)}
    if key == "registered_at":
        return {"registered_at": _time(value, where)}
    text = _text(value, where)
    if text is not None and len(text) > MAX_ATTRIBUTE_CHARS:
        raise RecordError(f"{key} is {len(text):,} characters long (at most {MAX_ATTRIBUTE_CHARS:,})", where)
    if key in ("city", "location"):
        city, tier = normalize_city(text)
        return {"city": city, "city_tier": tier} if city else {}
    return {key: text} if text is not None else {}


def _enum(value: object, spellings: dict[str, str], where: str, what: str) -> str:
    if isinstance(value, str) and _enum_key(value) in spellings:
        return spellings[_enum_key(value)]
    choices = ", ".join(sorted(set(spellings.values())))
    raise RecordError(f"unknown {what} {value!r} (expected one of {choices})", where)


def _age(value: object, where: str) -> int:
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}\s*岁?\s*", value):
        number = int(value.strip().rstrip("岁"))
    if number is None:
        raise RecordError(f"age must be a whole number, got {value!r}", where)
    if not 0 <= number < 130:
        raise RecordError(f"age must be between 0 and 129, got {number}", where)
    return number


def _text(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise RecordError(f"{_leaf(where)} must be text, got {_json_type(value)}", where)


def _number(value: object, where: str) -> float | None:
    if value is None:
        return None
    number = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*[¥￥$]?\s*-?[\d,]*\.?\d+\s*", value):
        number = float(re.sub(r"[\s¥￥$,]", "", value))
    if number is None or not math.isfinite(number):
        raise RecordError(f"{_leaf(where)} must be a number, got {value!r}", where)
    return number


_CJK_DATE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})[日号]?\s*(.*)$")
_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})")


def normalize_time(value: object) -> str:
    """A time as every table stores it: 'YYYY-MM-DDTHH:MM:SS' (local time, no zone).

    Accepts ISO-8601 dates and times ('2026-10-02', '2026-10-02 10:00:00',
    '2026-10-02T10:00:00+08:00', '...Z'), '2026/10/02 10:00', '2026年10月2日', and Unix epoch
    seconds or milliseconds. A time with a zone is converted to the machine's local time.

    Raises:
        ValueError: not a time we can read.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        parsed = datetime.fromtimestamp(seconds)
    elif isinstance(value, str):
        parsed = _parse_time_text(value)
    else:
        raise ValueError(f"not a time: {value!r}")
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone().replace(tzinfo=None)
    if not 1900 <= parsed.year <= 2100:
        raise ValueError(f"time out of range: {value!r}")
    return parsed.replace(microsecond=0).isoformat()


def _parse_time_text(value: str) -> datetime:
    text = value.strip()
    try:
        return datetime.fromisoformat(text)  # the common case, and the fast one
    except ValueError:
        pass
    cjk = _CJK_DATE.match(text)
    if cjk:
        year, month, day, rest = cjk.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}" + (f" {rest}" if rest else "")
    text = _SLASH_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not an ISO-8601 time: {value!r}") from None


def _time(value: object, where: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return normalize_time(value)
    except ValueError as exc:
        raise RecordError(f"{_leaf(where)}: {exc}", where) from None


def _items(value, name, parse_item, warnings) -> list[Item]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"{name} must be a list, got {_json_type(value)}", name)
    items = []
    for index, raw in enumerate(value):
        where = f"{name}[{index}]"
        try:
            items.append(parse_item(raw, where))
        except RecordError as exc:
            warnings.append((f"skipped {where}: {exc}", exc.field or where))
    return items


def _field_keys(spec: dict[str, str]) -> dict[str, str]:
    """{field: 'key key …'} -> {accepted key: field}; the first key is the field's own name."""
    return {key: name for name, keys in spec.items() for key in keys.split()}


_ORDER_KEYS = _field_keys({
    "id": "order_id id", "product": "product product_name item", "category": "category", "brand": "brand",
    "amount": "amount total", "ordered_at": "ordered_at at time created_at date order_date paid_at",
    "store": "store store_name shop branch 门店 店铺",
})
_EVENT_KEYS = _field_keys({
    "id": "event_id id", "type": "type event_type action", "target": "target query keyword product",
    "category": "category", "at": "at time timestamp created_at date", "duration_s": "duration_s duration dwell_s",
})
_TEXT_KEYS = _field_keys({
    "id": "text_id id", "source": "source type channel", "text": "text content body",
    "at": "at time timestamp created_at date", "product": "product product_name",
})
_TEXT_SOURCE_COLUMNS = {key for key, name in _TEXT_KEYS.items() if name == "source"}
_MISSING = (None, "")


def _item_fields(raw: object, where: str, keys: dict[str, str]) -> tuple[dict, dict, str | None]:
    """Split an item into {field: (value, where)}, the unknown keys (extra), and its given id.
    An item may use any accepted key for a field ('at' or 'time'); the first one present counts."""
    if not isinstance(raw, dict):
        raise RecordError(f"an item of {_leaf(where)} must be an object, got {_json_type(raw)}", where)
    values: dict = {}
    extra: dict = {}
    for key, value in raw.items():
        name = keys.get(key)
        if name is None or name in values:
            extra[key] = value
        else:
            values[name] = (value, f"{where}.{key}")
    given, given_where = values.pop("id", _MISSING)
    given_id = None
    if given is not None:
        if isinstance(given, bool) or not isinstance(given, (str, int)) or not str(given).strip():
            raise RecordError(f"id must be text or a whole number, got {given!r}", given_where)
        given_id = str(given).strip()
    return values, extra, given_id


def _order_item(raw: object, where: str) -> Item:
    fields, extra, given_id = _item_fields(raw, where, _ORDER_KEYS)
    values = {
        "product": _text(*fields.get("product", _MISSING)),
        "category": _text(*fields.get("category", _MISSING)),
        "brand": _text(*fields.get("brand", _MISSING)),
        "amount": _number(*fields.get("amount", _MISSING)),
        "ordered_at": _time(*fields.get("ordered_at", _MISSING)),
        "store": _store(fields.get("store", _MISSING), extra),
    }
    store_given = {_leaf(fields["store"][1]): fields["store"][0]} if "store" in fields else {}
    return Item(given_id, values, extra, store_given)


def _store(given: tuple, extra: dict) -> str | None:
    """The store that sold an order, trimmed. One that is not text (an object with an id and a
    name) is kept in extra as given, as every store was before Persona read it."""
    value, where = given
    try:
        return _text(value, where)
    except RecordError:
        extra[_leaf(where)] = value
        return None


def _event_item(raw: object, where: str) -> Item:
    fields, extra, given_id = _item_fields(raw, where, _EVENT_KEYS)
    kind, kind_where = fields.get("type", _MISSING)
    if kind in _MISSING:
        raise RecordError("missing event type", kind_where or f"{where}.type")
    values = {
        "type": _event_type(kind, kind_where),
        "target": _text(*fields.get("target", _MISSING)),
        "category": _text(*fields.get("category", _MISSING)),
        "at": _time(*fields.get("at", _MISSING)),
        "duration_s": _number(*fields.get("duration_s", _MISSING)),
    }
    return Item(given_id, values, extra)


def _event_type(value: object, where: str) -> str:
    """A known type (any of its spellings), else the given one normalized ('Body Scan' ->
    'body_scan'): a shop's own kind of event is kept and counts as activity, not lost."""
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"event type must be text, got {value!r}", where)
    if _enum_key(value) in EVENT_TYPES:
        return EVENT_TYPES[_enum_key(value)]
    name = re.sub(r"[\s\-]+", "_", value.strip().casefold())
    if len(name) > MAX_EVENT_TYPE_CHARS:
        raise RecordError(f"event type longer than {MAX_EVENT_TYPE_CHARS} characters: {value[:60]!r}…", where)
    return name


def _text_item(raw: object, where: str) -> Item:
    if isinstance(raw, str):
        raw = {"text": raw}
    fields, extra, given_id = _item_fields(raw, where, _TEXT_KEYS)
    text = _text(*fields.get("text", _MISSING))
    if text is None:
        raise RecordError("missing text", fields.get("text", _MISSING)[1] or f"{where}.text")
    source, source_where = fields.get("source", _MISSING)
    values = {
        "source": "post" if source is None else _enum(source, TEXT_SOURCES, source_where, "text source"),
        "text": text,
        "at": _time(*fields.get("at", _MISSING)),
        "product": _text(*fields.get("product", _MISSING)),
    }
    return Item(given_id, values, extra)


def _surveys(value: object) -> dict:
    """Survey answers as {question: [answers]}: {"interests": ["健身", "阅读"], "values": [...]}.
    A list of survey objects is combined; a comma/、-separated string becomes a list."""
    if value is None:
        return {}
    surveys = value if isinstance(value, list) else [value]
    combined: dict = {}
    for index, survey in enumerate(surveys):
        where = "surveys" if len(surveys) == 1 else f"surveys[{index}]"
        if not isinstance(survey, dict):
            raise RecordError(f"a survey must be an object, got {_json_type(survey)}", where)
        for key, answers in survey.items():
            if isinstance(answers, str):
                answers = [part.strip() for part in re.split(r"[,，、;；]", answers) if part.strip()]
            if isinstance(answers, list):
                current = combined.setdefault(key, [])
                current += [answer for answer in answers if answer not in current]
            else:
                combined[key] = answers
    return combined


_SURVEY_LABELS_ZH = {"interests": "兴趣", "values": "价值观"}


def _survey_text(surveys: dict) -> Item:
    """The survey answers as one text (source 'survey'), so the analyzers and SQL see them too.
    Labelled in the answers' language: '问卷 兴趣: 健身、阅读; 价值观: 健康' / 'survey interests: hiking'."""
    answers_text = " ".join(str(answer) for answers in surveys.values() for answer in _as_list(answers))
    chinese = detect_lang(answers_text) != "en"
    parts = []
    for key, answers in surveys.items():
        label = _SURVEY_LABELS_ZH.get(key, key) if chinese else key
        shown = ("、" if chinese else ", ").join(str(answer) for answer in _as_list(answers))
        parts.append(f"{label}: {shown}")
    text = ("问卷 " if chinese else "survey ") + "; ".join(parts)
    return Item(None, {"source": "survey", "text": text, "at": None, "product": None}, {})


def _leaf(where: str) -> str:
    """'orders[0].amount' -> 'amount', 'orders[2]' -> 'orders'."""
    return re.sub(r"\[\d+\]$", "", where.rsplit(".", 1)[-1])


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a number" if isinstance(value, (int, float)) else type(value).__name__


# --- 3. write ------------------------------------------------------------------------------------

_USER_COLUMNS = (*ATTRIBUTE_COLUMNS, "extra")

# table -> (id column, value columns in order); interest_id / lang are derived while writing.
_ITEM_TABLES = {
    "orders": ("order_id", ("product", "category", "interest_id", "brand", "amount", "ordered_at", "store",
                            "extra")),
    "events": ("event_id", ("type", "target", "category", "interest_id", "at", "duration_s", "extra")),
    "texts": ("text_id", ("source", "text", "lang", "at", "product", "extra")),
}


@dataclass
class _Outcome:
    user_id: str                      # the canonical user the record went to
    status: str                       # new | updated | unchanged
    counts: dict[str, int]            # rows written per item table
    merges: list[tuple[str, str, str]]
    scoped_ids: int = 0


class _Writer:
    """Writes ParsedUsers into an open connection (the caller owns the transaction)."""

    def __init__(self, conn: sqlite3.Connection, taxonomy: Taxonomy, now: str):
        self.conn = conn
        self.now = now
        self.taxonomy = taxonomy
        self.interest_of = lru_cache(maxsize=50_000)(taxonomy.match_interest)
        self._upserts = {table: self._upsert_sql(table) for table in _ITEM_TABLES}

    def write(self, user: ParsedUser) -> _Outcome:
        target, merges = self._resolve(user)
        changed = bool(merges)
        status = self._upsert_user(target, user, own=(target == user.user_id))
        changed |= status != "unchanged"
        if user.identities:
            cursor = self.conn.executemany(
                "INSERT OR IGNORE INTO identities (kind, value, user_id) VALUES (?, ?, ?)",
                [(kind, value, target) for kind, value in user.identities],
            )
            changed |= cursor.rowcount > 0
        counts, scoped = {}, 0
        for table in _ITEM_TABLES:
            counts[table], table_scoped = self._write_items(table, getattr(user, table), target, user.user_id)
            scoped += table_scoped
        changed |= any(counts.values())
        if changed and status != "new":
            self.conn.execute("UPDATE users SET data_updated_at = ? WHERE user_id = ?", (self.now, target))
            status = "updated"
        return _Outcome(target, status, counts, merges, scoped)

    def _resolve(self, user: ParsedUser) -> tuple[str, list[tuple[str, str, str]]]:
        """The canonical user this record belongs to, merging users its identities link."""
        canonical = canonical_user(self.conn, user.user_id)
        owners = identity_owners(self.conn, user.identities)
        owners.pop(canonical, None)
        if not owners:
            return canonical, []
        exists = self.conn.execute("SELECT 1 FROM users WHERE user_id = ?", (canonical,)).fetchone()
        candidates = [*owners, canonical] if exists else list(owners)
        winner = first_seen(self.conn, candidates)
        all_kinds = set().union(*owners.values())
        merges = []
        for loser in candidates:
            if loser != winner:
                reason = merge_reason(owners.get(loser) or owners.get(winner) or all_kinds)
                merge_users(self.conn, loser, winner, reason, self.now)
                merges.append((loser, winner, reason))
        if not exists and user.user_id != winner:
            reason = merge_reason(owners.get(winner) or all_kinds)
            if add_alias(self.conn, user.user_id, winner, reason, self.now):
                merges.append((user.user_id, winner, reason))
        return winner, merges

    def _upsert_user(self, target: str, user: ParsedUser, *, own: bool) -> str:
        """Insert the user or merge this record into it. The canonical user's own records
        overwrite known values; a record under an alias id only fills gaps (so re-ingesting
        both never flip-flops)."""
        columns = ", ".join(_USER_COLUMNS)
        row = self.conn.execute(f"SELECT {columns} FROM users WHERE user_id = ?", (target,)).fetchone()
        if row is None:
            values = merge_attributes(dict.fromkeys(ATTRIBUTE_COLUMNS), user.attributes, incoming_wins=True)
            values["gender"] = values["gender"] or "unknown"
            self.conn.execute(
                f"INSERT INTO users (user_id, {columns}, data_updated_at) VALUES (?, {', '.join('?' * len(_USER_COLUMNS))}, ?)",
                (target, *(values[c] for c in ATTRIBUTE_COLUMNS), dump_extra(user.extra), self.now),
            )
            return "new"
        current = dict(zip(ATTRIBUTE_COLUMNS, row))
        merged = merge_attributes(current, user.attributes, incoming_wins=own)
        extra = dump_extra(merge_extra(json.loads(row[-1]) if row[-1] else {}, user.extra, incoming_wins=own))
        if merged == current and extra == row[-1]:
            return "unchanged"
        assignments = ", ".join(f"{column} = ?" for column in _USER_COLUMNS)
        self.conn.execute(
            f"UPDATE users SET {assignments} WHERE user_id = ?",
            (*(merged[c] for c in ATTRIBUTE_COLUMNS), extra, target),
        )
        return "updated"

    def _write_items(self, table: str, items: list[Item], target: str, record_user: str) -> tuple[int, int]:
        """Upsert items; return (rows added or changed, ids that had to be scoped)."""
        if not items:
            return 0, 0
        id_column, _ = _ITEM_TABLES[table]
        rows = [self._row(table, item, target, record_user) for item in items]
        written = self.conn.executemany(self._upserts[table], rows).rowcount
        given = [row for row, item in zip(rows, items) if item.given_id is not None]
        if not given or written == len(rows):  # every row went in: no id was someone else's
            return written, 0
        # An id another user already has (ids are global): keep both, this one as '<user>:<id>'.
        marks = ",".join("?" * len(given))
        taken = {
            item_id for (item_id,) in self.conn.execute(
                f"SELECT {id_column} FROM {table} WHERE {id_column} IN ({marks}) AND user_id != ?",
                [row[0] for row in given] + [target],
            )
        }
        scoped = [(f"{record_user}:{row[0]}", *row[1:]) for row in given if row[0] in taken]
        if scoped:
            written += self.conn.executemany(self._upserts[table], scoped).rowcount
        return written, len(scoped)

    def _row(self, table: str, item: Item, target: str, record_user: str) -> tuple:
        values = dict(item.values)
        if table == "orders":
            values["interest_id"] = self._interest(values["category"], values["product"])
        elif table == "events":
            values["interest_id"] = self._interest(values["category"], values["target"])
        else:
            values["lang"] = detect_lang(values["text"])
        values["extra"] = json.dumps(item.extra, ensure_ascii=False, sort_keys=True) if item.extra else None
        item_id = item.given_id or _content_id(record_user, table, item)
        return (item_id, target, *(values[column] for column in _ITEM_TABLES[table][1]))

    def _interest(self, category: str | None, named: str | None) -> str | None:
        """The interest of a category, refined by the product / search text when that names
        something below it (宠物食品 + 猫粮 -> pet_cat_owner), or taken from the text alone
        when the category maps to nothing."""
        from_category = self.interest_of(category)
        from_text = self.interest_of(named)
        if from_text and (from_category is None or from_category in self.taxonomy.ancestors(from_text)):
            return from_text
        return from_category

    @staticmethod
    def _upsert_sql(table: str) -> str:
        id_column, columns = _ITEM_TABLES[table]
        names = ", ".join(columns)
        new = ", ".join(f"excluded.{column}" for column in columns)
        # extra compared as JSON, not as text: migration 4 rewrote some compactly (schema/migrations.py)
        ours = ", ".join(f"json({table}.{c})" if c == "extra" else f"{table}.{c}" for c in columns)
        theirs = ", ".join(f"json(excluded.{c})" if c == "extra" else f"excluded.{c}" for c in columns)
        return (
            f"INSERT INTO {table} ({id_column}, user_id, {names}) VALUES (?, ?, {', '.join('?' * len(columns))}) "
            f"ON CONFLICT({id_column}) DO UPDATE SET ({names}) = ({new}) "
            f"WHERE {table}.user_id = excluded.user_id AND ({ours}) IS NOT ({theirs})"
        )


# Item values read from fields that were hashed in extra when content ids were first given.
_READ_SINCE_HASHED = {"store"}


def _content_id(record_user: str, table: str, item: Item) -> str:
    """A stable id for an item that came without one: a hash of who gave it and what it says."""
    values = {key: value for key, value in item.values.items() if key not in _READ_SINCE_HASHED}
    extra = {**item.extra, **item.formerly_extra}
    payload = json.dumps([record_user, table, values, extra], ensure_ascii=False, sort_keys=True)
    return "h" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:20]


# --- the loop ------------------------------------------------------------------------------------


def _ingest(db_path, source, items, on_error, on_progress, *, total_bytes: int) -> IngestReport:
    started = time.monotonic()
    report = IngestReport(files=[source])

    def problem(issue: Issue) -> None:
        report.issues += 1
        if len(report.errors) < MAX_KEPT_ISSUES:
            report.errors.append(issue)
        if on_error:
            on_error(issue)

    conn = connect(db_path)
    try:
        sync_to_db(conn, load_taxonomy())
        conn.isolation_level = None  # explicit BEGIN / SAVEPOINT / COMMIT below
        writer = _Writer(conn, load_taxonomy(), now_iso())
        conn.execute("BEGIN")
        in_batch, last_progress = 0, 0.0
        for line, record, done in items:
            report.records += 1
            _load_one(writer, source, line, record, report, problem)
            in_batch += 1
            if in_batch >= BATCH_RECORDS:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                in_batch = 0
            if on_progress and time.monotonic() - last_progress > 0.1:
                on_progress(done, total_bytes)
                last_progress = time.monotonic()
        user_attributes.refresh(conn)   # which extra fields qualify depends on every user's values
        conn.execute("COMMIT")
        if on_progress:
            on_progress(total_bytes, total_bytes)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    report.seconds = time.monotonic() - started
    return report


# A table row holds one order, event or text, so 'orders[0]' means nothing to its reader: the
# message names the row's order, the field 'orders.amount'.
_ONE_ITEM_ROW = re.compile(r"\b(order|event|text)s\[0\]")


def _row_item(match: re.Match) -> str:
    return f"the row's {match[1]}"


def _load_one(writer: _Writer, source: str, line: int, record: object, report: IngestReport, problem) -> None:
    if isinstance(record, Unreadable):
        report.rejected += 1
        problem(Issue(source, line, record.message))
        return
    try:
        user = parse_record(record)
    except RecordError as exc:
        report.rejected += 1
        problem(Issue(source, line, str(exc), exc.field))
        return
    in_table = Path(source).suffix.lower() in _TABLE_DELIMITERS
    for message, where in user.warnings:
        report.skipped_items += 1
        if in_table:
            message, where = _ONE_ITEM_ROW.sub(_row_item, message), where and where.replace("[0]", "")
        problem(Issue(source, line, message, where, severity="warning"))
    conn = writer.conn
    conn.execute("SAVEPOINT record")
    try:
        outcome = writer.write(user)
    except sqlite3.Error as exc:  # a value the checks above let through; lose only this record
        conn.execute("ROLLBACK TO record")
        conn.execute("RELEASE record")
        report.rejected += 1
        problem(Issue(source, line, f"cannot store the record: {exc}", "user_id"))
        return
    conn.execute("RELEASE record")
    report.loaded += 1
    report.seen_ids.add(outcome.user_id)
    if outcome.status != "unchanged":
        report.changed_ids.add(outcome.user_id)
    if outcome.status == "new":
        report.new_ids.add(outcome.user_id)
        report.created_at.setdefault(outcome.user_id, f"{source}:{line}")
    if user.attributes or user.identities or user.extra or user.dropped_fields:
        report.described_ids.add(outcome.user_id)
    for table, count in outcome.counts.items():
        setattr(report, table, getattr(report, table) + count)
    report.scoped_ids += outcome.scoped_ids
    report.other_event_types.update(event.values["type"] for event in user.events
                                    if event.values["type"] not in KNOWN_EVENT_TYPES)
    for alias_id, user_id, reason in outcome.merges:
        for ids in (report.new_ids, report.changed_ids, report.seen_ids, report.described_ids):
            ids.discard(alias_id)   # folded into user_id: no longer a user of its own
        report.merged += 1
        if len(report.merges) < MAX_KEPT_ISSUES:
            report.merges.append(Merge(alias_id, user_id, reason, source, line))
