-- The number of customers the list shows (those not erased), kept beside the
-- list version by the same triggers. A page's total was counted from the name
-- index whenever the list had changed since its marks were made
-- (register/listing.rs): 95 ms at 100 000 customers after each new customer,
-- and the window's every screen asks for it (docs/BENCHMARKS.md). Added and
-- deleted customers are counted once per statement, from its transition
-- table (an import adds hundreds in one). A register loaded from a file
-- (store/backup.rs) is counted anew after its rows.
ALTER TABLE audit_head ADD COLUMN listed BIGINT NOT NULL DEFAULT 0;
UPDATE audit_head SET listed = (SELECT count(*) FROM customers WHERE state <> 'erased') WHERE id = 1;
DROP TRIGGER customers_listed_change ON customers;
DROP TRIGGER customers_listed_update ON customers;
DROP FUNCTION customers_listed();

-- One function for both: PL/pgSQL prepares a statement when it first runs,
-- so each trigger reads only the transition table it has.
CREATE FUNCTION customers_listed_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    change bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO change FROM added WHERE state <> 'erased';
    ELSE
        SELECT -count(*) INTO change FROM removed WHERE state <> 'erased';
    END IF;
    UPDATE audit_head SET list_version = floor(random() * 9007199254740991)::bigint, listed = listed + change
    WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_listed_insert AFTER INSERT ON customers
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION customers_listed_counted();
CREATE TRIGGER customers_listed_delete AFTER DELETE ON customers
REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION customers_listed_counted();

CREATE FUNCTION customers_listed_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET list_version = floor(random() * 9007199254740991)::bigint, listed = 0 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_listed_truncate AFTER TRUNCATE ON customers
FOR EACH STATEMENT EXECUTE FUNCTION customers_listed_emptied();

CREATE FUNCTION customers_listed_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET list_version = floor(random() * 9007199254740991)::bigint,
        listed = listed + (NEW.state <> 'erased')::int - (OLD.state <> 'erased')::int
    WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_listed_update AFTER UPDATE OF name_key, state ON customers
FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key OR OLD.state IS DISTINCT FROM NEW.state)
EXECUTE FUNCTION customers_listed_changed();
