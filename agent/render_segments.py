"""Segments and campaign copy for the terminal: `persona segments`, `segments show`, `persona copy`,
and the REPL's /segments.

- :class:`SegmentList` — every segment with its size as a horizontal bar (eighth-block precision),
  the change since the previous refresh, and its kind.
- :class:`SegmentProfileView` — one segment: who is in it (interests against everyone, consumption
  and lifecycle mix), what they praise and complain about, how they buy, and quotes.
- :class:`CopyView` — campaign copy variants with their angle, reasoning and length against the limit.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

_EIGHTHS = " ▏▎▍▌▋▊▉"
MIN_SHOWN_SHARE = 0.02  # mix rows below this share are noise in a profile
_KIND_STYLE = {"saved": "cyan", "discovered": "magenta", "rule": "blue"}


def size_bar(value: float, maximum: float, width: int) -> Text:
    """A bar of ``width`` cells for value/maximum, drawn with eighth blocks so small differences show."""
    cells = 0.0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * width
    full, eighth = int(cells), int(round((cells - int(cells)) * 8))
    if eighth == 8:
        full, eighth = full + 1, 0
    bar = "█" * full + (_EIGHTHS[eighth] if eighth and full < width else "")
    return Text(bar.ljust(width), style="cyan")


def share_bar(share: float, base: float | None = None, width: int = 12) -> Text:
    """'████████▍    83% (all 25%)': the segment's share, and everyone's for comparison."""
    text = size_bar(share, 1.0, width)
    text.append(f" {share:>4.0%}")
    if base is not None:
        text.append(f"  (all {base:.0%})", style="dim")
    return text


class SegmentList:
    """A table of ``tools.segments.list_segments`` with a size bar chart.

    Args:
        segments: the dicts ``list_segments`` returns.
        bar_width: cells for the longest bar.

    Example:
        >>> Console().print(SegmentList(list_segments("shop.db")))
    """

    def __init__(self, segments: list[dict], *, bar_width: int = 24):
        self.segments = segments
        self.bar_width = bar_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.segments:
            yield Text("no segments yet: save an audience (/save NAME) or run `persona segments discover`",
                       style="dim")
            return
        largest = max(s["size"] for s in self.segments)
        # Narrow terminals give the names the room: the bar shrinks before a name breaks mid-word.
        bar_width = min(self.bar_width, max(6, (options.max_width - 56) // 2))
        table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
        table.add_column("id", style="dim", no_wrap=True)
        table.add_column("segment", ratio=1, overflow="fold")
        table.add_column("kind", no_wrap=True)
        table.add_column("size", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("Δ", justify="right", no_wrap=True)
        for segment in self.segments:
            main_name, english = display_names(segment)
            name = Text(main_name)
            if english:
                name.append(f"\n{english}", style="dim")
            table.add_row(
                segment["segment_id"], name,
                Text(segment["kind"], style=_KIND_STYLE.get(segment["kind"], "")),
                f"{segment['size']:,}", size_bar(segment["size"], largest, bar_width),
                _delta(segment.get("previous_size"), segment["size"]),
            )
        yield table
        total = sum(s["size"] for s in self.segments)
        yield Text(f"{len(self.segments)} segment{'s' if len(self.segments) != 1 else ''}, "
                   f"{total:,} memberships · `persona segments show NAME` for a profile", style="dim")


def display_names(segment: dict) -> tuple[str, str | None]:
    """The name to show and, when it says something more, the English name under it.

    Rule segments are named by their id ('rule_high_value'); their Chinese name is what an
    operator reads, and the id is shown beside it anyway.
    """
    name = segment.get("name") or "audience"
    if name == segment.get("segment_id") and segment.get("name_zh"):
        name = segment["name_zh"]
    english = segment.get("name_en")
    return name, english if english and english != name else None


def _delta(previous: int | None, size: int) -> Text:
    if previous is None or previous == size:
        return Text("")
    change = size - previous
    return Text(f"{change:+,}", style="green" if change > 0 else "red")


class SegmentProfileView:
    """A rich renderable of ``tools.segments.segment_profile`` (or ``audience_profile``).

    Example:
        >>> Console().print(SegmentProfileView(segment_profile("shop.db", "价格敏感的户外爱好者")))
    """

    def __init__(self, profile: dict, *, lang: str = "zh", top: int = 6):
        self.p = profile
        self.lang = lang
        self.top = top

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._header()
        for section in (self._interests(), self._mixes(), self._aspects(), self._behavior(), self._quotes()):
            if section is not None:
                yield section

    def _name(self, row: dict) -> str:
        return row.get(f"name_{self.lang}") or row.get("id") or row.get("aspect") or "?"

    def _header(self) -> Panel:
        p, segment = self.p, self.p.get("segment") or {}
        share = p["size"] / p["population"] if p["population"] else 0
        title, english = display_names(segment)
        body = Text(f"{english}\n" if english else "", style="bold")
        body.append(f"{p['size']:,} users · {share:.1%} of {p['population']:,} profiled", style="bold")
        if segment.get("kind"):
            body.append(f" · {segment['kind']}", style=_KIND_STYLE.get(segment["kind"], ""))
        if segment.get("refreshed_at"):
            body.append(f" · refreshed {segment['refreshed_at'].replace('T', ' ')[:16]}", style="dim")
        if segment.get("description"):
            body.append("\n" + segment["description"])
        history = p.get("history") or []
        if len(history) > 1:
            body.append("\nsize history: " + " → ".join(f"{h['size']:,}" for h in history[-8:]), style="dim")
        if segment.get("sql"):
            body.append("\n" + segment["sql"], style="dim italic")
            if segment.get("params"):
                body.append(f"  params {segment['params']}", style="dim")
        return Panel(body, title=Text(title), title_align="left", expand=True)  # a name is data, not markup

    def _interests(self) -> Group | None:
        table = _section_table()
        for row in self.p["interests"][: self.top]:
            table.add_row(Text(self._name(row)), share_bar(row["share"], row["base_share"]))
        for row in self.p["values"][:3]:
            if row["share"] >= MIN_SHOWN_SHARE:
                table.add_row(Text(self._name(row), style="italic"), share_bar(row["share"], row["base_share"]))
        return _section("兴趣与价值观 Interests & values", table)

    def _mixes(self) -> Group | None:
        table = _section_table()
        for key in ("consumption", "lifecycle", "intents"):
            for row in self.p[key][:4]:
                if row["share"] >= MIN_SHOWN_SHARE:
                    table.add_row(Text(self._name(row)), share_bar(row["share"], row["base_share"]))
        return _section("消费、生命周期与意图 Consumption, lifecycle & intents", table)

    def _aspects(self) -> Group | None:
        complained, praised = self.p["complained"][:4], self.p["praised"][:4]
        table = _section_table()
        for row in praised:
            bar = share_bar(row["pos_share"])
            bar.stylize("green", 0, 12)
            table.add_row(Text(f"+ {self._name(row)}", style="green"), bar)
        for row in complained:
            bar = share_bar(row["neg_share"])
            bar.stylize("red", 0, 12)
            table.add_row(Text(f"− {self._name(row)}", style="red"), bar)
        return _section("称赞与不满 Praised & complained about", table)

    def _behavior(self) -> Text | None:
        members, everyone = self.p["behavior"]["members"], self.p["behavior"]["population"]
        if not members.get("users"):
            return None

        def fmt(value, money=False):
            if value is None:
                return "–"
            return f"¥{value:,.0f}" if money else f"{value:,.1f}"

        line = Text("购买行为 Buying: ", style="bold")
        line.append(f"orders {fmt(members['avg_orders'])} (all {fmt(everyone['avg_orders'])}) · "
                    f"spend {fmt(members['avg_spend'], True)} (all {fmt(everyone['avg_spend'], True)}) · "
                    f"basket {fmt(members['avg_basket'], True)} (all {fmt(everyone['avg_basket'], True)})")
        demo = self.p["demographics"]
        parts = [f"{g['id']} {g['share']:.0%}" for g in demo["gender"][:2]]
        if demo["age_mean"] is not None:
            parts.append(f"age {demo['age_mean']:.0f}")
        parts += [f"{c['city']} {c['share']:.0%}" for c in demo["cities"][:3]]
        if parts:
            line.append("\n人群 People: ", style="bold")
            line.append(" · ".join(parts))
        return line

    def _quotes(self) -> Group | None:
        quotes = self.p["quotes"]
        if not quotes:
            return None
        marks = {"complaint": ("−", "red"), "praise": ("+", "green"), "interest": ("·", "cyan")}
        lines = [Text("原话 Evidence", style="bold")]
        for quote in quotes:
            mark, style = marks.get(quote["kind"], ("·", ""))
            line = Text(f"  {mark} ", style=style)
            line.append(f"“{quote['text']}”", style="italic")
            line.append(f" ({quote['about']})", style="dim")
            lines.append(line)
        return Group(*lines)


def _section_table() -> Table:
    table = Table(show_header=False, box=None, show_edge=False, pad_edge=False)
    table.add_column("", overflow="fold")
    table.add_column("", no_wrap=True)
    return table


def _section(title: str, table: Table) -> Group | None:
    return Group(Text(title, style="bold"), table) if table.row_count else None


# CopyView's labels, in the copy's language: Chinese copy is read by whoever asked in Chinese.
_COPY_LABELS = {
    "en": {"audience": "audience", "saved": "saved as copy #{}", "fallback": "model copy not used, written offline "
           "instead: ", "note": "Note: ", "parts": "{} part, {}", "title": "title", "subject": "subject",
           "preheader": "preheader", "body": "body", "sep": ": "},
    "zh": {"audience": "受众", "saved": "已保存为文案 #{}", "fallback": "模型文案未采用，已改用离线引擎撰写：",
           "note": "注意：", "parts": "{} 条短信，{}", "title": "标题", "subject": "邮件主题", "preheader": "预览文字",
           "body": "正文", "sep": "："},
}


class CopyView:
    """Campaign copy (``tools.copywriter.CopyResult``) as one panel per variant, labelled in the
    copy's language.

    Example:
        >>> Console().print(CopyView(write_marketing_copy("shop.db", segment="户外", channel="push")))
    """

    def __init__(self, result):
        self.result = result

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from tools.copywriter.channels import LIMITS
        from tools.copywriter.offline import ANGLE_NAMES

        r = self.result
        label = _COPY_LABELS["zh" if r.language == "zh" else "en"]
        head = Text(f"{r.segment_name or label['audience']} · {r.channel} · {r.language} · {r.tone}", style="bold")
        head.append(f" · {r.model}", style="dim")
        if r.copy_id:
            head.append(" · " + label["saved"].format(r.copy_id), style="dim")
        yield head
        yield Text(r.brief.summary(r.language), style="dim")
        if r.fallback:
            yield Text(label["fallback"] + r.fallback, style="yellow")
        for warning in r.warnings:
            yield Text(label["note"] + warning, style="yellow")
        limits = LIMITS[r.channel][r.language]
        for number, variant in enumerate(r.variants, start=1):
            body = Text()
            for field in ("title", "subject", "preheader"):
                if variant.get(field):
                    body.append(label[field] + label["sep"], style="dim")
                    body.append(variant[field] + "\n", style="bold")
            body.append(variant["body"])
            counts = " · ".join(f"{label[field]} {variant['lengths'][field]}/{limit}" for field, limit in limits.items())
            if variant.get("sms_parts"):
                counts += " · " + label["parts"].format(variant["sms_parts"], variant["sms_encoding"])
            body.append(f"\n\n{variant['reasoning']}", style="dim italic")
            angle = variant["angle"]   # the offline engine's angle ids have a name; a model's angle is its own
            angle = ANGLE_NAMES[angle][0] if r.language == "zh" and angle in ANGLE_NAMES else angle
            yield Panel(body, title=f"{number} · {angle}", title_align="left",
                        subtitle=counts, subtitle_align="right", expand=True)
