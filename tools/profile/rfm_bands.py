"""The RFM frequency and monetary bands: fixed, unless the shop's customers do not fit them.

The fixed bands (≥ 12 … ≥ 2 orders, ≥ 10 000 … ≥ 500 spent; `explicit.FREQUENCY_ORDERS`,
`explicit.MONETARY_SPEND`) suit a shop selling shoes and phones. In a café or a bookstore nobody
spends 4 000, so every buyer would score M1–M2 and "high value customers" would always be empty;
in a jeweller's everybody would be M5. So the first build that sees enough buyers checks the fit
of each and, where the fixed bands do not fit, uses the quintiles of the buyers' own order counts
or total spend instead. The decision is stored (table ``settings``) and kept by later builds, so
an incremental build scores a user as a full build would; ``persona build --all`` decides again.
Recency keeps its fixed bands: days since the last order mean the same in every shop.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass

from schema.db import now_iso
from tools.profile.explicit import FREQUENCY_ORDERS, MONETARY_SPEND, band_score

MIN_BUYERS = 20          # fewer buyers tell too little: the fixed bands, decided again next build
TOP_SHARE_MIN = 0.05     # fixed bands fit when at least 5 % of buyers reach score 4 or 5 …
ONE_BAND_MAX = 0.60      # … and no single score holds more than 60 % of them
_KEY = "rfm_bands"
_PER_BUYER = {   # one value per buyer, as explicit.facts() counts them
    "frequency": "SELECT COUNT(*) FROM orders GROUP BY user_id",
    "monetary": "SELECT SUM(amount) FROM orders GROUP BY user_id HAVING SUM(amount) > 0",
}


@dataclass(frozen=True)
class Bands:
    limits: tuple[float, ...]    # descending: a value >= limits[0] scores 5 … below limits[-1] scores 1
    source: str                  # 'fixed' or 'calibrated'
    buyers: int = 0              # the buyers a calibration was made from


@dataclass(frozen=True)
class RfmBands:
    frequency: Bands
    monetary: Bands

    def calibrated(self) -> str | None:
        """'orders F5 ≥ 6, F4 ≥ 5, F3 ≥ 4, F2 ≥ 3; spend M5 ≥ 460, … (fitted to your 51 buyers)', or
        None when both bands are the fixed ones."""
        parts = [f"{noun} " + ", ".join(f"{letter}{5 - i} ≥ {limit:,.0f}" for i, limit in enumerate(bands.limits)
                                        if i == 0 or limit < bands.limits[i - 1])   # an empty score is not named
                 for noun, letter, bands in (("orders", "F", self.frequency), ("spend", "M", self.monetary))
                 if bands.source == "calibrated"]
        if not parts:
            return None
        buyers = max(self.frequency.buyers, self.monetary.buyers)
        return f"{'; '.join(parts)} (fitted to your {buyers} buyers)"


FIXED = RfmBands(Bands(tuple(map(float, FREQUENCY_ORDERS)), "fixed"), Bands(tuple(map(float, MONETARY_SPEND)), "fixed"))


def stored_bands(conn: sqlite3.Connection) -> RfmBands | None:
    """The bands an earlier build decided, or None."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (_KEY,)).fetchone()
    if row is None:
        return None
    value = json.loads(row[0])
    return RfmBands(*(Bands(tuple(value[name]["limits"]), value[name]["source"], value[name]["buyers"])
                      for name in ("frequency", "monetary")))


def high_spend_line(db_path: str) -> float:
    """The lifetime spend of a "big spender" in this shop: where the monetary score reaches 4 (the
    bands the last build settled on; the fixed ones before any). For the chat's "big spenders"."""
    from schema.db import SchemaError, connect_readonly

    try:
        conn = connect_readonly(db_path)
        try:
            bands = stored_bands(conn)
        finally:
            conn.close()
    except (sqlite3.Error, SchemaError):   # no database yet, one from before migration 3, or not Persona's
        bands = None
    return (bands or FIXED).monetary.limits[1]


def settle_bands(conn: sqlite3.Connection, *, decide_again: bool = False) -> RfmBands:
    """The bands this build scores with: the stored ones, else (or with ``decide_again``) decided
    from the buyers now and stored — unless there are too few buyers to tell."""
    stored = None if decide_again else stored_bands(conn)
    if stored is not None:
        return stored
    decided = {}
    for name, fixed in (("frequency", FIXED.frequency), ("monetary", FIXED.monetary)):
        values = [value for (value,) in conn.execute(_PER_BUYER[name])]
        if len(values) < MIN_BUYERS:
            return FIXED
        decided[name] = fixed if fits(values, fixed) else calibrated(values, fixed)
    bands = RfmBands(**decided)
    conn.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (_KEY, json.dumps(asdict(bands)), now_iso()))
    return bands


def fits(values: list[float], bands: Bands) -> bool:
    scores = [band_score(value, bands.limits) for value in values]
    top = sum(s >= 4 for s in scores) / len(scores)
    fullest = max(scores.count(s) for s in set(scores)) / len(scores)
    return top >= TOP_SHARE_MIN and fullest <= ONE_BAND_MAX


def calibrated(values: list[float], fixed: Bands) -> Bands:
    """Limits that about 20 / 40 / 60 / 80 % of the buyers reach (scores 5 / 4 / 3 / 2) — the
    nearest a tie allows (if half the buyers ordered 4 times, 4 orders is reached by all of that
    half) — to two significant figures (a person reads "≥ 460", not "≥ 457.38").

    When ties leave no four such steps (a school whose learners buy one to four courses: 1, 2, 3
    or 4 orders), each value above the lowest is a step of its own, from the top: 4 orders F5,
    3 F4, 2 F3 (F2 then has no one); ``fixed`` only when everyone has the same value."""
    ordered = sorted(values, reverse=True)
    count = len(ordered)
    tie_ends = [((index + 1) / count, value) for index, value in enumerate(ordered)
                if index + 1 == count or ordered[index + 1] < value]   # (share reaching value, value)
    limits = [float(f"{min(tie_ends, key=lambda end: abs(end[0] - share))[1]:.2g}") for share in (0.2, 0.4, 0.6, 0.8)]
    if any(upper <= lower for upper, lower in zip(limits, limits[1:])) or limits[-1] <= 0:
        steps = [float(value) for _, value in tie_ends[:-1]][:4]   # the distinct values above the lowest
        if not steps or steps[-1] <= 0:
            return fixed
        limits = steps + steps[-1:] * (4 - len(steps))
    return Bands(tuple(limits), "calibrated", count)
