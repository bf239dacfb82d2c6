-- The register's list pages through the customers who are not erased, in name
-- order, and the search walks the same order. An index of just those
-- customers lets a page far down the list be found inside the index: an
-- OFFSET over the index of everyone read each skipped customer's row to check
-- its state (3.6 s for a page 900 000 rows into a million).
DROP INDEX customers_name_key;
CREATE INDEX customers_name_key ON customers (name_key, id) WHERE state <> 'erased';
