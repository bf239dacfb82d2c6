-- Credit notes: an issued invoice is never changed or deleted (it is a
-- voucher, BFL 5 kap. 6 §); a mistake in it, or a refund, is put right by a
-- credit note that names the invoice it credits and carries a negative amount.
ALTER TABLE invoices DROP CONSTRAINT invoices_kind_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_kind_check CHECK (kind IN ('invoice', 'reminder', 'credit_note'));
-- A credit note's: the number of the invoice it credits. No foreign key: each
-- voucher is kept for its own years, and the sweep may delete the invoice
-- before the credit note issued after it.
ALTER TABLE invoices ADD COLUMN credits TEXT;
ALTER TABLE invoices ADD CONSTRAINT invoices_credit_note_credits CHECK ((kind = 'credit_note') = (credits IS NOT NULL));
-- What has been credited of an invoice is summed over its credit notes.
CREATE INDEX invoices_credits ON invoices (credits) WHERE credits IS NOT NULL;
