-- Erasure (GDPR Art. 17), restriction (Art. 18) and the retention sweep
-- (PRODUCT.md sections 4 and 5).

-- Art. 18: why a customer's data is restricted, from when, and when it was lifted
-- (the person is told before a restriction is lifted, Art. 18(3)).
CREATE TABLE restrictions (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    ground      TEXT NOT NULL,
    request_id  INTEGER REFERENCES requests (id) ON DELETE SET NULL,
    note        TEXT,
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL,
    lifted_by   TEXT,
    lifted_at   TEXT,
    notified_on TEXT
);
CREATE INDEX restrictions_customer ON restrictions (customer_id);

-- Every erasure, so that it can be shown (Art. 5(2)), replayed onto a restored
-- backup, and so that a re-import does not bring the person back. The e-mail is
-- kept only as a keyed digest (the key is in register_keys).
CREATE TABLE erasures (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    reason       TEXT NOT NULL CHECK (reason IN ('request', 'retention', 'manual')),
    request_id   INTEGER REFERENCES requests (id) ON DELETE SET NULL,
    email_digest TEXT,
    erased_by    TEXT NOT NULL,
    erased_at    TEXT NOT NULL
);
CREATE INDEX erasures_customer ON erasures (customer_id);
CREATE INDEX erasures_email ON erasures (email_digest);

CREATE TABLE register_keys (
    name  TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- A sweep and what it removed so far: each batch adds its counts in the batch's
-- own transaction, so a sweep cut off at any point resumes with correct totals.
CREATE TABLE retention_sweeps (
    id          INTEGER PRIMARY KEY,
    as_of       TEXT NOT NULL,
    started_by  TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'abandoned')),
    finished_at TEXT,
    batches     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE retention_sweep_counts (
    sweep_id INTEGER NOT NULL REFERENCES retention_sweeps (id) ON DELETE CASCADE,
    entity   TEXT NOT NULL,
    rule     TEXT NOT NULL,
    -- deleted, or pseudonymised (accounting records of an erased customer), or anonymised (the customer row)
    action   TEXT NOT NULL,
    records  INTEGER NOT NULL,
    PRIMARY KEY (sweep_id, entity, rule, action)
);

CREATE INDEX orders_restricted ON orders (pseudonym) WHERE pseudonym IS NOT NULL;
