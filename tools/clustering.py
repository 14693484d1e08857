"""Discovered segments: clustering users on their tag and behaviour vectors.

One vector per built user (a row in ``profiles``), made of:

- interests: the confidence of each active level-1 interest tag (a level-2 tag counts for its root);
- behaviour: RFM scores, log order count, log average basket;
- consumption level and lifecycle stage, one-hot;
- emotions: the user's mean polarity per aspect (0 when the aspect never came up);
- intents: 1 per active intent kind; values: the confidence of each active value.

Columns are standardized (z-scores, clipped at ±4 so a rare one-hot cannot dominate a distance);
constant columns are dropped. Methods:

- ``kmeans`` (default): k-means++ with k chosen by the silhouette score over k = 3..10 (scored on a
  sample on big data): the smallest k within 3 % of the best score, since a slightly higher
  silhouette for more clusters is usually noise. Membership probability is the posterior of an equal-variance spherical
  Gaussian mixture centred on the centroids: p(c | x) ∝ share_c · exp(-‖x - μ_c‖² / 2σ²), with σ²
  the mean within-cluster variance per dimension.
- ``dbscan``: density clusters on the first 8 principal components; core points get 1.0, border
  points less (further from their nearest core point = lower, down to 0.5), noise joins nothing.
- ``hdbscan``: scikit-learn's HDBSCAN, whose own membership strengths are the probabilities.

Every cluster is named from what sets its members apart from everyone (interests over-represented,
frequency and basket size, consumption level, lifecycle, aspect complaints, values), in Chinese and
English. Results are deterministic for a fixed seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from schema.db import connect_readonly

METHODS = ("kmeans", "dbscan", "hdbscan")
K_RANGE = (3, 10)
SILHOUETTE_SAMPLE = 3000
SELECTION_SAMPLE = 20000   # above this many users, k is chosen on a sample, then fitted on all
Z_CLIP = 4.0
DBSCAN_EPS_QUANTILE = 0.5
DENSITY_COMPONENTS = 8     # principal components the density methods work on
K_TOLERANCE = 0.03         # k-means: the smallest k within 3 % of the best silhouette wins


class ClusteringError(ValueError):
    """Clustering cannot run on this database or with these options; the message says why."""


@dataclass
class FeatureMatrix:
    """Users × features. ``raw`` is before standardization (shares and means are computed on it).

    Order counts and baskets enter ``raw`` as logs (a few heavy buyers must not dominate the
    distances); ``orders`` and ``spend`` keep the plain figures, so the descriptions quote the
    same averages as `persona segments show` (orders per user, spend ÷ orders).
    """

    user_ids: list[str]
    names: list[str]          # 'interest:outdoor_sports', 'behavior:order_count', 'aspect:price' ...
    raw: "object"             # numpy array, n × d
    orders: "object" = None   # numpy array, n: order_count per user (None: not read, e.g. in tests)
    spend: "object" = None    # numpy array, n: total_spend per user


@dataclass
class Cluster:
    index: int                # 1-based
    user_ids: list[str]
    probabilities: list[float]
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    highlights: list[dict]    # the distinguishing features the name came from
    segment_id: str | None = None  # set once stored
    name: str | None = None        # the stored (unique) segment name


@dataclass
class DiscoveryResult:
    method: str
    k: int
    seed: int
    clusters: list[Cluster]
    silhouette: float | None
    scores: dict[int, float] = field(default_factory=dict)  # k -> silhouette (kmeans)
    noise: int = 0            # users in no cluster (dbscan / hdbscan)
    n_users: int = 0
    features: list[str] = field(default_factory=list)

    def labels_by_user(self) -> dict[str, int]:
        """user_id -> cluster index (0 for noise / unassigned)."""
        return {uid: c.index for c in self.clusters for uid in c.user_ids}


# ---- features -----------------------------------------------------------------------------

def build_features(db_path) -> FeatureMatrix:
    """Read every built user's vector from the database (unscaled)."""
    import numpy as np

    conn = connect_readonly(db_path)
    try:
        user_ids = [r[0] for r in conn.execute("SELECT user_id FROM profiles ORDER BY user_id")]
        if not user_ids:
            raise ClusteringError(f"{db_path}: no built profiles to cluster; run `persona build` first")
        row_of = {uid: i for i, uid in enumerate(user_ids)}
        columns: dict[str, dict[int, float]] = {}
        orders_of, spend_of = np.zeros(len(user_ids)), np.zeros(len(user_ids))

        def put(name: str, user_id: str, value: float) -> None:
            row = row_of.get(user_id)
            if row is not None and value is not None:
                col = columns.setdefault(name, {})
                col[row] = max(col.get(row, value), value)

        for user_id, path, tag_id, confidence in conn.execute(
            "SELECT user_id, path, tag_id, confidence FROM tags WHERE category = 'interests' AND status = 'active'"
        ):
            put(f"interest:{(path or tag_id).split('/')[0]}", user_id, float(confidence))
        for row in conn.execute(
            "SELECT user_id, rfm_recency, rfm_frequency, rfm_monetary, order_count, total_spend,"
            " consumption, lifecycle FROM profiles"
        ):
            user_id, recency, frequency, monetary, orders, spend, consumption, lifecycle = row
            for name, value in (("rfm_recency", recency), ("rfm_frequency", frequency), ("rfm_monetary", monetary)):
                if value is not None:
                    put(f"behavior:{name}", user_id, float(value))
            orders_of[row_of[user_id]], spend_of[row_of[user_id]] = orders or 0, spend or 0
            put("behavior:order_count", user_id, math.log1p(orders or 0))
            basket = (spend or 0) / orders if orders else 0.0
            put("behavior:avg_basket", user_id, math.log1p(basket))
            if consumption:
                put(f"consumption:{consumption}", user_id, 1.0)
            if lifecycle:
                put(f"lifecycle:{lifecycle}", user_id, 1.0)
        for user_id, aspect, polarity in conn.execute(
            "SELECT user_id, aspect, AVG(polarity) FROM emotions WHERE aspect != 'overall' GROUP BY user_id, aspect"
        ):
            row = row_of.get(user_id)
            if row is not None:
                columns.setdefault(f"aspect:{aspect}", {})[row] = float(polarity)
        for user_id, intent in conn.execute("SELECT DISTINCT user_id, intent FROM intents WHERE status = 'active'"):
            put(f"intent:{intent}", user_id, 1.0)
        for user_id, value_id, confidence in conn.execute(
            "SELECT user_id, value_id, confidence FROM user_values WHERE status = 'active'"
        ):
            put(f"value:{value_id}", user_id, float(confidence))
    finally:
        conn.close()

    names = sorted(columns)
    raw = np.zeros((len(user_ids), len(names)))
    for j, name in enumerate(names):
        col = columns[name]
        if name.startswith("behavior:rfm_"):  # a missing RFM score means "unknown": use the mean
            fill = sum(col.values()) / len(col) if col else 0.0
            raw[:, j] = fill
        for row, value in col.items():
            raw[row, j] = value
    return FeatureMatrix(user_ids=user_ids, names=names, raw=raw, orders=orders_of, spend=spend_of)


