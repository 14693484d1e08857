"""The database schema as ordered, numbered migrations.

Each migration is a block of DDL applied once, inside a transaction, and recorded in the
``_migrations`` table. A database made by an older Persona is upgraded by applying the
missing migrations; one made by a newer Persona (a migration number we do not know) is
refused, because we cannot know what its extra tables mean.

A migration may also be a function of the connection, for an upgrade that needs Python: which
extra fields become queryable attributes depends on every user's data (schema/user_attributes.py).

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from schema import user_attributes


def _user_attributes(conn: sqlite3.Connection) -> None:
    """Create ``user_attributes`` and fill it from the extra fields an older Persona kept (and hid)."""
    conn.execute("""
CREATE TABLE user_attributes (
    user_id TEXT NOT NULL REFERENCES users(user_id),
    name    TEXT NOT NULL,     -- the field's name as given (travel_party, household_size, 宝宝阶段)
    value   TEXT NOT NULL,     -- its value as text, trimmed ('family', '4')
    PRIMARY KEY (user_id, name)
)""")
    conn.execute("CREATE INDEX idx_user_attributes_value ON user_attributes(name, value, user_id)")
    user_attributes.refresh(conn)


MIGRATIONS: list[tuple[int, str, str | Callable[[sqlite3.Connection], None]]] = [
    (
        1,
        "core data, profiles, segments, audit log",
        """
-- Raw customer data -------------------------------------------------------------------

CREATE TABLE users (
    user_id         TEXT PRIMARY KEY,
    name            TEXT,
    gender          TEXT NOT NULL DEFAULT 'unknown' CHECK (gender IN ('female', 'male', 'unknown')),
    age             INTEGER CHECK (age IS NULL OR (age >= 0 AND age < 130)),
    city            TEXT,          -- canonical Chinese city name when known (上海), else as given
    city_tier       INTEGER,       -- 1..5, NULL when the city is unknown
    member_level    TEXT,          -- normal | silver | gold | platinum | diamond
    registered_at   TEXT,          -- ISO-8601
    occupation      TEXT,
    education       TEXT,
    extra           TEXT,          -- JSON: unknown fields, kept as given
    data_updated_at TEXT NOT NULL  -- last time ingest changed anything of this user
);

-- Other user ids that identity resolution folded into a canonical user.
CREATE TABLE user_aliases (
    alias_id   TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(user_id),
    reason     TEXT NOT NULL,      -- e.g. 'shared phone'
    merged_at  TEXT NOT NULL
);

-- Raw identities (phone, email, device id). Never visible to the agent.
CREATE TABLE identities (
    kind     TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'device_id')),
    value    TEXT NOT NULL,
    user_id  TEXT NOT NULL REFERENCES users(user_id),
    PRIMARY KEY (kind, value)
);

CREATE TABLE orders (
    order_id    TEXT PRIMARY KEY,  -- given id, or a content hash when the record has none
    user_id     TEXT NOT NULL REFERENCES users(user_id),
    product     TEXT,
    category    TEXT,              -- as given ("户外装备", "Outdoor Gear")
    interest_id TEXT,              -- the taxonomy interest the category maps to, or NULL
    brand       TEXT,
    amount      REAL,              -- in the shop's currency (CNY in the demo)
    ordered_at  TEXT,
    extra       TEXT
);

CREATE TABLE events (
    event_id    TEXT PRIMARY KEY,  -- given id, or a content hash
    user_id     TEXT NOT NULL REFERENCES users(user_id),
    type        TEXT NOT NULL CHECK (type IN ('view', 'click', 'search', 'cart', 'favorite',
                                              'share', 'like', 'purchase', 'login')),
    target      TEXT,
    category    TEXT,
    interest_id TEXT,
    at          TEXT,
    duration_s  REAL,
    extra       TEXT
);

CREATE TABLE texts (
    text_id  TEXT PRIMARY KEY,     -- given id, or a content hash
    user_id  TEXT NOT NULL REFERENCES users(user_id),
    source   TEXT NOT NULL CHECK (source IN ('review', 'chat', 'post', 'comment', 'survey',
                                             'search', 'call_transcript')),
    text     TEXT NOT NULL,
    lang     TEXT,                 -- zh | en | mixed, detected
    at       TEXT,
    product  TEXT,
    extra    TEXT
);

-- The taxonomy, copied from schema/taxonomy.yaml on every open so SQL can join on it.
CREATE TABLE taxonomy (
    id        TEXT NOT NULL,
    kind      TEXT NOT NULL,       -- interest | aspect | emotion | intent | value | consumption | lifecycle | tag_category
    parent_id TEXT,
    level     INTEGER NOT NULL,
    path      TEXT NOT NULL,       -- 'outdoor_sports/hiking'
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);

-- Profiles -----------------------------------------------------------------------------

