-- Who made a document is kept with it. It was read from the document's audit
-- entry, but a restore that carries over the documents made since its backup
-- writes their entries itself, as the restorer (backup/carry.rs); the request
-- page must go on naming the person who made and handed out the document.
ALTER TABLE request_documents ADD COLUMN made_by TEXT;
UPDATE request_documents SET made_by = (
    SELECT a.actor FROM audit_entries a
    WHERE a.entity = 'document' AND a.entity_id = CAST(request_documents.id AS TEXT)
);
