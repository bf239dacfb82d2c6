-- What a person's request for erasure asked for and a legal hold kept
-- (Art. 17(3)(e)): a note or a course sign-up the shop chose to erase once
-- the hold is lifted, and the web events an erasure of their web activity
-- left (migration 36, whose rows move here). The hold is the only reason
-- they stay: lifting it erases them under the same request (Art. 17(1)),
-- instead of leaving them to their ordinary retention periods. Each row names
-- one record, by a reference that goes with it, so that an id given again to
-- a later record can never be erased in its place; a row goes with its
-- record, its request or its customer.
CREATE TABLE erasures_held_back (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    interaction_id INTEGER UNIQUE REFERENCES interactions (id) ON DELETE CASCADE,
    signup_id      INTEGER UNIQUE REFERENCES event_registrations (id) ON DELETE CASCADE,
    web_event_id   INTEGER UNIQUE REFERENCES web_events (id) ON DELETE CASCADE,
    held_at        TEXT NOT NULL,
    CHECK ((CASE WHEN interaction_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN signup_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN web_event_id IS NULL THEN 0 ELSE 1 END) = 1)
);
CREATE INDEX erasures_held_back_request ON erasures_held_back (request_id);
CREATE INDEX erasures_held_back_customer ON erasures_held_back (customer_id);
INSERT INTO erasures_held_back (request_id, customer_id, web_event_id, held_at)
    SELECT request_id, customer_id, web_event_id, held_at FROM web_events_held_back ORDER BY id;
DROP TABLE web_events_held_back;
