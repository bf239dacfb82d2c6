-- The request workflow (GDPR Art. 12): how a request arrived, and every document
-- produced for it with the digest that proves which document was sent.

ALTER TABLE requests ADD COLUMN channel TEXT;
ALTER TABLE requests ADD COLUMN started_on TEXT;

CREATE TABLE request_documents (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER REFERENCES requests (id) ON DELETE CASCADE,
    customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
    kind        TEXT NOT NULL,
    format      TEXT NOT NULL,
    language    TEXT NOT NULL,
    digest      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX request_documents_request ON request_documents (request_id);

-- Which categories of data each processor or recipient receives (comma-separated
-- codes), so that the access report can name the recipients of each category.
ALTER TABLE processors ADD COLUMN categories TEXT NOT NULL DEFAULT '';
