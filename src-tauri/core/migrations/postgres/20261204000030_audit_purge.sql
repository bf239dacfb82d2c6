-- The audit trail is kept as long as the records of requests (PRODUCT.md
-- section 3: "purged with the request records"; Art. 5(1)(e)): the sweep
-- removes its oldest entries, a prefix of the chain, once they are older than
-- `retention.request_months` and older than every request still kept
-- (audit/purge.rs). The chain then starts after the anchor: the last entry
-- removed, by its seq and hash, so that every entry kept still proves its
-- place. The purge's own entry holds the anchor's digest, so an anchor moved
-- behind the product's back does not verify.
CREATE TABLE audit_anchor (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
-- How many entries each sweep removed, for its summary.
ALTER TABLE retention_sweeps ADD COLUMN audit_removed BIGINT NOT NULL DEFAULT 0;
