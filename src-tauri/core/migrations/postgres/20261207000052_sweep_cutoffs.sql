-- The last day of its records' dates (the order's date, the day a matter
-- closed, the customer's last activity, ...) that each of a sweep's rules let
-- go on the sweep's day: every record a row counts is dated on or before it.
-- The summary states it beside the rule, so that anyone can check against the
-- statute or the setting that nothing went before its time (Art. 5(1)(e),
-- 5(2); BFL 7 kap. 2 §). A financial year changed since does not change it.
-- NULL for the sweeps of older registers.
ALTER TABLE retention_sweep_counts ADD COLUMN cutoff DATE;
