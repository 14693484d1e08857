"""Intent detection, table-driven: natural phrasings in Chinese and English, and look-alikes that
must NOT fire (negated intents, loyal customers, reviews that merely mention a cue word).

Each row is (text, intents that must be found, intents that must not be found). Written by hand
from how customers talk; the demo generator's phrase lists are deliberately not copied here.
"""

from __future__ import annotations

import pytest

from tools.analyzers import analyze_text

CASES = [
    # --- churn risk ---------------------------------------------------------------------------
    ("会员不续了", {"churn_risk"}, {"repurchase"}),
    ("下个月不续费了", {"churn_risk"}, {"repurchase"}),
    ("年卡到期就不再续了,没什么意思", {"churn_risk"}, {"repurchase"}),
    ("打算注销账号", {"churn_risk"}, set()),
    ("以后不在这家买了", {"churn_risk"}, {"purchase"}),
    ("受够了,以后再也不来你们店了", {"churn_risk"}, set()),
    ("App 已经删了,拜拜", {"churn_risk"}, set()),
    ("这是我最后一次在你们家下单", {"churn_risk"}, {"purchase"}),
    ("已经转去别的平台买了", {"churn_risk"}, set()),
    ("取消了自动续费", {"churn_risk"}, {"repurchase"}),
    ("不想再用你们的服务了", {"churn_risk"}, set()),
    ("I am cancelling my membership", {"churn_risk"}, set()),
    ("uninstalling the app", {"churn_risk"}, set()),
    ("this is my last order", {"churn_risk"}, set()),
    ("switching to another brand", {"churn_risk"}, set()),
    ("won't be renewing my subscription next year", {"churn_risk"}, {"repurchase"}),
    ("Deleted my account today.", {"churn_risk"}, set()),
    ("I'm taking my business elsewhere", {"churn_risk"}, set()),
    ("never ordering from this shop again", {"churn_risk"}, {"purchase", "repurchase"}),
    ("I won't buy from them again", {"churn_risk"}, {"repurchase"}),
    ("会员到期后不会续的", {"churn_risk"}, set()),
    ("把自动续费关了", {"churn_risk"}, {"repurchase"}),
    ("以后都不会在这买东西了", {"churn_risk"}, set()),
    ("you've lost a customer", {"churn_risk"}, set()),
    ("not renewing my plan", {"churn_risk"}, set()),
    ("再也不会在你们这下单了", {"churn_risk"}, {"purchase"}),
    ("From now on I'll buy from a different retailer", {"churn_risk"}, set()),
    # churn look-alikes: loyalty, a negated cancellation, other senses of "switch"
    ("我不会注销账号的,用得挺好", set(), {"churn_risk"}),
    ("我不会再去别家了,就认准这家", set(), {"churn_risk"}),
    ("没打算卸载,就是提个建议", set(), {"churn_risk"}),
    ("not cancelling my membership, I love it", set(), {"churn_risk"}),
    ("I'm not switching to another brand, this one is great", set(), {"churn_risk"}),
    ("will never shop anywhere else", set(), {"churn_risk"}),
    ("switching to dark mode made reading easier", set(), {"churn_risk"}),
    ("my last order arrived a day early", set(), {"churn_risk"}),
    ("续航不错,充一次用两天", set(), {"churn_risk", "repurchase"}),
    ("不会再买别的牌子了", set(), {"churn_risk"}),
    ("我永远不会卸载这个app", set(), {"churn_risk"}),
    ("有了这个再也不用担心停电了", set(), {"churn_risk"}),
    ("I never buy what I don't need", set(), {"churn_risk"}),
    # --- return / refund ----------------------------------------------------------------------
    ("尺码不合适,想退货", {"return_refund"}, set()),
    ("东西坏了,能给我退款吗", {"return_refund"}, set()),
    ("申请换货,颜色发错了", {"return_refund"}, set()),
    ("已经寄回去了,等退钱", {"return_refund"}, set()),
    ("I'd like to return these shoes, they don't fit", {"return_refund"}, set()),
    ("sent it back yesterday, waiting for my refund", {"return_refund"}, set()),
    ("can I exchange it for a larger size?", {"return_refund"}, set()),
    ("我不会退的,小问题而已", set(), {"return_refund"}),
    ("不想退了,凑合用吧", set(), {"return_refund"}),
    ("I don't want a refund, just a replacement part", set(), {"return_refund"}),
    ("not returning it, the fit is fine", set(), {"return_refund"}),
    ("烧终于退了,孩子精神多了", set(), {"return_refund"}),
    ("屏幕有划痕,懒得退了", set(), {"return_refund"}),
    ("商家一直不给退款", {"return_refund"}, set()),
    ("质量一般,在犹豫要不要退货", {"return_refund"}, set()),
    ("鞋子太挤脚了,不得不退货", {"return_refund"}, set()),
    ("颜色不对,能退吗?", {"return_refund"}, set()),
    ("I'm sending these back", {"return_refund"}, set()),
    ("钱什么时候退回来?", {"return_refund"}, set()),
    ("可以单手退回上一页,很方便", set(), {"return_refund"}),
    ("我想换个尺码", {"return_refund"}, {"purchase"}),
    # --- complaint ----------------------------------------------------------------------------
    ("我要投诉你们的快递员", {"complaint"}, set()),
    ("打了三次电话都没人处理,必须给个说法", {"complaint"}, set()),
    ("已经向消协反映了", {"complaint"}, set()),
    ("I want to file a formal complaint about the delivery", {"complaint"}, set()),
    ("This is unacceptable, let me speak to a manager", {"complaint"}, set()),
    ("没什么可投诉的,挺满意", set(), {"complaint"}),
    ("no complaints at all, works perfectly", set(), {"complaint"}),
    ("太过分了,必须给我一个交代", {"complaint"}, set()),
    ("let me talk to your supervisor", {"complaint"}, set()),
    # --- repurchase ---------------------------------------------------------------------------
    ("孩子很喜欢，下次还来买", {"repurchase"}, {"churn_risk"}),
    ("以后还会在这家回购", {"repurchase"}, set()),
    ("又回购了两瓶,一直用这个", {"repurchase"}, set()),
    ("这已经是第四次下单了", {"repurchase"}, set()),
    ("每个月都会来这里囤一点", {"repurchase"}, set()),
    ("ordered another pair, my third one", {"repurchase"}, set()),
    ("will definitely buy this again", {"repurchase"}, set()),
    ("I keep coming back to this brand", {"repurchase"}, set()),
    ("Repurchased it twice already", {"repurchase"}, set()),
    ("restocking before the holidays", {"repurchase"}, set()),
    ("my fifth time buying these socks?! still love them", {"repurchase"}, {"purchase"}),
    ("不会再回购了,味道变了", {"churn_risk"}, {"repurchase"}),
    ("won't be buying this again", {"churn_risk"}, {"repurchase"}),
    # --- purchase -----------------------------------------------------------------------------
    ("想给老婆买条项链", {"purchase"}, set()),
    ("打算换一台新手机", {"purchase"}, {"churn_risk", "return_refund"}),
    ("等发工资就下单", {"purchase"}, set()),
    ("加购物车了,双十一再拍", {"purchase"}, set()),
    ("thinking about getting a new laptop", {"purchase"}, set()),
    ("I'm going to order the blue one", {"purchase"}, set()),
    ("we're in the market for a family car", {"purchase"}, set()),
    ("不想买了,太贵", set(), {"purchase"}),
    ("I'm not going to buy it at that price", set(), {"purchase"}),
    ("I want to get a refund", {"return_refund"}, {"purchase"}),
    # --- compare ------------------------------------------------------------------------------
    ("小米和华为选哪个?", {"compare"}, set()),
    ("货比三家后再决定", {"compare"}, set()),
    ("纠结买A款还是B款", {"compare"}, set()),
    ("can't decide between the Sony and the Bose", {"compare"}, set()),
    ("how does it compare to the older model?", {"compare"}, set()),
    ("这个颜色比较好看", set(), {"compare"}),
    ("拍照效果无与伦比", set(), {"compare"}),
    # --- research -----------------------------------------------------------------------------
    ("有没有人用过这款空气炸锅?", {"research"}, set()),
    ("求推荐一款适合新手的相机", {"research"}, set()),
    ("做了好几天功课,看了一堆测评", {"research"}, set()),
    ("has anyone tried the new Kindle?", {"research"}, set()),
    ("what's the best tent for winter camping?", {"research"}, set()),
    ("reading every review I can find before I decide", {"research"}, set()),
    ("I highly recommend this place", set(), {"research", "purchase", "compare"}),
    ("强烈向大家推荐这家店", set(), {"research"}),
    ("谁能推荐个好用的吸尘器", {"research"}, set()),
    ("is this brand any good?", {"research"}, set()),
    ("有没有靠谱的婴儿车推荐?", {"research"}, set()),
    ("iPhone or Pixel, which should I get?", {"compare"}, set()),
    ("和别家没什么区别,性价比一般", set(), {"compare"}),
    # --- consult ------------------------------------------------------------------------------
    ("请问保修多久?", {"consult"}, set()),
    ("这款适合敏感肌吗?", {"consult"}, set()),
    ("什么时候能发货?", {"consult"}, set()),
    ("does it come with a charger?", {"consult"}, set()),
    ("when will my order ship?", {"consult"}, set()),
    ("quick question about sizing", {"consult"}, set()),
    ("Is the trail stroller suitable for newborns?", {"consult"}, set()),
    # a question after a negative verdict is still a question ("not worth it" stays in its sentence)
    ("价格 not worth it。有没有人用过别的牌子?", {"research"}, set()),
]


@pytest.mark.parametrize("text, wanted, unwanted", CASES)
def test_intent_table(text, wanted, unwanted):
    found = {hit.intent for hit in analyze_text(text).intents}
    assert wanted <= found, f"{text!r}: missing {wanted - found}, found {found}"
    assert not (unwanted & found), f"{text!r}: should not find {unwanted & found}"


def test_strongly_negative_chat_without_a_stated_purpose_is_a_complaint():
    found = {hit.intent: hit for hit in analyze_text("用了两天就坏了,垃圾,气死我了", source="chat").intents}
    assert found["complaint"].evidence == "strongly negative message"


def test_a_negative_chat_that_states_its_purpose_is_not_also_a_complaint():
    found = {hit.intent for hit in analyze_text("已经申请退款了", source="chat").intents}
    assert found == {"return_refund"}
