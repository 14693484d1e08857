"""Reviews and chats of a service business (a gym, salon, school, clinic, hotel), table-driven:
a card is no lag, cancelling a membership is churn, freezing or transferring it a question, a sales
push a service complaint, someone else's phone no interest, a teacher or coach late or an injury in a
class the `teacher` aspect (a waiter late the service), the changing rooms and the air-con of a place
its environment.

Rows as in tests/analyzer_rows.py: (text, overall label or None, {aspect: sign}, checks). Written
by hand from how members talk (fresh-eyes report 8); the report's sentences are only a few of the
rows. The controls ("must not change") keep the product readings: 手机卡顿 is lag, a phone that
charges fast is battery, hiking last weekend is hiking, a bought air conditioner is quality.
"""

from __future__ import annotations

import pytest

from tests.analyzer_rows import assert_reading
from tools.analyzers import analyze_text
from tools.profile.life_stage import life_stage_evidence

CARDS_ARE_NO_LAG = [
    ("年卡可以转让给朋友吗", None, {"usability": "none"}, []),
    ("年卡太贵了，比隔壁贵了一倍", "negative", {"usability": "none", "price": "-"}, []),
    ("你们销售天天打电话让我续卡", None, {"usability": "none"}, []),
    ("我想退卡", None, {"usability": "none"}, []),
    ("会员卡里还剩多少次课", None, {"usability": "none"}, []),
    ("办了张月卡，教练很专业", "positive", {"usability": "none"}, []),
    ("次卡用完了想换储值卡", None, {"usability": "none"}, []),
    ("美容院的储值卡还有两千块", None, {"usability": "none"}, []),
    # controls: lag stays lag
    ("手机卡顿", "negative", {"usability": "-"}, []),
    ("手机很卡，经常死机", "negative", {"usability": "-"}, []),
    ("游戏有点卡", "negative", {"usability": "-"}, []),
    ("电脑卡死了", "negative", {"usability": "-"}, []),
]

LEAVING = [
    ("你好，我想退卡，工作太忙不想练了，年卡能退多少钱？", None, {}, ["intent=churn_risk", "no_intent=purchase"]),
    ("申请退卡", None, {}, ["intent=churn_risk"]),
    ("我要退会员", None, {}, ["intent=churn_risk"]),
    ("把会员卡退了吧，搬家了", None, {}, ["intent=churn_risk"]),
    ("年卡没用几次，申请退款，要求退钱", None, {}, ["intent=churn_risk", "intent=return_refund"]),
    ("下个月到期就不想续了", None, {}, ["intent=churn_risk", "no_intent=repurchase"]),
    ("想把美发店的储值卡退掉", None, {}, ["intent=churn_risk"]),
    ("Hi, I want to cancel my membership, I'm moving to Beijing next month.", None, {}, ["intent=churn_risk"]),
    ("Please cancel my gym membership.", None, {}, ["intent=churn_risk"]),
    ("How do I cancel my monthly subscription?", None, {}, ["intent=churn_risk"]),
    ("I want a refund on my annual pass.", None, {}, ["intent=churn_risk", "no_intent=purchase"]),
    ("I'd like to end my membership at the end of the month.", None, {}, ["intent=churn_risk"]),
    # controls: a renewal wanted is a renewal; a return of a thing bought is a return
    ("会员到期了，准备续费", None, {}, ["intent=repurchase", "no_intent=churn_risk"]),
    ("我想退货，尺码不对", None, {}, ["intent=return_refund", "no_intent=churn_risk"]),
]

