-- What kept records past their end from a sweep when it began, as a JSON
-- list of {keeper, records}: legal holds (Art. 17(3)(e)), restrictions (Art.
-- 18(2)), requests for a copy or a restriction not yet answered (Art. 15(1),
-- 18(1)(c)). The summary states it beside what went, so that it accounts for
-- every record past its end (Art. 5(2)). NULL for the sweeps of older
-- registers.
ALTER TABLE retention_sweeps ADD COLUMN held TEXT;
