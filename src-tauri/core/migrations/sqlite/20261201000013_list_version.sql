-- The customer list's marks (register/listing.rs) hold while the list is as
-- it was. Notes, orders and e-mail changes leave the list as it is, so the
-- marks are not kept for the audit head (which every write moves) but for
-- this value, drawn anew by every change to the list, whichever statement
-- makes it: a customer added or deleted, renamed, erased. Random rather than
-- counted, so that a restored backup never brings back a value that the
-- register had with another list; within ±2^53, so that JavaScript (the
-- window) reads it exactly.
ALTER TABLE audit_head ADD COLUMN list_version INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER customers_listed_insert AFTER INSERT ON customers
BEGIN
    UPDATE audit_head SET list_version = random() % 9007199254740992 WHERE id = 1;
END;
CREATE TRIGGER customers_listed_delete AFTER DELETE ON customers
BEGIN
    UPDATE audit_head SET list_version = random() % 9007199254740992 WHERE id = 1;
END;
CREATE TRIGGER customers_listed_update AFTER UPDATE OF name_key, state ON customers
WHEN OLD.name_key IS NOT NEW.name_key OR OLD.state IS NOT NEW.state
BEGIN
    UPDATE audit_head SET list_version = random() % 9007199254740992 WHERE id = 1;
END;
