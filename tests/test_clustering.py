"""Discovered segments: planted groups are recovered, named from what sets them apart, stored."""

import json

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from schema.db import connect
from tests.test_segments import OUTDOOR_PARAMS, OUTDOOR_PRICE_SQL
from tests.test_segments_data import make_profile_db
from tools.clustering import ClusteringError, FeatureMatrix, build_features, cluster_features, discover_segments
from tools.segments import list_segments, save_segment, segment_members, segment_profile


def _blobs(k=4, per=60, dims=12, seed=0):
    """Planted Gaussian blobs in a feature space named like the real one."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(0, 4, size=(k, dims))
    raw = np.vstack([c + rng.normal(0, 1, size=(per, dims)) for c in centers])
    truth = np.repeat(np.arange(k), per)
    names = [f"aspect:a{j}" for j in range(dims)]
    return FeatureMatrix([f"u{i:04d}" for i in range(k * per)], names, raw), truth


def _ari(result, features, truth):
    labels = result.labels_by_user()
    return adjusted_rand_score(truth, [labels.get(u, 0) for u in features.user_ids])


def test_kmeans_recovers_planted_blobs_and_picks_k():
    features, truth = _blobs()
    result = cluster_features(features, seed=1)
    assert result.k == 4
    assert _ari(result, features, truth) >= 0.95
    assert result.scores and max(result.scores, key=result.scores.get) == 4


def test_same_seed_same_clusters():
    features, _ = _blobs(seed=2)
    first = cluster_features(features, k=4, seed=7)
    second = cluster_features(features, k=4, seed=7)
    assert first.labels_by_user() == second.labels_by_user()
    assert [c.probabilities for c in first.clusters] == [c.probabilities for c in second.clusters]


def test_soft_membership_is_a_probability_and_lower_between_groups():
    features, _ = _blobs(k=3, seed=3)
    midpoint = features.raw[:60].mean(axis=0) / 2 + features.raw[60:120].mean(axis=0) / 2
    features.raw = np.vstack([features.raw, midpoint])
    features.user_ids.append("between")
    result = cluster_features(features, k=3, seed=0)
    probs = {u: p for c in result.clusters for u, p in zip(c.user_ids, c.probabilities)}
    assert all(0 < p <= 1 for p in probs.values())
    assert probs["between"] < 0.9 < np.median(list(probs.values()))


def test_dbscan_core_border_and_noise():
    features, truth = _blobs(k=3, per=80, dims=4, seed=4)
    features.raw = np.vstack([features.raw, [[60.0] * 4]])  # far from everyone: noise
    features.user_ids.append("outlier")
    result = cluster_features(features, method="dbscan", seed=0)
    assert result.k == 3 and result.noise >= 1
    assert "outlier" not in result.labels_by_user()
    probs = [p for c in result.clusters for p in c.probabilities]
    assert 1.0 in probs and all(0.5 <= p <= 1.0 for p in probs)
    # the density cut leaves a blob's sparse rim as noise; who is clustered is clustered right
    labels = result.labels_by_user()
    clustered = [i for i, u in enumerate(features.user_ids) if u in labels]
    assert len(clustered) >= 0.8 * len(features.user_ids)
    assert adjusted_rand_score(truth[clustered], [labels[features.user_ids[i]] for i in clustered]) >= 0.95


def test_hdbscan_option_runs():
    features, truth = _blobs(k=3, per=60, dims=4, seed=5)
    result = cluster_features(features, method="hdbscan", seed=0)
    assert result.k == 3 and _ari(result, features, truth) >= 0.9


def test_unknown_method_is_refused():
    features, _ = _blobs()
    with pytest.raises(ClusteringError, match="unknown method 'spectral'"):
        cluster_features(features, method="spectral")


@pytest.fixture(scope="module")
def planted_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("clusters") / "planted.db"
    truth = make_profile_db(path, per_group=30, seed=5)
    return str(path), truth


def test_discovery_on_built_profiles_recovers_archetypes_and_names_them(planted_db):
    db, truth = planted_db
    result = discover_segments(db, seed=3)
    labels = result.labels_by_user()
    assert adjusted_rand_score([truth[u] for u in truth], [labels.get(u, 0) for u in truth]) >= 0.9
    by_archetype = {truth[c.user_ids[0]]: c for c in result.clusters}
    baby = by_archetype["baby_frequent"]
    assert baby.name_zh.startswith("高复购低客单价") and "母婴" in baby.name_zh
    assert baby.name_en.startswith("frequent low-basket") and "mother & baby" in baby.name_en
    assert "价格敏感" in by_archetype["outdoor_price"].name_zh
    assert "outdoor" in by_archetype["outdoor_price"].name_en
    assert "重品质" in by_archetype["skincare_quality"].name_zh
    assert "母婴" in baby.description_zh and "%" in baby.description_en
    stored = {s["name"]: s for s in list_segments(db) if s["kind"] == "discovered"}
    assert len(stored) == result.k and stored[baby.name]["size"] == len(baby.user_ids)
    assert stored[baby.name]["name_en"] == baby.name_en


def test_descriptions_quote_the_same_buying_figures_as_segments_show(planted_db):
    """Orders per user and spend per order, for the cluster and for everyone: as `segments show` has them."""
    db, truth = planted_db
    result = discover_segments(db, seed=3)
    baby = next(c for c in result.clusters if truth[c.user_ids[0]] == "baby_frequent")
    behaviour = segment_profile(db, baby.segment_id)["behavior"]
    members, everyone = behaviour["members"], behaviour["population"]
    frequent = next(h for h in baby.highlights if h["feature"] == "behavior:order_count")
    low_basket = next(h for h in baby.highlights if h["feature"] == "behavior:avg_basket")
    assert frequent["en"] == f"frequent: orders per user {members['avg_orders']:.1f} (all {everyone['avg_orders']:.1f})"
    assert low_basket["en"] == (f"low-basket: spend per order ¥{members['avg_basket']:,.0f} "
                                f"(all ¥{everyone['avg_basket']:,.0f})")
    assert f"人均订单 {members['avg_orders']:.1f}（整体 {everyone['avg_orders']:.1f}）" in baby.description_zh


def test_rediscovery_replaces_discovered_and_keeps_saved(planted_db):
    db, _ = planted_db
    save_segment(db, "户外", OUTDOOR_PRICE_SQL, OUTDOOR_PARAMS)
    discover_segments(db, k=4, seed=1)
    second = discover_segments(db, k=3, seed=1)
    kinds = [s["kind"] for s in list_segments(db)]
    assert kinds.count("discovered") == 3 and kinds.count("saved") == 1
    conn = connect(db)
    stale = conn.execute("SELECT COUNT(*) FROM segment_members m LEFT JOIN segments s USING (segment_id)"
                         " WHERE s.segment_id IS NULL").fetchone()[0]
    assert stale == 0
    short_id = second.clusters[0].segment_id.split("-")[0]  # 'c1' finds the current first cluster
    assert len(segment_members(db, short_id)) == len(second.clusters[0].user_ids)


def test_features_need_built_profiles(tmp_path):
    connect(tmp_path / "empty.db").close()
    with pytest.raises(ClusteringError, match="run `persona build` first"):
        build_features(tmp_path / "empty.db")


def test_generated_archetypes_are_recovered_end_to_end(tmp_path):
    """`persona generate` → ingest → build → discover: the planted archetypes come back."""
    from seeds.generate import generate, truth_path
    from tools.ingest import ingest_file
    from tools.profile.build import build_profiles

    data, db = tmp_path / "gen.jsonl", str(tmp_path / "gen.db")
    generate(240, data, seed=3)
    ingest_file(db, data)
    build_profiles(db)
    truth = {row["user_id"]: row["archetype"]
             for row in map(json.loads, truth_path(data).read_text(encoding="utf-8").splitlines())}
    labels = discover_segments(db, seed=3).labels_by_user()
    ids = sorted(truth)
    score = adjusted_rand_score([truth[u] for u in ids], [labels.get(u, 0) for u in ids])
    assert score >= 0.6, f"adjusted Rand index {score:.3f} (bench/bench_clustering.py prints the details)"


def _named_clusters(raw, orders, spend, labels):
    from tools.clustering import _describe_clusters

    names = ["behavior:order_count", "behavior:avg_basket", "behavior:rfm_recency"]
    features = FeatureMatrix([f"u{i}" for i in range(len(raw))], names, np.array(raw, dtype=float),
                             orders=np.array(orders, dtype=float), spend=np.array(spend, dtype=float))
    labels = np.array(labels)
    return _describe_clusters(features, labels, np.ones(len(labels)), int(labels.max()) + 1)


def test_a_cluster_that_never_ordered_is_named_non_buying_not_low_basket():
    # cluster 0: no orders at all; clusters 1 and 2: ordinary buyers alike.
    raw = [[0, 0, 0]] * 4 + [[1.6, 6.0, 4]] * 4 + [[1.7, 6.1, 4]] * 4
    orders = [0] * 4 + [4] * 8
    spend = [0] * 4 + [1600] * 8
    clusters = _named_clusters(raw, orders, spend, [0] * 4 + [1] * 4 + [2] * 4)
    never = clusters[0]
    assert (never.name_zh, never.name_en) == ("未下单组", "non-buying customers")
    assert never.description_zh == "未下单（整体人均订单 2.7）"
    assert "¥0" not in never.description_zh and "lapsed" not in never.name_en


def test_mainstream_groups_are_numbered_among_themselves():
    # Three alike clusters: nothing sets any apart, so they are numbered 1 to 3.
    alike = _named_clusters([[1.6, 6.0, 4]] * 9, [4] * 9, [1600] * 9, [0] * 3 + [1] * 3 + [2] * 3)
    assert [c.name_en for c in alike] == ["mainstream group 1", "mainstream group 2", "mainstream group 3"]
    # One plain cluster next to a distinct one (a single user who never ordered): no number at all.
    raw = [[0, 0, 0]] + [[1.6, 6.0, 4]] * 10
    alone = _named_clusters(raw, [0] + [4] * 10, [0] + [1600] * 10, [0] + [1] * 10)
    assert alone[0].name_en == "non-buying customers"
    assert (alone[1].name_zh, alone[1].name_en) == ("大众组", "mainstream group")
