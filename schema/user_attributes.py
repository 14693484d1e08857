"""Which of the users' kept extra fields are safe categorical attributes, queryable as ``user_attributes``.

A shop loads fields Persona's schema does not name (a travel agency's ``travel_party``: family / solo /
couple, a baby shop's ``baby_stage``, a grocery's ``household_size``). Ingest keeps them in
``users.extra``, which stays hidden from every query because an unknown field may hold contact details
(a ``wechat`` column). A field is copied to ``user_attributes (user_id, name, value)`` — one row per
user and field, the value as text — only when its data says it is a category and nothing about it
looks like contact or identity data (docs/data-format.md, "Queryable extra attributes"):

- its name is at most 40 letters, digits, ``_``, ``-`` or spaces, and has no word of contact or identity (phone, email, wechat, qq, address, id, name, url,
  birthday, account ... and 电话 微信 地址 身份证 姓名 ...);
- every value any user gives is a short text (at most 20 characters) or a whole number, with at most
  4 digits, no ``@``, no web address, no street number;
- it has few distinct values for the users holding it: at most 50, and on average each held by two
  users or more (a unique value per user is an id or a name, never a category).

Which fields qualify depends on every user's data, so the table is recomputed from ``users.extra``
after each ingest (and once when an older database is upgraded, schema/migrations.py), changing only
the rows that differ. Only the standard library is used: the upgrade runs when `persona sql` opens a
database.
"""

from __future__ import annotations

import re
import sqlite3

MAX_VALUE_CHARS = 20
MAX_DISTINCT = 50
MIN_USERS_PER_VALUE = 2
MAX_DIGITS = 4

# Words of a field's name that say it is about reaching or identifying a person
_CONTACT_WORDS = frozenset("""
    phone mobile tel telephone cell cellphone fax email mail wechat weixin wx qq line whatsapp telegram skype
    contact address addr street road zip zipcode postcode postal id ids idcard card passport ssn license licence
    plate name names nickname firstname lastname surname fullname username account login password pwd token
    openid unionid url uri link website homepage site ip imei mac device birthday birthdate dob bank iban
    referrer referral inviter introducer emergency guardian spouse
""".split())
_CONTACT_WORDS_ZH = re.compile(r"电话|手机|座机|邮箱|邮件|微信|地址|住址|街道|邮编|身份证|证件|姓名|名字|昵称|账号|帐号|"
                               r"卡号|护照|银行|生日|出生|网址|链接|联系|号码|推荐人|邀请人|紧急")
# A field's name: words (any script), digits, '_', '-' and spaces (no quote: it is said in SQL as text)
_NAME = re.compile(r"[\w\- ]{1,40}")
# A value that is (part of) a phone, an id, an e-mail, a web address or a street address
_CONTACT_VALUE = re.compile(r"@|://|www\.|\.(?:com|cn|net|org|io)\b|[路街巷弄道]\s*\d|\d\s*[号室栋幢弄]|单元",
                            re.IGNORECASE)


def contact_name(name: str) -> bool:
    """Does a field's name say it holds contact or identity data (``wechat_id``, ``phoneNumber``, 微信号)?"""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name).lower()
    words = re.findall(r"[a-z]+", spaced)
    compact = "".join(words)
    return (any(word in _CONTACT_WORDS for word in words) or compact.endswith("id")
            or _CONTACT_WORDS_ZH.search(name) is not None)


def value_text(value: object) -> str | None:
    """A value as the table keeps it (trimmed text; a whole number as its digits), or None when it is no
    short scalar (a list, an object, a decimal, true / false, a long text): such a value keeps its field out."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    if len(text) > MAX_VALUE_CHARS or _CONTACT_VALUE.search(text) or sum(c.isdigit() for c in text) > MAX_DIGITS:
        return None
    return text


def qualifying(held: dict[str, dict[str, object]]) -> dict[str, dict[str, str]]:
    """field -> {user_id: value text} for the fields that qualify; ``held`` is field -> {user_id: value as given}."""
    found = {}
    for name, values in held.items():
        if contact_name(name) or not _NAME.fullmatch(name):
            continue
        texts = {user: value_text(value) for user, value in values.items()
                 if not (isinstance(value, str) and not value.strip())}   # an empty cell says nothing
        if not texts or None in texts.values():
            continue
        distinct = len(set(texts.values()))
        if distinct <= MAX_DISTINCT and distinct * MIN_USERS_PER_VALUE <= len(texts):
            found[name] = texts
    return found


def refresh(conn: sqlite3.Connection) -> None:
    """Make ``user_attributes`` hold exactly the qualifying fields of every user's ``extra`` (inside the
    caller's transaction; rows that are already right are left alone, so a re-ingest writes nothing)."""
    held: dict[str, dict[str, object]] = {}
    rows = conn.execute("SELECT u.user_id, j.key, j.value, j.type FROM users u, json_each(u.extra) j "
                        "WHERE u.extra IS NOT NULL AND json_valid(u.extra) AND json_type(u.extra) = 'object'")
    for user_id, key, value, kind in rows:
        # a JSON true / false / object / array keeps the field out, as value_text says of them in Python
        held.setdefault(key, {})[user_id] = value if kind in ("text", "integer", "null") else [kind]
    for name in held:
        held[name] = {user: value for user, value in held[name].items() if value is not None}
    wanted = {(user, name, value) for name, values in qualifying(held).items() for user, value in values.items()}
    current = set(conn.execute("SELECT user_id, name, value FROM user_attributes"))
    conn.executemany("DELETE FROM user_attributes WHERE user_id = ? AND name = ? AND value = ?",
                     sorted(current - wanted))
    conn.executemany("INSERT INTO user_attributes (user_id, name, value) VALUES (?, ?, ?)", sorted(wanted - current))
