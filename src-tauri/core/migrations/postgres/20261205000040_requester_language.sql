-- The language of the letters to someone the register has no customer for,
-- where the shop chose one (they wrote in English to a Swedish shop, say):
-- told in a language they understand (Art. 12(1)). Emptied with `requester`
-- when the request is linked to a customer, whose own language then rules.
ALTER TABLE requests ADD COLUMN requester_language TEXT;
