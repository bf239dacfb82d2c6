-- Two customers found to be one person (the same person bought under two
-- e-mail addresses), made one: the merged customer's records were moved to
-- the customer kept, and their row removed. Kept so that the person's old
-- number still names them, their history is read with the kept customer's,
-- and a restore of an earlier backup makes them one again before it carries
-- an erasure over (an erasure of the kept customer must reach what the
-- merged one had, GDPR Art. 17(1)).
CREATE TABLE customer_merges (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- The merged customer's id: no foreign key, their row is gone.
    merged_id        INTEGER NOT NULL UNIQUE,
    merged_number    TEXT NOT NULL,
    merged_pseudonym TEXT NOT NULL UNIQUE,
    merged_by        TEXT NOT NULL,
    merged_at        TEXT NOT NULL
);
CREATE INDEX customer_merges_customer ON customer_merges (customer_id);
