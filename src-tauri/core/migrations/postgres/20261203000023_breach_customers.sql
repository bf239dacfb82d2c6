-- The customers a breach concerns: whom the letter of Art. 34 goes to, and
-- the shop's count for Art. 33(3)(a) where it knows them by name. A link
-- outlives the customer's erasure (their row stays as a tombstone under its
-- pseudonym): the record of the breach is the shop's proof (Art. 33(5)).
CREATE TABLE breach_customers (
    breach_id   BIGINT NOT NULL REFERENCES breaches (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    added_by    TEXT NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (breach_id, customer_id)
);
CREATE INDEX breach_customers_by_customer ON breach_customers (customer_id);
