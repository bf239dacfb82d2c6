-- The customer list's marks (register/listing.rs) hold while the list is as
-- it was. Notes, orders and e-mail changes leave the list as it is, so the
-- marks are not kept for the audit head (which every write moves) but for
-- this value, drawn anew by every change to the list, whichever statement
-- makes it: a customer added or deleted, renamed, erased. Random rather than
-- counted, so that a restored backup never brings back a value that the
-- register had with another list; within ±2^53, so that JavaScript (the
-- window) reads it exactly.
ALTER TABLE audit_head ADD COLUMN list_version BIGINT NOT NULL DEFAULT 0;
CREATE FUNCTION customers_listed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_head SET list_version = floor(random() * 9007199254740991)::bigint WHERE id = 1;
    RETURN NULL;
END
$$;
-- Once per statement: an import adds hundreds of customers in one.
CREATE TRIGGER customers_listed_change AFTER INSERT OR DELETE OR TRUNCATE ON customers
FOR EACH STATEMENT EXECUTE FUNCTION customers_listed();
CREATE TRIGGER customers_listed_update AFTER UPDATE OF name_key, state ON customers
FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key OR OLD.state IS DISTINCT FROM NEW.state)
EXECUTE FUNCTION customers_listed();
