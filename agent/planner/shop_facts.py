"""What the offline planner knows of the shop's database, read once per question by the agent.

The planner has no database of its own: :func:`load_shop_facts` reads the five facts a question may
depend on, and the agent hands them over as one :class:`ShopFacts` (the brands, the showcase and the
data words are kept while the database is unchanged, brands.db_version). Without a database (tests,
``planner_answer`` alone) the defaults are the built-in ones: the rule segments, the fixed spend
bands, the demo's examples.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.planner.brands import load_brands
from agent.planner.data_words import DataWords, load_data_words
from agent.planner.segments import Segment, load_segments
from agent.planner.showcase import Showcase, load_showcase
from tools.profile.rfm_bands import high_spend_line


@dataclass(frozen=True)
class ShopFacts:
    """The shop's own words and figures a question may use.

    Attributes:
        segments: The database's segments, which a question may name ("users in segment 高价值客户");
            None: no database, only the rule segments every build makes (segments.builtin_segments).
        brands: The brands of the database's orders ("users who bought Black Diamond"), known besides
            the analyzers' brand list.
        spend_line: What a big spender has spent in this shop (rfm_bands.high_spend_line); None: the
            fixed RFM bands' line.
        showcase: The database's interests, cities and a user id, the example questions of help and
            refusals are made of; empty: the demo's.
        data_words: The database's product names, stores and extra fields: its stores are words of a
            question ("在西湖店买过"), a word not understood is looked up in the rest ("买过钢笔"); empty: none.
    """

    segments: tuple[Segment, ...] | None = None
    brands: tuple[str, ...] = ()
    spend_line: float | None = None
    showcase: Showcase = Showcase()
    data_words: DataWords = DataWords()


def load_shop_facts(db_path: str) -> ShopFacts:
    """The facts of the database at ``db_path`` (read-only; what cannot be read is left empty)."""
    return ShopFacts(segments=tuple(load_segments(db_path)), brands=tuple(load_brands(db_path)),
                     spend_line=high_spend_line(db_path), showcase=load_showcase(db_path),
                     data_words=load_data_words(db_path))
