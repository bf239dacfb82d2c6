-- Legal holds ("securing legal claims", a dispute, an open tax assessment): a
-- held record, or every record of a held customer, is not deleted until the
-- hold is lifted (retention-law.md, notes on Norway and Germany).

CREATE TABLE legal_holds (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    set_by     TEXT NOT NULL,
    set_at     TEXT NOT NULL,
    lifted_by  TEXT,
    lifted_at  TEXT
);
CREATE INDEX legal_holds_subject ON legal_holds (entity, entity_id);
CREATE INDEX interactions_closed ON interactions (closed_on);
CREATE INDEX web_events_occurred ON web_events (occurred_at);
CREATE INDEX consents_withdrawn ON consents (withdrawn_at);
CREATE INDEX event_registrations_date ON event_registrations (event_date);
CREATE INDEX invoices_issued ON invoices (issued_on);
CREATE INDEX customers_activity ON customers (state, last_activity_at);
CREATE INDEX requests_closed ON requests (closed_on);
