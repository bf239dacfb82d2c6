-- The due list and the sweep read invoices by (issued on, id) and customers
-- by (last activity, id), a page after the last row read. SQLite's indexes
-- end in the row's id of themselves; PostgreSQL's do not, so a page began
-- inside the run of rows of one day and sorted it. With the id in the index
-- the page starts at its row. The invoice's order beside them answers the
-- hold check on the order from the index, as migration 14 does for the
-- other kinds.
DROP INDEX invoices_issued;
CREATE INDEX invoices_issued ON invoices (issued_on, id, order_id);
DROP INDEX customers_activity;
CREATE INDEX customers_activity ON customers (state, last_activity_at, id);
