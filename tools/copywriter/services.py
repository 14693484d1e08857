"""Whether an audience buys services rather than goods, and which kind of service.

A gym or a yoga studio sells classes and training; an online school sells courses and lessons.
Neither ships parcels: its copy must never speak of new products on the shelf, and a school's copy
must speak of learning and progress, never of training or visits. The offer says which ("私教10节",
"雅思直播课"), or the audience's own orders do (most of them are 年卡 / 私教, or courses).

Kinds: ``classes`` (training, workouts), ``courses`` (learning, lessons). A word that names a
service but no kind (年卡, VIP会员, membership, subscription, class pass) takes the kind of the
audience's orders; with none, ``classes``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

CLASSES, COURSES = "classes", "courses"
SERVICE_KINDS = (CLASSES, COURSES)

# Checked first: "yoga course" and "健身训练营" are training; "UI设计训练营" is a course (训练营 alone).
TRAINING_WORDS = re.compile(
    r"私教|教练|团课|健身|瑜伽|普拉提|搏击|拳击|动感单车|游泳课|训练(?!营)|"
    r"(?<![a-z])(?:personal\s+training|gym|fitness|yoga|pilates|workouts?|spin\s+class(?:es)?|boxing)(?![a-z])",
    re.IGNORECASE)
LEARNING_WORDS = re.compile(
    r"课程|网课|直播课|录播课|外教课|精讲|(?:冲刺|奥赛|奥数|培训|速成|精品|提高|基础|入门|集训|强化|暑期|寒假|周末|网)班|辅导|培训|补习|训练营|学习|考证|教程|讲座|"
    r"(?<![a-z])(?:courses?|lessons?|tutor(?:ing|s)?|lectures?|webinars?|bootcamps?|e-?learning|"
    r"online\s+class(?:es)?|live\s+class(?:es)?)(?![a-z])",
    re.IGNORECASE)
# A shop's "会员日" or "member price" is no membership sold, and "5节电池" counts batteries: only
# words that name the service itself.
SERVICE_WORDS = re.compile(
    r"私教|团课|年卡|季卡|月卡|周卡|次卡|会员卡|储值卡|会籍|体验课|课时|课|疗程|订阅|包月|包年|续卡|"
    r"VIP\s*(?:会员|年卡|月卡|卡)|(?:续费|开通|年度)\s*VIP|"
    r"(?<![a-z])(?:memberships?|class(?:es)?|class\s+pass(?:es)?|sessions?|subscriptions?|personal\s+training|"
    r"(?:renew(?:al)?|upgrade)\s+(?:your\s+)?vip|vip\s+(?:renewal|membership|plan|pass))(?![a-z])",
    re.IGNORECASE)
SERVICE_ORDER_SHARE = 0.5   # this share of the audience's orders are services: a service audience


def service_kind(text: str | None) -> str | None:
    """'私教10节' -> 'classes'; '雅思直播课' -> 'courses'; '年卡8折' -> 'service' (no kind); '蛋白粉' -> None.

    A sport word alone sells no service ("yoga mats"); it names the kind of one that is sold.
    """
    if not text:
        return None
    learning = LEARNING_WORDS.search(text)
    if not (learning or SERVICE_WORDS.search(text)):
        return None
    if TRAINING_WORDS.search(text):
        return CLASSES
    return COURSES if learning else "service"


def is_service(text: str | None) -> bool:
    """'年卡8折', '私教10节', 'class pass', 'PMP冲刺班' -> True; '蛋白粉', 'hiking boots' -> False."""
    return service_kind(text) is not None


def is_learning_interest(interest_id: str | None) -> bool:
    """'language_learning', 'education' -> True; 'fitness', None -> False."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return (interest_id is not None and taxonomy.has(interest_id)
            and "education" in (interest_id, *taxonomy.ancestors(interest_id)))


def audience_service(db_path, members: Sequence[str], offer: str | None = None) -> str | None:
    """The kind of service the copy is for (``classes`` / ``courses``), None for goods.

    The offer's own kind wins; an offer that names a service but no kind (年卡, VIP会员), or no
    offer, takes the kind most of the members' service orders have.
    """
    offered = service_kind(offer)
    if offered in SERVICE_KINDS:
        return offered
    kinds, orders = _order_kinds(db_path, members)
    if offered is None and (not orders or sum(kinds.values()) < SERVICE_ORDER_SHARE * orders):
        return None
    return max(SERVICE_KINDS, key=lambda kind: (kinds[kind], kind == CLASSES))


def _order_kind(product: str | None, category: str | None) -> str | None:
    """An order's kind, read from its product and category together (年卡 in 健身 is training)."""
    return service_kind(" ".join(part for part in (product, category) if part))


def _order_kinds(db_path, members: Sequence[str]) -> tuple[Counter, int]:
    """How many of the members' orders are of each kind of service, and how many orders they have."""
    from schema.db import reading_members

    if not members:
        return Counter(), 0
    with reading_members(db_path, members) as conn:
        orders = conn.execute("SELECT o.product, o.category FROM orders o JOIN members USING (user_id)").fetchall()
    return Counter(kind for kind in (_order_kind(*o) for o in orders) if kind), len(orders)
