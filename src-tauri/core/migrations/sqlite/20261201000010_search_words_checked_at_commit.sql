-- A word's customer is checked when the transaction commits, not row by row.
-- An immediate foreign key makes SQLite keep a statement journal for every
-- statement of many rows (a copy of each page before it changes, so that a
-- failing statement can undo itself); the import writes its words thousands
-- at a time, and that copying was a seventh of its time. The words are made
-- from their customer in the same transaction, so nothing is lost by checking
-- at the end: a word without its customer still stops the commit.
CREATE TABLE customer_search_v10 (
    token       TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (token, name_key, customer_id)
) WITHOUT ROWID;

INSERT INTO customer_search_v10 (token, name_key, customer_id)
SELECT token, name_key, customer_id FROM customer_search;

DROP TABLE customer_search;
ALTER TABLE customer_search_v10 RENAME TO customer_search;
CREATE INDEX customer_search_customer ON customer_search (customer_id, token);
