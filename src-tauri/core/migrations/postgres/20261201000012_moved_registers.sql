-- A register moved into a shared (PostgreSQL) one keeps, in the register it
-- was moved from, where it went: from then on every write to it is refused,
-- so that nothing is recorded where nobody reads it any more (sharing.rs).
-- NULL: not moved. Taking the file back into use sets it to NULL again.
ALTER TABLE audit_head ADD COLUMN moved_to TEXT;
