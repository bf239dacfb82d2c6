-- What an erasure erased and kept, as its confirmation says it (the plan, as
-- canonical JSON): so that the confirmation can be made again for a person
-- who asks again, or whose copy was never saved (Art. 12(1), 17, 5(2)). It
-- holds no name or contact detail, only numbers, categories, the rules and
-- dates the law keeps records by, and whom to tell; the audit trail's entry
-- of the erasure holds its digest. An erasure made before this migration, or
-- made again by a restore, has none.
ALTER TABLE erasures ADD COLUMN plan TEXT;
