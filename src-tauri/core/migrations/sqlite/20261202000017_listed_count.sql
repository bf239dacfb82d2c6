-- The number of customers the list shows (those not erased), kept beside the
-- list version by the same triggers. A page's total was counted from the name
-- index whenever the list had changed since its marks were made
-- (register/listing.rs): 360 ms at a million customers after each new
-- customer, and the window's every screen asks for it (docs/BENCHMARKS.md).
-- Each trigger already writes the head's row, so keeping the count costs an
-- addition. A copy from PostgreSQL (store/backup.rs) fills the customers
-- through these triggers, from the zero below of a new register.
ALTER TABLE audit_head ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
UPDATE audit_head SET listed = (SELECT count(*) FROM customers WHERE state <> 'erased') WHERE id = 1;
DROP TRIGGER customers_listed_insert;
DROP TRIGGER customers_listed_delete;
DROP TRIGGER customers_listed_update;
CREATE TRIGGER customers_listed_insert AFTER INSERT ON customers
BEGIN
    UPDATE audit_head SET list_version = random() % 9007199254740992, listed = listed + (NEW.state <> 'erased')
    WHERE id = 1;
END;
CREATE TRIGGER customers_listed_delete AFTER DELETE ON customers
BEGIN
    UPDATE audit_head SET list_version = random() % 9007199254740992, listed = listed - (OLD.state <> 'erased')
    WHERE id = 1;
END;
CREATE TRIGGER customers_listed_update AFTER UPDATE OF name_key, state ON customers
WHEN OLD.name_key IS NOT NEW.name_key OR OLD.state IS NOT NEW.state
BEGIN
    UPDATE audit_head SET list_version = random() % 9007199254740992,
        listed = listed + (NEW.state <> 'erased') - (OLD.state <> 'erased')
    WHERE id = 1;
END;
