-- Credit notes: an issued invoice is never changed or deleted (it is a
-- voucher, BFL 5 kap. 6 §); a mistake in it, or a refund, is put right by a
-- credit note that names the invoice it credits and carries a negative amount.
-- SQLite cannot change a CHECK constraint in place, so the table is made anew
-- with the same ids (legal holds and the audit trail name invoices by id).
CREATE TABLE invoices_v11 (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    order_id     INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('invoice', 'reminder', 'credit_note')),
    issued_on    TEXT NOT NULL,
    due_on       TEXT,
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    -- A credit note's: the number of the invoice it credits. No foreign key:
    -- each voucher is kept for its own years, and the sweep may delete the
    -- invoice before the credit note issued after it.
    credits      TEXT,
    CHECK ((kind = 'credit_note') = (credits IS NOT NULL))
);

INSERT INTO invoices_v11 (id, number, order_id, kind, issued_on, due_on, amount_minor, currency)
SELECT id, number, order_id, kind, issued_on, due_on, amount_minor, currency FROM invoices;

DROP TABLE invoices;
ALTER TABLE invoices_v11 RENAME TO invoices;
CREATE INDEX invoices_order ON invoices (order_id);
CREATE INDEX invoices_issued ON invoices (issued_on);
-- What has been credited of an invoice is summed over its credit notes.
CREATE INDEX invoices_credits ON invoices (credits) WHERE credits IS NOT NULL;
