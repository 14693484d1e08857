"""How well discovered segments recover the generator's planted archetypes.

    python bench/bench_clustering.py                 # 1500 users, seed 3, all methods
    python bench/bench_clustering.py --users 5000 --methods kmeans --db /tmp/big.db

Generates users (`persona generate`), ingests and builds them offline, clusters with each
method and prints the adjusted Rand index against the archetype in FILE.truth.jsonl, the chosen
k, the silhouette, the time, and each cluster's name next to its majority archetype.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def prepare(db: Path, users: int, seed: int) -> dict[str, str]:
    """Generate, ingest and build (skipped when the database exists); return user_id -> archetype."""
    from seeds.generate import generate, truth_path
    from tools.ingest import ingest_file
    from tools.profile.build import build_profiles

    data = db.with_suffix(".jsonl")
    if not db.exists():
        started = time.perf_counter()
        generate(users, data, seed=seed)
        ingest_file(db, data)
        report = build_profiles(str(db))
        print(f"generated, ingested and built {report.built} users in {time.perf_counter() - started:.1f} s")
    truth = {}
    with open(truth_path(data), encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            truth[row["user_id"]] = row["archetype"]
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--db", type=Path, default=None, help="keep the database here (reused when it exists)")
    parser.add_argument("--methods", default="kmeans,dbscan,hdbscan")
    args = parser.parse_args(argv)

    from sklearn.metrics import adjusted_rand_score

    from tools.clustering import build_features, cluster_features

    db = args.db or Path(tempfile.mkdtemp(prefix="bench-clusters-")) / "bench.db"
    truth = prepare(db, args.users, args.seed)
    features = build_features(db)
    ids = [u for u in features.user_ids if u in truth]
    print(f"{len(features.user_ids)} built users, {len(ids)} with ground truth, "
          f"{len(set(truth.values()))} archetypes, {len(features.names)} features")
    for method in args.methods.split(","):
        started = time.perf_counter()
        result = cluster_features(features, method=method, seed=args.seed)
        elapsed = time.perf_counter() - started
        labels = result.labels_by_user()
        ari = adjusted_rand_score([truth[u] for u in ids], [labels.get(u, 0) for u in ids])
        clustered = [u for u in ids if u in labels]
        ari_clustered = adjusted_rand_score([truth[u] for u in clustered], [labels[u] for u in clustered])
        silhouette = f"{result.silhouette:.3f}" if result.silhouette is not None else "-"
        print(f"\n{method}: ARI {ari:.3f} (noise counted as one group)  ARI on clustered users {ari_clustered:.3f}"
              f"  k={result.k}  silhouette={silhouette}  noise={result.noise}  {elapsed:.2f} s")
        for cluster in result.clusters:
            majority, count = Counter(truth.get(u, "?") for u in cluster.user_ids).most_common(1)[0]
            print(f"  {cluster.index:>2} {len(cluster.user_ids):>5}  {majority:<22} {count / len(cluster.user_ids):>4.0%}"
                  f"  {cluster.name_zh} | {cluster.name_en}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