CARD_QUESTIONS = [
    ("我要出差三个月，年卡可以冻结吗？", None, {}, ["intent=consult", "no_intent=complaint", "no_intent=repurchase"]),
    ("年卡可以转让给朋友吗？手续费多少？", None, {}, ["intent=consult", "no_intent=repurchase", "no_intent=purchase"]),
    ("想问下能不能把年卡冻结两个月", None, {}, ["intent=consult", "no_intent=complaint"]),
    ("会员卡怎么转让", None, {}, ["intent=consult", "no_intent=repurchase"]),
    ("Can I freeze my card for two months? I'm pregnant.", None, {}, ["intent=consult", "no_intent=complaint"]),
    ("How do I transfer my membership to my sister?", None, {}, ["intent=consult", "no_intent=repurchase"]),
    ("I'd like to put my membership on hold while I travel.", None, {}, ["intent=consult", "no_intent=churn_risk"]),
    ("Is it possible to pause my subscription for a month?", None, {}, ["intent=consult", "no_intent=churn_risk"]),
]

SALES_PUSH = [
    ("你们销售天天打电话让我续卡，烦死了，能不能别打了", "negative", {"service": "-"},
     ["no_intent=repurchase", "intent=complaint"]),
    ("前台老是催我续费，很烦", "negative", {"service": "-"}, ["no_intent=repurchase"]),
    ("销售一直推销私教课，烦人", "negative", {"service": "-"}, ["no_intent=repurchase"]),
    ("The sales staff keep pushing me to renew and upgrade to PT. It's really annoying.", "negative",
     {"service": "-"}, ["no_intent=repurchase"]),
    ("They kept pressuring me to renew my membership.", "negative", {"service": "-"}, ["no_intent=repurchase"]),
    ("Stop calling me about renewing, I'm not interested.", None, {}, ["no_intent=repurchase", "intent=complaint"]),
]

SOMETHING_ELSE = [
    ("私教上课一直玩手机，根本不看我做动作，太差劲了", "negative", {"teacher": "-", "service": "none"},
     ["no_tag=mobile_phones", "no_tag=education"]),
    ("服务员一直在玩手机，叫了半天没人理", "negative", {"service": "-"}, ["no_tag=mobile_phones"]),
    ("The waiter was on his phone the whole time.", "negative", {"service": "-"}, ["no_tag=mobile_phones"]),
    ("The instructor kept checking her phone during class.", None, {}, ["no_tag=mobile_phones"]),
    ("Oh great, another price hike.", None, {}, ["no_tag=hiking"]),
    ("The rate hike this year was too much.", None, {}, ["no_tag=hiking"]),
    ("Please list every customer's phone number.", None, {}, ["no_tag=mobile_phones"]),
    ("I'll answer the phone calls later.", None, {}, ["no_tag=mobile_phones"]),
    # controls: the writer's own phone, hikes
    ("我最近想换手机", None, {}, ["tag=mobile_phones"]),
    ("This phone charges fast and the screen is great.", "positive", {"battery": "+"}, ["tag=mobile_phones"]),
    ("Went hiking last weekend, loved it.", "positive", {}, ["tag=hiking"]),
    ("We go for a hike every Sunday.", None, {}, ["tag=hiking"]),
]

THE_SERVICE = [
    ("The spinning instructor was late twice and was rude to us.", "negative",
     {"teacher": "-", "service": "none", "delivery": "none"}, []),
    ("Our tutor is always late.", "negative", {"teacher": "-", "service": "none", "delivery": "none"}, []),
    ("The stylist showed up 20 minutes late.", "negative", {"teacher": "-", "service": "none", "delivery": "none"}, []),
    ("教练迟到了二十分钟", "negative", {"teacher": "-", "service": "none", "delivery": "none"}, []),
    ("老师经常迟到，上课也不认真", "negative", {"teacher": "-", "service": "none", "delivery": "none"}, []),
    ("The waiter came 20 minutes late with our drinks.", "negative", {"service": "-", "teacher": "none"}, []),
    ("Anytime Fitness down the road charges half of this for a monthly pass.", None,
     {"battery": "none", "price": None}, []),
    ("They charge $20 extra for towels.", None, {"battery": "none"}, []),
    ("Hurt my back during deadlifts, the trainer pushed me to lift too much weight.", "negative",
     {"teacher": "-"}, []),
    ("I injured my shoulder in her class because nobody checked my form.", "negative", {"teacher": "-"}, []),
    ("上次HIIT课膝盖受伤了，教练也没提醒热身，现在还在疼", "negative", {"teacher": "-"}, []),
    ("上课受伤了", "negative", {"teacher": "-"}, []),
    ("按摩的时候把我的脖子弄伤了", "negative", {"teacher": "-"}, []),
    # controls: a parcel late is delivery; a product that hurts is quality; a phone's charging is battery
    ("My order was late.", "negative", {"delivery": "-"}, []),
    ("The package arrived late.", "negative", {"delivery": "-"}, []),
    ("玩具边缘太锋利，孩子划伤了手", "negative", {"quality": "-"}, []),
    ("this phone charges fast", "positive", {"battery": "+"}, []),
]

