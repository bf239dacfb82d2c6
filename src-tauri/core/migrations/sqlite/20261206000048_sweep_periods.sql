-- The retention periods in force when a sweep began (the settings
-- `retention.*_months`, as a JSON object of months), so that its summary,
-- made again later, states the period each record went under, not the one
-- set since: the shop's proof that it deleted on time (Art. 5(1)(e), 5(2)).
-- NULL for the sweeps of older registers.
ALTER TABLE retention_sweeps ADD COLUMN periods TEXT;
