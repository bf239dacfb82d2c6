-- Art. 21(1): a person who objected to the recording of their web activity,
-- where the shop found no compelling grounds to go on. From `set_at` their
-- visits are not recorded (a web log's rows about them are skipped) until the
-- mark is lifted (they withdrew the objection, or it was set by mistake).
CREATE TABLE web_objections (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    request_id  INTEGER REFERENCES requests (id) ON DELETE SET NULL,
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL,
    lifted_by   TEXT,
    lifted_at   TEXT
);
CREATE INDEX web_objections_customer ON web_objections (customer_id);
