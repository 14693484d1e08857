"""What the copy speaks of: the product or interest its imagery comes from, read from the data.

An audience often shares more than one interest as widely (the demo's pet owners all like cars
too), so the interest the copy names is chosen by what the operator asked about, strongest first:

1. the offer's product ("15% off cat food": cat food), unless it is a gift anyone may take;
2. what the audience was selected by: its interests ("dog owners"), and the interests of the
   brands or products it bought ("买过渴望 Orijen": the categories Orijen is sold in, pet food);
3. without either, the audience's shared interests, those its members also buy first.

The writer (writer.py) passes 1 and 2 to the brief as ``focus``; the offline engine paints only
with them when there are any, so no variant speaks of a neighbouring interest (cars in a pet-food
message). 3 orders the brief's interests (brief.py).
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from tools.copywriter.offers import offer_kind, offer_meanings

NAMED_SHARE = 0.25   # an interest covering this share of a brand's orders is what the brand sells


def offer_interest(offer: str | None, shared: Sequence[str] = ()) -> str | None:
    """The interest the offer's product is ("15% off cat food" -> pet_cat_owner, "狗粮打8折" ->
    pet_dog_owner); None for an offer that names none ("满199减30") and for a gift ("免费咖啡券"
    brings anyone back: coffee is not what the copy is about).

    A word may mean several interests: the first one under an interest the audience shares
    (``shared``) is the one meant ("20% off trail shoes" for runners: trail running, not fashion).
    """
    from schema.taxonomy import load_taxonomy

    if not offer or offer_kind(offer) == "gift":
        return None
    taxonomy = load_taxonomy()
    named = taxonomy.match_interest(offer)
    if named is None:
        return None
    roots = {taxonomy.ancestors(i)[0] for i in shared if taxonomy.has(i)}
    return next((i for i in [named, *offer_meanings(taxonomy, offer)] if taxonomy.ancestors(i)[0] in roots), named)


def named_interests(db_path, names: Sequence[str]) -> list[str]:
    """The interests of brands or product words, most orders first ("渴望 Orijen" -> pets).

    A word that is an interest's name is that interest ("钢笔" may be one); otherwise the orders
    whose brand, product or category holds it say what it is, by their categories (products when a
    category names no interest, unless the word is the category's own). Interests under a quarter of those orders are left out: a store
    brand sells everything, and the copy speaks of what it mostly sells.
    """
    from schema.db import connect_readonly
    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    found: list[str] = []
    conn = connect_readonly(db_path)
    try:
        for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
            direct = taxonomy.lookup(name)
            if direct:
                found.append(direct)
                continue
            like = f"%{name}%"
            rows = conn.execute("SELECT category, product, category LIKE ? FROM orders WHERE brand LIKE ?"
                                " OR product LIKE ? OR category LIKE ?", (like, like, like, like)).fetchall()
            # a word that names the orders' category is that category, whatever its products are called
            # ("vegetable": the vegetables category, not the mother-and-baby of "Baby spinach")
            counts = Counter(taxonomy.match_interest(category) or (None if is_category else taxonomy.match_interest(product))
                             for category, product, is_category in rows)
            counts.pop(None, None)
            total = sum(counts.values())
            found += [i for i, count in counts.most_common() if count >= NAMED_SHARE * total]
    finally:
        conn.close()
    return list(dict.fromkeys(found))


def bought_shares(db_path, members: Sequence[str]) -> dict[str, float]:
    """Interest id -> the share of the members with an order in it (an order of 宠物食品 counts for
    pets and for every interest above it)."""
    from schema.db import reading_members
    from schema.taxonomy import load_taxonomy

    if not members:
        return {}
    taxonomy = load_taxonomy()
    buyers: dict[str, set[str]] = {}
    with reading_members(db_path, members) as conn:
        rows = conn.execute("SELECT DISTINCT o.user_id, o.category, o.product FROM orders o"
                            " JOIN members USING (user_id)").fetchall()
    for user_id, category, product in rows:
        interest = taxonomy.match_interest(category) or taxonomy.match_interest(product)
        for node in taxonomy.ancestors(interest) if interest and taxonomy.has(interest) else ():
            buyers.setdefault(node, set()).add(user_id)
    size = len(set(members))
    return {interest: len(users) / size for interest, users in buyers.items()}