def standardize(raw):
    """Z-scores clipped at ±Z_CLIP, constant columns dropped; returns (matrix, kept column indexes)."""
    import numpy as np

    std = raw.std(axis=0)
    keep = np.flatnonzero(std > 1e-9)
    if keep.size == 0:
        raise ClusteringError("every user has the same features; nothing tells them apart")
    z = (raw[:, keep] - raw[:, keep].mean(axis=0)) / std[keep]
    return np.clip(z, -Z_CLIP, Z_CLIP), keep


def discover_segments(db_path, *, method: str = "kmeans", k: int | None = None, seed: int = 42,
                      **options) -> DiscoveryResult:
    """Cluster every built user and store the clusters as the discovered segments.

    Previous discovered segments are replaced; saved segments are untouched. Options are
    passed to :func:`cluster_features` (``k_range``, ``eps``, ``min_samples`` ...).

    Example:
        >>> result = discover_segments("shop.db", seed=3)
        >>> [(c.name_zh, len(c.user_ids)) for c in result.clusters][:1]
        [('高复购低客单价 · 母婴组', 212)]
    """
    from tools.segments import store_discovered

    result = cluster_features(build_features(db_path), method=method, k=k, seed=seed, **options)
    spec = {"method": result.method, "k": result.k, "seed": seed, "silhouette": result.silhouette,
            "scores": {str(c): round(v, 4) for c, v in result.scores.items()}, "noise": result.noise,
            "features": result.features}
    stored = store_discovered(db_path, [
        {"index": c.index, "name_zh": c.name_zh, "name_en": c.name_en,
         "description": f"{c.description_zh}\n{c.description_en}",
         "members": list(zip(c.user_ids, c.probabilities)), "highlights": c.highlights}
        for c in result.clusters
    ], spec=spec)
    for cluster, row in zip(result.clusters, stored):
        cluster.segment_id, cluster.name = row["segment_id"], row["name"]
    return result


