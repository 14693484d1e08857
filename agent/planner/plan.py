"""One question -> the tool call an LLM would make (or a clarifying answer), without a model.

:func:`planner_answer` is the planner as a plain function: parse (parse.py), compile (compile.py)
and describe (describe.py). The chat model class (model.py) wraps it for the agent graph; tests
and the verified-examples reuse call it directly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from agent.planner import chat
from agent.planner.compile import compile_spec
from agent.planner.data_words import DataWords
from agent.planner.describe import clause_words, describe, output_words, ratio_words
from agent.planner.parse import NO_COPY_YET, PlanError, Request, parse_question
from agent.planner.question_lang import detect_lang
from agent.planner.shop_facts import ShopFacts
from agent.planner.showcase import Showcase, showcase_examples
from agent.planner.spec import AudienceSpec, Condition
from agent.planner.stages import NEIGHBOURS, neighbour_note
from agent.planner import lexicon as lx

_UNDO_RE = re.compile(lx.UNDO)
_UNDO_THEN_RE = re.compile(lx.UNDO_THEN)


EXAMPLES = {
    "zh": ["喜欢户外运动的25到35岁女性", "近30天对物流不满的金卡会员有多少", "近7天搜索过手机但没有下单的用户",
           "上海的流失风险用户按性别分布"],
    "en": ["women aged 25 to 35 who love outdoor sports", "how many gold members complained about delivery in the "
           "last 30 days", "users who searched for phones in the last 7 days but didn't buy",
           "churn-risk users in Shanghai by gender"],
}


@dataclass
class PlanResult:
    """What the planner decided for one question.

    Attributes:
        kind: 'tool' (call ``tool`` with ``args``), 'clarify' (answer ``message``; ``error`` says why) or
            'reply' (small talk: answer ``message``, no tool and nothing wrong).
        tool: run_sql | get_profile | generate_profile | lookup_tags | write_marketing_copy | save_segment.
        args: The tool's arguments (run_sql: {"sql", "params"}).
        spec: The audience, when there is one (as selected by run_sql, or the one copy/save act on).
        description: The conditions in plain words, in the question's language.
        then: Tool calls to make, in order, after the first one succeeds (copy after selecting).
        error: Why the question could not be planned (clarify only).
        message: The answer for the operator (clarify and reply only).
        unknown: The words that were not understood.
        lang: 'zh' or 'en'.
        purpose: What a run_sql call answers when it is not an audience ({"kind": "explain", ...}: the
            evidence of a user's tags); the final answer is composed for it.
        undo: The call goes back to the audience before the last one ("undo that", "撤销"): the
            conversation's history drops the undone audience (model._history_specs).
        inherited: The question kept the previous audience without saying so ("top 5 cities" after
            an audience): the answer says so first, so a narrowed figure is not read as everyone's.
        opening: A line the answer opens with: after an unanswered question, which audience a
            follow-up went on with (:func:`_after_refusal`).
    """

    kind: str
    tool: str | None = None
    args: dict = field(default_factory=dict)
    spec: AudienceSpec | None = None
    description: str = ""
    then: list[dict] = field(default_factory=list)
    error: str | None = None
    message: str = ""
    unknown: list[str] = field(default_factory=list)
    lang: str = "zh"
    purpose: dict | None = None
    undo: bool = False
    inherited: bool = False
    note: str = ""              # a line the answer adds after the result (a neighbouring lifecycle stage)
    opening: str = ""


def planner_answer(question: str, history_specs: list | dict | None = None,
                   last_copy: dict | None = None, facts: ShopFacts = ShopFacts(),
                   refused: dict | None = None, copy_audience: dict | None = None,
                   last_empty: bool = False) -> PlanResult:
    """Plan one question.

    Args:
        question: The operator's question, Chinese or English.
        history_specs: Earlier audience specifications of the conversation (dicts or AudienceSpec),
            oldest first; the last one is what follow-ups ("of those…", "那男性呢") refer to.
        last_copy: The arguments of the conversation's last write_marketing_copy call, if any:
            "换成正式一点的语气，发邮件" / "give me 5 more" write it again with the change.
        facts: The database's segments, brands, big spenders' line, showcase and data words
            (shop_facts.load_shop_facts); the default: no database, the built-in ones.
        refused: The conversation's previous question, when it was not answered: {"question",
            "error", "understood" (the conditions it did understand, a spec dict, or None)}.
        copy_audience: The audience (a spec dict) the last copy was written for: a change of that copy
            ("加上满300减50", "make it formal") writes for it, even after a data question about others.
        last_empty: The previous answer found no users: a short "who started a trial?" after it asks
            about everyone (the answer says so) instead of narrowing nobody.

    Returns:
        A PlanResult: a tool call with its arguments, or a clarifying message.

    Example:
        >>> plan = planner_answer("上海的女性用户有多少")
        >>> plan.tool, plan.args["params"], plan.description
        ('run_sql', ['上海', 'female'], '城市：上海；女性')
    """
    history = _last_spec(history_specs)
    combined = _combined(question, history_specs)
    if combined is not None:   # "两个城市加起来一共多少": the last two audiences as one
        question, history = combined
    lang = detect_lang(lx.normalize(question))
    if _UNDO_RE.match(lx.normalize(question)):
        return _undo(history_specs, lang, facts.data_words.books_prepayments())
    undo_then = _UNDO_THEN_RE.match(lx.normalize(question))
    undone = undo_then is not None and isinstance(history_specs, list) and len(history_specs) > 1
    if undo_then:   # the change is made to the audience before the last one (when there is only one: to it)
        question = lx.normalize(question)[undo_then.end():]
        history = _last_spec(history_specs[:-1]) if undone else history
    copy_for = _last_spec([copy_audience]) if copy_audience else None
    try:
        request = parse_question(question, history, last_copy, facts, copy_for, last_empty)
    except PlanError as error:
        return clarification(question, error, error.lang or lang, facts.showcase)
    opening = ""
    if refused is not None and request.kind != "chat":
        opening = _after_refusal(question, request, history, refused, request.lang,
                                 lambda audience: parse_question(question, audience, last_copy, facts, copy_for))
        if isinstance(opening, PlanResult):
            return opening
    if request.after_empty:
        opening = "（上一个问题没有找到用户，所以这里查的是所有用户）" if request.lang == "zh" else \
            "(The previous question found no users, so this is about all users.)"
    if request.all_users:
        opening = "（这里查的是所有用户；只看上一个人群，请说“其中谁…”）" if request.lang == "zh" else \
            '(About all users; say "which of them …" to keep to the previous audience.)'
    if request.split_whole:   # "男女比例" after "其中女性": of the audience before that condition, said
        dropped = describe(AudienceSpec(where=request.split_whole, lang=request.lang), request.lang)
        opening = f"（只有“{dropped}”的人拆不出比例，这里拆的是去掉这个条件后的上一个人群）" if request.lang == "zh" else \
            f'(Split without "{dropped}", which would leave one group: the previous audience before it.)'
    plan = _plan_request(request, history, facts.showcase, facts.data_words.books_prepayments())
    if request.unread:   # copy whose own audience words were not understood: for the last audience, said
        words = ("、" if request.lang == "zh" else ", ").join(f"“{w}”" if request.lang == "zh" else f'"{w}"'
                                                               for w in request.unread)
        last = describe(history, request.lang)
        opening = (f"（没能理解 {words}，所以写给上一次找到的人群：{last}；要换人群，请先把这群人问出来）"
                   if request.lang == "zh" else
                   f"(I did not understand {words}, so this is for the last audience I found: {last}; to write "
                   f"for other users, ask for them first.)")
    if request.copy_audience:   # "make it formal" after a question about other users: whose copy it is
        opening = f"（改写上一条文案，仍写给它的人群：{plan.description}）" if plan.lang == "zh" else \
            f"(The last copy, changed, for the audience it was written for: {plan.description}.)"
    plan.opening = opening
    plan.inherited = request.inherited and not opening
    plan.undo = undone
    if request.widened:   # "add men too": the answer says the audience grew, not narrowed
        added = describe(AudienceSpec(where=request.widened, lang=plan.lang), plan.lang)
        plan.description += (f"（在上一个人群的基础上加入了：{added}）" if plan.lang == "zh" else
                             f" (the previous audience, widened to also include: {added})")
    if request.kind == "audience":
        plan.note = _stage_note(plan.spec, facts.data_words, lang)
    if request.broadened:   # "宠物粮" with no pet food in the orders: all Pets orders, said
        plan.description += broadened_words(request.broadened, plan.lang)
    if request.corrected:   # say how a typo was read, so a wrong guess is seen
        read = "，".join(f"“{a}”按“{b}”理解" for a, b in request.corrected.items()) if lang == "zh" else \
            ", ".join(f"'{a}' read as '{b}'" for a, b in request.corrected.items())
        plan.description = f"{plan.description}（{read}）" if lang == "zh" else f"{plan.description} ({read})"
    return plan


def _plan_request(request: Request, history: AudienceSpec | None, showcase: Showcase | None = None,
                  prepaid: bool = False) -> PlanResult:
    lang = request.lang
    if request.kind == "chat":
        examples = showcase_examples(showcase, lang, chat.GUIDE_EXAMPLES[lang])
        return PlanResult("reply", message=chat.reply(request.args["topic"], lang, examples), lang=lang)
    if request.kind in ("profile", "generate_profile", "lookup"):
        tool = {"profile": "get_profile", "generate_profile": "generate_profile", "lookup": "lookup_tags"}[request.kind]
        return PlanResult("tool", tool=tool, args=request.args, lang=lang, spec=history,
                          description=_request_words(request))
    if request.kind == "audience":
        plan = _select(request.spec, lang, prepaid)
        plan.purpose = {"kind": "compare"} if request.compares else None
        return plan
    if request.kind == "explain":
        return _explain(request)
    if request.kind == "said":
        return _said(request)
    if request.kind == "export":
        return PlanResult("reply", message=_export_words(request.args.get("file"), lang), lang=lang)
    audience = request.spec if request.new_audience else history
    args = dict(request.args)
    if request.kind == "save" and not args.get("name"):
        args["name"] = _segment_name(audience)
    call = {"name": "write_marketing_copy" if request.kind == "copy" else "save_segment", "args": args}
    if request.new_audience:
        plan = _select(request.spec, lang, prepaid)
        plan.then = [call]
        return plan
    return PlanResult("tool", tool=call["name"], args=args, spec=audience, lang=lang,
                      description=describe(audience, lang) if audience else "")


def _select(spec: AudienceSpec, lang: str, prepaid: bool = False) -> PlanResult:
    """The statement that answers ``spec``; ``prepaid``: the shop books prepayments, so its money figures
    also say how much of them they are (prepaid.py)."""
    sql, params = compile_spec(spec, prepaid=prepaid)
    if spec.output == "ratio":
        base, part = ratio_words(spec, lang)
        words = f"{base}中“{part}”的占比" if lang == "zh" else f"among {base}: the share matching {part}"
        return PlanResult("tool", tool="run_sql", args={"sql": sql, "params": params}, spec=spec, lang=lang,
                          description=words)
    if spec.output == "counts":   # the parts, each counted
        parts = ("、" if lang == "zh" else "; ").join(clause_words(item, lang) for item in spec.where[-1].items)
        words = f"{parts}（分别计数）" if lang == "zh" else f"{parts} (counted separately)"
        if spec.where[:-1]:
            words = f"{describe(replace(spec, where=spec.where[:-1]), lang)}{'；' if lang == 'zh' else '; '}{words}"
        return PlanResult("tool", tool="run_sql", args={"sql": sql, "params": params}, spec=spec, lang=lang,
                          description=words)
    words = describe(spec, lang)
    extra = output_words(spec, lang)
    return PlanResult("tool", tool="run_sql", args={"sql": sql, "params": params}, spec=spec, lang=lang,
                      description=f"{words}（{extra}）" if extra and lang == "zh" else
                      (f"{words} ({extra})" if extra else words))


def broadened_words(broadened: dict[str, str], lang: str) -> str:
    """'（订单里没有“宠物粮”这类商品，按“宠物”的全部订单算）' / ' (no orders are "pet food"; counted all Pets orders)'."""
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    names = {word: taxonomy.get(interest) if taxonomy.has(interest) else None for word, interest in broadened.items()}
    if lang == "zh":
        return "".join(f"（订单里没有“{word}”这类商品，按“{node.name_zh if node else word}”的全部订单算）"
                       for word, node in names.items())
    return "".join(f" (no orders are \"{word}\"; counted all {node.name_en if node else word} orders)"
                   for word, node in names.items())


def _stage_note(spec: AudienceSpec | None, data_words: DataWords, lang: str) -> str:
    """For an audience that is one lifecycle stage ("沉睡顾客"), the count of its neighbouring stage."""
    where = spec.where if spec is not None else []
    if spec is None or spec.output not in ("list", "count") or len(where) != 1:
        return ""
    c = where[0]
    if not isinstance(c, Condition) or c.kind != "lifecycle" or c.negate or c.window or len(c.values) != 1 \
            or c.values[0] not in NEIGHBOURS:
        return ""
    return neighbour_note(c.values[0], data_words.stage_counts(), lang)


def _undo(history_specs, lang: str, prepaid: bool) -> PlanResult:
    """"undo that" / "撤销" / "back to the previous one": the audience before the last one, asked again."""
    specs = [spec for spec in (AudienceSpec.from_dict(s) if isinstance(s, dict) else s
                               for s in (history_specs if isinstance(history_specs, list) else [history_specs] if
                                         history_specs else [])) if isinstance(spec, AudienceSpec)]
    if len(specs) < 2:
        zh = lang == "zh"
        return PlanResult("clarify", error="nothing to undo", lang=lang,
                          message="没有可以撤销的上一步：这是对话里的第一个人群。" if zh else
                          "There is nothing to undo: this is the first audience of the conversation.")
    plan = _select(specs[-2], lang, prepaid)
    plan.undo = True
    plan.description = (f"回到上一步：{plan.description}" if lang == "zh" else f"back to the previous audience: "
                        f"{plan.description}")
    return plan


AMBIGUOUS = "a follow-up right after a question that was not answered"


def _after_refusal(question: str, request: Request, history: AudienceSpec | None, refused: dict, lang: str,
                   reread) -> "PlanResult | str":
    """A follow-up ("only the gold members", "按城市分一下") right after a question that was not answered.
    The operator may mean the audience of that question, which was never made: when it was about an
    audience (it understood some conditions), which one is asked, not guessed. Asked again (or after an
    unanswered question about no audience: "tell me a joke"), the follow-up goes on with the last audience
    answered — all users when there is none — and the answer opens by saying which (docs/questions.md).
    ``reread`` reads the question against another audience."""
    zh = lang == "zh"
    understood = refused.get("understood")
    said_again = refused.get("error") == AMBIGUOUS and lx.normalize(refused.get("question", "")).strip() == \
        lx.normalize(question).strip()
    follows = request.follows or said_again or (history is None and bool(understood) and _follows(
        reread, AudienceSpec.from_dict(understood)))
    if not follows:
        return ""
    last = describe(history, lang) if history is not None else ""
    about_users = not str(refused.get("error", "")).startswith(NO_COPY_YET)   # a copy change made no audience either
    if request.kind == "save" and request.spec is None and about_users and refused.get("error") != AMBIGUOUS:
        return _save_after_refusal(refused.get("question", "").strip(), last, lang)
    if understood and refused.get("error") != AMBIGUOUS:
        asked, said = refused.get("question", "").strip(), question.strip()
        message = (f"上一个问题（“{asked}”）没有得到回答，所以不确定“{said}”说的是哪群人。"
                   + (f"如果是指上一次回答过的人群（{last}），请再说一遍；" if last else "如果是指所有用户，请再说一遍；")
                   + "也可以换个说法，把上一个问题完整地再问一遍。") if zh else \
            (f"Your previous question (\"{asked}\") was not answered, so I am not sure which users \"{said}\" "
             f"refers to. " + (f"If you mean the last audience I answered ({last}), say it again; " if last else
                               "If you mean all users, say it again; ")
             + "or ask the previous question again in other words.")
        return PlanResult("clarify", error=AMBIGUOUS, message=message, lang=lang)
    if zh:
        return f"（上一个问题没有得到回答；这里沿用上一次回答过的人群：{last}）" if last else \
            "（上一个问题没有得到回答；这里按所有用户回答）"
    return f"(Your previous question was not answered; this goes on with the last audience I answered: {last}.)" \
        if last else "(Your previous question was not answered; this is over all users.)"


def _save_after_refusal(asked: str, last: str, lang: str) -> PlanResult:
    """"保存为转奶意向宝妈" right after a question that was not answered: that question made no audience,
    so nothing is saved — not "no users match" of an earlier one (fresh eyes 14). Said again, it saves the
    last audience answered (the opening says which). After a copy change refused for want of copy (fresh eyes
    15: "make it shorter" before any copy) there was no question about users: the last audience is saved."""
    if lang == "zh":
        message = (f"上一个问题（“{asked}”）没有得到回答，所以没有得到新的人群，什么也没有保存。"
                   + (f"如果要保存上一次回答过的人群（{last}），请再说一遍；" if last else "")
                   + "也可以先把要保存的人群问出来，再保存。")
    else:
        message = (f"Your previous question (\"{asked}\") was not answered, so it made no audience and nothing was "
                   f"saved. " + (f"To save the last audience I answered ({last}), say it again; " if last else "")
                   + "or ask for the users to save first, then save them.")
    return PlanResult("clarify", error=AMBIGUOUS, message=message, lang=lang)


def _follows(reread, audience: AudienceSpec) -> bool:
    """Would the question (``reread``: it read against an audience) go on with ``audience``, had it been
    answered?"""
    try:
        return reread(audience).follows
    except PlanError:
        return False


def _export_words(file: str | None, lang: str) -> str:
    """How to write the audience to a file: the chat's /export (a .csv or .jsonl, never raw identities)."""
    name = file if file and file.lower().endswith((".csv", ".jsonl")) else \
        (file.rsplit(".", 1)[0] + ".csv" if file else "audience.csv")
    other = file and name != file   # "churn.xlsx": the formats there are
    if lang == "zh":
        return ((f"只能导出 .csv 或 .jsonl（不是“{file}”）。" if other else "") +
                f"在对话（persona chat）里输入 /export {name}，就会把当前这群人写入文件（不含手机号等身份信息）；"
                f"命令行可以用 persona export --question \"…\" --out {name}。")
    return ((f"Files are .csv or .jsonl (not '{file}'). " if other else "") +
            f"In the chat (persona chat), type /export {name} to write the current audience to that file (never raw "
            f"identities); from the command line: persona export --question \"...\" --out {name}.")


