-- What the controller keeps to show it follows the GDPR: the processing catalogue
-- (Art. 30), legitimate-interest assessments (Art. 6(1)(f)), data-subject requests
-- (Art. 12-22) and the hash-chained audit trail (Art. 5(2), accountability).

CREATE TABLE categories (
    code        TEXT PRIMARY KEY NOT NULL,
    purpose     TEXT,
    legal_basis TEXT NOT NULL,
    source      TEXT NOT NULL
);

CREATE TABLE processors (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL,
    country        TEXT NOT NULL,
    purpose        TEXT NOT NULL,
    agreement_date TEXT,
    outside_eea    INTEGER NOT NULL DEFAULT 0,
    safeguards     TEXT
);

CREATE TABLE li_assessments (
    id          INTEGER PRIMARY KEY,
    purpose     TEXT NOT NULL,
    interest    TEXT NOT NULL,
    necessity   TEXT NOT NULL,
    balancing   TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    assessed_on TEXT NOT NULL,
    author      TEXT NOT NULL
);

CREATE TABLE requests (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    kind             TEXT NOT NULL,
    state            TEXT NOT NULL,
    received_on      TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    extended_to      TEXT,
    extension_reason TEXT,
    verified_on      TEXT,
    answered_on      TEXT,
    answer           TEXT,
    refusal_reason   TEXT,
    closed_on        TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX requests_customer ON requests (customer_id);
CREATE INDEX requests_state_due ON requests (state, due_on);

-- Append-only. hash = SHA-256 over prev_hash and the entry's fields (audit module).
CREATE TABLE audit_entries (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    -- The customer the entry concerns, if any (no foreign key: the trail outlives them).
    customer_id   INTEGER,
    before_digest TEXT,
    after_digest  TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_entries_subject ON audit_entries (entity, entity_id);
CREATE INDEX audit_entries_customer ON audit_entries (customer_id);

-- The chain head. Every write transaction updates this one row first, which
-- serialises writers on both backends so the chain never forks.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