# ---- clustering ----------------------------------------------------------------------------

def cluster_features(features: FeatureMatrix, *, method: str = "kmeans", k: int | None = None, seed: int = 42,
                     k_range: tuple[int, int] = K_RANGE, silhouette_sample: int = SILHOUETTE_SAMPLE,
                     eps: float | None = None, min_samples: int | None = None) -> DiscoveryResult:
    """Cluster a feature matrix and name the clusters (nothing is written).

    Args:
        features: from :func:`build_features` (or built by hand in tests).
        method: 'kmeans', 'dbscan' or 'hdbscan'.
        k: k-means cluster count; None chooses it by silhouette within ``k_range``.
        seed: random seed; the same seed gives the same clusters.
        k_range: inclusive range of k tried when ``k`` is None.
        silhouette_sample: silhouette is scored on at most this many users.
        eps, min_samples: DBSCAN density parameters (chosen from the data when None).
    """
    if method not in METHODS:
        raise ClusteringError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    n = len(features.user_ids)
    x, keep = standardize(features.raw)
    if method == "kmeans":
        labels, probs, k_used, scores = _kmeans(x, k, seed, k_range, silhouette_sample)
    elif method == "dbscan":
        labels, probs = _dbscan(x, seed, eps, min_samples)
        k_used, scores = int(labels.max()) + 1, {}
    else:
        labels, probs = _hdbscan(x, seed, min_samples)
        k_used, scores = int(labels.max()) + 1, {}
    if k_used < 1:
        raise ClusteringError(f"{method} found no clusters among {n} users (everyone is noise); "
                              "try --method kmeans or more data")
    silhouette = _silhouette(x, labels, seed, silhouette_sample)
    clusters = _describe_clusters(features, labels, probs, k_used)
    return DiscoveryResult(method=method, k=k_used, seed=seed, clusters=clusters, silhouette=silhouette,
                           scores=scores, noise=int((labels < 0).sum()), n_users=n,
                           features=[features.names[j] for j in keep])


