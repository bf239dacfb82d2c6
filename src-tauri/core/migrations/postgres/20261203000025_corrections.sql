-- A correction (GDPR Art. 16) keeps the old value in the audit trail, not in
-- the register (PRODUCT.md section 4). The chain itself holds digests only,
-- so that nothing in it outlives an erasure; the values of a correction sit
-- here, beside the entry that records it (`seq`), as the JSON texts whose
-- SHA-256 are that entry's before and after digests: each can be checked
-- against the chain, and each goes when the person is erased (the customer
-- row is emptied) or their note is deleted (the cascade).
CREATE TABLE corrections (
    seq            BIGINT PRIMARY KEY,
    customer_id    BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- NULL: the customer's own details; otherwise the note corrected.
    interaction_id BIGINT REFERENCES interactions (id) ON DELETE CASCADE,
    before         TEXT NOT NULL,
    after          TEXT NOT NULL
);
CREATE INDEX corrections_customer ON corrections (customer_id, seq);
CREATE INDEX corrections_interaction ON corrections (interaction_id) WHERE interaction_id IS NOT NULL;
