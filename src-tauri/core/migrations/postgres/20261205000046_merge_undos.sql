-- A merge may be undone for thirty days (register/unmerge.rs): two
-- customers merged by mistake are two people, and each must have their own
-- records back (GDPR Art. 5(1)(d), 16). An undo needs what the merge changed
-- and did not keep: the merged customer's details (their row was emptied),
-- the kept customer's before and after the merge, and the keys of the
-- records moved. Kept beside the merge as JSON, not in the audit trail
-- (which holds digests), and only while an undo is offered: removed when the
-- merge is undone, when its thirty days are over (by the next merge, undo or
-- retention sweep), and when the customer kept is erased (Art. 17).
CREATE TABLE merge_undos (
    merge_id    BIGINT PRIMARY KEY REFERENCES customer_merges (id) ON DELETE CASCADE,
    merged      TEXT NOT NULL,
    kept_before TEXT NOT NULL,
    kept_after  TEXT NOT NULL,
    moved       TEXT NOT NULL,
    until       TIMESTAMPTZ NOT NULL
);
CREATE INDEX merge_undos_until ON merge_undos (until);