def _kmeans(x, k, seed, k_range, silhouette_sample):
    import numpy as np
    from sklearn.cluster import KMeans

    n = x.shape[0]
    if k is not None and not 2 <= k <= n:
        raise ClusteringError(f"k must be between 2 and the number of users ({n}), got {k}")
    if k is None and n <= k_range[0]:
        raise ClusteringError(f"too few users to cluster ({n}); need more than {k_range[0]}")
    scores: dict[int, float] = {}
    if k is None:
        rng = np.random.default_rng(seed)
        pool = x if n <= SELECTION_SAMPLE else x[rng.choice(n, SELECTION_SAMPLE, replace=False)]
        for candidate in range(k_range[0], min(k_range[1], pool.shape[0] - 1) + 1):
            model = KMeans(n_clusters=candidate, init="k-means++", n_init=4, random_state=seed).fit(pool)
            scores[candidate] = _silhouette(pool, model.labels_, seed, silhouette_sample)
        # Silhouette differences of a few percent are noise; prefer the simpler segmentation.
        best = max(scores.values())
        k = min(c for c, score in scores.items() if score >= best - K_TOLERANCE * abs(best))
    model = KMeans(n_clusters=k, init="k-means++", n_init=8, random_state=seed).fit(x)
    labels = model.labels_.astype(int)
    return labels, _soft_assignment(x, model.cluster_centers_, labels), k, scores


def _soft_assignment(x, centers, labels):
    """Each user's posterior for its own cluster under an equal-variance spherical Gaussian mixture."""
    import numpy as np

    # ‖x - c‖² = ‖x‖² - 2 x·c + ‖c‖², without an n × k × d array
    d2 = np.maximum((x ** 2).sum(axis=1)[:, None] - 2 * x @ centers.T + (centers ** 2).sum(axis=1)[None, :], 0)
    sigma2 = max(d2[np.arange(len(labels)), labels].mean() / x.shape[1], 1e-9)
    share = np.bincount(labels, minlength=centers.shape[0]) / len(labels)
    logits = np.log(np.maximum(share, 1e-12))[None, :] - d2 / (2 * sigma2)
    logits -= logits.max(axis=1, keepdims=True)
    post = np.exp(logits)
    post /= post.sum(axis=1, keepdims=True)
    return post[np.arange(len(labels)), labels]


def _reduce(x, seed, components=DENSITY_COMPONENTS):
    """The first principal components: density methods work poorly in many dimensions."""
    from sklearn.decomposition import PCA

    if x.shape[1] <= components:
        return x
    return PCA(n_components=components, random_state=seed).fit_transform(x)


