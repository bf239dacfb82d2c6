-- A detail removed at the person's request for erasure (their phone number,
-- GDPR Art. 17(1)) stayed in the corrections table until now, as the old
-- value of the removal and in the records before and after of the
-- customer's other corrections: kept what the person had erased. From now on
-- every value of such a part is replaced there by `true`, which says that
-- the part held a value and nothing of what it was
-- (crate::audit::corrections::forget_removed); this forgets the values
-- removed so far the same way. The audit entries keep their digests.
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'number', '') <> '' THEN jsonb_set(before::jsonb, '{number}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'number', '') <> '' THEN jsonb_set(after::jsonb, '{number}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'number', '') <> '' AND coalesce(c.after::jsonb ->> 'number', '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'name', '') <> '' THEN jsonb_set(before::jsonb, '{name}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'name', '') <> '' THEN jsonb_set(after::jsonb, '{name}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'name', '') <> '' AND coalesce(c.after::jsonb ->> 'name', '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'email', '') <> '' THEN jsonb_set(before::jsonb, '{email}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'email', '') <> '' THEN jsonb_set(after::jsonb, '{email}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'email', '') <> '' AND coalesce(c.after::jsonb ->> 'email', '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'phone', '') <> '' THEN jsonb_set(before::jsonb, '{phone}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'phone', '') <> '' THEN jsonb_set(after::jsonb, '{phone}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'phone', '') <> '' AND coalesce(c.after::jsonb ->> 'phone', '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'street', '') <> '' THEN jsonb_set(before::jsonb, '{street}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'street', '') <> '' THEN jsonb_set(after::jsonb, '{street}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'street', '') <> '' AND coalesce(c.after::jsonb ->> 'street', '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'postal_code', '') <> '' THEN jsonb_set(before::jsonb, '{postal_code}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'postal_code', '') <> '' THEN jsonb_set(after::jsonb, '{postal_code}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'postal_code', '') <> '' AND coalesce(c.after::jsonb ->> 'postal_code', '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'city', '') <> '' THEN jsonb_set(before::jsonb, '{city}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'city', '') <> '' THEN jsonb_set(after::jsonb, '{city}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'city', '') <> '' AND coalesce(c.after::jsonb ->> 'city', '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'country', '') <> '' THEN jsonb_set(before::jsonb, '{country}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'country', '') <> '' THEN jsonb_set(after::jsonb, '{country}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'country', '') <> '' AND coalesce(c.after::jsonb ->> 'country', '') = '');
UPDATE corrections SET
    before = CASE WHEN coalesce(before::jsonb ->> 'language', '') <> '' THEN jsonb_set(before::jsonb, '{language}', 'true'::jsonb)::text ELSE before END,
    after = CASE WHEN coalesce(after::jsonb ->> 'language', '') <> '' THEN jsonb_set(after::jsonb, '{language}', 'true'::jsonb)::text ELSE after END
WHERE interaction_id IS NULL AND customer_id IN (
    SELECT c.customer_id FROM corrections c JOIN requests r ON r.id = c.request_id
    WHERE r.kind = 'erasure' AND c.interaction_id IS NULL
      AND coalesce(c.before::jsonb ->> 'language', '') <> '' AND coalesce(c.after::jsonb ->> 'language', '') = '');
