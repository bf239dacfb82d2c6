-- A correction can answer the person's request for rectification (Art. 16):
-- recorded under it, so that the request shows what was corrected and the
-- answer can say so. A request deleted at the end of its own period leaves
-- the correction standing without it.
ALTER TABLE corrections ADD COLUMN request_id INTEGER REFERENCES requests (id) ON DELETE SET NULL;
CREATE INDEX corrections_request ON corrections (request_id) WHERE request_id IS NOT NULL;
