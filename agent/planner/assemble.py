"""Assembly: the chosen tokens -> conditions, binding words that belong together.

A verb takes its object and count ("bought outdoor gear at least twice"), an opinion word its aspect
("对价格不满"), a time window the conditions it can apply to, a negation the condition after it,
and "or" / "和" the conditions on each side. What cannot be bound is reported as a problem (in
Chinese and English) instead of being guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from agent.planner import lexicon as lx
from agent.planner.brands import bind_bare_brands, bind_mentions, brand_object
from agent.planner.compile import RANK_GROUPS
from agent.planner.describe import describe, lifecycle_name
from agent.planner.opinion_about import bind_opinion_objects, name_staff_roles
from agent.planner.order_scope import spend_standing
from agent.planner.spec import (TIMED_KINDS, UNTARGETED_ACTIONS, WINDOWED_GROUPS, AudienceSpec, Clause, Condition, Group, Metric,
                                 Window)
from agent.planner.stages import DATED_STAGES
from agent.planner.stores import bind_store_purchases
from agent.planner.tokens import AGE_WORD, Token

SINGLE_VALUED = {"gender", "city", "city_tier", "new_tier1", "member_level", "lifecycle", "consumption"}
MERGEABLE = SINGLE_VALUED | {"interest", "value", "emotion", "occupation", "attribute"}
DEFAULT_RANK_TOP = 10   # "消费最高的用户" without a number: the first ten (the answer says so)
DEFAULT_GROUP_RANK_TOP = 1
# Tokens a verb reaches its object over: "bought twice", "bought last month", "bought only" (_only_orders)
_STEPPED = ("count", "window", "only")
_MEASURES = {"age", "spend", "avg_order"}   # the numbers a bare bound after "or" may continue   # "每个城市消费最高的用户": the first of each city


# --- assembly ------------------------------------------------------------------------------------

# Words allowed between a verb (or intent) and its object: "bought 过 the", "searched for some".
_OBJECT_GLUE = re.compile(r"^(?:\s|过|了|的|一些|一下|一次|相关|类|类目|品类|商品|产品|东西|用品|for|the|a|an|some|any|both|"
                          r"on|in|of|related|new|one|items?|products?|produce|stuff|things|goods|category|categories|,)*$")
_ASPECT_GLUE = re.compile(r"^(?:\s|对|对于|在|的|都|很|非常|比较|有点|有些|太|特别|挺|有|方面|上|过|了|老是|总是|经常|一直|并|about|on|with|the|"
                          r"their|its|regarding|over|of|for|by|,"
                          r"|is|are|was|were|been|always|so|too|really|very)*$")   # "the staff were pushy"
# "praised our support", 夸过我们客服: an opinion with a polarity reaches its aspect across our / your (a bare
# "reviewed our delivery negatively" leaves the delivery to "negatively")
_OWNED_ASPECT_GLUE = re.compile(_ASPECT_GLUE.pattern.replace("|the|", "|the|our|your|my|我们|你们|咱们|"))
_COMPARED_JOINT = re.compile(r"\s*(?:和|与|跟|及|、|还有|and|with|vs\.?|versus|or|或|或者|还是)\s*(?:the\s+)?")
_ORDER_NOUN = re.compile(r"orders?|purchases?|checkouts?")
# "unhappy customers about quality": the people between an opinion and what it is about
_PEOPLE_THEN_ASPECT = re.compile(r"^\s*(?:customers|users|people|buyers|shoppers|members|clients|ones)\s+"
                                 r"(?:about|with|over|regarding|on)\s+(?:the\s+|their\s+|its\s+)?$")
_NEG_GLUE_WORDS = (r"\s|-|是|在|有|属于|被|曾|曾经|过|的|再|对|be|been|are|is|was|were|in|at|a|an|the|any|from|"
                   r"yet|ever|even|have|has|had|do|does|did|living|located|based|those|these|ones|users|people|"
                   r"customers|who|that|标记为|,")
_NEG_GLUE = re.compile(rf"^(?:{_NEG_GLUE_WORDS})*$")
# "不喜欢跑步", "aren't into makeup", "没有对价格不满": a negation before an interest or opinion, with
# words of liking between
_NEG_LIKING_GLUE = re.compile(rf"^(?:{_NEG_GLUE_WORDS}|{lx.phrase_pattern(lx.LIKING)})*$")
# Between two verbs, words that make the second one about the same thing ("searched phones BUT didn't buy")
# deeds an order may follow: "added to cart but didn't buy", and a shop's own ("领过券但没下单": no order after the
# claim); a visit follows a booking ("预约过但没到店")
_FOLLOWS = {"cart": "order", "favorite": "order", "view": "order", "event": "order", "booking": "checkin"}
_COME = (["来"], ["来过"])   # the first word of lexicon.NOT_COME's condition (a window's words follow)
_CONTINUES = re.compile(r"但|却|可是|不过|没|未|不|然后|后来|又|\b(?:but|without|not|never|yet|then|later)\b|n't")
# "…but not with price", "…但对价格不": the words between a contrasting negation and its aspect
_CONTRAST_GLUE = re.compile(r"(?:\s|with|on|about|the|their|its|对|对于|在)*")
_CONTRAST_BEFORE = re.compile(r"but|yet|though|但|却|可是|不过")
_CONNECT_GLUE = re.compile(r"^(?:\s|的|也|或者|或是|或|还是|和|跟|与|及|以及|、|,|/|and|or|either|as well as|plus|&|的人|"
                           r"用户|users|customers|people)*$")


_RANK_ONE = re.compile(lx.RANK_ONE)
_HEAD_GLUE = re.compile(r"\s*(?:的)?\s*(?:用户|客户|顾客|会员|人群|群体|人)?\s*(?:的)?\s*")   # 男生(用户)的比例
_PAST_NEGATION = frozenset(" ".join(w.split()) for w in lx.PAST_NEGATION)
# "never" and its kin: at no time at all
_NEVER = frozenset(" ".join(w.split()) for w in lx.NEVER)
_ANY_OBJECT = re.compile(r"\s*" + lx.phrase_pattern(lx.ANY_OBJECT))
# Between a kind of product and the figure after it ("母婴品类的销售额", "diaper product sales"), and between a
# figure and the kind after it ("sales of diapers", "spenders on baby products")
_KIND_BEFORE_FIGURE = re.compile(r"\s*(?:的)?\s*(?:品类|类目|类|产品|商品|用品|订单)?\s*(?:上|方面)?\s*(?:的)?\s*"
                                 r"(?:(?:products?|items?|category|orders?)\s*)?(?:'s\s*)?"
                                 r"(?:一共|总共|总计|合计|累计|共)?\s*")   # 手机一共卖了多少钱
_FIGURE_OF_KIND = re.compile(r"\s*(?:of|on|from|for|in)\s+(?:the\s+|our\s+)?")
_SOLD_ZH = re.compile(r"卖|售|销")
_POPULATION = re.compile(r"\s*(?:的)?\s*(?:" + lx.POPULATION + r"|人群|群体|粉丝|爱好者|人(?!气))")
_PEOPLE_AFTER = re.compile(r"\s*(?:fans?|lovers?|enthusiasts?|parents?|moms?|mums?|dads?|people)(?![a-z])")
_PEOPLE_WORD = re.compile(r"爱好者|发烧友|玩家|达人|迷$|控$|党$|族$|粉$|人$|(?:fans?|lovers?|enthusiasts?|people)$")
_LIKED = re.compile(lx.phrase_pattern(["喜欢", "爱", "热爱", "偏爱", "关注", "对", "like", "likes", "love", "loves",
                                       "into", "interested in", "fans of", "a fan of"]) + r"\s*$")
_PARENT_GENDER = {" ".join(w.lower().split()): gender for gender, words in lx.PARENT_GENDER.items() for w in words}
# interest words that name people (宝妈, parents, 有娃的): never what a verb before them was done to
_PEOPLE_WORDS = {*_PARENT_GENDER, *(" ".join(w.lower().split()) for w in lx.EXTRA_INTEREST["mother_baby"])}


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


class Assembly:
    """Binds the chosen tokens into conditions; collects problems instead of guessing."""

    def __init__(self, text: str, tokens: list[Token], lang: str, rank_metric: Metric | None = None,
                 rank_ascending: bool = False, opinion: str | None = None):
        self.text = text
        self.tokens = tokens
        self.lang = lang
        # the polarity of the last question's opinion, when this one asks the same of another aspect
        # ("对价格不满的" then "那对质量呢", "unhappy with price" then "what about quality?")
        self.opinion = opinion
        # the figure of the conversation's last ranking: "now the top 5 in Beijing" ranks by it again
        self.rank_metric = rank_metric
        self.rank_ascending = rank_ascending   # ... and its order ("前5名" after "lowest spenders": the lowest 5)
        self.problems: list[tuple[str, str]] = []   # (Chinese, English)
        # each built condition with the span it covers (for negation, or, windows)
        self.built: list[tuple[int, int, Condition]] = []
        self.complaint_window = None   # a window no condition takes, on a breakdown by complaint
        self.part_missing = False      # a ratio whose words name only its base ("占所有用户的多少")

    def gap(self, left: Token, right: Token) -> str:
        return self.text[left.end:right.start]

    def neighbours(self, token: Token, direction: int, skip=_STEPPED):
        """Tokens next to ``token`` going left (-1) or right (+1), stepping over counts, windows and "only"."""
        index = self.tokens.index(token)
        out = []
        i = index + direction
        while 0 <= i < len(self.tokens):
            out.append(self.tokens[i])
            if self.tokens[i].kind not in skip:
                break
            i += direction
        return out

    def glued(self, left: Token, right: Token, glue: re.Pattern) -> bool:
        """Only glue words (and skipped counts/windows) between left and right."""
        i, j = self.tokens.index(left), self.tokens.index(right)
        between = self.tokens[i + 1:j]
        if any(t.kind not in _STEPPED for t in between):
            return False
        pieces, cursor = [], left.end
        for token in between:
            pieces.append(self.text[cursor:token.start])
            cursor = token.end
        pieces.append(self.text[cursor:right.start])
        return all(glue.match(piece) for piece in pieces)

    def add(self, tokens: list[Token], condition: Condition) -> None:
        for token in tokens:
            token.used = True
        self.built.append((min(t.start for t in tokens), max(t.end for t in tokens), condition))

    def build(self) -> tuple[list[Clause], dict]:
        bind_mentions(self)
        self._verbs()
        self._intents()   # before bare brands: "想入手华为手机" wants the brand's kind of product
        bind_bare_brands(self)
        self._opinions()
        self._continued_bounds()
        self._plain_conditions()
        self._only_orders()
        bind_opinion_objects(self.built, self.text)   # "对酒店不满意": the opinion's texts name the hotel
        name_staff_roles(self.built)   # "对美容师不满": the opinion's texts name a beautician
        bind_store_purchases(self)   # "在五角场店做过烫染": the store is where it was bought, the same order
        self._activity()
        self._windows()
        self._registration_says_new()
        self._negations()
        self._no_order_after()
        self._no_return_in_window()
        self._past_buyers()
        self._lapsed()
        self._lapsed_buyers_of()
        self._high_spend_defined()
        self.built.sort(key=lambda item: item[0])
        output = self._output()
        self._figure_kinds(output)     # "纸尿裤的客单价": the other kinds a figure is about (order_scope.py)
        bind_store_purchases(self)     # "静安店面部护理的销售额": a store beside the kind the figure is about
        ranking = output.pop("ranked", None)
        if ranking is not None:   # the users ranked among the audience's (base of the share)
            audience = list({repr(c): c for c in self._connect(self.built)}.values())   # "上海…上海" said twice
            ranked = AudienceSpec(where=audience, lang=self.lang, **ranking)
            part = Condition("ranked", ranking=ranked.to_dict(), words=describe(ranked, self.lang))
            clauses = [part]
            if output["output"] == "ratio" and audience:
                output["base"] = audience
        elif output.get("output") == "ratio":
            span = self._base_span()
            base = [item for item in self.built if span and span[0] <= item[0] < span[1]]
            clauses = self._connect([item for item in self.built if not any(item is b for b in base)])
            output["base"] = self._connect(base)
            self.part_missing = not clauses   # the part may be a named segment or the last audience (parse)
        else:
            clauses = self._connect(self.built)
        if self.complaint_window is not None and output.get("group_by") in WINDOWED_GROUPS:
            output["window"] = self.complaint_window
        self._leftover_tokens()
        return clauses, output

    def _first(self, kind: str) -> Token | None:
        return next((t for t in self.tokens if t.kind == kind), None)

    # -- behaviour: verb + object + count --

    def _object_of(self, verb: Token, kinds=("interest", "quoted")) -> list[Token]:
        """The interest(s) a verb is about: after it ('bought outdoor gear'), else just before it."""
        objects: list[Token] = []
        after = [t for t in self.neighbours(verb, +1) if t.kind not in _STEPPED]
        if not verb.data.get("obj_before") and after and after[0].kind in kinds and not after[0].used \
                and self.glued(verb, after[0], _OBJECT_GLUE) and not self._people(after[0]):
            objects.append(after[0])
            objects += self._or_chain(after[0], kinds)
            return objects
        before = [t for t in self.neighbours(verb, -1) if t.kind not in _STEPPED]
        # an English word before the verb is who did it ("cat owners bought something"), unless the verb
        # says its object comes first ("phone buyers") or is a noun ("pet supply orders"); in Chinese it
        # may be the thing ("手机买过的")
        subject = self.lang == "en" and not verb.data.get("obj_before") and \
            not _ORDER_NOUN.fullmatch(self.text[verb.start:verb.end].strip())
        if before and before[0].kind in kinds and not before[0].used and not subject:
            gap = self.text[before[0].end:verb.start]
            if verb.data.get("obj_before") or gap.strip() in ("", "了", "过"):
                objects.append(before[0])
        return objects

    def _people(self, token: Token) -> bool:
        """Is an interest word the people who did it ("没有购买的宝妈", "bought nothing, the parents"), not a thing?"""
        return token.kind == "interest" and _squash(self.text[token.start:token.end]) in _PEOPLE_WORDS

    def _or_chain(self, first: Token, kinds) -> list[Token]:
        """'bought hiking or camping gear': further objects joined by "or" (or written as one name)."""
        chain, current = [], first
        while True:
            index = self.tokens.index(current)
            if index + 1 >= len(self.tokens):
                return chain
            adjacent = self.tokens[index + 1]
            if adjacent.kind == "interest" == current.kind and not adjacent.used and _one_name(
                    self.gap(current, adjacent), [current.data["interest"]], [adjacent.data["interest"]]):
                chain.append(adjacent)   # 买过美妆护肤的: either
                current = adjacent
                continue
            if index + 2 >= len(self.tokens):
                return chain
            joiner, following = self.tokens[index + 1], self.tokens[index + 2]
            if not (joiner.kind == "or" and following.kind in kinds and not following.used
                    and not self.gap(current, joiner).strip() and not self.gap(joiner, following).strip(" 的")):
                return chain
            joiner.used = True
            chain.append(following)
            current = following

    def _verbs(self) -> None:
        verbs = [t for t in self.tokens if t.kind == "verb"]
        counts = [t for t in self.tokens if t.kind == "count"]
        previous: Condition | None = None
        goods: list[Token] | None = None   # the shop's goods a deed other than buying was about ("searched Japan")
        previous_end = 0
        for verb in verbs:
            objects = self._object_of(verb, kinds=("interest", "quoted", "brand"))
            second = self._both_second(verb, objects)
            if second is not None:   # "booked both a flight and a hotel": the deed of each, not either
                words = " ".join(self.text[t.start:t.end].strip() for t in [verb, second])
                self.add([second], brand_object(verb.data["action"], [second], words) if second.kind == "brand" else
                         Condition("behavior", action=verb.data["action"], targets=[second.data["interest"]], words=words))
            brands = [o for o in objects if o.kind == "brand"]
            if brands:   # "bought Salomon", "没买过耐克": the brand's orders (brands.py)
                words = " ".join(self.text[t.start:t.end].strip() for t in [verb, *brands])
                condition = brand_object(verb.data["action"], brands, words)
                if "count" in verb.data and (condition.kind in ("store", "order_time") or condition.action == "order"):   # "在静安店买过两次以上"
                    condition.min_count, condition.max_count = verb.data["count"]["min"], verb.data["count"]["max"]
                self.add([verb, *brands], condition)
                kinds = self._kinds_listed_after(brands[-1]) if condition.kind == "product" else []
                if kinds:   # "买过奶粉和纸尿裤", "bought formula and diapers": the goods, and the interest, each bought
                    self.add(kinds, Condition("behavior", action=verb.data["action"],
                                              targets=[o.data["interest"] for o in kinds],
                                              words=" ".join(self.text[t.start:t.end].strip() for t in [verb, *kinds])))
                previous, previous_end = None, brands[-1].end
                goods = brands if "data" in brands[0].data and verb.data["action"] not in ("order", "booking") else None
                continue
            targets = [o.data["interest"] for o in objects if o.kind == "interest"]
            text = next((o.data["text"] for o in objects if o.kind == "quoted"), verb.data.get("text"))
            action = verb.data["action"]
            continues = not objects and _CONTINUES.search(self.text[previous_end:verb.start]) and \
                not _ANY_OBJECT.match(self.text, verb.end)
            if continues and goods and action in ("order", "booking"):   # "searched Japan but didn't book": those goods
                self.add([verb], brand_object(action, goods, " ".join(self.text[t.start:t.end].strip() for t in [verb, *goods])))
                goods = None
                continue
            # "searched phones but didn't buy" (a shop's own event's target is no goods: 领过FRESH10但没下单)
            if continues and previous is not None and action not in UNTARGETED_ACTIONS and previous.action not in ("any", "event"):
                targets, text = list(previous.targets), previous.text
            condition = Condition("behavior", action=action, targets=targets, text=text, values=verb.data.get("types", []),
                                  words=" ".join(self.text[t.start:t.end].strip() for t in [verb, *objects]))
            if "count" in verb.data:
                condition.min_count = verb.data["count"]["min"]
                condition.max_count = verb.data["count"]["max"]
            again = self._again_after(max(t.end for t in [verb, *objects]))
            if again is not None and action not in UNTARGETED_ACTIONS:   # "didn't order cat food again"
                condition.min_count = max(2, condition.min_count)
            self.add([verb, *objects, *([again] if again else [])], condition)
            previous, previous_end = condition, max(t.end for t in [verb, *objects])
            condition.unbought = bool(verb.data.get("abandon"))   # 弃购, abandoned cart: no order after it
        # each count goes to the nearest verb (by position), preferring one it touches
        behaviours = [(s, e, c) for s, e, c in self.built if c.min_count == 1 and c.max_count is None and
                      (c.kind in ("behavior", "store") or c.kind in ("product", "brand") and c.action == "order")]
        for count in counts:
            if not behaviours:
                continue
            start, end, condition = min(behaviours, key=lambda b: min(abs(count.start - b[1]), abs(b[0] - count.end)))
            condition.min_count = count.data["min"]
            condition.max_count = count.data["max"]
            condition.words += " " + self.text[count.start:count.end].strip()
            count.used = True
            behaviours = [b for b in behaviours if b[2] is not condition]

    def _kinds_listed_after(self, goods: Token) -> list[Token]:
        """The unused interests listed right after the shop's goods an order verb took (和, 、, "and" or nothing
        between): more things bought, not interests of the people."""
        kinds, last = [], goods
        while (after := [t for t in self.neighbours(last, +1, skip=()) if t.kind == "interest" and not t.used]) and \
                re.fullmatch(r"\s*(?:和|与|及|、|以及|and|,)?\s*", self.gap(last, after[0])):
            kinds.append(after[0])
            last = after[0]
        return kinds

    def _both_second(self, verb: Token, objects: list[Token]) -> Token | None:
        """After "both" and a verb's one object, the unused interest or goods joined to it by "and" / 和 / 又:
        a second object of the same deed ("bought both phones and laptops", "既买过机票又买过酒店" reads its verbs)."""
        if len(objects) != 1 or not re.search(r"(?<![a-z])both(?![a-z])", self.text[verb.end:objects[0].start]):
            return None
        after = [t for t in self.neighbours(objects[0], +1) if t.kind not in _STEPPED]
        if after and after[0].kind in ("interest", "brand") and not after[0].used and \
                re.fullmatch(r"\s*(?:and|&|和|与)\s*(?:(?:a|an|the)\s+)?", self.gap(objects[0], after[0])):
            return after[0]
        return None

    def _again_after(self, end: int) -> Token | None:
        """An unused 'again' right after ``end`` (a verb and its object)."""
        return next((t for t in self.tokens if t.kind == "again" and not t.used and t.start >= end
                     and not self.text[end:t.start].strip()), None)

    def _intents(self) -> None:
        for token in self.tokens:
            if token.kind == "intent_suffix" and not token.used:
                self._intent_from_verb(token)
        for token in self.tokens:
            if token.kind != "intent" or token.used:
                continue
            # "想入手华为手机": a brand's kind of product is what is wanted
            objects = [o for o in self._object_of(token, kinds=("interest", "brand"))
                       if o.kind == "interest" or "category" in o.data]
            if not objects:  # "手机的购买意向": the object before, joined by 的
                before = [t for t in self.neighbours(token, -1) if t.kind == "interest" and not t.used]
                if before and self.text[before[0].end:token.start].strip() in ("的", "", "类"):
                    objects = before
            if token.data["intent"] == "compare" and objects:
                objects += self._compared_with(objects[-1])
            suffix = self._suffix_after(max([token, *objects], key=lambda t: t.end))
            if suffix is not None:   # "有投诉意向", "回购的意向": the intent word says it already
                suffix.used = True
            words = " ".join(self.text[t.start:t.end] for t in [token, *objects])
            targets = list(dict.fromkeys(o.data.get("interest") or o.data["category"] for o in objects))
            if self._no_repeat_order(token):
                # "没有复购" / "didn't repurchase": not (ordered at least twice) = at most one order;
                # the negation before it is applied with the others
                self.add([token, *objects], Condition("behavior", action="order", targets=targets, min_count=2,
                                                      words=words))
                continue
            self.add([token, *objects], Condition("intent", values=[token.data["intent"]], targets=targets,
                                                  words=words))

    def _compared_with(self, first: Token) -> list[Token]:
        """"对比过手机和平板的用户", "users who compared phones and tablets": what is compared with the first
        thing after a joining word ("和", "and", "vs") is compared too, not a second condition."""
        after = [t for t in self.neighbours(first, +1) if t.kind not in _STEPPED]
        if after and after[0].kind == "interest" and not after[0].used and _COMPARED_JOINT.fullmatch(self.gap(first, after[0])):
            return [after[0]]
        return []

    def _suffix_after(self, token: Token) -> Token | None:
        """An unused 意向 / intent word right after ``token`` (的 between them at most)."""
        return next((t for t in self.tokens if t.kind == "intent_suffix" and not t.used and t.start >= token.end
                     and not self.text[token.end:t.start].strip(" 的")), None)

    def _no_repeat_order(self, intent: Token) -> bool:
        """A bare repurchase word right after a negation of a past deed, with no 意向 / intent word:
        it denies the repeat order itself ("近一个季度没有复购"), not an intent ("没有复购意向")."""
        if intent.data["intent"] != "repurchase" or re.search(r"意向|意图|intent", self.text[intent.start:intent.end]):
            return False
        index = self.tokens.index(intent)
        after = self.tokens[index + 1] if index + 1 < len(self.tokens) else None
        if after is not None and after.kind == "intent_suffix" and not self.gap(intent, after).strip(" 的"):
            return False
        before = self.tokens[index - 1] if index else None
        return (before is not None and before.kind == "neg"
                and _squash(self.text[before.start:before.end]) in _PAST_NEGATION
                and bool(re.fullmatch(r"[\s过再有]*", self.gap(before, intent))))

    def _intent_from_verb(self, suffix: Token) -> None:
        """'有购买手机的意向': a verb (and its object) followed by 意向 is an intent, not a purchase."""
        for index, (start, end, condition) in enumerate(self.built):
            if condition.kind == "behavior" and end <= suffix.start and not self.text[end:suffix.start].strip(" 的"):
                intent = {"order": "purchase", "search": "research", "view": "research"}.get(condition.action)
                if intent:
                    self.built[index] = (start, suffix.end, Condition("intent", values=[intent],
                                                                      targets=condition.targets,
                                                                      words=condition.words + "意向"))
                    suffix.used = True
                    return

    # -- opinions: aspect + polarity --

    def _opinions(self) -> None:
        for token in self.tokens:
            if token.kind == "polar" and not token.used:
                aspects = [t for t in self._adjacent_aspects(token)
                           if t.data["aspect"] in (token.data["aspect"], *lx.VERDICT_ON.get(token.data["aspect"], ()))]
                for aspect in (token.data["aspect"], *filter(None, [token.data.get("also")])):
                    self.add([token, *aspects], Condition("aspect", values=[aspect], polarity=token.data["polarity"],
                                                          text=token.data.get("facet"),
                                                          words=self.text[token.start:token.end]))
        for token in self.tokens:
            if token.kind != "polarity" or token.used:
                continue
            inner = self._negation_inside(token)
            aspects = self._adjacent_aspects(inner or token)
            if inner is not None and aspects:   # "对价格没有不满": not (negative on price)
                inner.kind, inner.used = "filler", True
                before = len(self.built)
                self._opinion_on(token, aspects)
                for _, _, condition in self.built[before:]:
                    condition.negate = not condition.negate
                continue
            if not aspects and self._beside_polar(token):
                token.used = True   # "嫌物流慢": the opinion word only repeats what 物流慢 says
                continue
            self._opinion_on(token, aspects)
        for token in self.tokens:
            if token.kind == "aspect" and not token.used and self._contrasted(token):
                continue
            if token.kind == "aspect" and not token.used and self._where_done(token):
                token.used = True
                continue
            if token.kind == "aspect" and not token.used and self.opinion:
                self.add([token], Condition("aspect", values=[token.data["aspect"]], polarity=self.opinion,
                                            words=self.text[token.start:token.end].strip()))
            if token.kind == "aspect" and not token.used:
                words = self.text[token.start:token.end].strip()
                self.problems.append((f"“{words}”：请说明是满意还是不满，例如“对{words}不满”",
                                      f"'{words}': say whether positive or negative, e.g. 'negative on {words}'"))
                token.used = True

    def _negation_inside(self, polarity: Token) -> Token | None:
        """The negation between a Chinese aspect and its opinion word (对价格没有不满, 对服务并不满意)."""
        index = self.tokens.index(polarity)
        neg = self.tokens[index - 1] if index else None
        if self.lang != "zh" or neg is None or neg.kind != "neg" or neg.used or self.gap(neg, polarity).strip():
            return None
        return neg

    def _opinion_on(self, token: Token, aspects: list[Token]) -> None:
        """The condition(s) an opinion word makes with the aspects next to it, or alone."""
        if aspects and self._joined_by_or(aspects):   # "unhappy with the teacher or the app": either one
            names = list(dict.fromkeys(a.data["aspect"] for a in sorted(aspects, key=lambda a: a.start)))
            self.add([token, *aspects], Condition("aspect", values=names, polarity=token.data["polarity"],
                                                  source=_review(token),
                                                  words=self.text[min(a.start for a in [token, *aspects]):
                                                                  max(a.end for a in [token, *aspects])]))
        elif aspects:
            names = list(dict.fromkeys(a.data["aspect"] for a in aspects))
            for name in names:
                group = [a for a in aspects if a.data["aspect"] == name]
                self.add([token, *group], Condition("aspect", values=[name], polarity=token.data["polarity"],
                                                    source=_review(token),
                                                    words=" ".join(self.text[t.start:t.end] for t in [*group, token])))
        elif token.data.get("complaint"):
            self.add([token], Condition("intent", values=["complaint"], words=self.text[token.start:token.end]))
        elif token.data["polarity"] is not None or token.data.get("opinion"):   # "他们有什么看法": of anything
            self.add([token], Condition("aspect", values=["overall"], polarity=token.data["polarity"],
                                        source=_review(token), words=self.text[token.start:token.end]))

    def _joined_by_or(self, aspects: list[Token]) -> bool:
        """Whether an "or" (或, or) stands between the first and the last of an opinion's aspects."""
        start, end = min(a.start for a in aspects), max(a.end for a in aspects)
        return len({a.data["aspect"] for a in aspects}) > 1 and \
            any(t.kind == "or" and start <= t.start and t.end <= end for t in self.tokens)

    def _where_done(self, aspect: Token) -> bool:
        """'没有登录过app的用户', 'ordered on the website': the app an action was done in, not an
        opinion on it (the data does not tell apps apart; the action is the condition)."""
        return aspect.data["aspect"] == "usability" and any(t.kind == "verb" for t in self.tokens)

    def _contrasted(self, aspect: Token) -> bool:
        """'happy with quality but not with price' / '质量满意但价格不': an aspect right after a negation,
        following an opinion on another aspect, takes the opposite opinion."""
        index = self.tokens.index(aspect)
        neg = self.tokens[index - 1] if index else None
        earlier = [c for s, e, c in self.built if e <= aspect.start and c.kind == "aspect" and c.polarity]
        if neg is None or neg.kind != "neg" or not earlier or not _CONTRAST_GLUE.fullmatch(self.gap(neg, aspect)):
            return False
        if not _CONTRAST_BEFORE.search(self.text[max(0, neg.start - 12):neg.start + 8]):
            return False
        polarity = {"negative": "positive", "positive": "negative"}[earlier[-1].polarity]
        neg.kind, neg.used = "filler", True   # the negation is the contrast's, not another condition's
        self.add([aspect], Condition("aspect", values=[aspect.data["aspect"]], polarity=polarity,
                                     words=self.text[neg.start:aspect.end].strip()))
        return True

    def _beside_polar(self, polarity: Token) -> bool:
        """An opinion word right next to a word that already has its aspect and polarity (嫌物流慢), or
        with only that word's aspect between them (嫌淋浴间太脏: 淋浴间 went with 太脏)."""
        index = self.tokens.index(polarity)
        for step in (-1, 1):
            i = index + step
            while 0 <= i < len(self.tokens) and self.tokens[i].kind == "aspect" and self.tokens[i].used:
                i += step
            neighbour = self.tokens[i] if 0 <= i < len(self.tokens) else None
            if neighbour is not None and neighbour.kind == "polar" and \
                    neighbour.data["polarity"] == (polarity.data["polarity"] or neighbour.data["polarity"]):
                left, right = sorted((neighbour, polarity), key=lambda t: t.start)
                between = [t for t in self.tokens if left.end <= t.start and t.end <= right.start]
                judged = (neighbour.data["aspect"], *lx.VERDICT_ON.get(neighbour.data["aspect"], ()))
                if all(t.data.get("aspect") in judged for t in between) and \
                        _ASPECT_GLUE.match(_strip_tokens(self.gap(left, right), between, left.end, ("aspect",))):
                    return True
        return False

    def _adjacent_aspects(self, polarity: Token) -> list[Token]:
        """Aspect tokens right before the opinion word (对价格和物流不满), else right after it."""
        glue = _OWNED_ASPECT_GLUE if polarity.data.get("polarity") else _ASPECT_GLUE

        def run(direction: int) -> list[Token]:
            found, current = [], polarity
            index = self.tokens.index(polarity) + direction
            while 0 <= index < len(self.tokens):
                candidate = self.tokens[index]
                left, right = (candidate, current) if direction < 0 else (current, candidate)
                gap = self.gap(left, right)
                if candidate.kind == "aspect" and not candidate.used and (
                        glue.match(gap) or (found and _CONNECT_GLUE.match(gap))
                        or (direction > 0 and not found and _PEOPLE_THEN_ASPECT.match(gap))):
                    found.append(candidate)
                    current = candidate
                elif candidate.kind == "or" and found:
                    candidate.used = True
                    current = candidate
                else:
                    break
                index += direction
            return found

        order = (-1, +1) if self.lang == "zh" else (+1, -1)
        for direction in order:
            found = run(direction)
            if found:
                return found
        return []

    # -- one-token conditions and interests --

    def _continued_bounds(self) -> None:
        """A bare bound after "or" measures what the bound before the "or" measured: "spent more than
        1000 or less than 100" is spend under 100 (not aged under 100), "消费超过1000或者低于100" too. A bound
        that says its measure ("or aged under 20", "或30岁以下") keeps it."""
        for index, token in enumerate(self.tokens):
            bare_age = token.kind == "cond" and token.data["cond"].kind == "age" and \
                not AGE_WORD.search(token.data["cond"].words)
            if not (token.kind == "bound" or bare_age) or index < 2 or self.tokens[index - 1].kind != "or":
                continue
            before = self.tokens[index - 2]
            measure = before.data.get("cond") if before.kind == "cond" else None
            if measure is not None and measure.kind in _MEASURES and measure.range is not None:
                bound = token.data["cond"]
                token.kind, token.data = "cond", {"cond": replace(bound, kind=measure.kind)}

    def _plain_conditions(self) -> None:
        for token in self.tokens:
            if token.used:
                continue
            if token.kind == "cond":
                self.add([token], replace(token.data["cond"]))
            elif token.kind == "interest":
                words = self.text[token.start:token.end]
                self.add([token], Condition("interest", values=[token.data["interest"]], words=words))
                self._parent_gender(token, words)
        self._spend_targets()

    def _only_orders(self) -> None:
        """'只订过机票', 'only ever booked flights', 'bought only flights': the order (booking) condition the word
        for only is said with — just before it, or inside it — holds for every order of theirs."""
        for token in [t for t in self.tokens if t.kind == "only" and not t.used]:
            said = [c for start, end, c in sorted(self.built, key=lambda item: item[0])
                    if _order_like(c) and (start <= token.start < end or
                                           (start >= token.end and len(self.text[token.end:start]) <= 12))]
            if said:
                said[0].only, token.used = True, True

    def _parent_gender(self, token: Token, words: str) -> None:
        """'妈妈' / 'dads': a gender besides the mother & baby interest, unless the question says one."""
        gender = _PARENT_GENDER.get(_squash(words))
        if gender and not any(t.kind == "cond" and t.data["cond"].kind == "gender" for t in self.tokens):
            self.add([token], Condition("gender", values=[gender], words=words))

    def _spend_targets(self) -> None:
        """'spent over 500 on outdoor gear' / '在户外上消费超过500': spend within an interest."""
        for index, (start, end, condition) in enumerate(self.built):
            if condition.kind not in ("spend", "avg_order"):
                continue
            for other_index, (s2, e2, other) in enumerate(self.built):
                if other.kind != "interest" or other.negate:
                    continue
                gap = self.text[end:s2] if s2 >= end else self.text[e2:start]
                if (s2 >= end and re.fullmatch(r"\s*(?:on|for|in)\s+(?:the\s+)?", gap)) or \
                        (e2 <= start and re.fullmatch(r"\s*(?:上|方面|类|品类|类目)?\s*(?:的)?\s*", gap)
                         and self.text[max(0, s2 - 1):s2] == "在"):
                    condition.targets = list(other.values)
                    self.built[other_index] = (s2, e2, replace(other, kind="_absorbed"))
        self.built = [item for item in self.built if item[2].kind != "_absorbed"]

    def _activity(self) -> None:
        windows = [t for t in self.tokens if t.kind == "window"]
        for token in self.tokens:
            if token.used:
                continue
            if token.kind == "active":
                if token.data["inactive"] and not windows:
                    self.add([token], Condition("lifecycle", values=["dormant"], words=self.text[token.start:token.end]))
                else:
                    self.add([token], Condition("behavior", action="any", negate=token.data["inactive"],
                                                words=self.text[token.start:token.end]))
            elif token.kind == "registered":
                if windows:
                    self.add([token], Condition("registered", words=self.text[token.start:token.end]))
                elif token.data.get("new"):
                    self.add([token], Condition("lifecycle", values=["new"], words=self.text[token.start:token.end]))
                else:
                    token.used = True  # every user is registered: nothing to filter

    # -- time windows --

    def _windows(self) -> None:
        windows = [t for t in self.tokens if t.kind == "window"]
        timed = [(s, e, c) for s, e, c in self.built if c.kind in TIMED_KINDS]
        metric = self._first("metric") or self._first("rank_by") or self._spend_asked()
        if metric is not None and metric.data.get("metric") != "age" and len(windows) == 1:
            metric.data["window"] = windows[0].data["window"]   # "近30天的客单价": orders in the window
            windows[0].used = True
        if len(windows) == 1 and len(timed) > 1:
            # "big spenders who haven't ordered in 3 months": a big-spender word is who they are (all
            # their spend); the window times the deed said with it
            timed = [b for b in timed if not _spend_status(b[2])] or timed
        if len(windows) == 1 and len(timed) > 1:
            # "充值过但两个月没来", "topped up but hasn't come in for 2 months": a window after a contrast times
            # the deeds after it, not the one before
            timed = [b for b in timed if not self._contrast_between(b[1], windows[0].start)] or timed
        if len(windows) == 1 and len(timed) > 1:
            # "of the people who signed up in Feb 2026, how many have ordered", "2025年注册的用户里有多少下过单": a
            # window said right beside the registration is when they registered, not when they did the rest
            joined = [b for b in timed if b[2].kind == "registered" and self._beside(windows[0], b)]
            timed = joined or timed
        if len(windows) == 1 and timed:
            timed = _registration_apart(timed, self.built, windows[0])
        if len(windows) == 1 and timed:
            ever = self._never_negated()
            if any(id(c) not in ever for _, _, c in timed):
                # "加购过但从来没买过", "carted this month but never purchased": never is at no time
                timed = [b for b in timed if id(b[2]) not in ever]
            for _, _, condition in timed:
                condition.window = windows[0].data["window"]
                condition.words += " " + self.text[windows[0].start:windows[0].end].strip()
            windows[0].used = True
        else:
            for window in windows:
                free = [(s, e, c) for s, e, c in timed if c.window is None]
                if not free:
                    break
                s, e, condition = min(free, key=lambda b: min(abs(window.start - b[1]), abs(b[0] - window.end)))
                condition.window = window.data["window"]
                condition.words += " " + self.text[window.start:window.end].strip()
                window.used = True
        for window in windows:
            if not window.used:
                self._new_users_in(window)
        for window in windows:
            if not window.used:
                self._stage_entered_in(window)
        for window in windows:
            if not window.used and self.complaint_window is None and any(
                    t.kind == "output" and t.data.get("group_by") in WINDOWED_GROUPS for t in self.tokens):
                self.complaint_window = window.data["window"]   # "top complaints this month": when they complained
                window.used = True
        for window in windows:
            stage = self._undated_stage()
            if not window.used and stage:
                words = self.text[window.start:window.end].strip()
                self.problems.append((f"“{words}”：只知道用户何时进入流失预警、沉睡期或新用户阶段，"
                                      f"不知道何时进入{lifecycle_name(stage, 'zh')}",
                                      f"window:'{words}': when users entered a stage is known for churn risk, "
                                      f"dormant and new only, not for {lifecycle_name(stage, 'en')}"))
                window.used = True
        for window in windows:
            if not window.used:
                words = self.text[window.start:window.end].strip()
                self.problems.append((f"“{words}”：看不出这个时间范围指的是哪个条件（购买、搜索、评价……）",
                                      f"window:'{words}': I could not tell what it applies to (orders, searches, "
                                      "reviews ...)"))
        for _, _, condition in self.built:
            if condition.kind == "behavior" and condition.action == "any" and condition.window is None:
                condition.window = Window.days(30)   # "active users" = active in the last 30 days
            if condition.kind == "registered" and condition.window is None:
                condition.window = Window.days(30)

    def _beside(self, window: Token, built: tuple[int, int, Condition]) -> bool:
        """Is ``window`` said right before or after the condition at ``built`` (only 的, in, on … between)?"""
        start, end = built[0], built[1]
        gap = self.text[end:window.start] if window.start >= end else self.text[window.end:start]
        return bool(_WINDOW_GLUE.fullmatch(gap))

    def _high_spend_defined(self) -> None:
        """'whales (spent more than 5000)', '高消费用户（消费超过1万）': an amount said with a big-spender
        word is what the word means here, so the word's own line is dropped."""
        said = [c for _, _, c in self.built if c.kind == "spend" and not c.negate and c.window is None
                and not spend_standing(c)]
        if said:
            self.built = [b for b in self.built if not _spend_status(b[2])]

    def _never_negated(self) -> set[int]:
        """The ids of the conditions after a 'never / 从来没 / 从未': they take no window said for others."""
        return {id(target) for t in self.tokens if t.kind == "neg" and _squash(self.text[t.start:t.end]) in _NEVER
                and (target := self._next_condition(t)) is not None}

    def _new_users_in(self, window: Token) -> None:
        """'new users this month' = registered this month (a window on the 'new' stage)."""
        for index, (start, end, condition) in enumerate(self.built):
            if condition.kind == "lifecycle" and condition.values == ["new"] and not condition.negate:
                words = condition.words + " " + self.text[window.start:window.end].strip()
                self.built[index] = (start, end, Condition("registered", window=window.data["window"], words=words))
                window.used = True
                return

    def _registration_says_new(self) -> None:
        """'注册不到两个月的新用户', 'new users who signed up in the last 30 days': the registration window
        is what "new" means here; the 'new' stage (known for at most 30 days) on top would narrow it."""
        if any(c.kind == "registered" and c.window is not None and not c.negate for _, _, c in self.built):
            self.built = [b for b in self.built if not (b[2].kind == "lifecycle" and b[2].values == ["new"]
                                                        and not b[2].negate)]

    def _past_buyers(self) -> None:
        """'老客户', 'existing customers': users who have ordered, at any time. Bound after the windows,
        which belong to what else the question says ("过去30天没下过单的老客户")."""
        for token in self.tokens:
            if token.kind == "buyer" and not token.used:
                self.add([token], Condition("behavior", action="order", words=self.text[token.start:token.end]))

    def _lapsed(self) -> None:
        """'haven't bought in a while', '好久没下单': no order in the window, but ordered before it (else
        "in a while" would say nothing about them): the ever-ordered condition is added."""
        lapsed = [t.data["window"] for t in self.tokens if t.kind == "window" and t.data.get("lapsed")]
        for _, _, condition in list(self.built):
            if condition.kind == "behavior" and condition.negate and any(condition.window is w for w in lapsed):
                self.built.append((0, 0, Condition("behavior", action=condition.action, targets=list(condition.targets),
                                                   words=condition.words)))
                # "regulars who haven't come back in a while", "好久没来的老用户": customers who came before, which
                # the order before says; the mature stage would leave out the very ones who stopped coming
                self.built = [b for b in self.built if not (b[2].kind == "lifecycle" and not b[2].negate
                                                            and b[2].words.lower() in lx.REGULARS)]

    def _lapsed_buyers_of(self) -> None:
        """"who hasn't bought formula in the last 30 days", "30天内没买过纸尿裤的": the buyers of that thing who
        have not bought it again in the window (a repurchase question), not everyone else besides; the answer
        lists both conditions. A deed denied at any time ("从来没买过") or of nothing named stays as said."""
        never = self._never_negated()
        for start, end, c in list(self.built):
            named = c.kind == "product" or (c.kind == "brand" and c.action == "order") or \
                (c.kind == "behavior" and c.action == "order" and c.targets)
            if named and c.negate and c.window is not None and id(c) not in never and c.min_count <= 1 \
                    and c.max_count is None and not self._bought_positively(c):
                self.built.append((start, end, replace(c, negate=False, window=None)))

    def _bought_positively(self, c: Condition) -> bool:
        """Does the question already ask for a purchase of the same thing, not denied?"""
        return any(o is not c and not o.negate and o.kind == c.kind and o.values == c.values and
                   o.targets == c.targets for _, _, o in self.built)

    def _stage_entered_in(self, window: Token) -> None:
        """'churners this month', '近30天流失的用户': in that stage now, and entered it within the window
        (stages.py says how the entry is dated). Only a window nothing else takes comes here."""
        for _, _, condition in self.built:
            if condition.kind == "lifecycle" and not condition.negate and condition.window is None \
                    and set(condition.values) <= set(DATED_STAGES):
                condition.window = window.data["window"]
                condition.words += " " + self.text[window.start:window.end].strip()
                window.used = True
                return

    def _undated_stage(self) -> str:
        """The stage of a lifecycle condition whose entry has no date (growing, mature), or ''."""
        return next((stage for _, _, c in self.built if c.kind == "lifecycle" for stage in c.values
                     if stage not in DATED_STAGES), "")

    # -- negation --

    def _negations(self) -> None:
        for token in self.tokens:
            if token.kind == "neg":
                target = self._next_condition(token)
                if target is None:
                    if not token.used:
                        words = self.text[token.start:token.end].strip()
                        self.problems.append((f"“{words}”：看不出否定的是哪个条件",
                                              f"'{words}': I could not tell what it negates"))
                    token.used = True
                    continue
                target.negate = not target.negate
                token.used = True
            elif token.kind == "neg_after":   # "北京和上海以外", "对户外和露营没兴趣": the list before it
                before = sorted([b for b in self.built if b[1] <= token.start], key=lambda b: b[1])
                if token.data.get("liking") and (not before or before[-1][2].kind != "interest"):
                    words = self.text[token.start:token.end].strip()
                    self.problems.append((f"“{words}”：看不出是对什么没兴趣", f"'{words}': I could not tell which interest it denies"))
                elif before and not self._negated_by_prefix(before[-1][0]):
                    chain = [before[-1]]
                    for item in reversed(before[:-1]):
                        if item[2].kind == chain[-1][2].kind and _CONNECT_GLUE.match(self.text[item[1]:chain[-1][0]]):
                            chain.append(item)
                        else:
                            break
                    for _, _, condition in chain:
                        condition.negate = True
                token.used = True

    def _contrast_between(self, end: int, start: int) -> bool:
        """A contrasting word (但, but) between a condition that ends at ``end`` and a window at ``start``."""
        return end <= start and _CONTRAST_BEFORE.search(self.text[end:start]) is not None

    def _no_order_after(self) -> None:
        """"added to cart but didn't buy", "收藏了但没下单", "近7天加购但没买": no order after the cart,
        favorite or view (an earlier customer abandoning a cart is the common case), not no order ever;
        "never bought" (从没, never) stays no order at all. "预约过但没到店", "booked but never came in":
        likewise no visit after the booking (a regular has visited before, so "never visited" would be
        almost no one)."""
        never = self._never_negated()
        ordered = sorted(self.built, key=lambda b: b[0])
        for (_, event_end, event), (start, end, then) in zip(ordered, ordered[1:]):
            follows = _FOLLOWS.get(event.action or "") if event.kind == "behavior" and not event.negate else None
            if follows == "checkin" and then.kind == "behavior" and then.words.split()[:1] in _COME:
                then.action = "checkin"   # 预约了但没来: coming in after a booking is the visit, not an order
            if follows and then.kind == "behavior" and then.action == follows and then.negate \
                    and id(then) not in never and then.min_count == 1 and then.max_count is None \
                    and then.window in (None, event.window) and set(then.targets) <= set(event.targets) \
                    and _CONTINUES.search(self.text[event_end:start]):
                event.unbought = follows == "order"
                event.unvisited = follows == "checkin"
                event.words += " " + then.words
                self.built = [b for b in self.built if b[2] is not then]

    def _no_return_in_window(self) -> None:
        """"最近90天没回购的高价值客户", "didn't order again this month": a customer who had bought
        before and placed no order in the window (any order in it would have been a return); without a
        window, no repeat order at all stays at most one order ever."""
        for start, end, condition in list(self.built):
            if condition.kind == "behavior" and condition.negate and condition.min_count == 2 and condition.window:
                condition.min_count = 1
                self.built.append((start, end, Condition("behavior", action=condition.action,
                                                         targets=condition.targets, words=condition.words)))

    def _next_condition(self, neg: Token) -> Condition | None:
        after = [(s, e, c) for s, e, c in self.built if s >= neg.end]
        if not after:
            return None
        start, _, condition = min(after, key=lambda b: b[0])
        gap = self.text[neg.end:start]
        cleaned = gap
        for token in self.tokens:
            if neg.end <= token.start and token.end <= start and token.kind in ("window", "count", "neg", "filler"):
                cleaned = cleaned.replace(self.text[token.start:token.end], " ")
        glue = _NEG_LIKING_GLUE if condition.kind in ("interest", "aspect") else _NEG_GLUE   # 没有对价格不满的
        return condition if glue.match(cleaned) else None

    def _negated_by_prefix(self, start: int) -> bool:
        return any(t.kind == "neg" and t.end <= start and self.text[t.start:t.end] in ("除了", "除去", "except",
                                                                                        "except for", "apart from")
                   for t in self.tokens)

    # -- or / same-field lists --

    def _connect(self, built: list[tuple[int, int, Condition]]) -> list[Clause]:
        clauses: list[Clause] = []
        previous_end = None
        for start, end, condition in built:
            if not clauses:
                clauses.append(condition)
                previous_end = end
                continue
            gap_tokens = [t for t in self.tokens if previous_end <= t.start and t.end <= start]
            is_or = any(t.kind == "or" for t in gap_tokens)
            gap = self.text[previous_end:start]
            last = clauses[-1]
            joined = _CONNECT_GLUE.match(_strip_tokens(gap, gap_tokens, previous_end, ("or",)))
            if isinstance(last, Condition) and _same_field(last, condition) and joined and (
                    is_or or last.kind in SINGLE_VALUED or _compound_name(last, condition, gap)):
                last.values = list(dict.fromkeys([*last.values, *condition.values]))
                last.words += " / " + condition.words
                for token in gap_tokens:
                    token.used = True
            elif is_or:
                for token in gap_tokens:
                    if token.kind == "or":
                        token.used = True
                items = last.items if isinstance(last, Group) else [last]
                clauses[-1] = Group(items=[*items, condition])
            else:
                clauses.append(condition)
            previous_end = end
        return clauses

    # -- what to show --

    def _output(self) -> dict:
        output: dict = {}
        rank = self._rank()
        if rank:
            return rank
        if any(t.kind == "polarity" and t.used and t.data.get("opinion") for t in self.tokens) and \
                not any(t.kind in ("metric", "ratio") or (t.kind == "output" and t.data["output"] != "list")
                        for t in self.tokens):
            output = {"output": "list", "columns": ["opinion"]}   # "他们对价格评价怎么样": what each said
        metric, ratio = self._first("metric"), self._first("ratio")
        spend = self._spend_asked()
        if metric is None and spend is not None:
            average = any(t.kind == "filler" and t.data.get("average") for t in self.tokens)
            metric = spend
            metric.data = {**metric.data, "metric": "spend", "agg": "avg" if average else "sum"}
        if metric is not None or ratio is not None:
            return self._measure(metric, ratio)
        for token in self.tokens:
            if token.kind == "output":
                token.used = True
                if token.data["output"] == "overview":   # "what do our users look like overall"
                    output = {"output": "overview"}
                elif output.get("output") == "overview":
                    continue
                elif token.data["output"] == "breakdown":
                    output.update(output="breakdown", group_by=token.data["group_by"])
                    top = token.data.get("top") or self._groups_top()
                    if top:
                        output["top"] = top
                elif token.data["output"] == "list":   # "with their member level": a column of the list
                    if output.get("output") in (None, "count", "list"):
                        output["output"] = "list"
                        output["columns"] = [*output.get("columns", []), *token.data["columns"]]
                elif output.get("output") != "breakdown":
                    output["output"] = "count"
            elif token.kind in ("sort", "narrow", "replace", "reference", "filler", "or"):
                token.used = True
        return output

    def _figure_kinds(self, output: dict) -> None:
        """"纸尿裤的客单价", "母婴品类的销售额", "diaper sales", "在纸尿裤上的消费总额", "飞鹤的销售额": an interest (or a
        brand) said as the kind of product a figure over orders is about is its orders (bought it: order_scope.py counts
        only those orders), not the users interested in it ("母婴用户的客单价", "sales of baby customers")."""
        metric = output.get("metric")
        # a ranking's kind is bought in parse._spent_on ("top spenders on pet food": the data's pet food products)
        if output.get("output") != "aggregate" or metric is None or metric.name == "age":
            return
        figures = [t for t in self.tokens if t.kind in ("metric", "rank_by", "spend_word")]
        for index, (start, end, condition) in enumerate(self.built):   # "飞鹤的销售额": that brand's orders
            if condition.kind == "brand" and condition.action == "any" and self._goods(start, end, condition) and \
                    any(self._kind_of_figure(start, end, figure) for figure in figures):
                self.built[index] = (start, end, replace(condition, action="order"))
        kinds = [index for index, (start, end, condition) in enumerate(self.built)
                 if condition.kind in ("interest", "product") and self._goods(start, end, condition)
                 and any(self._kind_of_figure(start, end, f) for f in figures)]
        chains = {tuple(self._joined_kinds(index)) for index in kinds}
        # a data word alone stays its products ("seafood sales"); joined to others it is one kind compared
        # ("乳制品和海鲜的销售额": the category seafood beside the Dairy interest)
        chains = {chain for chain in chains if len(chain) > 1 or self.built[chain[0]][2].kind == "interest"}
        # from the last, so that merging one chain leaves the places of those before it as they are
        for chain in sorted(chains, reverse=True):
            items = [self.built[index] for index in chain]
            targets = list(dict.fromkeys(v for _, _, condition in items for v in condition.values))
            if len(targets) == len(items):   # "手机和平板的销售额": the orders of either kind, one condition
                merged = Condition("behavior", action="order", targets=targets,
                                   words=" / ".join(condition.words for _, _, condition in items))
                self.built[chain[0]] = (items[0][0], items[-1][1], merged)
                self.built = [item for index, item in enumerate(self.built) if index not in chain[1:]]
            else:   # "sneakers and boots" both Shoes: said apart (parse refuses comparing one with itself)
                for index, (start, end, condition) in zip(chain, items):
                    self.built[index] = (start, end, Condition("behavior", action="order",
                                                               targets=list(condition.values), words=condition.words))

    def _joined_kinds(self, index: int) -> list[int]:
        """"手机和平板的销售额", "compare sales of phones and tablets": the kinds joined to the one said with the
        figure (by 和 / and / vs …) are kinds of it too; their places in ``built``, in order."""
        chain = [index]
        for step in (-1, 1):
            near = index + step
            while 0 <= near < len(self.built) and self._goods(*self.built[near]) and _COMPARED_JOINT.fullmatch(
                    self.text[min(self.built[near - step][1], self.built[near][1]):
                              max(self.built[near - step][0], self.built[near][0])]):
                chain.append(near)
                near += step
        return sorted(chain)

    def _goods(self, start: int, end: int, condition: Condition) -> bool:
        """May an interest or brand said here be goods (not "户外爱好者", "runners", "喜欢露营的": people)?"""
        return not condition.negate and not _POPULATION.match(self.text, end) and \
            not _PEOPLE_AFTER.match(self.text, end) and not _LIKED.search(self.text[:start]) and \
            not _PEOPLE_WORD.search(condition.words.lower())

    def _kind_of_figure(self, start: int, end: int, figure: Token) -> bool:
        """Is the interest at ``start:end`` the kind a figure is about: right before it ("纸尿裤的客单价",
        "母婴品类本季度的销售额", "diaper sales") or right after it ("sales of diapers", "spenders on diapers")?"""
        if figure.start >= end:
            gap = _strip_tokens(self.text[end:figure.start], self.tokens, end, ("window",))
            return bool(_KIND_BEFORE_FIGURE.fullmatch(gap))
        gap = _strip_tokens(self.text[figure.end:start], self.tokens, figure.end, ("window",))
        if figure.end <= start and not gap.strip() and _SOLD_ZH.search(self.text[figure.start:figure.end]):
            return True   # "卖出了多少台手机": what was sold follows the count
        return figure.end <= start and bool(_FIGURE_OF_KIND.fullmatch(gap))

    def _spend_asked(self) -> Token | None:
        """"how much did they spend (this month)", "消费金额最高的会员等级": the spend word when the
        question asks for their spend (summed or averaged), or None."""
        amount, spend = self._first("amount_q"), self._first("spend_word")
        grouped = any(t.kind == "output" and t.data["output"] == "breakdown" for t in self.tokens)
        return spend if spend is not None and (amount is not None or grouped) else None

    def _rank(self) -> dict:
        """Single users ranked by a figure: "消费最高的前10个用户", "top 10 users by total spend"."""
        by = self._first("rank_by")
        breakdowns = [t for t in self.tokens if t.kind == "output" and t.data["output"] == "breakdown"]
        if by is not None and (by.data["metric"], by.data["agg"]) == ("order_value", "max"):
            for bought in [t for t in breakdowns if t.data["group_by"] == "bought_interest"]:
                bought.used = True   # "最贵的一笔订单…买的什么": the ranking shows what each order was
                breakdowns.remove(bought)
        tops = [t for t in self.tokens if t.kind == "rank_top"]
        orders = [t for t in self.tokens if t.kind == "rank_dir"]
        if by is None and (tops or orders) and self.rank_metric is not None and not breakdowns:
            # "前5名", "从低到高" after a ranking: the same figure again
            metric, said = self.rank_metric, (tops or orders)[0]
            by = Token(said.start, said.start, "rank_by", {"metric": metric.name, "agg": metric.agg,
                                                           "window": metric.window, "ascending": self.rank_ascending})
        # "每个城市消费最高的用户", "top spender per city": the top users within each group
        each = breakdowns[0] if len(breakdowns) == 1 and breakdowns[0].data.get("each") \
            and not breakdowns[0].data.get("top") else None
        figure = self._first("metric")
        if by is None and tops and not breakdowns and figure is not None and _adds_up(figure.data) \
                and self.rank_metric is None and _RANKED_PEOPLE.match(self.text, tops[0].end):
            # "前10%的用户贡献了多少销售额", "the top 10 customers' share of orders": ranked by the figure asked
            by = Token(tops[0].start, tops[0].start, "rank_by", {"metric": figure.data["metric"], "agg": "sum",
                                                                 "window": figure.data.get("window")})
        if by is not None and not breakdowns and (figure or self._first("ratio")):
            return self._ranked_figure(by, tops, figure)   # "消费最高的用户的客单价": the top 10, said
        if by is None or (breakdowns and each is None) or figure or self._first("ratio"):
            if by is not None:   # "top 5 cities by total spend": the figure of each group, not a user ranking
                by.kind, by.data = "metric", {"metric": by.data["metric"], "agg": by.data["agg"],
                                              **({"window": by.data["window"]} if by.data.get("window") else {})}
            return {}
        default = DEFAULT_GROUP_RANK_TOP if each is not None or _RANK_ONE.search(self.text) else DEFAULT_RANK_TOP
        said = [t.data["top"] for t in (by, *tops) if "top" in t.data]
        if said and said[0] < 1:   # "top 0 spenders": nobody to rank, said rather than the default 10
            self.problems.append(("排名至少要有1位用户（“前0名”里没有人），例如“消费最高的前10个用户”",
                                  "a ranking needs at least 1 user ('top 0' is nobody), e.g. 'top 10 spenders'"))
        top = said[0] if said and said[0] >= 1 else default
        if any(t.data.get("percent") for t in (by, *tops)):
            words = self.text[(tops or [by])[0].start:(tops or [by])[0].end].strip()
            self.problems.append((f"“{words}%”：按百分比取排名靠前的用户，只能算他们占总销售额或订单的比例"
                                  "（例如“消费最高的前10%用户贡献了多少销售额”），请说人数，例如“消费最高的前20个用户”",
                                  f"'{words}%': a top percent of users can be asked for its share of sales or orders "
                                  "('how much revenue do the top 10% of spenders bring in'); to list them, say how "
                                  "many, e.g. 'top 20 spenders'"))
        for token in self.tokens:
            if token.kind in ("rank_by", "rank_top", "rank_dir", "sort", "narrow", "replace", "reference", "filler",
                              "or", "spend_word", "amount_q") or token is each:
                token.used = True
        output = {"output": "rank", "top": top,
                  "metric": Metric(by.data["metric"], by.data["agg"], by.data.get("window"))}
        # the last word on the order wins: "lowest spenders" / "消费最高的…从低到高"
        ascending = [t.data["ascending"] for t in sorted((by, *tops, *orders), key=lambda t: t.start)
                     if "ascending" in t.data]
        if ascending and ascending[-1]:
            output["ascending"] = True
        if each is not None:
            if each.data["group_by"] not in RANK_GROUPS:
                words = self.text[each.start:each.end].strip()
                self.problems.append((f"“{words}”：一个用户可以属于多个这样的分组，不能在每组里排名",
                                      f"'{words}': a user can be in several of these groups, so I cannot rank "
                                      "users within each"))
            output["group_by"] = each.data["group_by"]
        return output

    def _ranked_figure(self, by: Token, tops: list[Token], figure: Token | None) -> dict:
        """"how much of total revenue comes from the top 10 spenders", "消费最高的10个用户的客单价": a figure of
        the users a ranking lists, never of everyone with the ranking dropped. A total (sales, orders) is
        given with the whole it is part of (a ratio of that figure); an average is theirs (an aggregate).
        The ranked users become the audience once the conditions are joined (build)."""
        ratio = self._first("ratio")
        said = [t.data["top"] for t in (by, *tops) if "top" in t.data] or [DEFAULT_RANK_TOP]
        ranking = {"output": "rank", "top": max(1, said[0]),
                   "metric": Metric(by.data["metric"], by.data["agg"], by.data.get("window"))}
        if any(t.data.get("percent") for t in (by, *tops)):
            ranking["top_percent"] = True
        if by.data.get("ascending"):
            ranking["ascending"] = True
        for token in self.tokens:
            if token.kind in ("rank_by", "rank_top", "rank_dir", "sort", "filler", "or", "spend_word", "amount_q",
                              "metric", "ratio", "narrow", "reference"):
                token.used = True
        if self.lang == "zh":   # "…的销售额占总销售额的比例": 占 says of the whole, which the share is of anyway
            for whole in re.finditer(lx.BASE_AFTER_ZH, self._free_text()):
                self._mark(whole.start(), whole.end())
        data = figure.data if figure is not None else {"metric": "spend", "agg": "sum"}
        if _adds_up(data):
            measured = {"output": "ratio", "metric": Metric(data["metric"], "sum", data.get("window"))}
        elif ratio is None and data["agg"] == "avg":
            measured = {"output": "aggregate", "metric": Metric(data["metric"], "avg", data.get("window"))}
        else:
            words = self.text[figure.start:figure.end].strip()
            self.problems.append((f"“{words}”：只能算排名里这些用户的合计占全部的比例（销售额、订单数）或他们的平均值",
                                  f"'{words}': of the users a ranking lists I can give a total's share of the "
                                  "whole (sales, orders) or their average"))
            return {}
        return {**measured, "ranked": ranking}

    def _measure(self, metric: Token | None, ratio: Token | None) -> dict:
        """An aggregate or a ratio; 'how many' words then only ask for its number ("平均客单价是多少")."""
        for token in self.tokens:
            if token.kind in ("narrow", "replace", "reference", "filler", "or", "metric", "ratio", "amount_q",
                              "spend_word") or (token.kind == "output" and token.data["output"] == "count"):
                token.used = True
        breakdowns = [t for t in self.tokens if t.kind == "output" and t.data["output"] == "breakdown"]
        ranked = [t for t in self.tokens if t.kind == "sort" or (t.kind == "output" and t.data.get("top"))]
        if metric is not None and ranked and not breakdowns:
            words = self.text[ranked[0].start:ranked[0].end].strip()
            self.problems.append((f"“{words}”：还不能按统计值给分组排名（例如“人均消费最高的城市”），可以分别问各个人群的数值",
                                  f"'{words}': ranking groups by a figure (e.g. 'the city with the highest average "
                                  "spend') is not supported yet; ask for the figure of each audience"))
            for token in ranked:
                token.used = True
            return {}
        for token in self.tokens:
            if token.kind == "sort":
                token.used = True
        group = {}
        if len(breakdowns) == 1:
            breakdowns[0].used = True
            top = breakdowns[0].data.get("top") or self._groups_top()
            group = {"group_by": breakdowns[0].data["group_by"], **({"top": top} if top else {})}
        if metric is not None and group and (metric.data["agg"] == "median" or metric.data["metric"] == "days_since_order"):
            words = self.text[metric.start:metric.end].strip()
            self.problems.append((f"“{words}”：还不能按分组算（中位数、距上次下单的天数只算整体），可以分别问各个人群",
                                  f"'{words}': not per group yet (a median or the days since the latest order is one "
                                  "figure of an audience); ask for each audience"))
            return {}
        if metric is None and group:   # "各城市的用户占比": each group's share of the audience
            return {"output": "breakdown", **group, **({"shares": True} if ratio is not None else {})}
        if metric is not None and ratio is not None and not breakdowns and _adds_up(metric.data):
            # "what share of revenue comes from gold members", "金卡会员的销售额占比": the part's share of the figure
            return {"output": "ratio", "metric": Metric(metric.data["metric"], "sum", metric.data.get("window"))}
        kinds = [t for t in (metric, ratio) if t is not None] + (breakdowns if not group else [])
        if len(kinds) > 1:
            words = [self.text[t.start:t.end].strip() for t in kinds]
            self.problems.append(("“" + "”和“".join(words) + "”：一次只能回答一种统计（平均/合计、占比或分布），请分开问",
                                  "'" + "' and '".join(words) + "': I can answer one kind of figure at a time "
                                  "(an average or total, a share, or a breakdown); ask them one by one"))
            for token in kinds:
                token.used = True
            return {}
        if ratio is not None:
            return {"output": "ratio"}
        if (metric.data["metric"], metric.data["agg"]) == ("age", "sum"):
            words = self.text[metric.start:metric.end].strip()
            self.problems.append((f"“{words}”：年龄只能求平均，不能求和", f"'{words}': age can be averaged, not added up"))
            return {}
        if group.get("group_by") == "complaint_aspect":
            self.problems.append(("还不能按不满的方面统计数值，可以先问“对某方面不满的用户”的数值",
                                  "a figure per complaint topic is not supported; ask for the figure of the users "
                                  "negative about one topic"))
            return {}
        return {"output": "aggregate", "metric": Metric(metric.data["metric"], metric.data["agg"],
                                                        metric.data.get("window")), **group}

    def _groups_top(self) -> int | None:
        """A number said apart from the group word ("前三名消费最多的城市", "the 3 cities with the most
        churn risk users"): with groups and no user ranking, it is how many groups to show."""
        tops = [t for t in self.tokens if t.kind == "rank_top" and t.data.get("top", 0) >= 1]
        for token in tops:
            token.used = True
        return tops[0].data["top"] if tops else None

    # -- the base of a ratio --

    def _modifier_base(self, ratio: Token) -> tuple[int, int] | None:
        """"喜欢数码产品的男生比例", "上海的女性用户占比": the share of the head (男生) among those the words
        before 的 describe (digital fans), as in "班里的男生比例"; None when no 的 parts the conditions."""
        before = sorted((item for item in self.built if item[1] <= ratio.start), key=lambda item: item[0])
        if len(before) < 2 or not _HEAD_GLUE.fullmatch(self.text[before[-1][1]:ratio.start]):
            return None
        for previous, head in zip(reversed(before[:-1]), reversed(before[1:])):
            if self.text[previous[1]:head[0]].strip() == "的":
                return 0, head[0]
        return None

    def _base_span(self) -> tuple[int, int] | None:
        """Where the base audience of a ratio is written (start, end), or None for every user.

        Chinese: after 占 ("女性占高端用户的比例"), before 里/中/当中 that follows a condition ("男性用户里…";
        from 在 when the part comes first: "女性在高端用户中的占比"), or before the ratio words when
        conditions follow them ("高端用户有百分之多少在上海"). English: after "among" /
        "out of" up to a comma, the ratio words or a verb; else between "what share of" and the last
        are/is/have ("what share of women in Shanghai are gold members"), or the first who/with, or
        the first deed (what share of gold members complained about delivery)."""
        ratio = self._first("ratio")
        free = self._free_text()
        if self.lang == "zh":
            after = re.search(lx.BASE_AFTER_ZH, free)
            if after:
                self._mark(after.start(), after.end())   # "女性占多大比例": 占 alone just asks for the share
                if any(item[0] >= after.end() for item in self.built):
                    return after.end(), len(self.text)
            for marker in re.finditer(lx.BASE_BEFORE_ZH, free):
                before = [item for item in self.built if item[1] <= marker.start()]
                if not before or self.text[max(item[1] for item in before):marker.start()].strip(" 的"):
                    continue   # not right after a condition: "里" of something else
                self._mark(marker.start(), marker.end())
                start = free.rfind("在", 0, marker.start())
                if start > 0 and any(item[1] <= start for item in self.built):
                    self._mark(start, start + 1)
                    return start, marker.start()
                return 0, marker.start()
            # "高端用户有百分之多少在上海": what comes before the ratio words is the base
            if any(item[1] <= ratio.start for item in self.built) and any(item[0] >= ratio.end for item in self.built):
                return 0, ratio.start
            return self._modifier_base(ratio)
        among = re.search(lx.BASE_AMONG_EN, free)
        if among:
            stops = [among.end() + m.start() for m in re.finditer(r",|" + lx.BASE_COPULA_EN, free[among.end():])]
            if ratio.start > among.end():
                stops.append(ratio.start)
            span = among.end(), min(stops, default=len(self.text))
            if not any(span[0] <= item[0] < span[1] for item in self.built):
                return None   # "among them": the base is the previous audience (a follow-up)
            self._mark(among.start(), among.end())
            return span
        copulas = [m for m in re.finditer(lx.BASE_COPULA_EN, free) if m.start() >= ratio.end]
        relative = [m for m in re.finditer(lx.BASE_RELATIVE_EN, free) if m.start() >= ratio.end]
        split = copulas[-1] if copulas else (relative[0] if relative else None)
        if split is not None:
            return ratio.end, split.start()
        # "what share of gold members complained about delivery": the base ends where a deed begins
        after = [item for item in self.built if item[0] >= ratio.end]
        deeds = [item for item in after[1:] if item[2].kind in ("behavior", "aspect", "emotion", "intent")]
        return (ratio.end, deeds[0][0]) if deeds else None

    def _free_text(self) -> str:
        """The text with every token blanked, except narrowing words (里面, 当中) that may mark a base."""
        chars = list(self.text)
        for token in self.tokens:
            if token.kind != "narrow":
                chars[token.start:token.end] = " " * (token.end - token.start)
        return "".join(chars)

    def _mark(self, start: int, end: int) -> None:
        """A base marker is understood: it is no follow-up word, and no leftover."""
        for token in self.tokens:
            if token.kind == "narrow" and token.start < end and start < token.end:
                token.kind = "base_mark"
                token.used = True
        self.tokens.append(Token(start, end, "base_mark", {}, 9, used=True))
        self.tokens.sort(key=lambda t: t.start)

    def _leftover_tokens(self) -> None:
        for token in self.tokens:
            if token.used or token.kind == "window":  # a free window may still apply to the previous audience
                continue
            words = self.text[token.start:token.end].strip()
            if token.kind == "count":
                self.problems.append((f"“{words}”：看不出是做了什么这么多次（购买、浏览、搜索……）",
                                      f"'{words}': I could not tell what was done that many times "
                                      "(bought, viewed, searched ...)"))
            elif token.kind == "quoted":
                self.problems.append((f"“{words}”：看不出引号里的词是什么（搜索词？可以说“搜索过‘…’”）",
                                      f"'{words}': I could not tell what the quoted words are "
                                      "(a search query? say 'searched for \"…\"')"))
            elif token.kind in ("amount_q", "spend_word"):
                self.problems.append((f"“{words}”：请说明要算哪个数，例如“平均客单价”“人均消费”“消费总额”",
                                      f"'{words}': say which figure, e.g. 'average order value', 'average spend per "
                                      "user', 'total spend'"))
            elif token.kind == "breakdown_lead":
                if any(t.kind == "output" and t.data["output"] == "breakdown" for t in self.tokens):
                    token.used = True
                    continue
                self.problems.append((f"“{words}”：请说明按什么分布，例如“按城市”",
                                      f"'{words}': say by what, e.g. 'by city'"))
            elif token.kind == "rank_dir":
                if not token.data["ascending"] and any(t.kind == "output" and t.data["output"] == "breakdown"
                                                       for t in self.tokens):
                    token.used = True   # "按城市从高到低": groups come largest first anyway
                    continue
                self.problems.append((f"“{words}”：看不出按什么排序（消费金额、下单次数、客单价、最近下单时间），"
                                      "例如“按消费金额从高到低排列”",
                                      f"'{words}': I could not tell what to sort by (total spend, number of orders, "
                                      "average order value, latest order), e.g. 'top 10 by spend, lowest first'"))
            elif token.kind == "rank_top":
                self.problems.append((f"“{words}”：看不出按什么排名（消费金额、下单次数、客单价）",
                                      f"'{words}': I could not tell what to rank by (total spend, number of orders, "
                                      "average order value)"))
            elif token.kind == "bound":
                self.problems.append((f"“{words}”：看不出是什么的范围（年龄、累计消费、客单价……）",
                                      f"'{words}': I could not tell what this bound is for (age, total spend, "
                                      "average order value ...)"))
            elif token.kind == "intent_suffix":
                self.problems.append((f"“{words}”：看不出是什么意向（想买、想退货、比价……）",
                                      f"'{words}': I could not tell which intent (want to buy, refund, compare ...)"))
            token.used = True


