-- Every backup made of this register, by hand or automatically before a
-- destructive operation, with the audit chain's head that the copy holds: a
-- backup whose head differs from the one recorded here is not the copy that
-- was made (PRODUCT.md section 8; Art. 32(1)(c)).
CREATE TABLE backups (
    id         INTEGER PRIMARY KEY,
    file       TEXT NOT NULL,
    purpose    TEXT NOT NULL CHECK (purpose IN ('manual', 'sweep', 'erasure', 'import', 'restore')),
    audit_seq  INTEGER NOT NULL,
    audit_hash TEXT NOT NULL,
    encrypted  BOOLEAN NOT NULL,
    made_by    TEXT NOT NULL,
    made_at    TEXT NOT NULL
);

-- Restores of this register from a backup, and the erasures replayed on them.
CREATE TABLE restores (
    id                 INTEGER PRIMARY KEY,
    backup_audit_seq   INTEGER NOT NULL,
    backup_audit_hash  TEXT NOT NULL,
    erasures_replayed  INTEGER NOT NULL,
    restored_by        TEXT NOT NULL,
    restored_at        TEXT NOT NULL
);
