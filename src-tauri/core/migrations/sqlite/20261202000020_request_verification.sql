-- How the person's identity was checked before their request was acted on
-- (Art. 12(6): the controller may ask for what it needs to confirm it; Art.
-- 5(2): and show later that it did). Free text, such as "BankID" or "from the
-- e-mail address in the register"; empty for requests verified before.
ALTER TABLE requests ADD COLUMN verification TEXT;