# "前10%的用户", "the top 10% of customers", "top 10 buyers": the ranked are people ("revenue by category top 5" is not)
_RANKED_PEOPLE = re.compile(r"[\s%％]*(?:of\s+(?:our\s+|all\s+|the\s+)?)?(?:的|个|位|名)?\s*(?:" + lx.POPULATION + ")")
_WINDOW_GLUE = re.compile(r"\s*(?:的|在|于|(?<![a-z])(?:in|on|during|since)(?![a-z]))?\s*")


def _adds_up(data: dict) -> bool:
    """Is a figure a total over orders, which a part of the users holds a share of (sales, number of orders)?"""
    return data["agg"] == "sum" and data["metric"] in ("spend", "order_value", "order_count")


def _strip_tokens(gap: str, tokens: list[Token], offset: int, kinds) -> str:
    out = gap
    for token in tokens:
        if token.kind in kinds:
            start, end = token.start - offset, token.end - offset
            out = out[:start] + " " * (end - start) + out[end:]
    return out


def _order_like(c: Condition) -> bool:
    """An order or booking of something named: what "only" can say every order of theirs is."""
    if c.kind == "behavior":
        return c.action in ("order", "booking", "purchase") and bool(c.targets or c.text) and not c.negate
    return c.kind in ("product", "store") or (c.kind == "brand" and c.action == "order")