-- One row per (user, tag). A tag at level 2/3 implies its ancestors: the builder writes
-- every ancestor too, so "loves outdoor sports" is always tag_id = 'outdoor_sports'.
CREATE TABLE tags (
    user_id      TEXT NOT NULL REFERENCES users(user_id),
    tag_id       TEXT NOT NULL,
    category     TEXT NOT NULL,    -- basic_info | demographics | interests | behavior | preferences |
                                   -- intent | sentiment | values | consumption | lifecycle
    path         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('explicit', 'implicit', 'value')),
    confidence   REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    status       TEXT NOT NULL CHECK (status IN ('active', 'observe')),
    source       TEXT NOT NULL,    -- attribute | order | event | text | survey | llm | rule
    evidence     TEXT,             -- a quote or the facts the tag came from
    evidence_ref TEXT,             -- 'text:t1', 'order:o1', 'event:e9', 'attribute:age'
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (user_id, tag_id)
);

-- Every earlier version of a tag, and tags that were dropped (student -> graduating).
CREATE TABLE tag_history (
    user_id     TEXT NOT NULL,
    tag_id      TEXT NOT NULL,
    category    TEXT NOT NULL,
    confidence  REAL NOT NULL,
    status      TEXT NOT NULL,
    version     INTEGER NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL,
    change      TEXT NOT NULL      -- updated | removed | replaced_by:<tag_id>
);

CREATE TABLE emotions (
    user_id      TEXT NOT NULL REFERENCES users(user_id),
    text_id      TEXT NOT NULL,
    aspect       TEXT NOT NULL,    -- a taxonomy aspect id, or 'overall' for the whole text
    polarity     REAL NOT NULL CHECK (polarity >= -1 AND polarity <= 1),
    emotion      TEXT NOT NULL,    -- joy | anger | sadness | fear | surprise | disgust | neutral
    confidence   REAL NOT NULL,
    evidence     TEXT,             -- the clause that carries it
    at           TEXT,             -- time of the text
    PRIMARY KEY (user_id, text_id, aspect)
);

CREATE TABLE intents (
    user_id      TEXT NOT NULL REFERENCES users(user_id),
    intent       TEXT NOT NULL,    -- purchase | compare | research | complaint | return_refund |
                                   -- repurchase | churn_risk | consult
    target       TEXT,             -- what it is about ('mobile_phones', a product name)
    priority     INTEGER NOT NULL DEFAULT 2,  -- 1 high .. 3 low
    status       TEXT NOT NULL CHECK (status IN ('active', 'fulfilled', 'expired')),
    confidence   REAL NOT NULL,
    evidence     TEXT,
    evidence_ref TEXT,
    at           TEXT NOT NULL,
    expires_at   TEXT,
    PRIMARY KEY (user_id, intent, target)
);

CREATE TABLE user_values (
    user_id      TEXT NOT NULL REFERENCES users(user_id),
    value_id     TEXT NOT NULL,    -- eco_conscious | tech_optimist | family_first | ...
    confidence   REAL NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('active', 'observe')),
    evidence     TEXT,
    evidence_ref TEXT,
    at           TEXT,
    PRIMARY KEY (user_id, value_id)
);

CREATE TABLE profiles (
    user_id        TEXT PRIMARY KEY REFERENCES users(user_id),
    completeness   REAL NOT NULL,  -- 0..1, see docs/profiles.md "Completeness"
    lifecycle      TEXT,           -- new | growing | mature | dormant | churn_risk
    consumption    TEXT,           -- price_sensitive | value_seeker | quality_seeker | premium
    rfm_recency    INTEGER,        -- 1..5 score (5 = bought most recently)
    rfm_frequency  INTEGER,        -- 1..5
    rfm_monetary   INTEGER,        -- 1..5
    order_count    INTEGER NOT NULL DEFAULT 0,
    total_spend    REAL NOT NULL DEFAULT 0,
    last_order_at  TEXT,
    last_active_at TEXT,
    summary        TEXT,
    status         TEXT NOT NULL DEFAULT 'completed',  -- completed | error
    errors         TEXT,           -- JSON list of messages collected by the workflow
    built_at       TEXT NOT NULL,
    model          TEXT NOT NULL,  -- 'offline' or the model name
    fallback       INTEGER NOT NULL DEFAULT 0,  -- 1 when the model failed and offline analyzers ran
    version        TEXT NOT NULL   -- workflow version
);

-- Segments -----------------------------------------------------------------------------

CREATE TABLE segments (
    segment_id   TEXT PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    name_zh      TEXT,
    name_en      TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('saved', 'discovered', 'rule')),
    description  TEXT,
    spec         TEXT,             -- JSON audience specification
    sql          TEXT,             -- the checked statement that selects its members
    created_at   TEXT NOT NULL,
    refreshed_at TEXT
);

CREATE TABLE segment_members (
    segment_id  TEXT NOT NULL REFERENCES segments(segment_id),
    user_id     TEXT NOT NULL REFERENCES users(user_id),
    probability REAL NOT NULL DEFAULT 1.0,
    PRIMARY KEY (segment_id, user_id)
);

CREATE TABLE segment_sizes (
    segment_id TEXT NOT NULL,
    size       INTEGER NOT NULL,
    at         TEXT NOT NULL
);