def _explain(request: Request) -> PlanResult:
    """The stored reason of a user's tags: evidence, confidence, source (tags table)."""
    args = request.args
    sql = ("SELECT t.tag_id, t.category, t.confidence, t.status, t.evidence, t.source, t.last_seen FROM tags t "
           "WHERE t.user_id = ?")
    params: list = [args["user_id"]]
    if args.get("tags"):
        sql += f" AND t.tag_id IN ({', '.join('?' for _ in args['tags'])})"
        params += list(args["tags"])
    elif args.get("category"):
        sql += " AND t.category = ?"
        params.append(args["category"])
    sql += " ORDER BY t.category, t.confidence DESC"
    zh = request.lang == "zh"
    what = "、".join(args["tags"]) if args.get("tags") else (args.get("category") or ("全部标签" if zh else "all tags"))
    words = f"用户 {args['user_id']} 的标签依据：{what}" if zh else f"why {args['user_id']} has these tags: {what}"
    return PlanResult("tool", tool="run_sql", args={"sql": sql, "params": params}, description=words,
                      lang=request.lang, purpose={"kind": "explain", **args})


SAID_LIMIT = 10   # the latest texts of a user an answer quotes


def _said(request: Request) -> PlanResult:
    """A user's own texts, latest first, with where and when each was written (texts table)."""
    user = request.args["user_id"]
    sql = ("SELECT t.at, t.source, t.text, COUNT(*) OVER () AS total FROM texts t WHERE t.user_id = ? "
           f"ORDER BY t.at IS NULL, t.at DESC LIMIT {SAID_LIMIT}")
    words = f"用户 {user} 说过的话" if request.lang == "zh" else f"what {user} said"
    return PlanResult("tool", tool="run_sql", args={"sql": sql, "params": [user]}, description=words,
                      lang=request.lang, purpose={"kind": "said", "user_id": user})


