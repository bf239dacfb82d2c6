-- GDPR Art. 17(1): a person may ask to have one visit of their web activity
-- erased, not all of it. Its erasure is recorded as one event from its time
-- to its time, with a keyed digest of the event (its time, address and
-- action, under the register's erasure key: the address itself is not kept),
-- so that a web log imported again skips that row alone and a restore of an
-- earlier backup erases that event alone. NULL: all the activity until the
-- erasure, as before.
ALTER TABLE web_activity_erasures ADD COLUMN event_digest TEXT;
