-- The web shop's other numbers for a customer. A customer file's row matched
-- by e-mail under a number the register does not know (the person was typed
-- in by hand, or came from another shop's file first) keeps the register's
-- number; the shop's is kept here, so that its next file, whatever e-mail it
-- then gives, finds the same person by it. Kept with an erased customer as
-- the customer's own number is: a later file must not add the person again.
-- A number here is never a customer's own number (store::customers checks both).
CREATE TABLE shop_numbers (
    number      TEXT PRIMARY KEY NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX shop_numbers_customer ON shop_numbers (customer_id);
