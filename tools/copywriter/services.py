"""Whether an audience buys services (memberships, classes, sessions) rather than goods.

A gym, a yoga studio or a training school sells visits, not parcels: its copy must speak of
classes, sessions and membership, never of new products on the shelf. The offer says so
("年卡8折", "class pass"), or the audience's own orders do (most of them are 年卡 / 私教 / membership).
"""

from __future__ import annotations

import re
from typing import Sequence

# A shop's "会员日" or "member price" is no membership sold, and "5节电池" counts batteries: only
# words that name the service itself.
SERVICE_WORDS = re.compile(
    r"年卡|季卡|月卡|周卡|次卡|会员卡|储值卡|会籍|私教|教练课|体验课|团课|课程|课时|课|训练营|疗程|订阅|包月|包年|续卡|"
    r"(?<![a-z])(?:memberships?|class(?:es)?|class\s+pass(?:es)?|sessions?|lessons?|courses?|subscriptions?|"
    r"personal\s+training|bootcamps?)(?![a-z])",
    re.IGNORECASE)
SERVICE_ORDER_SHARE = 0.5   # this share of the audience's orders are services: a service audience


def is_service(text: str | None) -> bool:
    """'年卡8折', '私教10节', 'class pass' -> True; '蛋白粉', 'hiking boots' -> False."""
    return bool(text and SERVICE_WORDS.search(text))


def buys_services(db_path, members: Sequence[str]) -> bool:
    """Whether most of the members' orders (by product, else category) are services."""
    from schema.db import connect_readonly

    if not members:
        return False
    conn = connect_readonly(db_path)
    try:
        conn.execute("CREATE TEMP TABLE service_aud (user_id TEXT PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO service_aud VALUES (?)", ((str(u),) for u in members))
        names = [product or category for product, category in conn.execute(
            "SELECT o.product, o.category FROM orders o JOIN service_aud a ON a.user_id = o.user_id")]
    finally:
        conn.close()
    return bool(names) and sum(map(is_service, names)) / len(names) >= SERVICE_ORDER_SHARE
