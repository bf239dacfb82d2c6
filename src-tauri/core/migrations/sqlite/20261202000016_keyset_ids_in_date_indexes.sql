-- The due list and the sweep read invoices by (issued on, id), a page after
-- the last row read, and check each for a legal hold on its order. The
-- index ends in the id of itself (SQLite's rowid); the invoice's order beside
-- it answers the hold check from the index, as migration 14 does for the
-- other kinds. (PostgreSQL's migration 16 adds the ids its indexes lack.)
DROP INDEX invoices_issued;
CREATE INDEX invoices_issued ON invoices (issued_on, id, order_id);