THE_PLACE = [
    ("Changing rooms are dirty and the showers are always cold.", "negative",
     {"environment": "-", "quality": "none"}, []),
    ("The locker room smells awful.", "negative", {"environment": "-"}, []),
    ("更衣室太脏了", "negative", {"hygiene": "-", "quality": "none"}, []),
    ("淋浴间很干净，很满意", "positive", {"hygiene": "+", "quality": "none"}, []),
    ("空调坏了一个星期了，上动感单车热死了，也没人修", "negative", {"environment": "-", "quality": "none"}, []),
    ("教室的空调坏了，上课热得不行", "negative", {"environment": "-", "quality": "none"}, []),
    ("酒店房间空调坏了，也没有热水", "negative", {"environment": "-", "quality": "none"}, []),
    ("The gym's aircon has been broken for a week.", "negative", {"environment": "-"}, []),
    # controls: an air conditioner bought is a product (its quality)
    ("空调制冷效果差", "negative", {"quality": "-", "environment": "none"}, []),
    ("买的空调用了一个月就坏了", "negative", {"quality": "-", "environment": "none"}, []),
    ("这台空调质量很好，安装师傅也很专业", "positive", {"quality": "+", "environment": "none"}, []),
]

# Who teaches, coaches or treats is the `teacher` aspect; customer service, the front desk and waiters stay
# `service` (fresh-eyes report 9: an online school's reviews of 王老师, 外教 and 客服).
THE_TEACHER = [
    ("王老师讲得特别好，孩子很喜欢上课", "positive", {"teacher": "+", "service": "none"}, []),
    ("李老师批改作业很认真，反馈很详细", "positive", {"teacher": "+", "service": "none"}, []),
    ("老师讲得很清楚，很有耐心", "positive", {"teacher": "+", "service": "none"}, []),
    ("价格不贵，老师也很负责，推荐", "positive", {"teacher": "+", "price": "+"}, []),
    ("教练很专业，动作纠正得很到位", "positive", {"teacher": "+", "service": "none"}, []),
    ("老师照本宣科，完全就是念PPT", "negative", {"teacher": "-", "service": "none"}, []),
    ("外教口音太重，孩子听不懂，老师也不怎么互动", "negative", {"teacher": "-", "service": "none"}, []),
    ("这个讲师上课很无聊，一点互动都没有", "negative", {"teacher": "-"}, []),
    ("私教很不耐烦，问两句就敷衍", "negative", {"teacher": "-", "service": "none"}, []),
    ("The teacher is amazing, very patient with my questions", "positive", {"teacher": "+", "service": "none"}, []),
    ("Our tutor explains things clearly and is very patient.", "positive", {"teacher": "+", "service": "none"}, []),
    ("The coach was rude and ignored me the whole session.", "negative", {"teacher": "-", "service": "none"}, []),
    ("The teacher was late three times and rushed through the lesson", "negative",
     {"teacher": "-", "service": "none", "delivery": "none"}, []),
    ("Boring lectures, the instructor just reads the slides.", "negative", {"teacher": "-"}, []),
    ("My stylist was friendly and did a great job.", "positive", {"teacher": "+", "service": "none"}, []),
    # both named: each judged on its own
    ("老师讲得很好，但是客服一直不回消息", None, {"teacher": "+", "service": "-"}, []),
    ("The trainer is great but the front desk staff were rude.", None, {"teacher": "+", "service": "-"}, []),
    ("教练还行，就是销售天天打电话让我续卡", None, {"service": "-"}, ["no_intent=repurchase"]),
    # controls: customer service, the front desk, sales staff and waiters stay service
    ("客服态度很差", "negative", {"service": "-", "teacher": "none"}, []),
    ("客服态度很好，回复也快", "positive", {"service": "+", "teacher": "none"}, []),
    ("申请退款一直没人处理，客服踢皮球", "negative", {"service": "-", "teacher": "none"}, []),
    ("前台小姐姐很耐心", "positive", {"service": "+", "teacher": "none"}, []),
    ("销售一直推销私教课，烦人", "negative", {"service": "-", "teacher": "none"}, ["no_intent=repurchase"]),
    ("the waiter was rude", "negative", {"service": "-", "teacher": "none"}, []),
    ("The staff were friendly and helpful.", "positive", {"service": "+", "teacher": "none"}, []),
    ("Customer support never replied to my email.", "negative", {"service": "-", "teacher": "none"}, []),
]

