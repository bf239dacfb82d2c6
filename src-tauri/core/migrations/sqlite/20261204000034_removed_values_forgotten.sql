-- A detail removed at the person's request for erasure (their phone number,
-- GDPR Art. 17(1)) stayed in the corrections table until now, as the old
-- value of the removal and in the records before and after of the
-- customer's other corrections: kept what the person had erased. From now on
-- every value of such a part is replaced there by `true`, which says that
-- the part held a value and nothing of what it was
-- (crate::audit::corrections::forget_removed); this forgets the values
-- removed so far the same way. The audit entries keep their digests.
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.number'), '') <> '' THEN json_set(before, '$.number', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.number'), '') <> '' THEN json_set(after, '$.number', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.number'), '') <> '' AND coalesce(json_extract(c.after, '$.number'), '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.name'), '') <> '' THEN json_set(before, '$.name', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.name'), '') <> '' THEN json_set(after, '$.name', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.name'), '') <> '' AND coalesce(json_extract(c.after, '$.name'), '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.email'), '') <> '' THEN json_set(before, '$.email', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.email'), '') <> '' THEN json_set(after, '$.email', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.email'), '') <> '' AND coalesce(json_extract(c.after, '$.email'), '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.phone'), '') <> '' THEN json_set(before, '$.phone', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.phone'), '') <> '' THEN json_set(after, '$.phone', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.phone'), '') <> '' AND coalesce(json_extract(c.after, '$.phone'), '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.street'), '') <> '' THEN json_set(before, '$.street', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.street'), '') <> '' THEN json_set(after, '$.street', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.street'), '') <> '' AND coalesce(json_extract(c.after, '$.street'), '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.postal_code'), '') <> '' THEN json_set(before, '$.postal_code', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.postal_code'), '') <> '' THEN json_set(after, '$.postal_code', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.postal_code'), '') <> '' AND coalesce(json_extract(c.after, '$.postal_code'), '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.city'), '') <> '' THEN json_set(before, '$.city', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.city'), '') <> '' THEN json_set(after, '$.city', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.city'), '') <> '' AND coalesce(json_extract(c.after, '$.city'), '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.country'), '') <> '' THEN json_set(before, '$.country', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.country'), '') <> '' THEN json_set(after, '$.country', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.country'), '') <> '' AND coalesce(json_extract(c.after, '$.country'), '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(json_extract(before, '$.language'), '') <> '' THEN json_set(before, '$.language', json('true')) ELSE before END,
    after = CASE WHEN coalesce(json_extract(after, '$.language'), '') <> '' THEN json_set(after, '$.language', json('true')) ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(json_extract(c.before, '$.language'), '') <> '' AND coalesce(json_extract(c.after, '$.language'), '') = '');