CREATE TABLE campaign_copy (
    copy_id    INTEGER PRIMARY KEY,
    segment_id TEXT,               -- NULL when written for an unsaved audience
    channel    TEXT NOT NULL,
    language   TEXT NOT NULL,
    tone       TEXT,
    variants   TEXT NOT NULL,      -- JSON list
    model      TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The agent's memory and audit trail ---------------------------------------------------

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,     -- question | tool | sql | llm | build
    thread      TEXT,
    question    TEXT,
    statement   TEXT,
    row_count   INTEGER,
    duration_ms REAL,
    tokens_in   INTEGER,
    tokens_out  INTEGER,
    model       TEXT,
    status      TEXT NOT NULL,     -- ok | refused | error | fallback
    detail      TEXT               -- JSON or the error message
);

CREATE TABLE examples (
    id         INTEGER PRIMARY KEY,
    question   TEXT NOT NULL,
    sql        TEXT NOT NULL,
    spec       TEXT,               -- JSON audience specification, when the planner made it
    created_at TEXT NOT NULL
);

-- Indexes for audience queries ---------------------------------------------------------

CREATE INDEX idx_users_city ON users(city);
CREATE INDEX idx_users_gender_age ON users(gender, age);
CREATE INDEX idx_users_member ON users(member_level);
CREATE INDEX idx_users_updated ON users(data_updated_at);
CREATE INDEX idx_aliases_user ON user_aliases(user_id);
CREATE INDEX idx_identities_user ON identities(user_id);
CREATE INDEX idx_orders_user ON orders(user_id, ordered_at);
CREATE INDEX idx_orders_interest ON orders(interest_id, ordered_at);
CREATE INDEX idx_events_user ON events(user_id, type, at);
CREATE INDEX idx_events_type ON events(type, interest_id, at);
CREATE INDEX idx_texts_user ON texts(user_id, at);
CREATE INDEX idx_tags_tag ON tags(tag_id, status, user_id);
CREATE INDEX idx_tag_history_user ON tag_history(user_id, tag_id);
CREATE INDEX idx_emotions_aspect ON emotions(aspect, polarity, at, user_id);
CREATE INDEX idx_intents_intent ON intents(intent, status, user_id);
CREATE INDEX idx_values_value ON user_values(value_id, status, user_id);
CREATE INDEX idx_profiles_lifecycle ON profiles(lifecycle);
CREATE INDEX idx_profiles_consumption ON profiles(consumption);
CREATE INDEX idx_members_user ON segment_members(user_id);
CREATE INDEX idx_audit_at ON audit_log(at);
""",
    ),
    (
        2,
        "profile keywords",
        """
-- What the user talks about, taxonomy or not: JSON [[word, weight 0..1], ...], strongest first
-- (tools/analyzers/keywords.py).
ALTER TABLE profiles ADD COLUMN keywords TEXT;
""",
    ),
    (
        3,
        "build settings",
        """
-- What a build decided once and keeps, so later (incremental) builds agree with it: JSON values
-- (tools/profile/rfm_bands.py: the RFM bands fitted to the shop).
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
""",
    ),
    (
        4,
        "events of any type",
        """
-- An event type Persona does not know (a gym's 'checkin', a clinic's 'appointment') is kept under
-- its own normalized name instead of being lost, so the fixed list of types is no longer a CHECK.
CREATE TABLE events_any_type (
    event_id    TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(user_id),
    type        TEXT NOT NULL CHECK (type <> ''),  -- a known type (tools/ingest.py) or the given one, normalized
    target      TEXT,
    category    TEXT,
    interest_id TEXT,
    at          TEXT,
    duration_s  REAL,
    extra       TEXT
);
INSERT INTO events_any_type SELECT event_id, user_id, type, target, category, interest_id, at, duration_s, extra
    FROM events;
DROP TABLE events;
ALTER TABLE events_any_type RENAME TO events;
CREATE INDEX idx_events_user ON events(user_id, type, at);
CREATE INDEX idx_events_type ON events(type, interest_id, at);
""",
    ),
    (
        5,
        "order store",
        """
-- Which store / branch sold the order (a chain's 门店), as given, trimmed; NULL when not said.
ALTER TABLE orders ADD COLUMN store TEXT;
"""
        # Before, the store was an unknown field kept in orders.extra (hidden from queries): move it
        # out, from the first of the keys ingest now reads as the store (in this order) that holds
        # text; an order without one is left as it was.
        + "".join(
            f"""
UPDATE orders SET store = trim(CAST(json_extract(extra, '$."{key}"') AS TEXT), char(32, 9, 10, 13, 12288)),
                  extra = nullif(json_remove(extra, '$."{key}"'), '{{}}')
 WHERE store IS NULL AND json_valid(extra) AND json_type(extra, '$."{key}"') IN ('text', 'integer', 'real')
   AND trim(CAST(json_extract(extra, '$."{key}"') AS TEXT), char(32, 9, 10, 13, 12288)) <> '';
"""
            for key in ("store", "store_name", "shop", "branch", "门店", "店铺")
        )
        + """
CREATE INDEX idx_orders_store ON orders(store, user_id);
""",
    ),
    # The users' categorical extra fields (travel_party, household_size), read-only, for the chat and SQL.
    (6, "queryable user attributes", _user_attributes),
]

LATEST_VERSION = MIGRATIONS[-1][0]
