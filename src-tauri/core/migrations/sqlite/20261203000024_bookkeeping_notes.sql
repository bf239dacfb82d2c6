-- A note of a call, an e-mail or a letter can document a business event (an
-- agreement, a change of an order, a settled complaint): it is then
-- accounting material, kept as long as the bookkeeping law keeps such
-- correspondence (retention/rules.rs, CORRESPONDENCE_RULES) where that is
-- longer than the shop's own period. The retention view reads the two kinds
-- of note as two ranges of one index, the kind first.
ALTER TABLE interactions ADD COLUMN bookkeeping INTEGER NOT NULL DEFAULT 0 CHECK (bookkeeping IN (0, 1));

DROP INDEX interactions_closed;
CREATE INDEX interactions_closed ON interactions (bookkeeping, closed_on, id, customer_id);
