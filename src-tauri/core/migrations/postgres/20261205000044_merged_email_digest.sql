-- A merge keeps one e-mail address of the person, the kept customer's; the
-- merged customer's other address is not kept (register/merge.rs). A file
-- of the web shop without its numbers (a newsletter list, a generic
-- export) that gives that other address would add the person again, as a
-- new customer. The merge now keeps a keyed digest of it, under the
-- register's erasure key as an erased customer's address is (the address
-- itself is not kept), by which an import knows such a row for the person.
-- NULL: the merged customer had no other address, or the merge was made
-- before this migration.
ALTER TABLE customer_merges ADD COLUMN merged_email_digest TEXT;
CREATE INDEX customer_merges_email ON customer_merges (merged_email_digest) WHERE merged_email_digest IS NOT NULL;
