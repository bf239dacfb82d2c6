-- A word's customer is checked when the transaction commits, as on SQLite
-- (where an immediate check made every statement of many rows keep a journal).
-- PostgreSQL has no such journal; the key is made the same for one meaning.
ALTER TABLE customer_search ALTER CONSTRAINT customer_search_customer_id_fkey DEFERRABLE INITIALLY DEFERRED;
