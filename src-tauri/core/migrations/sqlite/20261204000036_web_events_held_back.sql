-- The web events a legal hold kept when the person's web activity was
-- erased at their request (migration 35 counts them). The hold is the only
-- reason they stay (Art. 17(3)(e)): once no hold keeps one, lifting the
-- hold erases it under the same request, as the person asked (Art. 17(1)),
-- instead of leaving it to its ordinary retention period. A row goes with
-- its event, its request or its customer.
CREATE TABLE web_events_held_back (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    web_event_id INTEGER NOT NULL UNIQUE REFERENCES web_events (id) ON DELETE CASCADE,
    held_at      TEXT NOT NULL
);
CREATE INDEX web_events_held_back_request ON web_events_held_back (request_id);
CREATE INDEX web_events_held_back_customer ON web_events_held_back (customer_id);