def clarification(question: str, error: PlanError, lang: str, showcase: Showcase | None = None) -> PlanResult:
    """The answer for a question the planner could not (or must not) plan: which part, and how to ask
    (with questions about the database's own interests and cities, when ``showcase`` has them)."""
    zh = lang == "zh"
    lines = []
    if error.unknown and error.reason.startswith("not understood"):
        words = "、".join(f"“{w}”" for w in error.unknown) if zh else ", ".join(f'"{w}"' for w in error.unknown)
        lines.append(f"我没能理解这部分：{words}。" if zh else f"I did not understand this part: {words}.")
    else:
        lines.append(f"这个问题我没法回答：{error.reason_zh}。" if zh else f"I cannot answer this: {error.reason}.")
    understood = error.understood
    if understood is not None and understood.where:
        lines.append(f"已理解的条件：{describe(understood, lang)}。" if zh
                     else f"What I did understand: {describe(understood, lang)}.")
    suggestions = []
    word = error.unknown[0] if len(error.unknown) == 1 and not error.refused else ""
    if len(word) >= (2 if lx.CJK_RE.search(word) else 4) and chat.small_talk(word) is None:
        if could_be_tag(word):
            suggestions.append(f"有哪些关于{word}的标签" if zh else f"what tags do we have for {word}")
        # a topic no intent or tag stands for (退课, 续课, "rescheduling") can still be searched in the texts
        suggestions.append(f"提到“{word}”的用户" if zh else f'users who mentioned "{word}"')
    if error.examples:
        lines.append("可以这样说：" if zh else "Try:")
        own = error.examples["zh" if zh else "en"]
        if len(own) < 2:   # a refusal's own suggestion, and a question about this database
            own = [*own, *showcase_examples(showcase, lang, EXAMPLES[lang])[:2 - len(own)]]
        lines += [f"- {s}" for s in own]
        return PlanResult("clarify", error=error.reason, message="\n".join(lines), unknown=list(error.unknown),
                          lang=lang, spec=understood)
    suggestions += showcase_examples(showcase, lang, EXAMPLES[lang])
    lines.append("可以这样问（按兴趣、人口属性、城市、会员、消费、评价情绪、意图、生命周期、行为和时间窗口）：" if zh else
                 "Try asking like this (interests, demographics, city, membership, spend, opinions, intents, "
                 "lifecycle, behaviour with time windows):")
    lines += [f"- {s}" for s in suggestions[:3]]
    return PlanResult("clarify", error=error.reason, message="\n".join(lines), unknown=list(error.unknown),
                      lang=lang, spec=understood)


