"""Whether an audience buys services rather than goods, and which kind of service.

A gym or a yoga studio sells classes and training; an online school sells courses and lessons; a
restaurant serves meals, in the shop or delivered. None of them ships parcels: its copy must never
speak of new products on the shelf, choosing and using, or a support team; a school's copy speaks of
learning and progress, never of training or visits; a restaurant's of coming in, ordering again and
what is new on the menu; a salon's of booking, coming in, treatments and its technicians; a travel
agency's of trips, setting off and destinations. The offer says which ("私教10节", "雅思直播课"), or
the audience's own orders do (most of them are 年卡 / 私教, courses, meals, treatments or trips).

Kinds: ``classes`` (training, workouts), ``courses`` (learning, lessons), ``dining`` (meals and
drinks, dine-in or delivered), ``salon`` (hair, beauty, nails, spa treatments, booked and done in the
shop), ``trips`` (tours, holidays, flights and hotels booked through a travel business). A word
that names a service but no kind (年卡, VIP会员, membership, subscription, class pass) takes the kind of the audience's orders; with none, ``classes``.
An order is a meal by its category (套餐, 小吃, 主食, 外卖, 餐饮, "set meals"); a drink (饮品, 奶茶) is one
in a shop that sells meals, where it is drunk with them, not a bottle shipped.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

CLASSES, COURSES, DINING, SALON, TRIPS = "classes", "courses", "dining", "salon", "trips"
SERVICE_KINDS = (CLASSES, COURSES, DINING, SALON, TRIPS)

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
# A treatment done in a salon, not a product for it: 美甲 but not 美甲贴, 护理 of the face but not 护理液.
SALON_WORDS = re.compile(
    r"(?:面部|身体|头皮|肩颈|眼部|美容|皮肤)护理|头疗|烫染|烫发|染发|洗剪吹|剪发|理发|美发|美甲(?![贴油胶灯])|美睫|"
    r"美容院|美发店|足疗|推拿|按摩(?![器椅枪仪])|(?<![a-z])(?:spa|facials?|haircuts?|hair\s+(?:salon|colou?r(?:ing)?|cut)|"
    r"manicures?|pedicures?|nail\s+salon|blow-?dry|massages?|beauty\s+salon)(?![a-z])",
    re.IGNORECASE)
# A trip sold, not gear for one: 海岛游 and 机票 but not 旅行箱 or 游戏 (手游 is a game).
TRIP_WORDS = re.compile(
    r"跟团|自由行|(?<![手网端页桌])游(?![戏泳艇乐玩])|旅游(?![鞋包箱用品装备])|度假|机票|酒店|民宿|签证|邮轮|行程|"
    r"(?<![a-z])(?:tours?|trips?|holidays?|vacations?|flights?|hotels?|cruises?|getaways?|itinerar(?:y|ies))(?![a-z])",
    re.IGNORECASE)
SERVICE_ORDER_SHARE = 0.5   # this share of the audience's orders are services: a service audience
# An order's category that says a meal, and one that says a drink (a meal only where meals are sold).
MEAL_CATEGORY = re.compile(
    r"套餐|小吃|主食|外卖|餐饮|堂食|正餐|简餐|快餐|盖饭|炒饭|面食|米线|火锅|烧烤|早餐|午餐|晚餐|"
    r"(?<![a-z])(?:set\s+meals?|meals?|combos?|mains?|takeaway|takeout|dine-?in|lunch|dinner|brunch|breakfast)(?![a-z])",
    re.IGNORECASE)
DRINK_CATEGORY = re.compile(r"饮品|饮料|奶茶|果茶|茶饮|咖啡|甜品|(?<![a-z])(?:drinks?|beverages?|desserts?|milk\s+tea|bubble\s+tea)(?![a-z])",
                            re.IGNORECASE)
MEAL_SHOP_SHARE = 0.2   # this share of the shop's orders are meals: a shop that sells meals


def service_kind(text: str | None) -> str | None:
    """'私教10节' -> 'classes'; '雅思直播课' -> 'courses'; '面部护理次卡' -> 'salon'; '海岛游' -> 'trips';
    '年卡8折' -> 'service' (no kind); '蛋白粉', '旅行箱' -> None.

    A sport word alone sells no service ("yoga mats"); it names the kind of one that is sold.
    """
    if not text:
        return None
    learning = LEARNING_WORDS.search(text)
    booked = SALON if SALON_WORDS.search(text) else TRIPS if TRIP_WORDS.search(text) else None
    if not (learning or booked or SERVICE_WORDS.search(text)):
        return None
    if TRAINING_WORDS.search(text):
        return CLASSES
    return COURSES if learning else booked or "service"


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
    """The kind of service the copy is for (``classes`` / ``courses`` / ``dining`` / ``salon`` / ``trips``),
    None for goods.

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


def _order_kind(product: str | None, category: str | None, meal_shop: bool) -> str | None:
    """An order's kind, read from its product and category together (年卡 in 健身 is training); a meal
    by its category, and a drink in a shop that sells meals."""
    kind = service_kind(" ".join(part for part in (product, category) if part))
    if kind is None and category and (MEAL_CATEGORY.search(category) or (meal_shop and DRINK_CATEGORY.search(category))):
        return DINING
    return kind


def _order_kinds(db_path, members: Sequence[str]) -> tuple[Counter, int]:
    """How many of the members' orders are of each kind of service, and how many orders they have."""
    from schema.db import reading_members

    if not members:
        return Counter(), 0
    with reading_members(db_path, members) as conn:
        orders = conn.execute("SELECT o.product, o.category FROM orders o JOIN members USING (user_id)").fetchall()
        meal_shop = _sells_meals(conn)
    return Counter(kind for kind in (_order_kind(*o, meal_shop) for o in orders) if kind), len(orders)


def _sells_meals(conn) -> bool:
    """Whether the shop sells meals: a share of all its orders are in a meal category."""
    counts = conn.execute("SELECT category, COUNT(*) FROM orders GROUP BY category").fetchall()
    meals = sum(n for category, n in counts if category and MEAL_CATEGORY.search(category))
    return meals > 0 and meals >= MEAL_SHOP_SHARE * sum(n for _, n in counts)
