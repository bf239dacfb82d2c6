-- Who may be the same person (register/likeness.rs): past the first two
-- hundred namesakes, a customer of the same name and postal code is looked
-- for among all of that name. A common name is shared by thousands in a
-- large register, and reading every one of them made each customer page of
-- such a name read thousands of rows (docs/BENCHMARKS.md, 43rd run). The
-- name with the postal code as it is compared (without spaces, in capitals;
-- store/likeness.rs `named_at` uses this very expression) finds those alone.
CREATE INDEX customers_name_postal_code ON customers (name_key, upper(replace(postal_code, ' ', '')))
WHERE state <> 'erased';
