"""The planted user archetypes of the synthetic data.

Each archetype fixes who its users are (gender mix, age), what they like (interests), how they
shop (orders per year, basket size, consumption profile), what they say (aspect sentiment,
intents, values) and where they are in their lifecycle. The differences are large on purpose so
that `persona segments discover` can recover the archetypes from the built profiles.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Archetype:
    id: str
    name_zh: str
    name_en: str
    weight: float                          # share of generated users (relative)
    female_share: float
    age: tuple[int, int]
    core: tuple[str, ...]                  # interests every member has
    optional: dict[str, float]             # interest -> probability
    aspects: dict[str, tuple[float, float]]  # aspect -> (P(mentioned), P(positive | mentioned))
    intents: dict[str, float]              # intent -> probability
    values: dict[str, float]               # value -> probability
    lifecycle: dict[str, float]            # stage -> probability
    consumption: str                       # price_sensitive | value_seeker | quality_seeker | premium
    orders_per_year: tuple[int, int]
    price_position: tuple[float, float]    # where in a product's price range they buy (0 low .. 1 high)
    member_levels: dict[str, float] = field(default_factory=dict)


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        id="outdoor_bargain", name_zh="价格敏感的户外爱好者", name_en="Price-sensitive outdoor lovers",
        weight=16, female_share=0.5, age=(22, 45),
        core=("outdoor_sports",), optional={"running": 0.35, "travel": 0.3},
        aspects={"price": (0.9, 0.1), "quality": (0.5, 0.6), "size_fit": (0.35, 0.5), "delivery": (0.3, 0.5)},
        intents={"compare": 0.6, "purchase": 0.5, "research": 0.4, "return_refund": 0.1},
        values={"frugal": 0.6, "adventurous": 0.6, "eco_conscious": 0.15},
        lifecycle={"mature": 0.5, "growing": 0.25, "new": 0.1, "churn_risk": 0.1, "dormant": 0.05},
        consumption="price_sensitive", orders_per_year=(3, 8), price_position=(0.0, 0.35),
        member_levels={"normal": 0.5, "silver": 0.35, "gold": 0.15},
    ),
    Archetype(
        id="premium_skincare", name_zh="高端护肤女性", name_en="Premium skincare women",
        weight=14, female_share=0.95, age=(25, 42),
        core=("skincare",), optional={"beauty_makeup": 0.7, "fashion": 0.4, "travel": 0.2},
        aspects={"quality": (0.7, 0.9), "packaging": (0.5, 0.85), "appearance": (0.4, 0.85),
                 "service": (0.4, 0.6), "price": (0.3, 0.5)},
        intents={"repurchase": 0.6, "consult": 0.4, "purchase": 0.3, "compare": 0.15},
        values={"health_conscious": 0.5, "eco_conscious": 0.2},
        lifecycle={"mature": 0.6, "growing": 0.2, "new": 0.1, "churn_risk": 0.1},
        consumption="premium", orders_per_year=(6, 14), price_position=(0.65, 1.0),
        member_levels={"gold": 0.4, "platinum": 0.4, "diamond": 0.2},
    ),
    Archetype(
        id="mother_baby_frequent", name_zh="高频低客单母婴用户", name_en="Frequent low-basket mother & baby buyers",
        weight=14, female_share=0.85, age=(25, 38),
        core=("mother_baby",), optional={"food_drink": 0.5, "home_living": 0.4},
        aspects={"delivery": (0.6, 0.5), "quality": (0.5, 0.6), "price": (0.5, 0.4), "taste": (0.3, 0.5),
                 "size_fit": (0.2, 0.5)},
        intents={"repurchase": 0.7, "complaint": 0.2, "consult": 0.3, "return_refund": 0.15},
        values={"family_first": 0.8, "frugal": 0.4, "health_conscious": 0.3},
        lifecycle={"mature": 0.6, "growing": 0.2, "new": 0.1, "churn_risk": 0.1},
        consumption="value_seeker", orders_per_year=(10, 24), price_position=(0.0, 0.3),
        member_levels={"silver": 0.5, "gold": 0.4, "normal": 0.1},
    ),
    Archetype(
        id="phone_comparers", name_zh="比来比去的数码控", name_en="Tech enthusiasts comparing phones",
        weight=14, female_share=0.25, age=(18, 40),
        core=("mobile_phones", "digital_electronics"), optional={"computers": 0.5, "gaming": 0.2},
        aspects={"battery": (0.7, 0.4), "price": (0.5, 0.4), "appearance": (0.4, 0.7), "usability": (0.4, 0.6),
                 "quality": (0.3, 0.6)},
        intents={"compare": 0.8, "research": 0.7, "purchase": 0.5, "consult": 0.2},
        values={"tech_optimist": 0.8},
        lifecycle={"mature": 0.5, "growing": 0.32, "new": 0.08, "churn_risk": 0.1},
        consumption="quality_seeker", orders_per_year=(2, 6), price_position=(0.4, 0.8),
        member_levels={"silver": 0.5, "gold": 0.35, "normal": 0.15},
    ),
    Archetype(
        id="dormant_readers", name_zh="沉睡的读书人", name_en="Dormant book readers",
        weight=10, female_share=0.55, age=(28, 60),
        core=("books",), optional={"education": 0.5, "movies": 0.3, "music": 0.2},
        aspects={"packaging": (0.5, 0.4), "delivery": (0.4, 0.5), "quality": (0.3, 0.6), "price": (0.3, 0.6)},
        intents={"research": 0.2, "churn_risk": 0.2},
        values={"eco_conscious": 0.3, "frugal": 0.3},
        lifecycle={"dormant": 0.8, "churn_risk": 0.2},
        consumption="value_seeker", orders_per_year=(2, 5), price_position=(0.1, 0.6),
        member_levels={"normal": 0.7, "silver": 0.3},
    ),
    Archetype(
        id="young_gamers", name_zh="年轻游戏玩家", name_en="Young gamers",
        weight=12, female_share=0.25, age=(16, 26),
        core=("gaming",), optional={"movies": 0.5, "music": 0.4, "food_drink": 0.2},
        aspects={"usability": (0.5, 0.5), "service": (0.4, 0.3), "price": (0.5, 0.5), "quality": (0.3, 0.5),
                 "delivery": (0.2, 0.5)},
        intents={"purchase": 0.6, "return_refund": 0.3, "complaint": 0.25, "compare": 0.2},
        values={"adventurous": 0.3, "tech_optimist": 0.3},
        lifecycle={"new": 0.12, "growing": 0.4, "mature": 0.38, "churn_risk": 0.1},
        consumption="price_sensitive", orders_per_year=(2, 8), price_position=(0.0, 0.5),
        member_levels={"normal": 0.6, "silver": 0.4},
    ),
    Archetype(
        id="fitness_health", name_zh="健康生活派", name_en="Health & fitness regulars",
        weight=10, female_share=0.55, age=(22, 40),
        core=("fitness",), optional={"running": 0.6, "food_drink": 0.5, "travel": 0.2},
        aspects={"size_fit": (0.5, 0.6), "taste": (0.4, 0.6), "quality": (0.4, 0.7), "price": (0.3, 0.6)},
        intents={"research": 0.5, "consult": 0.4, "repurchase": 0.4},
        values={"health_conscious": 0.9, "adventurous": 0.2},
        lifecycle={"mature": 0.5, "growing": 0.3, "new": 0.1, "churn_risk": 0.1},
        consumption="quality_seeker", orders_per_year=(4, 10), price_position=(0.4, 0.8),
        member_levels={"silver": 0.5, "gold": 0.4, "normal": 0.1},
    ),
    Archetype(
        id="affluent_households", name_zh="有车有宠的品质家庭", name_en="Affluent car & pet households",
        weight=10, female_share=0.5, age=(30, 55),
        core=("automotive", "pets"), optional={"home_living": 0.6, "finance": 0.6, "travel": 0.4},
        aspects={"service": (0.6, 0.4), "quality": (0.4, 0.7), "delivery": (0.3, 0.5), "price": (0.2, 0.7),
                 "appearance": (0.3, 0.7)},
        intents={"complaint": 0.3, "consult": 0.4, "purchase": 0.3, "repurchase": 0.3, "churn_risk": 0.1},
        values={"family_first": 0.5, "eco_conscious": 0.5},
        lifecycle={"mature": 0.5, "churn_risk": 0.2, "growing": 0.2, "dormant": 0.1},
        consumption="premium", orders_per_year=(4, 10), price_position=(0.6, 1.0),
        member_levels={"gold": 0.4, "platinum": 0.45, "diamond": 0.15},
    ),
)

BY_ID = {archetype.id: archetype for archetype in ARCHETYPES}
