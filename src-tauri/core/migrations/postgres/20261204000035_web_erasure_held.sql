-- A person's web activity erased at their request now erases all of it but
-- the events a legal hold keeps (Art. 17(3)(e) covers what the claim needs,
-- no more), where it used to refuse the whole erasure. The record under the
-- request says how many the hold kept, so that the shop refuses that part of
-- the request with its reason (Art. 12(4)) and the person's confirmation
-- tells them. Erasures recorded before kept none.
ALTER TABLE web_activity_erasures ADD COLUMN held BIGINT NOT NULL DEFAULT 0;
