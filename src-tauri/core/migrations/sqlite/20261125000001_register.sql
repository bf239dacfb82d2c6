-- The customer register: the people and everything the shop keeps about them.
-- PRODUCT.md section 3. Dates are ISO text (YYYY-MM-DD), times RFC 3339 UTC text,
-- money integer minor units beside an ISO 4217 code.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    name             TEXT,
    name_key         TEXT NOT NULL DEFAULT '',
    email            TEXT,
    phone            TEXT,
    street           TEXT,
    postal_code      TEXT,
    city             TEXT,
    country          TEXT,
    language         TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    last_activity_at TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'restricted', 'erased')),
    pseudonym        TEXT NOT NULL UNIQUE,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_name_key ON customers (name_key, id);
CREATE UNIQUE INDEX customers_email ON customers (lower(email)) WHERE email IS NOT NULL;

-- Prefix search over folded words (see register::search): one row per word.
CREATE TABLE customer_search (
    token       TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (token, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_search_customer ON customer_search (customer_id);

CREATE TABLE orders (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    customer_id       INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    order_date        TEXT NOT NULL,
    currency          TEXT NOT NULL,
    total_minor       INTEGER NOT NULL,
    vat_minor         INTEGER NOT NULL DEFAULT 0,
    payment_provider  TEXT,
    payment_reference TEXT,
    status            TEXT NOT NULL DEFAULT 'placed',
    restricted        INTEGER NOT NULL DEFAULT 0,
    pseudonym         TEXT,
    created_at        TEXT NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id, order_date);
CREATE INDEX orders_date ON orders (order_date);

CREATE TABLE order_lines (
    id               INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    description      TEXT NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price_minor INTEGER NOT NULL,
    vat_rate_bp      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (order_id, line_no)
);

CREATE TABLE invoices (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    order_id     INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('invoice', 'reminder')),
    issued_on    TEXT NOT NULL,
    due_on       TEXT,
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL
);
CREATE INDEX invoices_order ON invoices (order_id);

CREATE TABLE interactions (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    occurred_at TEXT NOT NULL,
    channel     TEXT NOT NULL,
    direction   TEXT NOT NULL,
    summary     TEXT NOT NULL,
    staff       TEXT,
    closed_on   TEXT
);
CREATE INDEX interactions_customer ON interactions (customer_id, occurred_at);

CREATE TABLE web_events (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    occurred_at TEXT NOT NULL,
    ip          TEXT NOT NULL,
    action      TEXT NOT NULL,
    user_agent  TEXT
);
CREATE INDEX web_events_customer ON web_events (customer_id, occurred_at);

CREATE TABLE consents (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    text_version TEXT NOT NULL,
    given_at     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX consents_customer ON consents (customer_id);

CREATE TABLE event_registrations (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    event_name  TEXT NOT NULL,
    event_date  TEXT NOT NULL,
    status      TEXT NOT NULL
);
CREATE INDEX event_registrations_customer ON event_registrations (customer_id);
