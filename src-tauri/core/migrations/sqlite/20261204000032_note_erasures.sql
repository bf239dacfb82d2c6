-- A note erased alone at the person's request (GDPR Art. 17(1)), where they
-- asked for that note and not for everything: recorded under the request,
-- so that the request shows what was erased for it and can be answered, and
-- so that a restore of an earlier backup erases the note again. The record
-- names the note by its id and the time and way of the contact, never by
-- what it said; it goes with the request at the end of the request's period.
CREATE TABLE note_erasures (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    note_id     INTEGER NOT NULL,
    occurred_at TEXT NOT NULL,
    channel     TEXT NOT NULL,
    direction   TEXT NOT NULL,
    erased_at   TEXT NOT NULL,
    erased_by   TEXT NOT NULL
);
CREATE INDEX note_erasures_request ON note_erasures (request_id);