def could_be_tag(word: str) -> bool:
    """Could ``word`` name a tag: a taxonomy name (of any kind) has it as a word (Chinese: inside it), or
    it is a misspelling of one ("hikng")? Only then is "what tags do we have for …" worth suggesting
    (not for "base", "best", "soon", "整体概览", which a lookup matches only by chance: bags, belt, song)."""
    import difflib

    from schema.taxonomy import load_taxonomy, normalize_term
    from tools.agent_tools import TAG_KINDS

    taxonomy = load_taxonomy()
    wanted = normalize_term(word)
    for kind in TAG_KINDS:
        if taxonomy.lookup(word, kind) or taxonomy.find_terms(word, kind):
            return True
        for term in taxonomy.terms(kind):
            if lx.CJK_RE.search(wanted):
                if wanted in term:
                    return True
            elif len(wanted) >= 5 and (wanted in term.split() or
                                        difflib.SequenceMatcher(None, wanted, term).ratio() >= 0.85):
                return True
    return False


def _segment_name(spec: AudienceSpec | None) -> str:
    if spec is None:
        return "segment"
    return describe(spec)[:40]


def _request_words(request: Request) -> str:
    zh = request.lang == "zh"
    if request.kind == "lookup":
        return f"查找标签：{request.args['query']}" if zh else f"look up tags for: {request.args['query']}"
    user = request.args["user_id"]
    if request.kind == "generate_profile":
        return f"重新生成用户 {user} 的画像" if zh else f"rebuild the profile of {user}"
    return f"用户 {user} 的画像" if zh else f"the profile of {user}"


