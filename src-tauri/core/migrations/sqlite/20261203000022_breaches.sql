-- The record of personal data breaches (GDPR Art. 33(5): the facts, the
-- effects and the remedial action of every breach, notified or not), with
-- the steps of Art. 33(1) (the authority told within 72 hours) and Art. 34
-- (the people told). No customer is named: a breach concerns many at once.
CREATE TABLE breaches (
    id                  INTEGER PRIMARY KEY,
    aware_at            TEXT NOT NULL,
    nature              TEXT NOT NULL,
    categories          TEXT NOT NULL DEFAULT '',
    people              INTEGER CHECK (people >= 0),
    consequences        TEXT NOT NULL,
    measures            TEXT NOT NULL,
    risk                TEXT NOT NULL CHECK (risk IN ('unlikely', 'risk', 'high')),
    recorded_by         TEXT NOT NULL,
    recorded_at         TEXT NOT NULL,
    notified_at         TEXT,
    authority_reference TEXT,
    delay_reason        TEXT,
    informed_at         TEXT,
    informed_how        TEXT,
    closed_at           TEXT
);
