-- Which categories of data each legitimate-interest assessment covers (Art.
-- 6(1)(f)): comma-separated codes, as a processor's categories are kept. With
-- them, a category resting on legitimate interest that no assessment covers
-- is named, in the settings and by `processing show` (Art. 5(2)).
ALTER TABLE li_assessments ADD COLUMN categories TEXT NOT NULL DEFAULT '';

-- The two a register was given at its start (in any of its three languages)
-- cover the categories they were written for; any other is the shop's own,
-- and the shop says which categories it covers.
UPDATE li_assessments SET categories = 'communications' WHERE purpose IN (
    'Following up support requests and keeping notes of calls, meetings and e-mail',
    'Följa upp supportärenden och föra anteckningar om samtal, möten och e-post',
    'Følge opp kundehenvendelser og føre notater om samtaler, møter og e-post');
UPDATE li_assessments SET categories = 'web_activity' WHERE purpose IN (
    'Web-site security and statistics from IP addresses and actions',
    'Webbplatsens säkerhet och statistik från IP-adresser och handlingar',
    'Nettstedets sikkerhet og statistikk fra IP-adresser og handlinger');
