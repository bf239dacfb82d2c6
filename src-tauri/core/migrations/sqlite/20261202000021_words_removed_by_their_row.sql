-- A customer's search words are found again through the customer's own row,
-- not through a second index of the words by customer. The row keeps its
-- words beside the name (`search_words`) and its `name_key`, which with the
-- word and the id are the words' whole primary key: a change or an erasure
-- removes each word by that key (store::customers::remove_words), and a
-- search checks a customer's other words in the row it reads by id.
--
-- That second index was a third of what sqlite3 itself needs to write the
-- words of a million imported customers, and a quarter of the import's whole
-- floor (53.7 s with it, 39.1 s without, 2026-12-02). Customers are never
-- deleted (an erasure leaves the row as a tombstone), so the words' foreign
-- key never looks for a customer's words either.
--
-- First the rows' copies are made to agree with the words table exactly, so
-- that nothing the table holds is left behind when a row's words are removed.
UPDATE customers SET search_words = COALESCE(
    (SELECT ' ' || group_concat(token, ' ') FROM customer_search s WHERE s.customer_id = customers.id), '');

UPDATE customer_search SET name_key = (SELECT c.name_key FROM customers c WHERE c.id = customer_search.customer_id)
WHERE name_key IS NOT (SELECT c.name_key FROM customers c WHERE c.id = customer_search.customer_id);

DROP INDEX customer_search_customer;
