-- A customer is found by their phone number as its own country writes it
-- (register::search::phone_tokens, from libphonenumber's numbering plans).
-- Norway (+47) and Denmark (+45) write their numbers without a trunk prefix,
-- yet customers saved before were given "0" and the number as its national
-- form: "912 34 567" found nobody. They gain the number itself here (the old
-- word stays, finding no one else). Numbers of countries beyond the Nordics
-- gain their national form when their customer is next saved.
INSERT OR IGNORE INTO customer_search (token, name_key, customer_id)
SELECT substr(phone, 4), name_key, id FROM customers
WHERE state <> 'erased' AND (phone LIKE '+47%' OR phone LIKE '+45%') AND length(phone) > 4;

UPDATE customers SET search_words = search_words || ' ' || substr(phone, 4)
WHERE state <> 'erased' AND (phone LIKE '+47%' OR phone LIKE '+45%') AND length(phone) > 4
    AND (search_words || ' ') NOT LIKE '% ' || substr(phone, 4) || ' %';