def _review(polarity: Token) -> str | None:
    """'review' for an opinion word that names a review ("差评", "bad reviews"): only reviews count."""
    return "review" if polarity.data.get("review") else None


def _spend_status(condition: Condition) -> bool:
    """A big-spender word with no amount ("big spenders", 消费高): a standing, not a deed with a date."""
    return spend_standing(condition) and not condition.negate


def _compound_name(a: Condition, b: Condition, gap: str) -> bool:
    """美妆护肤, 'beauty/skincare': two interests written as one category name mean either of them."""
    return (a.kind == b.kind == "interest" and not a.negate and not b.negate
            and _one_name(gap, a.values, b.values))


def _one_name(gap: str, first: list[str], second: list[str]) -> bool:
    """Two interests written together (美妆护肤, 'beauty/skincare') name one department of a shop,
    unless one is part of the other (户外露营 is camping, not all outdoor)."""
    if gap.strip() != "/" and gap != "":   # "camping hiking" with a space is two words, not one name
        return False
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return not any(x in taxonomy.ancestors(y) or y in taxonomy.ancestors(x) for x in first for y in second)


def _same_field(a: Condition, b: Condition) -> bool:
    if a.kind != b.kind or a.negate and not b.negate and a.kind not in SINGLE_VALUED:
        return False
    if a.kind not in MERGEABLE or a.field != b.field:   # travel_party and household_size are two fields
        return False
    if a.negate != b.negate:
        # "不在上海和北京": the negation before the first value covers the list
        if a.negate and not b.negate:
            return True
        return False
    return True


def _registration_apart(timed: list, built: list, window: Token) -> list:
    """"of the people who signed up in Feb 2026, how many have ordered", "上个月注册的用户里下过单的", "本月新注册的用户里
    买过东西的": when one joined and what one did are apart; a window belongs to the one it is said with (the
    nearer), the registration or the deeds, not to both. Said with "new" (新注册, a stage) it is left to
    make them the users registered in it (_new_users_in): none of the deeds takes it."""
    joined = [b for b in built if (b[2].kind == "registered" or (b[2].kind == "lifecycle" and b[2].values == ["new"]))
              and not b[2].negate]
    deeds = [b for b in timed if b[2].kind != "registered"]
    if not joined or not deeds:
        return timed
    nearest = min([*joined, *deeds], key=lambda b: min(abs(window.start - b[1]), abs(b[0] - window.end)))
    if nearest not in joined:
        return deeds
    return [b for b in timed if b[2].kind == "registered"]
