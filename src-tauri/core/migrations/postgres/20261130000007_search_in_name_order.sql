-- Search words carry their customer's name key, so that the customers of one
-- word come out of the index already in name order and a search reads the
-- first page instead of sorting every match (register::finder). Whole e-mail
-- addresses are no longer words of their own: the address's words remain, and
-- a word that is one customer's alone made every name prefix look "spread".
ALTER TABLE customer_search ADD COLUMN name_key TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE customer_search s SET name_key = c.name_key FROM customers c WHERE c.id = s.customer_id;
DELETE FROM customer_search WHERE token LIKE '%@%';
ALTER TABLE customer_search ALTER COLUMN name_key DROP DEFAULT;
ALTER TABLE customer_search DROP CONSTRAINT customer_search_pkey;
ALTER TABLE customer_search ADD PRIMARY KEY (token, name_key, customer_id);
DROP INDEX customer_search_customer;
-- A customer's words, for checking the other words of a query.
CREATE INDEX customer_search_customer ON customer_search (customer_id, token);