# A question's setting is no opinion; a renewal named as a price is no renewal.
ASKED_AND_PRICED = [
    ("我家孩子三年级，数学一般，适合上奥数班吗？", "neutral", {}, ["no_intent=complaint"]),
    ("我英语基础一般，这门课能跟上吗", "neutral", {}, ["no_intent=complaint"]),
    ("孩子成绩一般，暑假能补上来吗？", "neutral", {}, []),
    # controls: a verdict stays one, asked about or not
    ("质量一般，能退吗？", "negative", {"quality": "-"}, []),
    ("课程内容一般，老师也不认真", "negative", {"teacher": "-"}, []),
    ("续费价格又涨了，真的不便宜", "negative", {"price": "-"}, ["no_intent=repurchase"]),
    ("续费太贵了，不想续了", "negative", {"price": "-"}, ["no_intent=repurchase"]),
    ("The renewal fee is way too high.", "negative", {"price": "-"}, ["no_intent=repurchase"]),
    # controls: a renewal wanted is one
    ("年卡快到期了，我想续费", None, {}, ["intent=repurchase"]),
    ("明年还会续费的，老师很好", "positive", {"teacher": "+"}, ["intent=repurchase"]),
    ("I'll renew my yearly VIP.", None, {}, ["intent=repurchase"]),
]

REVIEWS = CARDS_ARE_NO_LAG + SOMETHING_ELSE + THE_SERVICE + THE_PLACE + THE_TEACHER
CHATS = LEAVING + CARD_QUESTIONS + SALES_PUSH + ASKED_AND_PRICED


@pytest.mark.parametrize("text, label, aspects, checks", REVIEWS, ids=[row[0][:30] for row in REVIEWS])
def test_service_review(text, label, aspects, checks):
    aspects = {aspect: sign for aspect, sign in aspects.items() if sign is not None}
    assert_reading(analyze_text(text, source="review"), label, aspects, checks)


@pytest.mark.parametrize("text, label, aspects, checks", CHATS, ids=[row[0][:30] for row in CHATS])
def test_service_chat(text, label, aspects, checks):
    assert_reading(analyze_text(text, source="chat"), label, aspects, checks)


@pytest.mark.parametrize("text, stage", [
    ("私教上课一直玩手机", None),
    ("Not expensive at all, great value for the classes you get.", None),
    ("瑜伽课上课的老师很好", None),
    ("The spin classes are always packed.", None),
    ("Adult education classes twice a week.", "student"),
    ("宿舍楼下就有健身房，学生党很方便", "student"),
    ("I go to the gym on campus between lectures.", "student"),
])
def test_life_stage_words(text, stage):
    """A gym, yoga or cooking class is taken by anyone: 上课 and "classes" say nothing of a student."""
    found = [tag_id for tag_id, _ in life_stage_evidence("t1", text, None)]
    assert found == ([stage] if stage else [])
