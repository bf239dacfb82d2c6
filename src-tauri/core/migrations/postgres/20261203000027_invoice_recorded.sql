-- When an invoice was recorded, beside the day it is dated: a restore names
-- the vouchers recorded after its backup that the restored register lacks
-- (backup/restore.rs), and an invoice entered late, dated before the backup,
-- was recorded after it all the same. Invoices of older registers keep no
-- such time (NULL): they count by their date, as before.
ALTER TABLE invoices ADD COLUMN created_at TIMESTAMPTZ;
