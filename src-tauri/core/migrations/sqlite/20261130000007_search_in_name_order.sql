-- Search words carry their customer's name key, so that the customers of one
-- word come out of the index already in name order and a search reads the
-- first page instead of sorting every match (register::finder). Whole e-mail
-- addresses are no longer words of their own: the address's words remain, and
-- a word that is one customer's alone made every name prefix look "spread".
CREATE TABLE customer_search_v7 (
    token       TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    PRIMARY KEY (token, name_key, customer_id)
) WITHOUT ROWID;

INSERT INTO customer_search_v7 (token, name_key, customer_id)
SELECT s.token, c.name_key, s.customer_id
FROM customer_search s JOIN customers c ON c.id = s.customer_id
WHERE s.token NOT LIKE '%@%';

DROP TABLE customer_search;
ALTER TABLE customer_search_v7 RENAME TO customer_search;
-- A customer's words, for checking the other words of a query.
CREATE INDEX customer_search_customer ON customer_search (customer_id, token);
