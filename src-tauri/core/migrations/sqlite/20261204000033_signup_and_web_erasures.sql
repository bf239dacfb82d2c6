-- A course sign-up, or a person's web activity, erased alone at their
-- request (GDPR Art. 17(1)), where they asked for that and not for
-- everything: recorded under the request, as a note's erasure is (migration
-- 32), so that the request shows what was erased for it and can be
-- answered, and so that a restore of an earlier backup, or a web log
-- imported again, does not bring it back. A sign-up is named by its id and
-- the day of its event, never by the course; web activity by how many
-- events went and the times of the first and the last, never by an address.
-- The rows go with the request at the end of the request's period.
CREATE TABLE signup_erasures (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    signup_id   INTEGER NOT NULL,
    event_date  TEXT NOT NULL,
    erased_at   TEXT NOT NULL,
    erased_by   TEXT NOT NULL
);
CREATE INDEX signup_erasures_request ON signup_erasures (request_id);

CREATE TABLE web_activity_erasures (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    events      INTEGER NOT NULL,
    first_at    TEXT NOT NULL,
    last_at     TEXT NOT NULL,
    erased_at   TEXT NOT NULL,
    erased_by   TEXT NOT NULL
);
CREATE INDEX web_activity_erasures_request ON web_activity_erasures (request_id);
-- An imported web log is checked against these, row by row.
CREATE INDEX web_activity_erasures_customer ON web_activity_erasures (customer_id);