_COMBINE_RE = re.compile(
    r"(?:(?:这|那)?(?:两|2)\s*(?:个|种|类|组)?\s*(?:城市|地方|人群|群体|分群|等级|群)?\s*|两者|二者)?"
    r"(?:加起来|合起来|加在一起|合在一起|放在一起|一起算|合并)"
    r"|(?<![a-z])(?:(?:both|the\s+two)(?:\s+(?:of\s+them|cities|groups|segments|audiences|levels))?\s+)?"
    r"(?:combined|put\s+together|added\s+together|together)(?![a-z])")


def _combined(question: str, history_specs) -> tuple[str, AudienceSpec] | None:
    """'两个城市加起来一共多少', 'both together?', 'combined': the last two audiences, which differ only in
    the value of one condition ("广州的高端用户" then "那深圳呢"), as one audience with both values; the
    question without the combining words is then asked of it. None when the question does not combine
    or the two audiences differ in more than that (then the words are reported as not understood)."""
    found = _COMBINE_RE.search(lx.normalize(question))
    if not found or not isinstance(history_specs, list) or len(history_specs) < 2:
        return None
    first, second = (_last_spec([spec]) for spec in history_specs[-2:])
    if first is None or second is None:
        return None
    only_first = [c for c in first.where if _key(c) not in {_key(o) for o in second.where}]
    only_second = [c for c in second.where if _key(c) not in {_key(o) for o in first.where}]
    if len(only_first) != 1 or len(only_second) != 1:
        return None
    a, b = only_first[0], only_second[0]
    if not (isinstance(a, Condition) and isinstance(b, Condition)) or a.kind != b.kind or a.negate or b.negate \
            or a.range is not None or b.range is not None or _key(replace(a, values=b.values)) != _key(b):
        return None
    both = replace(b, values=list(dict.fromkeys([*a.values, *b.values])), words=f"{a.words}+{b.words}")
    where = [both if c is b else c for c in second.where]
    text = lx.normalize(question)
    rest = (text[:found.start()] + " " + text[found.end():]).strip(" ?.!,~")
    return rest or ("一共多少" if lx.CJK_RE.search(text) else "how many"), AudienceSpec(where=where, lang=second.lang)


def _key(clause) -> str:
    data = clause.to_dict()
    for item in [data, *data.get("items", [])]:
        item.pop("words", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _last_spec(history_specs) -> AudienceSpec | None:
    if not history_specs:
        return None
    last = history_specs[-1] if isinstance(history_specs, list) else history_specs
    if isinstance(last, AudienceSpec):
        return last
    if isinstance(last, dict):
        return AudienceSpec.from_dict(last)
    return None
