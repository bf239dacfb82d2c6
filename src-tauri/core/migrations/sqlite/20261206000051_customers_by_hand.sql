-- Whether a customer was added by hand (the window, `kundvakt customer add`)
-- or brought by a web shop's file (an import). A restore names the
-- customers added after its backup that the restored register does not have
-- (backup/replay.rs): one a file brought comes back with the file imported
-- again, one added by hand only from the register as it was before the
-- restore. The audit trail cannot tell the two apart: an import records each
-- customer as `customer.add` too. NULL where it is not known: customers added
-- before this version, the demo shop's, and those a restore carried with
-- their orders.
ALTER TABLE customers ADD COLUMN by_hand INTEGER;
