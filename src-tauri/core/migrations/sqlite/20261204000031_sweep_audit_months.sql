-- The months the trail was kept when a sweep purged it (the setting
-- `retention.request_months` then), so that its summary, made again later,
-- states the period the purge used, not the one set since. NULL for sweeps
-- that removed nothing, and for those of older registers.
ALTER TABLE retention_sweeps ADD COLUMN audit_months INTEGER;