def _dbscan(x, seed, eps, min_samples):
    import numpy as np
    from sklearn.cluster import DBSCAN
    from sklearn.neighbors import NearestNeighbors

    reduced = _reduce(x, seed)
    n = reduced.shape[0]
    min_samples = min_samples or max(10, min(50, n // 100))
    if eps is None:
        # The distance to the min_samples-th neighbour is small inside a group and large in the
        # gaps between groups. Profile vectors have groups joined by sparse bridges, so a higher
        # cut merges groups; the median keeps clusters pure and calls the bridges noise
        # (measured in bench/bench_clustering.py).
        dist, _ = NearestNeighbors(n_neighbors=min(min_samples, n)).fit(reduced).kneighbors(reduced)
        eps = float(np.quantile(dist[:, -1], DBSCAN_EPS_QUANTILE)) or 1e-6
    model = DBSCAN(eps=eps, min_samples=min_samples).fit(reduced)
    labels = model.labels_.astype(int)
    probs = np.zeros(n)
    core = np.zeros(n, dtype=bool)
    core[model.core_sample_indices_] = True
    probs[core] = 1.0
    border = np.flatnonzero((labels >= 0) & ~core)
    if border.size:  # a border point lies within eps of a core point, so this is in 0.5 .. 1
        nearest, _ = NearestNeighbors(n_neighbors=1).fit(reduced[core]).kneighbors(reduced[border])
        probs[border] = 1.0 - 0.5 * np.minimum(nearest[:, 0] / eps, 1.0)
    return labels, probs


def _hdbscan(x, seed, min_samples):
    from sklearn.cluster import HDBSCAN

    n = x.shape[0]
    reduced = _reduce(x, seed)
    model = HDBSCAN(min_cluster_size=max(10, n // 100), min_samples=min_samples, copy=True).fit(reduced)
    return model.labels_.astype(int), model.probabilities_


def _silhouette(x, labels, seed, sample):
    import numpy as np
    from sklearn.metrics import silhouette_score

    mask = labels >= 0
    if len(set(labels[mask].tolist())) < 2:
        return None
    xs, ls = x[mask], labels[mask]
    size = min(sample, xs.shape[0])
    if size < xs.shape[0]:
        idx = np.random.default_rng(seed).choice(xs.shape[0], size, replace=False)
        xs, ls = xs[idx], ls[idx]
        if len(set(ls.tolist())) < 2:
            return None
    return float(silhouette_score(xs, ls))


# ---- naming ----------------------------------------------------------------------------------

# What a distinguishing feature is called in a segment name: feature -> (zh, en) when high/over-represented.
_BEHAVIOR_WORDS = {
    ("behavior:order_count", "high"): ("高复购", "frequent"),
    ("behavior:order_count", "low"): ("低频", "occasional"),
    ("behavior:avg_basket", "high"): ("高客单价", "high-basket"),
    ("behavior:avg_basket", "low"): ("低客单价", "low-basket"),
    ("behavior:rfm_recency", "low"): ("久未购买", "lapsed"),
}
# What a behaviour figure counts, said before it (the recency score is 1-5, 5 = bought lately).
_BEHAVIOR_UNITS = {
    "order_count": ("人均订单 ", "orders per user "),
    "avg_basket": ("客单价 ", "spend per order "),
    "rfm_recency": ("R 分（1–5）", "recency score (1-5) "),
}
_GROUP_WORDS = {
    "consumption:price_sensitive": ("价格敏感", "price-sensitive"),
    "consumption:value_seeker": ("重性价比", "value-seeking"),
    "consumption:quality_seeker": ("重品质", "quality-seeking"),
    "consumption:premium": ("高端", "premium"),
    "lifecycle:new": ("新客", "new"),
    "lifecycle:growing": ("成长期", "growing"),
    "lifecycle:dormant": ("沉睡", "dormant"),
    "lifecycle:churn_risk": ("流失预警", "at-risk"),
}
_MIN_SHARE, _MIN_LIFT = 0.3, 1.5   # an interest/value must cover 30 % of the cluster and 1.5× everyone
_MIN_GROUP_SHARE, _MIN_GROUP_LIFT = 0.5, 1.3
_Z_BEHAVIOR = 0.5                  # behaviour mean at least half a standard deviation off
_FLAT = 1e-9                       # a standard deviation below this is rounding: the feature is flat


def _describe_clusters(features: FeatureMatrix, labels, probs, k: int) -> list[Cluster]:
    import numpy as np

    from schema.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    raw = features.raw
    mean, std = raw.mean(axis=0), raw.std(axis=0)
    present_all = (raw > 0).mean(axis=0)
    clusters = []
    used_names: set[str] = set()
    masks = [labels == index for index in range(k)]
    described = [_highlights(features.names, raw[mask], mean, std, present_all, taxonomy, _buying(features, mask))
                 for mask in masks]
    names = [_name(highlights) for highlights in described]
    plain = [index for index, name in enumerate(names) if name is None]
    for index, (mask, highlights) in enumerate(zip(masks, described)):
        name_zh, name_en = names[index] or _plain_name(plain.index(index) + 1, len(plain))
        if name_zh in used_names:  # two clusters can look alike at this resolution
            name_zh, name_en = f"{name_zh}（{index + 1}）", f"{name_en} ({index + 1})"
        used_names.add(name_zh)
        order = np.argsort([-p for p in probs[mask]], kind="stable")
        ids = [features.user_ids[i] for i in np.flatnonzero(mask)]
        member_probs = [round(float(p), 4) for p in probs[mask]]
        clusters.append(Cluster(
            index=index + 1,
            user_ids=[ids[i] for i in order],
            probabilities=[member_probs[i] for i in order],
            name_zh=name_zh, name_en=name_en,
            description_zh="；".join(h["zh"] for h in highlights) or "没有明显区别于整体的特征",
            description_en="; ".join(h["en"] for h in highlights) or "nothing sets it apart from everyone",
            highlights=highlights,
        ))
    return clusters


def _buying(features: FeatureMatrix, mask) -> dict[str, tuple[float, float]] | None:
    """Orders per user and spend per order, (members, everyone): the figures `segments show` prints."""
    if features.orders is None or features.spend is None:
        return None

    def basket(rows) -> float:
        orders = float(features.orders[rows].sum())
        return float(features.spend[rows].sum()) / orders if orders else 0.0

    everyone = slice(None)
    return {"order_count": (float(features.orders[mask].mean()), float(features.orders.mean())),
            "avg_basket": (basket(mask), basket(everyone))}


def _highlights(names, members, mean, std, present_all, taxonomy, buying=None) -> list[dict]:
    """The features that set a cluster apart, strongest first, each with zh/en wording and numbers.

    Behaviour is judged on the log features the clustering used; its numbers are the plain
    averages from ``buying`` (see :func:`_buying`) when given.
    """
    out = []
    present = (members > 0).mean(axis=0)
    avg = members.mean(axis=0)
    for j, name in enumerate(names):
        kind, _, key = name.partition(":")
        if kind in ("interest", "value"):
            share, base = float(present[j]), float(present_all[j])
            if share >= _MIN_SHARE and base > 0 and share / base >= _MIN_LIFT:
                label_kind = "interest" if kind == "interest" else "value"
                zh, en = taxonomy.name(key, "zh", label_kind), taxonomy.name(key, "en", label_kind)
                out.append({"feature": name, "kind": kind, "score": share - base, "share": share, "base": base,
                            "label_zh": zh, "label_en": en,
                            "zh": f"{zh} {share:.0%}（整体 {base:.0%}）", "en": f"{en} {share:.0%} (all {base:.0%})"})
        elif kind in ("consumption", "lifecycle"):
            share, base = float(present[j]), float(present_all[j])
            if share >= _MIN_GROUP_SHARE and base > 0 and share / base >= _MIN_GROUP_LIFT and name in _GROUP_WORDS:
                zh, en = _GROUP_WORDS[name]
                full_zh, full_en = taxonomy.name(key, "zh", kind), taxonomy.name(key, "en", kind)
                out.append({"feature": name, "kind": kind, "score": share - base, "share": share, "base": base,
                            "label_zh": zh, "label_en": en,
                            "zh": f"{full_zh} {share:.0%}（整体 {base:.0%}）",
                            "en": f"{full_en} {share:.0%} (all {base:.0%})"})
        elif kind == "behavior" and std[j] > _FLAT:
            z = float((avg[j] - mean[j]) / std[j])
            direction = "high" if z >= _Z_BEHAVIOR else "low" if z <= -_Z_BEHAVIOR else None
            words = _BEHAVIOR_WORDS.get((name, direction)) if direction else None
            if words and buying is not None and buying["order_count"][0] == 0:
                # Members who never ordered are "non-buying": a low frequency, a ¥0 basket or a
                # lapsed recency would describe orders they never placed.
                if key == "order_count":
                    out.append(_non_buying(name, z, buying["order_count"][1]))
            elif words:
                shown, base = _behavior_value(key, avg[j], mean[j], buying)
                unit_zh, unit_en = _BEHAVIOR_UNITS.get(key, ("", ""))
                out.append({"feature": name, "kind": "behavior", "score": abs(z) / 2, "z": z,
                            "label_zh": words[0], "label_en": words[1],
                            "zh": f"{words[0]}：{unit_zh}{shown}（整体 {base}）",
                            "en": f"{words[1]}: {unit_en}{shown} (all {base})"})
        elif kind == "aspect" and std[j] > _FLAT:
            z = float((avg[j] - mean[j]) / std[j])
            if z <= -_Z_BEHAVIOR and avg[j] < -0.1:
                zh, en = taxonomy.name(key, "zh", "aspect"), taxonomy.name(key, "en", "aspect")
                out.append({"feature": name, "kind": "aspect", "score": abs(z) / 2, "z": z,
                            "label_zh": f"吐槽{zh}", "label_en": f"{en.lower()}-critical",
                            "zh": f"对{zh}不满（平均情感 {avg[j]:+.2f}）",
                            "en": f"unhappy about {en.lower()} (mean polarity {avg[j]:+.2f})"})
    out.sort(key=lambda h: -h["score"])
    return out


def _non_buying(feature: str, z: float, everyone: float) -> dict:
    return {"feature": feature, "kind": "behavior", "score": abs(z) / 2, "z": z,
            "label_zh": "未下单", "label_en": "non-buying",
            "zh": f"未下单（整体人均订单 {everyone:.1f}）", "en": f"no orders yet (all: {everyone:.1f} orders per user)"}


def _behavior_value(key: str, value: float, base: float, buying: dict | None) -> tuple[str, str]:
    """The cluster's and everyone's figure for a behaviour feature, as words."""
    if key in ("order_count", "avg_basket"):
        if buying is not None:
            value, base = buying[key]
        else:  # no plain figures: the mean of the logs, back in orders / yuan (a geometric mean)
            value, base = math.expm1(value), math.expm1(base)
        return (f"{value:.1f}", f"{base:.1f}") if key == "order_count" else (f"¥{value:,.0f}", f"¥{base:,.0f}")
    return f"{value:.1f}", f"{base:.1f}"


_TRAIT_ORDER = ("behavior:order_count", "behavior:avg_basket", "consumption", "lifecycle", "behavior:rfm_recency")


def _name(highlights: list[dict]) -> tuple[str, str] | None:
    """'高复购低客单价 · 母婴组' / 'frequent low-basket mother & baby buyers'; None when nothing
    sets the cluster apart (see ``_plain_name``).

    At most two traits, behaviour first (how often, how much), then consumption level and
    lifecycle; an aspect complaint only names a cluster that has no other trait, since it
    mostly repeats one ("price-critical" next to "price-sensitive").
    """
    def rank(h):
        for position, prefix in enumerate(_TRAIT_ORDER):
            if h["feature"] == prefix or h["feature"].startswith(prefix + ":"):
                return position
        return None

    traits = sorted((h for h in highlights if rank(h) is not None), key=rank)[:2]
    if not traits:
        traits = [h for h in highlights if h["kind"] == "aspect"][:1]
    interests = [h for h in highlights if h["kind"] == "interest"][:2]
    trait_zh = "".join(h["label_zh"] for h in traits)
    trait_en = " ".join(h["label_en"] for h in traits)
    if interests:
        topic_zh = "/".join(h["label_zh"] for h in interests)
        topic_en = " & ".join(h["label_en"].lower() for h in interests)
        zh = f"{trait_zh} · {topic_zh}组" if trait_zh else f"{topic_zh}组"
        en = f"{trait_en} {topic_en} buyers".strip()
    elif traits:
        zh, en = f"{trait_zh}组", f"{trait_en} customers"
    else:
        values = [h for h in highlights if h["kind"] == "value"][:1]
        if not values:
            return None
        zh, en = f"{values[0]['label_zh']}组", f"{values[0]['label_en'].lower()} customers"
    return zh, en


def _plain_name(number: int, count: int) -> tuple[str, str]:
    """The name of a cluster that nothing sets apart: numbered only among such clusters, and
    only when there are several ("大众组 2" with no group 1 reads as a mistake)."""
    if count == 1:
        return "大众组", "mainstream group"
    return f"大众组 {number}", f"mainstream group {number}"
