# Kundvakt: svenska. Varje nyckel finns också i en.ftl och nb.ftl (ett test kontrollerar det).

## Gemensamt för alla dokument
doc-generated = Skapad { $date }
doc-times-zone = Tider anges enligt butikens klocka ({ $zone }).
doc-page = Sida { $page } / { $pages }
doc-audit-head = Loggpost { $seq } i granskningskedjan, kedjans huvud { $hash }
doc-controller = Personuppgiftsansvarig
doc-org-number = Organisationsnummer
doc-address = Adress
doc-email = E-post
doc-phone = Telefon
doc-website = Webbplats
doc-none = inga
doc-yes = ja
doc-no = nej

## Registerutdrag (GDPR art. 15)
access-title = Dina personuppgifter hos { $controller }
access-title-nameless = Dina personuppgifter
access-subject = Registerutdrag enligt artikel 15 i dataskyddsförordningen (GDPR)
access-intro = Vi bekräftar att vi behandlar personuppgifter om dig. Det här utdraget är en kopia av alla personuppgifter vi har om dig, med vad vi använder dem till, på vilken rättslig grund, var de kommer ifrån, vem som tar emot dem och hur länge vi sparar dem.
access-request = Din begäran { $id }, mottagen { $received }
access-no-request = Utdrag utan registrerad begäran
access-customer = Kund { $number }
access-category-empty = Vi har inga uppgifter om dig i den här kategorin.
access-free-copy = Den här första kopian är kostnadsfri (GDPR art. 15.3).
access-past-due = En uppgift märkt ”ska raderas” har passerat slutet av tiden vi sparar den, och kommer att raderas (GDPR art. 5.1 e).
portability-title = Dina uppgifter från { $controller } att ta med dig
portability-subject = Dataportabilitet enligt artikel 20 i dataskyddsförordningen (GDPR)

section-purpose = Ändamål
section-legal-basis = Rättslig grund
section-interest = Vårt berättigade intresse
section-source = Källa
section-recipients = Mottagare
section-retention = Hur länge vi sparar
section-transfers = Överföring utanför EU/EES
transfers-none = Nej
web-activity-stopped = Sedan { $since } registrerar vi inte längre din aktivitet på vår webbplats: du invände mot det (artikel 21.1 i dataskyddsförordningen).
access-merged = Du var registrerad hos oss två gånger: uppgifterna under kundnummer { $number } fördes samman med den här kunden den { $date } och finns i det här utdraget.
access-merged-kept = Fram till den { $date } sparar vi också uppgifterna som lämnades under kundnummer { $number } som de var när uppgifterna fördes samman, så att de kan skiljas åt igen om det visar sig gälla två personer; sedan raderas de:
access-merged-kept-title = Uppgifter som sparas för att kunna ångra sammanslagningen
transfers-yes = Ja, till { $recipients }
recipients-none = Ingen utanför butiken

## Kategorier av personuppgifter
cat-identity_contact = Identitets- och kontaktuppgifter
cat-purchase_history = Beställningar (köphistorik)
cat-invoices = Fakturor och påminnelser
cat-communications = Samtal, möten, e-post och brev
cat-web_activity = Aktivitet på vår webbplats
cat-consents = Samtycken
cat-events = Kurser och evenemang
cat-requests = Dina begäranden om dina uppgifter

## Standardändamål (butiken kan skriva egna)
purpose-identity_contact = För att hålla ditt kundkonto, leverera dina beställningar och kontakta dig om dem.
purpose-purchase_history = För att fullgöra dina beställningar och spara den räkenskapsinformation som bokföringslagen kräver.
purpose-invoices = För att fakturera och påminna, och spara den räkenskapsinformation som bokföringslagen kräver.
purpose-communications = För att följa upp dina frågor, synpunkter och reklamationer.
purpose-web_activity = För att hålla webbplatsen säker och ta fram statistik över hur den används.
purpose-consents = För att kunna visa att du samtyckt, till vad och när, och respektera att du återkallar.
purpose-events = För att ge dig information om de kurser och evenemang du anmält dig till.
purpose-requests = För att besvara dina begäranden om dina uppgifter och kunna visa att vi gjort det.

## Rättsliga grunder (GDPR art. 6.1)
basis-consent = Ditt samtycke (art. 6.1 a)
basis-contract = Vårt avtal med dig (art. 6.1 b)
basis-legal_obligation = En rättslig förpliktelse (art. 6.1 c)
basis-legal_obligation-bookkeeping = En rättslig förpliktelse, bokföringslagen (art. 6.1 c)
basis-legal_obligation-requests = En rättslig förpliktelse: att besvara dina begäranden och kunna visa att vi gjort det (art. 6.1 c med art. 12 och 5.2)
basis-legitimate_interest = Vårt berättigade intresse, efter en dokumenterad intresseavvägning (art. 6.1 f)

## Källor
source-data_subject = Du har lämnat dem till oss
source-observed = Registrerade när du använde vår webbplats
source-shop = Skapade av oss i samband med dina köp

## Hur länge vi sparar
retention-identity_contact = Så länge du är kund; ett konto utan aktivitet raderas { $months } månader efter den senaste aktiviteten.
retention-purchase_history = Så länge bokföringslagen kräver ({ $law }).
retention-invoices = Så länge bokföringslagen kräver ({ $law }).
retention-communications = { $months } månader efter att ärendet avslutats. En anteckning som dokumenterar ett köp eller en överenskommelse (en avgjord reklamation, en avtalad ändring) sparas så länge bokföringslagen kräver för sådan korrespondens ({ $law }), om det är längre.
retention-web_activity = { $months } månader.
retention-consents = Så länge samtycket gäller; beviset om det { $months } månader efter att du återkallat det.
retention-events = { $months } månader efter evenemanget.
retention-requests = { $months } månader efter att begäran avslutats.
retention-dated-purchase_history = Datumet anges för varje beställning.
retention-dated-invoices = Datumet anges för varje faktura.
retention-dated-communications = Datumet anges för varje anteckning.
kept-open-consent_stands = så länge samtycket gäller
kept-open-matter_open = så länge ärendet pågår
kept-open-request_open = så länge begäran pågår
kept-past-due = { $date }, ska raderas
kept-past-legal_hold = { $date }, sparas längre för ett rättsligt anspråk
kept-past-restriction = { $date }, sparas medan behandlingen är begränsad
kept-past-request = { $date }, sparas tills en begäran från dig är besvarad

## Fält och kolumner
field-name = Namn
field-email = E-post
field-phone = Telefon
field-address = Postadress
field-country = Land
field-language = Språk
field-customer-number = Kundnummer
field-shop-numbers = Nummer i webbutiken
field-created = Kund sedan
field-last-activity = Senaste aktivitet
field-state = Status
col-order = Order
col-date = Datum
col-items = Varor
col-total = Totalt
col-vat = Varav moms
col-payment = Betalning
col-kept-until = Sparas till
col-number = Nummer
col-kind = Typ
col-amount = Belopp
col-channel = Kanal
col-direction = Riktning
col-summary = Sammanfattning
col-time = Tid
col-ip = IP-adress
col-action = Händelse
web-action-login = Loggade in
web-action-logout = Loggade ut
web-action-page_view = Visade en sida
web-action-view_product = Tittade på en produkt
web-action-view_order = Tittade på en order
web-action-add_to_cart = La något i varukorgen
web-action-remove_from_cart = Tog bort något ur varukorgen
web-action-checkout = Gick till kassan
web-action-purchase = Gjorde ett köp
web-action-search = Sökte i butiken
web-action-download_data = Laddade ner sina uppgifter
web-action-update_address = Ändrade adressen
web-action-change_password = Bytte lösenord
web-action-reset_password = Återställde lösenordet
web-action-create_account = Skapade ett konto
web-action-newsletter_signup = Anmälde sig till nyhetsbrevet
col-user-agent = Webbläsare
col-purpose = Ändamål
col-text-version = Text som visades
col-given = Lämnat
col-withdrawn = Återkallat
col-event = Kurs eller evenemang
col-status = Status
col-due = Förfaller
col-received = Mottagen
col-state = Läge
col-answered = Besvarad
col-name = Namn
col-role = Roll
col-country = Land
col-categories = Uppgifter som tas emot
col-outside-eea = Utanför EU/EES
col-safeguards = Skyddsåtgärder
col-law = Lag
col-breach = Incident
col-aware = Fick kännedom
col-rule = Regel
# A retention rule that is the shop's own setting, named as in the settings.
rule-setting = Inställning: { $setting }
rule-period = { $rule } ({ $months ->
    [one] en månad
   *[other] { $months } månader
})
sweep-total = Totalt
sweep-run = Gallring
sweep-state = Status
sweep-started = Startad
sweep-finished = Klar
sweep-batches = Omgångar (en transaktion var)
sweep-action-deleted = raderade
sweep-action-pseudonymised = sparas under pseudonym, begränsade
sweep-action-anonymised = anonymiserade
sweep-state-running = inte klar
sweep-state-done = klar
sweep-state-abandoned = avbruten

## Rader som en import lägger till så att orderns rader summerar till dess total
import-line-shipping = Frakt
import-line-discount = Rabatt
import-line-other = Övriga avgifter och justeringar

## Exporten till redovisningen (kolumnrubriker)
export-col-order = Order
export-col-date = Datum
export-col-customer = Kund
export-col-line = Rad
export-col-description = Beskrivning
export-col-quantity = Antal
export-col-net = Netto
export-col-vat-rate = Momssats %
export-col-vat = Moms
export-col-gross = Brutto
export-col-currency = Valuta
export-col-payment = Betalning
export-col-status = Status
export-col-invoice = Faktura
export-col-kind = Slag
export-col-issued = Utfärdad
export-col-due = Förfaller
export-col-credits = Krediterar
trail-col-seq = Nr
trail-col-time = Tid
trail-col-by = Av
trail-col-action = Händelse
trail-col-what = Vad
trail-col-record-kind = Slag av post
trail-col-record = Post
trail-col-customer = Kund
trail-col-before = Kontrollsumma före
trail-col-after = Kontrollsumma efter
trail-col-previous = Föregående posts hash
trail-col-hash = Hash
trail-col-time-utc = Tid (UTC, som hashad)
trail-col-entity = Entitet (som hashad)
trail-col-entity-id = Entitetens id (som hashat)
trail-col-customer-id = Kundens id (som hashat)
requests-col-number = Nr
requests-col-customer = Kund
requests-col-name = Namn
requests-col-kind = Typ av begäran
requests-col-state = Läge
requests-col-channel = Mottagen via
requests-col-received = Mottagen
requests-col-due = Förfaller (en månad)
requests-col-extended-to = Förlängd till
requests-col-extension-reason = Skäl för förlängningen
requests-col-days-left = Dagar kvar
requests-col-verified-on = Identitet kontrollerad
requests-col-verified-how = Hur identiteten kontrollerades
requests-col-answered-on = Besvarad
requests-col-refusal-reason = Skäl för avslag
requests-col-closed-on = Avslutad

## SIE 4-verifikationer (kontonamn och verifikationstexter i filen)
sie-account-receivable = Kundfordringar
sie-account-sales = Försäljning, { $rate } % moms
sie-account-vat = Utgående moms, { $rate } %
sie-order = Order { $number }, kund { $customer }
sie-credit-note = Kreditfaktura { $number } för { $credits }, order { $order }

## Appens skärmar
ui-app-name = Kundvakt
ui-nav-register = Register
ui-nav-requests = Begäranden
ui-nav-settings = Inställningar
ui-language = Språk
ui-register-location = Register: { $location }
ui-unlock-title = Öppna registret
ui-unlock-text = Registret på { $location } är krypterat. Ange dess lösenfras för att öppna det.
ui-unlock-passphrase = Lösenfras
ui-unlock-open = Öppna
ui-search-label = Sök kunder
ui-search-placeholder = Namn, e-post, telefon, kund- eller ordernummer
ui-customers-count =
    { $count ->
        [one] { $count } kund
       *[other] { $count } kunder
    }
ui-search-count =
    { $count ->
        [one] { $count } träff
       *[other] { $count } träffar
    }
ui-search-merged-address = { $email } var adressen till kund { $number }, som slogs samman med { $into } den { $date }
ui-search-voucher-order = order { $number } hör till kund { $customer }
ui-search-voucher-invoice = faktura { $number } hör till kund { $customer }
ui-no-results = Ingen kund matchar.
ui-search-erased = Ingen kund har den här e-postadressen nu: kund { $number } hade den och raderades { $when }. De uppgifter lagen kräver att vi sparar finns under pseudonymen { $pseudonym }.
ui-search-erased-request = Ingen kund har den här e-postadressen nu: kund { $number } hade den och raderades { $when }, för begäran { $request }. De uppgifter lagen kräver att vi sparar finns under pseudonymen { $pseudonym }.
ui-search-erased-number = Kund { $number } raderades { $when }. De uppgifter lagen kräver att vi sparar finns under pseudonymen { $pseudonym }.
ui-search-erased-number-request = Kund { $number } raderades { $when }, för begäran { $request }. De uppgifter lagen kräver att vi sparar finns under pseudonymen { $pseudonym }.
ui-search-erased-open = Visa det som sparas
ui-choose-customer = Välj en kund i listan.
ui-loading = Laddar…
ui-details = Uppgifter
ui-save = Spara
ui-saved = Sparat.
ui-unchanged = Inget ändrades: uppgifterna är de som redan finns.
ui-corrected-tell = Sparat. Om de har fått de gamla uppgifterna, underrätta dem om rättelsen (art. 19): { $names }.
ui-removed-tell = Sparat. Om de har fått de borttagna uppgifterna, underrätta dem om raderingen (art. 19): { $names }.
ui-cancel = Avbryt
ui-reload = Ladda om
ui-conflict = Någon annan ändrade kunden medan du redigerade. Ladda om för att se deras ändringar och redigera sedan igen.
ui-report-pdf = Registerutdrag (PDF)
ui-report-json = Registerutdrag (JSON)
ui-report-preview = Förhandsgranska registerutdraget
ui-back = Tillbaka
ui-portability = Dataportabilitet (JSON)
ui-erasure-confirmation-pdf = Raderingsbekräftelse (PDF)
ui-erasure-confirmation-json = Raderingsbekräftelse (JSON)
ui-receipt = Bekräftelse (PDF)
ui-notice = Meddelande (PDF)
ui-nothing-held-letter = Svar (PDF)
ui-notice-owed = Begäran { $id }: personen ska underrättas, med skälen (GDPR art. 12.3 och 12.4).
ui-records-pdf = Register över behandling (PDF)
ui-records-json = Register över behandling (JSON)
ui-privacy-title = Integritetspolicy
ui-privacy-hint = Det du berättar för alla vars personuppgifter du samlar in (GDPR art. 13 och 14), gjord utifrån registret över behandling ovan: till vad, med vilken rättslig grund, vem som tar emot uppgifterna, hur länge du sparar dem, och deras rättigheter. Lägg HTML-filen på webbutikens sida om personuppgifter, och dela ut PDF:en där du samlar in uppgifter på plats. Välj språket den skrivs på bredvid knapparna: en butik som säljer utomlands publicerar en för varje.
ui-privacy-pdf = Integritetspolicy (PDF)
ui-privacy-html = Integritetspolicy (HTML, för webbutiken)
ui-privacy-language = Skriven på
ui-privacy-dated = Policyn är daterad { $changed }: den senaste ändringen av de inställningar och det register över behandling som den görs utifrån.
ui-privacy-saved = Senast sparad { $date } av { $who }.
ui-privacy-outdated = Det som policyn görs utifrån ändrades { $changed }, efter att den senast sparades ({ $date }, av { $who }): spara den igen och publicera den, så att det människor läser är det butiken gör (GDPR art. 12.1, 13).
ui-processor-add = Lägg till ett biträde eller en mottagare
ui-settings-assessments = Intresseavvägningar
ui-settings-assessments-hint = Där butiken stöder sig på sitt berättigade intresse (art. 6.1 f) väger den intresset mot kundernas och skriver ned avvägningen. Registret över behandlingar skriver ut dem.
ui-assessment-add = Lägg till en avvägning
ui-assessment-edit = Ändra avvägningen
ui-assessment-author-blank = Tomt: namnet du arbetar under
ui-settings-categories = Kategorier av uppgifter
ui-settings-categories-hint = Varför butiken behandlar varje slags uppgifter, med vilken rättslig grund (art. 6.1) och varifrån de kommer. Registerutdraget och registret över behandlingar skrivs utifrån detta. Ett ändamål som lämnas tomt är Kundvakts formulering, på dokumentets språk.
ui-category-purpose = Ändamål för { $category }
ui-category-basis = Rättslig grund för { $category }
ui-category-source = Källa för { $category }
ui-col-category = Kategori
ui-col-legal-basis = Rättslig grund
ui-col-source = Källa
ui-basis-consent = Samtycke (art. 6.1 a)
ui-basis-contract = Avtal (art. 6.1 b)
ui-basis-legal_obligation = Rättslig förpliktelse (art. 6.1 c)
ui-basis-legitimate_interest = Berättigat intresse (art. 6.1 f)
ui-source-data_subject = Från kunden
ui-source-observed = Iakttagna (webbplats)
ui-source-shop = Skapade av butiken
ui-unassessed = Dessa vilar på berättigat intresse, men ingen intresseavvägning täcker dem: { $categories }. Skriv en nedan, eller kryssa för dem i den som väger dem (art. 6.1 f, 5.2).
ui-assessment-categories-hint = Uppgifterna som behandlingen gäller; inga om den ligger utanför registret (en kamera i butiken).
ui-processor-edit = Ändra biträde eller mottagare
ui-edit = Ändra
ui-remove = Ta bort
ui-shop-numbers-hint = Webbutiken kan känna kunden under ett annat nummer än registrets, till exempel om kunden lades in här före butikens första fil. En import sparar ett sådant nummer, och butikens nästa fil hittar kunden med det, vilken e-postadress den än anger då.
ui-shop-number-add = Lägg till ett nummer i webbutiken
field-shop-number = Nummer i webbutiken
ui-shop-number-remove = Ta bort { $number }
ui-shop-number-removed = { $number } är inte längre ett av kundens nummer i webbutiken.
ui-report-saved = Sparade { $path }
ui-new-request = Registrera en begäran…
ui-request-received-on = Mottagen den
ui-request-log = Registrera begäran
ui-request-logged = Begäran { $id } är registrerad; tidsfristen är { $due }.
ui-request-kind = Typ av begäran
ui-open = Registrera
ui-history = Historik
ui-history-action = Ändring
ui-history-actor = Av
audit-action-register-init = Registret skapat
audit-action-audit-purge = Granskningsloggens äldsta poster borttagna
audit-action-register-passphrase = Lösenfras satt eller bytt
audit-action-register-backup = Säkerhetskopia gjord
audit-action-register-restore = Återställt från säkerhetskopia
audit-action-register-moved = Registret flyttat hit
audit-action-register-moved-away = Registret flyttat till ett delat
audit-action-register-taken-back = Registret hämtat tillbaka från det delade
audit-action-settings-set = Inställning ändrad
audit-action-category-edit = Kategorins behandling ändrad
audit-action-processor-add = Mottagare tillagd
audit-action-processor-edit = Mottagare ändrad
audit-action-processor-remove = Mottagare borttagen
audit-action-assessment-add = Bedömning dokumenterad
audit-action-assessment-edit = Bedömning omprövad
audit-action-assessment-remove = Bedömning återkallad
audit-action-customer-add = Kund tillagd
audit-action-customer-edit = Uppgifter rättade
audit-action-customer-shop-number = Webbutikens nummer sparat
audit-action-customer-shop-number-remove = Webbutikens nummer borttaget
audit-action-customer-restrict = Behandling begränsad
audit-action-customer-unrestrict = Begränsning hävd
audit-action-customer-erase = Kund raderad
audit-action-customer-merge = Kunder sammanslagna
audit-action-customer-unmerge = Sammanslagning ångrad
audit-action-order-add = Order tillagd
audit-action-order-status = Orderstatus ändrad
audit-action-invoice-add = Faktura tillagd
audit-action-interaction-add = Anteckning tillagd
audit-action-interaction-edit = Anteckning ändrad
audit-action-interaction-close = Ärende avslutat
audit-action-interaction-erase = Anteckning raderad
audit-action-interaction-move = Anteckning flyttad till en annan kund
audit-action-web-event-add = Webbaktivitet registrerad
audit-action-web-event-erase = Webbaktivitet raderad
audit-action-web-event-stop = Registrering av webbaktivitet stoppad (invändning)
audit-action-web-event-resume = Registrering av webbaktivitet återupptagen
audit-action-consent-give = Samtycke lämnat
audit-action-consent-withdraw = Samtycke återkallat
audit-action-event-registration-add = Anmäld till evenemang
audit-action-event-registration-status = Anmälan ändrad
audit-action-event-registration-erase = Anmälan raderad
audit-action-request-open = Begäran mottagen
audit-action-request-verify = Identitet kontrollerad
audit-action-request-start = Arbetet påbörjat
audit-action-request-extend = Tidsfrist förlängd
audit-action-request-answer = Besvarad
audit-action-request-refuse = Avslagen
audit-action-request-close = Avslutad
audit-action-request-link = Kopplad till kunden den gäller
audit-action-document-generate = Dokument framställt
audit-action-hold-add = Rättsligt bevarande infört
audit-action-hold-lift = Rättsligt bevarande hävt
audit-action-hold-erase-on-lift = Radering uppskjuten tills ett rättsligt bevarande hävs
audit-action-retention-sweep-start = Gallring påbörjad
audit-action-retention-sweep-batch = Gallring: poster raderade
audit-action-retention-sweep-finish = Gallring avslutad
audit-action-retention-sweep-resume = Avbruten gallring återupptagen
audit-action-retention-sweep-abandon = Avbruten gallring övergiven
audit-action-import-run = Fil importerad
audit-action-export-orders = Ordrar exporterade
audit-action-export-invoices = Fakturor exporterade
audit-action-export-audit-trail = Granskningsloggen exporterad
audit-action-export-requests = Logg över begäranden exporterad
audit-action-export-consents = Utskickslista för ett samtycke sparad
audit-action-breach-record = Personuppgiftsincident registrerad
audit-action-breach-notify = Incident anmäld till tillsynsmyndigheten
audit-action-breach-inform = De berörda informerade om incidenten
audit-action-breach-update = Uppgifter om incidenten uppdaterade
audit-action-breach-close = Incident avslutad
audit-action-breach-concern = Kunder som berörs av en incident ändrade
audit-action-breach-link = Kopplad till en personuppgiftsincident
audit-action-breach-unlink = Inte längre kopplad till en personuppgiftsincident
audit-action-breach-recipients = Adresslista över kunderna en incident gäller sparad
audit-action-privacy-notice-save = Integritetspolicy sparad
document-kind-access = Registerutdrag
document-kind-portability = Dataportabilitetsexport
document-kind-receipt = Mottagningsbekräftelse
document-kind-notice = Besked om förlängning eller avslag
document-kind-erasure = Raderingsbekräftelse
document-kind-processing = Register över behandling av personuppgifter
document-kind-sweep = Sammanställning av gallring
document-kind-breaches = Förteckning över personuppgiftsincidenter
document-kind-breach-letter = Brev om en personuppgiftsincident
ui-requests-title = Begäranden om personuppgifter
ui-requests-empty = Inga öppna begäranden.
ui-show-done = Visa besvarade och avslutade begäranden
ui-days-left = Dagar kvar
ui-overdue = Försenad { $days } dagar
ui-due-soon = Förfaller om { $days } dagar
ui-due-today = Förfaller i dag
ui-actions = Åtgärder
ui-step-verify = Identitet kontrollerad
ui-step-start = Påbörja
ui-step-extend = Förläng
ui-step-answer = Besvara
ui-step-refuse = Avslå
ui-step-close = Avsluta
ui-verify-how = Hur identiteten kontrollerades
ui-verify-how-example = BankID; e-postadressen i registret; id-kort i butiken
ui-answer-documents = Skickat: { $documents }
ui-reason = Skäl
ui-answer-text = Lämnat svar
ui-request-show = Visa begäran { $id }
ui-request-title = Begäran { $id }: { $kind }
ui-request-customer = Kund
ui-request-channel = Mottagen via
ui-request-deadline = Tidsfrist
ui-request-first-deadline = Första tidsfristen (en månad)
ui-request-extended = Förlängd till
ui-request-extension-reason = Skäl för förlängningen
ui-request-verified = Identitet kontrollerad
ui-request-started = Arbetet påbörjat
ui-request-answered = Besvarad
ui-request-refused = Skäl för avslaget
ui-request-closed = Avslutad
ui-request-steps = Steg
ui-request-documents = Framställda dokument
ui-request-no-documents = Inget dokument har framställts för den här begäran ännu.
ui-request-documents-hint = Ett dokument som görs här registreras under begäran med sin SHA-256-kontrollsumma, som senare visar vilken fil personen fick.
ui-request-verify-first = Kontrollera personens identitet innan du lämnar ut uppgifterna (GDPR art. 12.6).
ui-request-erased-answer = Kund { $customer } har raderats: inget av kunden finns kvar att redovisa utom det lagen kräver att vi sparar. Raderingsbekräftelsen säger vad som raderades och vad som sparas, och hur länge; gjord här besvarar den den här begäran.
ui-request-erased-other = Kund { $customer } raderades den { $date }: inget av kunden finns kvar att rätta, radera, begränsa eller använda utom det lagen kräver att vi sparar, som redan är begränsat (GDPR art. 18.2) och bara används för den skyldigheten. Besvara begäran med det, inom tidsfristen (art. 12.4); raderingsbekräftelsen, gjord här, säger vad som sparas och hur länge, och skickas med svaret.
ui-request-erased-for-it = Kund { $customer } raderades för den här begäran den { $date }. Raderingsbekräftelsen, gjord här, säger vad som raderades och vad lagen kräver att vi sparar, och hur länge; skicka den med svaret.
ui-request-person = Registrera en begäran från någon som inte finns i registret…
ui-search-log-request = Registrera deras begäran…
ui-request-person-title = En begäran från någon som inte finns i registret
ui-request-person-hint = Ingen kund har det personen angav. Personen ska ändå få svar inom en månad: om inte annat att inga personuppgifter om personen behandlas (GDPR art. 15.1). Ange vem personen är och hur du når den, som personen skrev.
ui-requester = Vem som frågade
ui-requester-example = Namn, och hur vi når personen
ui-requester-language = Brev till personen på
ui-requester-cell = { $who } (inte kund)
ui-request-erased-customer = Raderad kund { $number }
ui-request-without-customer = Ingen kund
ui-request-no-customer = Registret har ingen kund för den här personen. Sök i det efter varje namn, e-postadress och nummer personen har angett: är något av dem personens, koppla begäran till den kunden här. Är inget det, svara att inga personuppgifter om personen behandlas (GDPR art. 15.1).
ui-request-link = Koppla till kunden
ui-request-linked = Begäran { $id } är nu kund { $customer }:s.
ui-request-candidates = Sökte efter { $searched }. Hittade, kanske samma person:
ui-request-no-candidates = Sökte efter { $searched }: ingen kund hittades.
ui-request-link-to = Koppla till { $customer }
ui-customer-number-needed = Ange kundnumret.
ui-identity-pending = Begäran { $id }, { $kind }, väntar på att personens identitet kontrolleras: kontrollera den innan du lämnar ut uppgifterna eller agerar på begäran (GDPR art. 12.6).
ui-request-for = Sparade { $path } för begäran { $id }.
ui-col-document = Dokument
ui-col-format = Format
ui-col-language = Språk
ui-col-digest = SHA-256
ui-settings-title = Inställningar
ui-settings-problems = De här inställningarna håller inte som de står: rätta dem vid fälten.
ui-customer-problems = De här uppgifterna sparades före dagens kontroller och håller inte som de står: rätta dem vid fälten och spara.
ui-settings-controller = Butiken (personuppgiftsansvarig)
ui-settings-law = Land och räkenskapsår
ui-settings-retention = Lagringstider (månader)
ui-settings-documents = Dokument
ui-settings-processors = Personuppgiftsbiträden och mottagare
ui-welcome-title = Välkommen till Kundvakt
ui-welcome-text = Ditt register är tomt. Hämta in dina kunder och ordrar från webbutikens export, prova Kundvakt med en demobutik, eller börja med din första egna kund.
ui-welcome-country-hint = Kundvakt sparar ordrar så länge landets bokföringslag kräver, räknar tidsfrister förbi dess helgdagar och anger dess tillsynsmyndighet. Du kan ändra det senare under Inställningar.
ui-welcome-language-hint = Språket i dokumenten du ger till personer, och för varje ny kund om du inte väljer kundens eget.
ui-welcome-demo = Prova demobutiken
ui-welcome-add = Lägg till min första kund
ui-welcome-import = Importera från min webbutik
ui-demo-progress = Skapar demobutiken: { $done } av { $total } kunder
ui-new-customer = Ny kund
ui-add = Lägg till kund
ui-customer-added = Kund { $number } tillagd.
ui-note-contact = Anteckna en kontakt…
ui-record-consent = Registrera ett samtycke…
ui-direction = Vem tog kontakt
ui-direction-inbound = Kunden
ui-direction-outbound = Butiken
ui-staff = Handläggare
ui-col-time = Tid
ui-closed-on = Ärendet avslutat
ui-close-matter = Avsluta ärendet
ui-note-bookkeeping = Dokumenterar ett köp eller en överenskommelse (sparas enligt bokföringslagen)
ui-note-bookkeeping-mark = Sparas enligt bokföringslagen
ui-correct = Rätta
ui-erase-record = Radera
ui-note-erase-confirm = Radera den här anteckningen för begäran { $request }? Texten försvinner för gott; begäran behåller bara att anteckningen från { $when } ({ $channel }) raderades (artikel 17 i dataskyddsförordningen).
ui-note-erase-yes = Radera anteckningen
ui-note-erased = Anteckningen raderad för begäran { $request }. Besvara begäran när allt personen bad om är raderat.
ui-note-move = Flytta
ui-note-move-to = Under fel kund? Rätt kund (kundnummer)
ui-note-move-yes = Flytta anteckningen
ui-note-moved = Anteckningen flyttad till kund { $customer }; båda kundernas historik registrerar det.
ui-note-moved-tell = Anteckningen flyttad till kund { $customer }; båda kundernas historik registrerar det. Om de har fått anteckningen, underrätta dem om flytten (art. 19): { $names }.
ui-signup-erase-confirm = Radera den här anmälan för begäran { $request }? Den försvinner för gott; begäran behåller bara att en anmälan till { $date } raderades (artikel 17 i dataskyddsförordningen).
ui-signup-erase-yes = Radera anmälan
ui-signup-erased = Anmälan raderad för begäran { $request }. Besvara begäran när allt personen bad om är raderat.
ui-web-erase = Radera webbaktiviteten
ui-web-erase-confirm =
    Radera webbaktiviteten från { $first } till { $last } ({ $events ->
        [one] { $events } händelse
       *[other] { $events } händelser
    }), med IP-adresserna, för begäran { $request }? Den försvinner för gott; begäran behåller bara hur många händelserna var och när (artikel 17 i dataskyddsförordningen).
ui-web-erase-held =
    { $held ->
        [one] En händelse finns kvar: ett rättsligt bevarande behåller den (GDPR art. 17.3 e). Avslå den delen av begäran med det skälet.
       *[other] { $held } händelser finns kvar: ett rättsligt bevarande behåller dem (GDPR art. 17.3 e). Avslå den delen av begäran med det skälet.
    }
ui-web-erase-yes = Radera webbaktiviteten
ui-web-erased = Webbaktiviteten raderad för begäran { $request }. Besvara begäran när allt personen bad om är raderat.
ui-web-event-erase-confirm = Radera besöket { $time } från { $ip } ({ $action }) för sig, för begäran { $request }? Det är borta för gott, och en webblogg som importeras igen tar inte tillbaka det; begäran behåller bara att en händelse raderades, och när den var (artikel 17 i dataskyddsförordningen).
ui-web-event-erase-yes = Radera besöket
ui-web-event-erased = Besöket är raderat för begäran { $request }. Besvara begäran när allt personen bad om är raderat.
ui-web-stop = Sluta registrera kundens webbaktivitet…
ui-web-stop-confirm = Sluta registrera webbaktiviteten för kund { $customer }, som invändningen (begäran { $request }) begär (GDPR art. 21.1)? Från och med nu hoppas en webblogg rader om kunden över, tills du registrerar den igen. Det som redan är registrerat finns kvar tills du raderar det.
ui-web-stop-yes = Sluta registrera
ui-web-stop-recipients = Webbplatsen skickar också deras besök till { $names } (registret över behandling av personuppgifter): se till att de också slutar behandla dem för den här personen (GDPR art. 21.1).
ui-web-stopped-done = Kundens webbaktivitet registreras inte längre (begäran { $request }). Radera även det som registrerats om kunden bad om det, och besvara sedan begäran.
ui-web-stopped = Registreras inte sedan { $since }: kunden invände (begäran { $request }, GDPR art. 21.1).
ui-web-stopped-no-request = Registreras inte sedan { $since }: kunden invände (GDPR art. 21.1).
ui-web-resume = Registrera igen…
ui-web-resume-confirm = Registrera webbaktiviteten för kund { $customer } igen? Gör det bara om kunden har tagit tillbaka sin invändning, eller om den registrerades av misstag.
ui-web-resume-yes = Registrera igen
ui-web-resumed = Kundens webbaktivitet registreras igen.
ui-maybe-same = Kan vara samma person: är någon av dem det, ska en kopia av uppgifterna eller en radering omfatta även den kunden (GDPR art. 15, 17). Kontrollera det mot identiteten du har kontrollerat.
ui-maybe-same-log = Registrera begäran { $id } ({ $kind }) även för dem
ui-maybe-same-logged = Begäran { $request } registrerad även för { $number }, som begäran { $id }: sista dag { $due }, som den kom in.
ui-maybe-same-more = { $more ->
        [one] En till nämns inte här: sök efter den på telefonnumret eller namnet.
       *[other] { $more } till nämns inte här: sök efter dem på telefonnumret eller namnet.
    }
ui-merge = Slå samman med den här kunden…
ui-merge-question = { $name } ({ $number }) slås samman med den här kunden: deras ordrar, anteckningar, webbaktivitet, samtycken, anmälningar och begäranden flyttas hit, uppgifter som den här kunden saknar tas från deras, och numret { $number } hittar den här kunden från och med nu.
ui-merge-moves = Det här flyttas hit: ordrar { $orders }, anteckningar { $notes }, webbhändelser { $web }, samtycken { $consents }, kursanmälningar { $signups }, begäranden { $requests }.
ui-merge-warning = Slå bara samman en kund som ni, genom den identitet ni kontrollerat, funnit vara samma person. Det kan ångras i trettio dagar.
ui-merge-yes = Slå samman
ui-merged = { $name } ({ $number }) är sammanslagen med den här kunden: deras uppgifter finns här nu.
ui-merged-not-kept = Inte sparat av deras, eftersom den här kunden har egna: { $fields }.
ui-merged-tell = Om de fått någon av kundernas uppgifter, berätta för dem att de två är en (GDPR art. 19): { $names }.
ui-merged-number = sammanslagen med den här kunden { $date }
ui-unmerge = Ångra sammanslagning…
ui-unmerge-until = kan ångras till och med { $date }
ui-merged-number-removed = inte längre ett av kundens nummer i webbutiken
ui-unmerge-question = Ångra sammanslagningen av { $number }? Posterna som sammanslagningen flyttade hit går tillbaka till { $number }, med deras uppgifter; uppgifterna som den här kunden fick från deras är som förut, om de inte ändrats sedan dess; det som lagts till här sedan dess stannar här.
ui-unmerge-moves = Det här går tillbaka till { $number }: ordrar { $orders }, anteckningar { $notes }, webbhändelser { $web }, samtycken { $consents }, kursanmälningar { $signups }, begäranden { $requests }.
ui-unmerge-details = Deras uppgifter igen: { $details }.
ui-unmerge-reverted = Av den här kundens uppgifter blir dessa som före sammanslagningen, som fyllde i dem: { $fields }.
ui-unmerge-yes = Ångra sammanslagning
ui-unmerged = { $number } är en egen kund igen: det som sammanslagningen flyttade har gått tillbaka till dem.
ui-unmerged-tell = Om de fått någon av kundernas uppgifter, berätta för dem att de två är två personer (GDPR art. 19): { $names }.
ui-merged-away = Sammanslagen med kund { $number } ({ $name }) den { $date } av { $by }: allt registret hade om den här kunden är den kundens nu.
ui-merged-away-open = Öppna { $number }
ui-merge-other = Slå samman en annan kund med den här…
ui-merge-title = Slå samman en annan kund med { $name }
ui-merge-intro = En person som handlat med två e-postadresser är två kunder. Ange den andra kundens nummer (eller ett webbutiksnummer för dem); ni ser vem det är innan något slås samman.
ui-merge-number = Den andra kundens nummer
ui-merge-find = Fortsätt
likeness-phone = samma telefonnummer
likeness-name_and_postal_code = samma namn och postnummer
likeness-name_and_city = samma namn och ort
ui-hold-back = Radera när bevarandet hävs
ui-held-back = Behålls av det rättsliga bevarandet tills vidare: det raderas enligt begäran { $request } när bevarandet hävs. Avslå den delen av begäran med det skälet.
ui-text-version-example = till exempel nyhetsbrev-2025-01
ui-time-needed = Ange datum och tid.
ui-sign-up = Anmäl till en kurs eller ett evenemang…
ui-invoice-add = Registrera en faktura eller påminnelse…
ui-credit-note-add = Registrera en kreditfaktura…
ui-order-add = Registrera en order…
ui-order-saved = Order { $number } registrerad: { $total }.
ui-order-totals = Blir { $total }, varav moms { $vat }.
ui-order-sheet = Order { $number }
ui-order-sheet-vouchers = Fakturor, påminnelser och kreditfakturor för order { $number }
ui-order-kept-until = Sparas till och med { $date } enligt { $rule }.
ui-order-kept-past-due = Den dagen har passerat: nästa gallring raderar ordern med dess fakturor.
ui-order-kept-past-by = Den dagen har passerat; ordern hålls kvar av: { $keeper }.
ui-line-description = Vad
ui-line-quantity = Antal
ui-line-unit-price = Styckpris inkl. moms
ui-line-vat-rate = Moms %
ui-line-add = Lägg till en rad
col-currency = Valuta
ui-payment-reference = Betalningsreferens
ui-total-of-lines = summan av raderna
ui-issued = Utfärdad
ui-credits = Krediterar faktura
ui-date-needed = Ange datum.
ui-month-1 = januari
ui-month-2 = februari
ui-month-3 = mars
ui-month-4 = april
ui-month-5 = maj
ui-month-6 = juni
ui-month-7 = juli
ui-month-8 = augusti
ui-month-9 = september
ui-month-10 = oktober
ui-month-11 = november
ui-month-12 = december
ui-date-format = ÅÅÅÅ-MM-DD
ui-moment-format = ÅÅÅÅ-MM-DD tt:mm
ui-date-unreadable = Inget datum: skriv det som { $format }, till exempel { $example }, eller med dagen först (7.12.2026).
ui-calendar = Kalender
ui-calendar-previous = Föregående månad
ui-calendar-next = Nästa månad
ui-weekday-1 = må
ui-weekday-2 = ti
ui-weekday-3 = on
ui-weekday-4 = to
ui-weekday-5 = fr
ui-weekday-6 = lö
ui-weekday-7 = sö
setting-country = Land vars lag gäller
setting-fiscal_year_start_month = Räkenskapsåret börjar i
setting-first_fiscal_year_end = Första räkenskapsåret slutar den
setting-changed_fiscal_years = Omlagda räkenskapsår
setting-time_zone = Tidszon
setting-language = Språk för nya dokument
setting-controller-name = Namn
setting-controller-org_number = Organisationsnummer
setting-controller-address = Adress
setting-controller-email = E-post
setting-controller-phone = Telefon
setting-controller-website = Webbplats
setting-authority-name = Tillsynsmyndighet
setting-authority-address = Myndighetens adress
setting-retention-inactive_customer_months = Inaktiva kundkonton
setting-retention-interaction_months = Anteckningar efter avslutat ärende
setting-retention-web_event_months = Aktivitet på webbplatsen
setting-retention-consent_proof_months = Bevis om återkallat samtycke
setting-retention-event_months = Kursanmälningar efter evenemanget
setting-retention-request_months = Begäranden efter avslut
setting-order-series = Nummer på order som tas emot direkt börjar med
setting-invoice-series = Fakturanummer börjar med
setting-backup-keep = Automatiska säkerhetskopior som sparas
setting-backup-folder = Mapp för automatiska säkerhetskopior (tom: bredvid registret)
ui-settings-backups = Säkerhetskopior
ui-settings-history = Ändringar av inställningarna
ui-settings-history-none = Ingen ändring av inställningarna är registrerad.
col-setting = Inställning
col-value = Värde
setting-sie-series = Verifikationsserie i bokföringsprogrammet
setting-sie-account-receivable = Konto: kundfordringar
setting-sie-account-sales_25 = Konto: försäljning, 25 % moms
setting-sie-account-sales_12 = Konto: försäljning, 12 % moms
setting-sie-account-sales_6 = Konto: försäljning, 6 % moms
setting-sie-account-sales_0 = Konto: försäljning utan moms
setting-sie-account-vat_25 = Konto: utgående moms 25 %
setting-sie-account-vat_12 = Konto: utgående moms 12 %
setting-sie-account-vat_6 = Konto: utgående moms 6 %
ui-settings-sie = Bokföring (SIE 4-export)
ui-settings-authority-hint = Tom: myndigheten i butikens land. En butik i Tyskland anger här sin delstats myndighet; till dess hänvisar dokumenten till förteckningen över dem.
ui-settings-fiscal-hint = Har räkenskapsåret lagts om (inte angetts fel), ange här omläggningsåret med dess första och sista dag, som 2025-01-01..2025-04-30: åren före det behåller sina slut, som bokföringslagen räknar från, och åren efter det börjar månaden efter. Ett första år längre än tolv månader: dagen det slutar.
ui-settings-fiscal-years = Räkenskapsåren kring omläggningarna: { $years }
ui-settings-sie-hint = Kontona som SIE-filen bokför varje försäljning på (BAS-kontoplanen som standard). Fråga din redovisningskonsult innan du ändrar dem.
ui-backup-intro = Före varje import, gallring, radering och återställning kopierar Kundvakt registret till { $folder } och sparar de { $keep } senaste.
ui-backup-off = Automatiska säkerhetskopior är avstängda: ange hur många som ska sparas (och, för ett delat PostgreSQL-register, en mapp).
ui-backup-now = Säkerhetskopiera nu…
ui-backup-saved = Säkerhetskopian sparades i { $path }.
ui-backups-none = Inga säkerhetskopior ännu.
ui-restore = Återställ…
ui-restore-file = Återställ från en fil…
ui-restore-question = Ersätta registret med kopian från { $made } ({ $file })?
ui-restore-question-file = Ersätta registret med kopian { $file }?
ui-restore-first = En kopia av registret som det är nu sparas först. Från registret som det är nu behåller det återställda:
ui-restore-kept-erasures = Raderingar som gjorts efter kopian: de görs om, så att ingen raderad person kommer tillbaka.
ui-restore-kept-numbers = Numren på fakturor och ordrar som utfärdats efter kopian: de används inte igen.
ui-restore-kept-records = Rättsliga bevaranden, begäranden, begränsningar, samtycken som getts eller återkallats, kursanmälningar, personuppgiftsincidenter och dokument som registrerats efter kopian.
ui-restore-kept-settings = Inställningar och registret över behandling som ändrats efter kopian, och rättelser som personer begärt efter kopian.
ui-restore-kept-books = För bokföringen: ordrar som lagts in för hand efter kopian (med kunderna de gällde), och fakturor, påminnelser, kreditfakturor och anteckningar om ett köp eller en överenskommelse som registrerats efter den.
ui-restore-as-copy = Allt annat blir som i kopian. Ordrar som importerats från webbutiken efter kopian räknas upp efteråt (en ny import av dess fil för tillbaka dem) och finns kvar i kopian av registret som det är nu. I ett delat register ser andra datorer kopian direkt.
ui-restore-passphrase = Kopians lösenfras, om den gjordes under en tidigare
ui-restore-copy-locked = Kopian är krypterad: skriv lösenfrasen den gjordes med och återställ igen.
ui-restore-confirm = Återställ den här kopian
ui-restoring = Kontrollerar kopian och återställer den…
ui-restored = Återställde { $file }: dess granskningslogg slutar vid post { $seq }.
ui-restored-breaches = { $count ->
        [one] En personuppgiftsincident som registrerats eller hanterats efter säkerhetskopian behölls som registret hade den.
       *[other] { $count } personuppgiftsincidenter som registrerats eller hanterats efter säkerhetskopian behölls som registret hade dem.
    }
ui-restored-concerned-lost = Kunder som en incident gällde och som lades till efter kopian finns inte i den; deras koppling till incidenten försvann med dem: { $numbers }.
ui-restored-holds = { $count ->
        [one] Ett rättsligt bevarande som lagts eller hävts efter säkerhetskopian behölls som registret hade det.
       *[other] { $count } rättsliga bevaranden som lagts eller hävts efter säkerhetskopian behölls som registret hade dem.
    }
ui-restored-documents = { $count ->
        [one] Ett dokument som tagits fram efter säkerhetskopian är registrerat som registret hade det, med sitt fingeravtryck.
       *[other] { $count } dokument som tagits fram efter säkerhetskopian är registrerade som registret hade dem, med sina fingeravtryck.
    }
ui-restored-holds-lost = Rättsliga bevaranden lades efter säkerhetskopian på poster som kopian inte har: { $records }.
ui-restored-restrictions-lost = Kunder som begränsades efter säkerhetskopian finns inte i den; om en import för tillbaka dem, begränsa dem igen: { $numbers }.
ui-restored-consents-lost = Samtycken som getts efter säkerhetskopian av kunder som det återställda registret inte har: { $numbers }. Om de kommer tillbaka, registrera deras samtycke igen (registret som det var före återställningen har det).
ui-restored-signups-lost = Anmälningar till kurser och evenemang efter säkerhetskopian av kunder som det återställda registret inte har: { $numbers }. Om de kommer tillbaka, registrera deras anmälningar igen (registret som det var före återställningen har dem).
ui-restored-web-objections = Behållna som registret hade dem: invändningar mot registrering av webbaktivitet gjorda eller hävda efter säkerhetskopian: { $count }.
ui-restored-web-objections-lost = Kunder som invände mot registreringen av sin webbaktivitet efter säkerhetskopian finns inte i den; om en import tar tillbaka dem, stoppa registreringen igen: { $numbers }.
ui-restored-customers-lost = Kunder som tillkom efter säkerhetskopian finns inte i det återställda registret: { $numbers }. En ny import av webbutikens fil för tillbaka dess egna; lägg till igen dem du lade till för hand (registret som det var före återställningen har dem).
ui-restored-customers-lost-imported = Kunder som en import förde in efter säkerhetskopian finns inte i det återställda registret: { $numbers }. En ny import av samma fil för tillbaka dem.
ui-restored-customers-lost-by-hand = Kunder som du lade till för hand efter säkerhetskopian finns inte i det återställda registret: { $numbers }. Lägg till dem igen (registret som det var före återställningen har dem).
ui-restored-orders-lost = Ordrar som registrerades efter säkerhetskopian finns inte i det återställda registret: { $numbers }.
ui-restored-invoices-lost = Fakturor som registrerades efter säkerhetskopian finns inte i det återställda registret: { $numbers }.
ui-restored-vouchers = Behållna som registret hade dem, för bokföringen (bokföringslagen): ordrar som lades in för hand efter säkerhetskopian: { $orders }; fakturor, påminnelser och kreditfakturor: { $invoices }; ordrar vars status ändrades: { $statuses }.
ui-restored-customers = Behållna med sina ordrar eller anteckningar, som registret hade dem (en verifikation anger sin kund): kunder som tillkom efter säkerhetskopian: { $numbers }.
ui-restored-notes = { $count ->
    [one] Behållen som registret hade den, för bokföringen (bokföringslagen): en anteckning som dokumenterar ett köp eller en överenskommelse, skriven efter säkerhetskopian.
   *[other] Behållna som registret hade dem, för bokföringen (bokföringslagen): { $count } anteckningar som dokumenterar ett köp eller en överenskommelse, skrivna efter säkerhetskopian.
}
ui-restored-notes-lost = Anteckningar som dokumenterar ett köp eller en överenskommelse, skrivna efter säkerhetskopian, kunde inte behållas här (någon annan har kundens nummer eller e-postadress); bokföringen måste behålla dem, och registret som det var före återställningen har dem: { $numbers }.
ui-restored-books-lost = Bokföringen måste behålla dem (bokföringslagen): registret som det var före återställningen har dem, och en ny import av webbutikens orderexport för tillbaka dess ordrar.
ui-restored-restrictions = { $count ->
        [one] En begränsning som lagts eller hävts efter säkerhetskopian behölls som registret hade den.
       *[other] { $count } begränsningar som lagts eller hävts efter säkerhetskopian behölls som registret hade dem.
    }
ui-restored-consents = { $count ->
        [one] Ett samtycke som getts efter säkerhetskopian behölls som registret hade det.
       *[other] { $count } samtycken som getts efter säkerhetskopian behölls som registret hade dem.
    }
ui-restored-withdrawals = { $count ->
        [one] Ett samtycke som återkallats efter säkerhetskopian är återkallat, som det var.
       *[other] { $count } samtycken som återkallats efter säkerhetskopian är återkallade, som de var.
    }
ui-restored-signups = { $count ->
        [one] En anmälan till en kurs eller ett evenemang, registrerad eller ändrad efter säkerhetskopian, behölls som registret hade den.
       *[other] { $count } anmälningar till kurser och evenemang, registrerade eller ändrade efter säkerhetskopian, behölls som registret hade dem.
    }
ui-restored-rectifications = Rättade igen, som kunderna begärde efter att säkerhetskopian gjordes (artikel 16 i dataskyddsförordningen): { $numbers }.
ui-restored-rectifications-lost = Rättelser som kunderna begärde efter att säkerhetskopian gjordes kunde inte göras om här (kunden eller anteckningen finns inte i den); rätta dem för hand: { $numbers }.
ui-restored-parts-erased = Anteckningar, anmälningar eller webbaktivitet raderade igen, som kunderna begärde efter att säkerhetskopian gjordes (artikel 17 i dataskyddsförordningen): { $numbers }.
ui-restored-requests = { $count ->
        [one] En begäran från en registrerad som loggats eller hanterats efter säkerhetskopian behölls som registret hade den.
       *[other] { $count } begäranden från registrerade som loggats eller hanterats efter säkerhetskopian behölls som registret hade dem.
    }
ui-restored-requests-alone = Begäranden från kunder som lades till efter kopian behålls utan sin kund och ska besvaras ändå: { $numbers }.
ui-restored-erasures = { $count ->
    [one] En radering som gjorts efter kopian gjordes om.
   *[other] { $count } raderingar som gjorts efter kopian gjordes om.
}
col-count = Poster

## Värden
state-active = aktiv
state-restricted = begränsad (art. 18)
state-erased = raderad
order-status-placed = lagd
order-status-paid = betald
order-status-shipped = skickad
order-status-cancelled = avbruten
order-status-refunded = återbetald
invoice-kind-invoice = faktura
invoice-kind-reminder = påminnelse
invoice-kind-credit_note = kreditfaktura
invoice-credits = kreditfaktura för { $invoice }
channel-meeting = möte
channel-phone = telefon
channel-email = e-post
channel-letter = brev
channel-document = dokument
channel-web_form = webbformulär
channel-web_shop = webbutik
consent-purpose-newsletter = nyhetsbrev
consent-purpose-sms = sms-utskick
consent-replaced = ersatt av lydelse { $version } ({ $date })
direction-inbound = från dig
direction-outbound = från oss
registration-registered = anmäld
registration-attended = deltog
registration-cancelled = avbokad
role-processor = personuppgiftsbiträde åt oss (art. 28)
role-recipient = mottagare
kind-access = registerutdrag (art. 15)
kind-rectification = rättelse (art. 16)
kind-erasure = radering (art. 17)
kind-restriction = begränsning (art. 18)
kind-portability = dataportabilitet (art. 20)
kind-objection = invändning (art. 21)
kind-withdraw_consent = återkallat samtycke (art. 7.3)
request-state-received = mottagen
request-state-identity_verified = identitet kontrollerad
request-state-in_progress = pågår
request-state-answered = besvarad
request-state-refused = avslagen
request-state-closed = avslutad
language-sv = svenska
language-nb = norska (bokmål)
language-en = engelska

## Mottagare, automatiserade beslut, rättigheter, klagomål
recipients-title = Vem som tar emot dina uppgifter
recipients-intro = De här personuppgiftsbiträdena och mottagarna får personuppgifter från oss. Biträden behandlar dem bara för vår räkning och enligt ett personuppgiftsbiträdesavtal.
recipients-nobody = Ingen utanför butiken tar emot personuppgifter från oss: inget personuppgiftsbiträde behandlar dem åt oss, och vi lämnar dem inte till någon.
automated-title = Automatiserade beslut och profilering
automated-none = Vi fattar inga beslut om dig som enbart grundas på automatiserad behandling, och vi profilerar dig inte (GDPR art. 22).
rights-title = Dina rättigheter
rights-intro = Du kan när som helst och kostnadsfritt:
right-access = få en kopia av dina uppgifter, som i det här utdraget (art. 15);
right-rectification = få felaktiga uppgifter rättade (art. 16);
right-erasure = få dina uppgifter raderade, utom det lagen kräver att vi sparar (art. 17);
right-restriction = få användningen av dina uppgifter begränsad (art. 18);
right-portability = få de uppgifter du lämnat i maskinläsbar form, eller få dem skickade till ett annat företag (art. 20);
right-objection = invända mot behandling som grundas på vårt berättigade intresse (art. 21);
right-withdraw = återkalla ett samtycke lika enkelt som du lämnade det (art. 7.3).
rights-contact = Skriv till { $email } för att använda dina rättigheter.
authority-title = Rätt att klaga
authority-intro = Om du anser att vi behandlar dina uppgifter felaktigt har du rätt att lämna klagomål till tillsynsmyndigheten:
authority-where-you-live = Du kan också klaga hos tillsynsmyndigheten i det EU/EES-land där du bor eller arbetar, eller där du anser att överträdelsen skedde (GDPR art. 77).
authority-fi-name = Dataombudsmannens byrå (Tietosuojavaltuutetun toimisto)
authority-de-name = Dataskyddsmyndigheten i den tyska delstat där vi är etablerade
authority-de-address = Myndigheterna finns förtecknade på datenschutzkonferenz-online.de

## Bekräftelse av begäran (GDPR art. 12)
receipt-title = Vi har tagit emot din begäran
receipt-subject = Bekräftelse av en begäran enligt dataskyddsförordningen
receipt-intro = Vi tog emot din begäran om { $kind } den { $received }. Vi svarar utan onödigt dröjsmål och senast den { $due } (GDPR art. 12.3).
receipt-extension = Om vi behöver mer tid för att begäran är komplicerad meddelar vi dig före den { $due }, med skälen; tiden kan då förlängas med högst två månader.
receipt-identity = Innan vi lämnar ut eller ändrar några uppgifter kontrollerar vi att begäran kommer från dig.
receipt-reference = Referens: begäran { $id }
doc-to = Till: { $name } (kund { $number })
doc-to-name = Till: { $name }
doc-to-customer = Till: kund { $number }
notice-subject = Meddelande om en begäran enligt dataskyddsförordningen
notice-extension-title = Vi behöver mer tid för din begäran
notice-extension-intro = Vi tog emot din begäran om { $kind } den { $received }. Den kräver mer tid än den månad som lagen först ger: vi svarar senast den { $due } (GDPR art. 12.3).
notice-refusal-title = Vi kommer inte att tillmötesgå din begäran
notice-refusal-intro = Vi tog emot din begäran om { $kind } den { $received }. Vi kommer inte att vidta någon åtgärd med anledning av den, av skälen nedan (GDPR art. 12.4).
notice-reasons = Våra skäl
notice-refusal-remedies = Du kan lämna klagomål till en tillsynsmyndighet (GDPR art. 77) och begära prövning i domstol (art. 79).
notice-nothing-held-title = Vi behandlar inga personuppgifter om dig
notice-nothing-held-intro = Vi tog emot din begäran om { $kind } den { $received }. Vi har sökt i vårt register efter de uppgifter du gav oss, och vi behandlar inga personuppgifter om dig (GDPR art. 15.1).
notice-answer = Vårt svar

## Bekräftelse av radering (GDPR art. 17)
erasure-title = Bekräftelse av radering
erasure-subject = Radering enligt artikel 17 i dataskyddsförordningen (GDPR)
erasure-intro = Vi har raderat dina personuppgifter den { $date }, utom de uppgifter som lagen kräver att vi sparar. De är begränsade: de sparas bara för att uppfylla den skyldigheten och för rättsliga anspråk, och anonymiseras när tiden gått ut.
erasure-erased = Raderat
erasure-kept = Sparas enligt lag
erasure-kept-none = Lagen kräver inte att vi sparar någon av dina uppgifter.
erasure-identifiers = För att vår webbutiks filer inte ska lägga in dig i registret igen sparar vi också { $form ->
        [one] ditt kundnummer { $numbers }
       *[other] dina kundnummer { $numbers }
    }.
erasure-identifiers-email = För att vår webbutiks filer inte ska lägga in dig i registret igen sparar vi också { $form ->
        [one] ditt kundnummer { $numbers }
       *[other] dina kundnummer { $numbers }
    } och en kontrollsumma av din e-postadress, ur vilken adressen inte kan utläsas.
erasure-pseudonym = Uppgifterna vi sparar bär inte längre ditt namn; de förvaras under referensen { $pseudonym }.
erasure-breaches = Vår förteckning över personuppgiftsincidenter behåller, under referensen { $pseudonym }, att incidenterna nedan berörde dig: dataskyddsförordningen kräver att vi dokumenterar varje incident, dess effekter och vad vi gjorde åt den (artikel 33.5). Den behåller inte ditt namn, din adress eller andra kontaktuppgifter.
erasure-until-hold = så länge ett rättsligt bevarande gäller
ui-kept-order-request = tills begäran är besvarad
ui-kept-order-due = { $date }, passerat: nästa gallring raderar den
erasure-until-request = { $months } månader efter att begäran avslutats
erasure-audit = Vår granskningslogg visar att dina uppgifter har ändrats och raderats. Den innehåller bara kontrollsummor, ur vilka ingenting om dig kan utläsas.
erasure-recipients = Mottagare som vi underrättar om raderingen
erasure-recipients-intro = Vi underrättar alla som vi har lämnat ut dessa uppgifter till om raderingen (artikel 19 i dataskyddsförordningen):
erasure-recipients-none = Vi har inte lämnat ut de raderade uppgifterna till någon annan.
part-erasure-intro = På din begäran av { $received } har vi raderat uppgifterna nedan. Vi sparar ingenting av vad de innehöll. Det övriga vi har om dig finns kvar i vårt register; du kan begära en kopia av det (artikel 15 i dataskyddsförordningen).
part-erasure-col-erased = Raderat den
part-erasure-detail = { $part } (bland dina uppgifter)
part-erasure-note = Vår anteckning om en kontakt den { $date } ({ $channel })
part-erasure-signup = Din anmälan till kursen eller evenemanget den { $date }
part-erasure-web = Din aktivitet på vår webbplats från { $first } till { $last }, med IP-adresserna (händelser: { $events })
part-erasure-web-visit = Ditt besök på vår webbplats den { $date }, med dess IP-adress
part-erasure-rest = Vår granskningslogg sparar bara att uppgifterna raderades, och när.
part-erasure-kept = Inte raderat
part-erasure-web-kept = Din aktivitet på vår webbplats, med IP-adresserna (händelser: { $events })
part-erasure-kept-why = Vi måste behålla detta medan ett rättsligt anspråk avgörs (artikel 17.3 e i dataskyddsförordningen), och behåller det bara för det: vi raderar det när anspråket är avgjort.

## Register över behandling (GDPR art. 30)
records-title = Register över behandling av personuppgifter
records-subject = Register enligt artikel 30 i dataskyddsförordningen (GDPR)
records-intro = Behandlingen av personuppgifter i kundregistret hos { $controller }.
records-intro-nameless = Behandlingen av personuppgifter i kundregistret.
records-subjects-title = Kategorier av registrerade
records-subjects = Kunder och tidigare kunder, personer som kontaktar butiken, prenumeranter på nyhetsbrevet och kursdeltagare.
privacy-title = Integritetspolicy för { $controller }
privacy-title-nameless = Integritetspolicy
privacy-subject = Så behandlar vi dina personuppgifter (GDPR artikel 13 och 14)
privacy-intro = Här berättar vi vilka personuppgifter vi behandlar om dig, till vad och med vilken rättslig grund, var de kommer ifrån, vem som tar emot dem, hur länge vi sparar dem och vilka rättigheter du har.
privacy-whom = Vilka den gäller: { $subjects }
privacy-required-title = Vad du måste lämna till oss
privacy-required = För att du ska kunna handla hos oss behöver vi ditt namn och ett sätt att nå dig, och för varor vi skickar till dig en adress att leverera till (avtalet); utan dem kan vi inte ta emot din beställning. För att anmäla dig till en kurs behöver vi ditt namn och ett sätt att nå dig. Bokföringslagen kräver att vi sparar beställningen och dess fakturor. Allt annat, till exempel ett nyhetsbrev, väljer du själv.
privacy-right-access = få en kopia av de personuppgifter vi har om dig (art. 15);
privacy-updated = Den här policyn ändrades senast den { $date }. Den görs utifrån butikens register över behandling av personuppgifter.
section-data = Vilka uppgifter
privacy-data-identity_contact = Ditt namn, din e-postadress, ditt telefonnummer, din postadress, det språk du vill att vi skriver på och ditt kundnummer.
privacy-data-purchase_history = Vad du beställt, när, beloppen, hur du betalade och var beställningen står (betald, skickad, returnerad).
privacy-data-invoices = Fakturor, påminnelser och kreditnotor för dina beställningar, med belopp och förfallodagar.
privacy-data-communications = Anteckningar om dina samtal, möten, e-postmeddelanden och brev med oss: när, hur och vad de gällde.
privacy-data-web_activity = När du var inloggad på vår webbplats, från vilken IP-adress, vad du gjorde där (till exempel loggade in eller beställde) och din webbläsare.
privacy-data-consents = Vilka samtycken du gett (till exempel till vårt nyhetsbrev), när, hur och till vilken lydelse, och när du återkallade dem.
privacy-data-events = De kurser och evenemang du anmält dig till, och om du kom.
privacy-data-requests = Dina begäranden om dina uppgifter (till exempel om en kopia eller radering), hur vi kontrollerade din identitet och hur vi svarade.
records-categories-title = Ändamål, kategorier av uppgifter och rättsliga grunder
records-transfers-title = Överföringar utanför EU/EES
records-transfers-none = Inga personuppgifter överförs utanför EU/EES.
records-erasure-title = Tidsfrister för radering
records-security-title = Säkerhetsåtgärder
records-security = Åtkomst bara för personal som behöver den; varje ändring registreras i en hashkedjad granskningslogg; registret kan krypteras; regelbundna säkerhetskopior; radering och anonymisering samma dag som lagringstiden löper ut.
records-assessments-title = Intresseavvägningar
assessment-categories = Uppgifter som berörs
assessment-purpose = Behandling
assessment-interest = Butikens intresse
assessment-necessity = Varför den behövs
assessment-balancing = Avvägning
assessment-outcome = Slutsats
assessment-assessed = Bedömd
assessment-author = Gjord av

## Sammanfattning av gallring
breaches-doc-title = Förteckning över personuppgiftsincidenter
breaches-doc-subject = Varje personuppgiftsincident, omständigheterna, effekterna och de åtgärder som vidtagits (GDPR art. 33.5)
breaches-doc-intro = Den personuppgiftsansvarige dokumenterar varje personuppgiftsincident, oavsett om den har anmälts till tillsynsmyndigheten. En incident som sannolikt leder till en risk för fysiska personers rättigheter och friheter anmäls inom 72 timmar från att den personuppgiftsansvarige fick vetskap om den (art. 33.1); en som sannolikt leder till en hög risk meddelas även de registrerade (art. 34). Tiderna anges enligt butikens klocka.
breaches-doc-authority = Tillsynsmyndighet
breaches-doc-none = Ingen personuppgiftsincident har registrerats.
breaches-doc-heading = Incident { $id }, känd sedan { $at }
breaches-doc-notify-by = Anmäl till myndigheten senast
breaches-doc-closed = Avslutad
breaches-doc-overdue = De 72 timmarna för anmälan till tillsynsmyndigheten har passerat, och ingen anmälan är registrerad.
access-breaches-title = Personuppgiftsincidenter som gällde dig
access-breaches-intro = Vi har registrerat att dessa personuppgiftsincidenter gällde dig (GDPR art. 33 och 34): vad som hände, vilka av dina uppgifter, vad det kan innebära för dig och vad vi gjorde åt det.
access-breaches-told = Du informerades den
breach-letter-title = Om en personuppgiftsincident hos { $shop }
breach-letter-subject = Information till de registrerade om en personuppgiftsincident (GDPR art. 34)
breach-letter-intro = Vi skriver för att berätta att personuppgifter om dig som { $shop } har hanterat har drabbats av en personuppgiftsincident: uppgifter har förlorats, förstörts, ändrats, röjts eller nåtts av någon som inte skulle ha dem. Här beskriver vi vad som hände, vad det kan innebära för dig och vad vi gör åt det.
breach-letter-what = Vad som hände
breach-letter-aware = Vi fick kännedom om det
breach-letter-data = Vilka av dina uppgifter det gäller
breach-letter-data-unknown = Vi vet ännu inte vilka av dina uppgifter det gäller; vi hör av oss så snart vi vet.
breach-letter-consequences = Vad det kan innebära för dig
breach-letter-measures = Vad vi har gjort och kommer att göra
breach-letter-questions = Frågor
breach-letter-contact = Om du har frågor om incidenten eller om dina uppgifter, kontakta { $shop }: { $contact }.
breach-letter-contact-shop = Om du har frågor om incidenten eller om dina uppgifter, kontakta { $shop }.
breach-letter-complain = Du har rätt att lämna klagomål till tillsynsmyndigheten (GDPR art. 77): { $authority }, { $address }.
breach-letter-reference = Vår referens: incident { $id }. Skrivet { $date }.
breach-letter-to = Till
breach-letter-dear = Hej { $name }!
breach-letter-reference-customer = Vår referens: incident { $id }, kund { $customer }. Skrivet { $date }.
sweep-title = Gallring
sweep-subject = Poster som raderats eller anonymiserats när lagringstiden löpt ut
sweep-intro = Den { $date } hade posterna nedan nått slutet av sin lagringstid och raderades eller anonymiserades.
sweep-nothing = Ingenting hade nått slutet av sin lagringstid.
sweep-audit-removed = Granskningsloggens { $entries } äldsta poster togs också bort: de var äldre än de { $months } månader som uppgifterna om begäranden sparas. De poster som finns kvar visar fortfarande att ingen av dem har ändrats.
col-cutoff = Vilka poster
sweep-cutoff-order = daterade, med sina fakturor, senast { $date }
sweep-cutoff-invoice = utfärdade senast { $date }
sweep-cutoff-customer = av kunder som senast var aktiva { $date } eller tidigare
sweep-cutoff-interaction = ärendet avslutat senast { $date }
sweep-cutoff-web_event = registrerade senast { $date }
sweep-cutoff-consent = återkallade senast { $date }
sweep-cutoff-event_registration = kurser och evenemang som hölls senast { $date }
sweep-cutoff-request = avslutade senast { $date }
sweep-cutoff-note = Varje regel räknar sin tid från ett datum i posten: orderns, dagen ärendet avslutades, kundens senaste aktivitet. ”Vilka poster” anger den sista sådana dagen vars tid hade löpt ut den dag gallringen gjordes; ingen post med ett senare datum togs bort enligt regeln.
sweep-held-intro = Poster som hade passerat slutet av sin lagringstid men bevarades, inte raderades, och vad som bevarade dem:
col-kept-by = Bevarade av
col-customer = Kund
keeper-legal_hold = Ett rättsligt bevarande för ett rättsligt anspråk (GDPR art. 17.3 e)
keeper-restriction = Kundens begränsning av behandlingen (art. 18.2)
keeper-request = Kundens begäran om en kopia eller en begränsning, ännu inte besvarad (art. 15, 18.1 c)
ui-sweep-held = Det som håller kvar poster efter slutet av lagringstiden vid den här gallringen:
ui-restored-sweeps = Gallringarna som gjorts efter kopian gjordes om ({ $days }): det de raderade förblir raderat.
ui-restored-settings = Inställningarna som ändrats efter kopian behölls: { $settings }.
ui-restored-catalogue = { $count ->
    [one] En ändring av registret över behandling som gjorts efter kopian behölls.
   *[other] { $count } ändringar av registret över behandling som gjorts efter kopian behölls.
}
ui-restored-unmerges = Fick tillbaka sina uppgifter igen, eftersom en sammanslagning av dem ångrades efter att säkerhetskopian gjordes: { $numbers }.
ui-restored-unmerges-lost = Sammanslagningar som ångrades efter att säkerhetskopian gjordes kunde inte ångras igen här (den begränsar, raderar eller bevarar den kund som behölls); ångra dem för hand: { $numbers }.
ui-restored-merges = Sammanslagna igen, som de var efter att säkerhetskopian gjordes: { $numbers }.
ui-restored-merges-lost = Kunder som slogs samman efter att säkerhetskopian gjordes kunde inte slås samman igen här (den kund som behölls finns inte i den, eller den begränsar eller bevarar en av de två); slå samman dem för hand: { $numbers }.
ui-restored-not-erased = Kund { $number } raderades efter att säkerhetskopian gjordes men kunde inte raderas igen: { $reason }
ui-restored-safety = Registret som det var före: { $file }
ui-restored-to-see = Att åtgärda: det som det återställda registret inte kunde ta emot, och det som det har som kopian hade det.
ui-restored-imports-undone = { $count ->
    [one] Det som filen som importerades efter säkerhetskopian förde in ({ $times }) finns inte i det återställda registret, utom det som är kvar enligt ovan: importera samma fil igen för att få tillbaka det.
   *[other] Det som filerna som importerades efter säkerhetskopian förde in ({ $times }) finns inte i det återställda registret, utom det som är kvar enligt ovan: importera samma filer igen för att få tillbaka det.
}
ui-restored-details-undone = Kunder vars uppgifter ändrades efter säkerhetskopian har dem som säkerhetskopian hade dem: { $numbers }. Ändra dem igen där ändringen var avsedd (registret som det var före återställningen har dem).
ui-restored-notes-undone = Anteckningar som skrevs efter säkerhetskopian finns inte i det återställda registret (de om ett köp eller en överenskommelse är kvar): kunderna { $numbers }. Registret som det var före återställningen har dem.
ui-restored-notes-changed-undone = Anteckningar som ändrades efter säkerhetskopian (rättades, avslutades eller flyttades till en annan kund) är som säkerhetskopian hade dem: kunderna { $numbers }. Ändra dem igen där ändringen var avsedd (registret som det var före återställningen har dem).
ui-settings-encryption = Kryptering
ui-encryption-off = Registerfilen är inte krypterad: den som kommer över den (en stulen dator, en kopierad säkerhetskopia) kan läsa varje kund. Kryptera den med en lösenfras på minst 8 tecken; från nästa start frågar Kundvakt efter den.
ui-encryption-keep = Utan lösenfrasen kan ingen öppna registret, inte ens du, och ingen kan återskapa den: skriv ner den och förvara den säkert.
ui-encryption-on = Registerfilen är krypterad (SQLCipher, AES-256): utan lösenfrasen går den inte att läsa. Kundvakt frågar efter lösenfrasen när programmet startar.
ui-encryption-postgres = Ett delat PostgreSQL-register skyddas av sin server: diskkryptering, TLS och serverns egen behörighetskontroll.
ui-settings-sharing = Flera datorer
ui-sharing-local = Det här fönstret arbetar i registret på den här datorn: { $register }
ui-sharing-shared = Det här fönstret arbetar i ett delat register: { $register }
ui-sharing-named = Kundvakt startades med --db eller KUNDVAKT_DB; ett val som görs här gäller när det startas utan dem.
ui-sharing-explain = För att arbeta i samma register från flera datorer flyttar du det till en tom PostgreSQL-databas som alla når (din IT-leverantör eller ditt webbhotell ger adressen). Varje dator ansluter sedan till den här. Flytten kopierar allt, också granskningsloggen, och kontrollerar den; den här datorn öppnar sedan det delade registret.
ui-sharing-url = Databasens adress
ui-sharing-move = Flytta registret dit
ui-sharing-connect = Anslut till registret där
ui-sharing-moving = Flyttar registret…
ui-sharing-connecting = Öppnar registret…
ui-sharing-leave = Använd den här datorns eget register igen
ui-sharing-leave-explain = Den här datorns eget register är filen { $file }. Ändringar som gjorts i det delade registret finns inte i den; från och med nu registreras det i den igen.
ui-sharing-copy = Filen som registret flyttades från finns kvar på { $file }, som den var vid flytten: inget mer registreras i den, och raderingar som gjorts sedan dess når inte den. Ta bort den när du har kontrollerat det delade registret.
ui-sharing-delete-copy = Ta bort filen…
ui-sharing-delete-sure = Ta bort den för gott
ui-passphrase-current = Nuvarande lösenfras
ui-passphrase-new = Ny lösenfras
ui-passphrase-repeat = Samma igen
ui-passphrase-differ = De två inmatningarna skiljer sig åt.
ui-encrypt = Kryptera registret
ui-encrypted-now = Registret är krypterat. Säkerhetskopior från tidigare är som de var: radera okrypterade kopior du inte längre behöver.
ui-passphrase-change = Byt lösenfras
ui-passphrase-changed = Lösenfrasen är bytt. Säkerhetskopior från tidigare har kvar den gamla.
ui-decrypt = Spara registret okrypterat
ui-decrypt-warning = Den som kommer över filen kommer att kunna läsa varje kund.
ui-decrypt-sure = Ja, spara det okrypterat
ui-decrypted-now = Registret sparas okrypterat.
ui-settings-audit = Granskningslogg
ui-audit-intro = Varje ändring i registret blir en post i granskningsloggen, och varje post bär ett fingeravtryck av den föregående, så att en post som ändras eller tas bort i efterhand bryter kedjan. Kontrollen går igenom hela kedjan; det är den som visar tillsynsmyndigheten att uppgifterna är som de skrevs (GDPR art. 5.2).
ui-audit-verify = Kontrollera granskningsloggen
ui-audit-checking = Kontrollerar varje post…
ui-audit-holds = Granskningsloggen håller: { $entries } poster, var och en länkad till den föregående. Den senaste länken är { $head }…
ui-audit-file-check = Kontrollera en sparad fil med loggen…
ui-audit-file-holds = Filen håller: { $entries } poster ({ $oldest } till { $newest }), varje rads hash och de { $links } länkarna mellan poster som följer på varandra. Den senaste postens hash börjar { $hash }: samma post i registret har den.
ui-audit-file-broken = Rader som inte håller: { $count } av { $entries }. Filen har ändrats efter att den sparades.
ui-audit-file-line = Rad { $line }
ui-audit-broken = Kedjan är bruten vid post { $seq }:
ui-audit-broken-what = Registret har ändrats utanför Kundvakt, eller filen är skadad. Behåll filen som den är för utredningen och återställ den senaste säkerhetskopian från före ändringen (Säkerhetskopior, ovan).
ui-trail = Vem gjorde vad
ui-trail-intro = Granskningsloggens poster, nyast först: när, av vem, vad som gjordes och med vilken post. Begränsa dem till vissa dagar, till en persons arbete (datorns konto, så som loggen skriver det), till ett kundnummer eller till ett slags ändring. Loggen sparar fingeravtryck av uppgifterna, aldrig uppgifterna själva, så en post säger vad som gjordes, inte vad det stod.
ui-trail-from = Från
ui-trail-to = Till och med
ui-trail-by = Av
ui-trail-customer = Kundnummer
ui-trail-what = Vad
ui-trail-all = Allt
ui-trail-show = Visa
ui-trail-older = Visa äldre poster
ui-trail-save = Spara som CSV…
ui-trail-saving = Sparar posterna…
ui-trail-saved = { $entries ->
        [one] En post sparad
       *[other] { $entries } poster sparade
    } i { $path }.
ui-requests-save = Spara som CSV…
ui-requests-saved = { $requests ->
        [one] En begäran sparad
       *[other] { $requests } begäranden sparade
    } i { $path }.
ui-trail-none = Ingen post i granskningsloggen stämmer.
ui-trail-no-customer = Ingen kund har nummer { $number }.
ui-trail-record = Post
entity-customer = Kund
entity-order = Beställning
entity-invoice = Faktura
entity-interaction = Anteckning
entity-web-event = Aktivitet på webbplatsen
entity-consent = Samtycke
entity-event-registration = Kursanmälan
entity-request = Begäran
entity-document = Dokument
entity-setting = Inställning
entity-legal-hold = Rättsligt bevarande
entity-breach = Incident
entity-processor = Biträde eller mottagare
entity-assessment = Intresseavvägning
entity-category = Kategori av uppgifter
entity-register = Registret
entity-backup = Säkerhetskopia
entity-import = Import
entity-export = Export
entity-retention-sweep = Gallring
entity-privacy-notice = Integritetspolicy
ui-trail-group-customer = Kunder
ui-trail-group-order = Beställningar
ui-trail-group-invoice = Fakturor
ui-trail-group-interaction = Anteckningar om kontakter
ui-trail-group-consent = Samtycken
ui-trail-group-event-registration = Kursanmälningar
ui-trail-group-web-event = Aktivitet på webbplatsen
ui-trail-group-request = Begäranden från registrerade
ui-trail-group-document = Framtagna dokument
ui-trail-group-hold = Rättsliga bevaranden
ui-trail-group-audit = Granskningsloggen
ui-trail-group-retention = Gallringar
ui-trail-group-import = Importer
ui-trail-group-export = Exporter
ui-trail-group-breach = Personuppgiftsincidenter
ui-trail-group-privacy-notice = Sparade integritetspolicyer
ui-trail-group-settings = Inställningar
ui-trail-group-category = Kategorier av uppgifter
ui-trail-group-processor = Biträden och mottagare
ui-trail-group-assessment = Intresseavvägningar
ui-trail-group-register = Registret (säkerhetskopior, återställningar, lösenfras, delning)
audit-break-missing = en post saknas: den har tagits bort.
audit-break-link = dess länk till posten före stämmer inte: kedjan har skrivits om därifrån.
audit-break-edited = dess innehåll stämmer inte med fingeravtrycket: den har ändrats efter att den skrevs.
audit-break-cut = de senaste posterna har tagits bort.
audit-break-anchor = de äldsta posterna har tagits bort, men inte av en gallring av loggen.
col-made = Gjord
col-before = Gjord inför
col-file = Fil
backup-purpose-manual = för hand
backup-purpose-sweep = gallringen
backup-purpose-erasure = en radering
backup-purpose-import = en import
backup-purpose-restore = en återställning
field-street = Gatuadress
field-postal-code = Postnummer
field-city = Ort

ui-nav-retention = Gallring
ui-nav-breaches = Incidenter
ui-breaches-title = Personuppgiftsincidenter
ui-breaches-intro = Dokumentera varje personuppgiftsincident, oavsett om den ska anmälas (GDPR art. 33.5): en borttappad dator, ett mejl till fel mottagare, ett intrång hos webbplattformen. En incident som kan innebära en risk för de berörda anmäls till tillsynsmyndigheten inom 72 timmar från att butiken fick kännedom om den (art. 33.1); vid hög risk informeras även de berörda (art. 34).
ui-breach-authority = Tillsynsmyndighet: { $authority }, { $address }
ui-breaches-save-pdf = Förteckningen över incidenter (PDF)
ui-breaches-save-json = Förteckningen över incidenter (JSON)
ui-breaches-show-closed = Visa avslutade incidenter
ui-breaches-empty = Inga öppna incidenter.
ui-breach-record = Registrera en incident…
ui-breach-recorded = Incident { $id } är registrerad.
ui-breach-aware = Fick kännedom
ui-breach-nature = Vad som hände
ui-breach-categories = Berörda uppgifter
ui-breach-people = Ungefär hur många berörda
ui-breach-consequences = Sannolika konsekvenser
ui-breach-measures = Vidtagna eller planerade åtgärder
ui-breach-risk = Risk för de berörda
ui-breach-owed = Återstår
ui-breach-notify = Anmäld till myndigheten…
ui-breach-inform = De berörda informerade…
ui-breach-letter = Brev till de berörda…
ui-breach-letter-language = Skrivet på
ui-breach-letter-customer = Till kund (nummer; tomt: till alla berörda)
ui-breach-letter-language-own = Deras (kundens; till alla, butikens)
ui-breach-letter-save = Spara brevet (PDF)
ui-breach-letter-hint = Ett brev till alla som incidenten gäller, eller ett med en kunds namn och adress: vad som hände, vad det kan innebära för dem, vad butiken gör åt det, vem de kan fråga och var de kan klaga (GDPR art. 34.2). Omständigheterna skrivs ut som de registrerades. Att de berörda har informerats registreras med ”De berörda informerade…”.
ui-customer-breaches = Personuppgiftsincidenter som gäller kunden
ui-breach-customers = Berörda kunder…
ui-breach-concerned = Berörda kunder
ui-breach-customers-hint = De kunder incidenten gäller, där ni vet vilka de är (raderna i en läckt fil, ordrarna på en stulen dator): breven går till dem, var och en på sitt språk (GDPR art. 34). En raderad kund står kvar i listan under sin pseudonym och får inget brev.
ui-breach-customers-add = Kundnummer (åtskilda med komma eller mellanslag)
ui-breach-customers-link = Lägg till
ui-breach-customers-none = Inga kunder är kopplade till incidenten ännu.
ui-breach-customers-remove = Ta bort
ui-breach-customers-done = Klar
ui-breach-customers-everyone = Lägg till alla kunder
ui-breach-customers-nobody = Ta bort alla
ui-breach-customers-all-done = Incidenten gäller { $concerned ->
    [one] en kund
   *[other] { $concerned } kunder
}.
ui-breach-customers-more = De första { $shown } av { $total } visas; breven och adresslistan gäller alla. Breven skrivs ett i taget, ett tiotal i sekunden: för så många går det fortare med adresslistan i en dokumentkoppling.
ui-breach-customers-linked = { $added } tillagda; incidenten gäller { $concerned ->
    [one] en kund
   *[other] { $concerned } kunder
}.
ui-breach-customers-unlinked = Borttagen; incidenten gäller { $concerned ->
    [one] en kund
   *[other] { $concerned } kunder
}.
ui-breach-letters-language-own = Varje kunds eget
ui-breach-letters-save = Spara ett brev till var och en (PDF)…
ui-breach-letters-saved = { $written } brev sparade i { $folder }.
ui-breach-letters-erased = Inget brev till de raderade: { $list }.
ui-breach-letters-progress = Breven skrivs: { $done } av { $total }…
ui-breach-letters-stopped = Avbrutet efter { $written } brev; de är sparade i { $folder }.
ui-breach-letters-record = När de är skickade, registrera det med ”De berörda informerade…”.
ui-breach-recipients-save = Spara adresslistan (CSV)…
ui-breach-update = Uppdatera…
ui-breach-close = Avsluta
ui-breach-reference = Myndighetens diarienummer
ui-breach-delay-reason = Skäl till försening efter 72 timmar
ui-breach-how = Hur de informerades, eller varför inte
ui-breach-late = Anmälan { $hours } h för sen
ui-breach-hours-left = Anmäl inom { $hours } h
ui-breach-inform-owed = Informera de berörda
ui-breach-notified = Anmäld { $at }
ui-breach-no-notification = Ingen anmälan krävs
ui-breach-closed = Avslutad { $at }
ui-breach-recorded-by = Registrerad
ui-breach-notified-at = Anmäld till myndigheten
ui-breach-informed-at = De berörda informerade
ui-breach-banner = Incident { $id } ska anmälas till { $authority } senast { $by } (GDPR art. 33.1).
ui-breach-banner-late = Incident { $id } skulle ha anmälts till { $authority } senast { $by }: anmäl den nu, med skälen till förseningen (GDPR art. 33.1).
ui-breach-review = Gå till Incidenter
breach-risk-unlikely = Osannolik risk (dokumenteras, anmäls inte)
breach-risk-risk = En risk (anmäl till myndigheten)
breach-risk-high = Hög risk (anmäl, och informera de berörda)
ui-breach-notify-by-time = senast { $by }
breach-risk-short-unlikely = Osannolik
breach-risk-short-risk = Risk
breach-risk-short-high = Hög
ui-retention-title = Vad som ska gallras
ui-retention-as-of = Per
ui-retention-summary = { $due ->
        [one] En post får raderas
       *[other] { $due } poster får raderas
    }{ $overdue ->
        [0] {""}
       *[other] {" "}({ $overdue } av dem är försenade)
    }{ $held ->
        [0] ; ingen post bevaras efter sin lagringstid.
       *[other] ; { $held } bevaras av ett rättsligt bevarande, en begränsning eller en begäran som inte är besvarad.
    }
ui-retention-chart = Poster som ska gallras, månad för månad
ui-retention-list = Ska gallras nu
ui-retention-more = och { $count } till
ui-retention-kept = Sparas efter slutet av lagringstiden
ui-retention-kept-hint = Ingen gallring raderar dessa så länge det som håller kvar dem består; sedan ska de gallras.
ui-retention-kept-until-legal_hold = Tills bevarandet hävs, under Rättsliga bevaranden som gäller ovan.
ui-retention-kept-until-restriction = Tills begränsningen hävs, på kundens sida.
ui-retention-kept-until-request = Tills begäran är besvarad, under Begäranden.
ui-retention-kept-by = { $keeper }: { $count ->
        [one] en post
       *[other] { $count } poster
    }
record-order = order
record-invoice = faktura
record-customer = kundkonto
record-interaction = anteckning
record-web_event = webbhändelse
record-consent = samtyckesbevis
record-event_registration = kursanmälan
record-request = begäran

## Radering, begränsning, samtycke och gallring i fönstret
ui-erase = Radera…
ui-erase-restricted = Begränsad: raderas bara för att besvara personens egen begäran om radering, när identiteten är kontrollerad, eller sedan begränsningen hävts.
ui-erase-title = Radera { $name }?
ui-erase-intro = Allt som ingen lag kräver att vi sparar raderas nu. Bokföringsposter som fortfarande omfattas av bokföringslagen sparas, begränsade och utan namn, under referensen { $pseudonym }, och raderas när tiden gått ut.
ui-erase-identifiers = Kundens rad behåller { $form ->
        [one] kundnumret { $numbers }
       *[other] kundnumren { $numbers }
    }, så att butikens filer inte lägger in kunden igen.
ui-erase-identifiers-email = Kundens rad behåller { $form ->
        [one] kundnumret { $numbers }
       *[other] kundnumren { $numbers }
    } och en kontrollsumma av e-postadressen (inte adressen), så att butikens filer inte lägger in kunden igen.
ui-erase-request = Besvarar begäran
ui-erase-no-request = Ingen begäran: butiken raderar på eget initiativ
ui-erase-erased = Raderas nu
ui-erase-kept = Sparas enligt lag
ui-erase-breaches = Förteckningen över personuppgiftsincidenter behåller att dessa incidenter berörde kunden, under referensen { $pseudonym } och utan namn eller kontaktuppgifter (dataskyddsförordningen art. 33.5).
ui-erase-recipients = Ska underrättas om raderingen (art. 19)
ui-recipients-hint = De har fått dessa uppgifter från butiken: meddela var och en att uppgifterna är raderade eller begränsade.
ui-recipients-none = Inget biträde eller annan mottagare i registerförteckningen tar emot dessa uppgifter.
ui-erase-tell = Underrätta mottagarna nedan om raderingen (art. 19).
ui-erase-confirm-label = Skriv kundnumret { $number } för att bekräfta
ui-erase-confirm = Radera nu
ui-erase-done = Raderat: { $erased } poster är borta, { $kept } sparas enligt lag. Skicka bekräftelsen till personen.
ui-erase-done-request = Raderat: { $erased } poster är borta, { $kept } sparas enligt lag. Skicka bekräftelsen till personen och registrera sedan svaret på begäran { $request } under Begäranden.
ui-erase-save-pdf = Spara bekräftelsen (PDF)
ui-erase-save-json = Spara bekräftelsen (JSON)
ui-restrict = Begränsa…
ui-restrict-title = Begränsa behandlingen av uppgifterna om { $name }
ui-restrict-intro = Under begränsningen lagras uppgifterna bara: inget nytt registreras om personen, uppgifterna används bara för rättsliga skyldigheter och rättsliga anspråk, och gallringen raderar inget av dem (GDPR art. 18).
ui-restrict-recipients = Ska underrättas om begränsningen (art. 19)
ui-restrict-told = Begränsat. Underrätta dem om begränsningen (art. 19): { $names }.
ui-restrict-ground = Grund
ui-restrict-note = Anteckning (frivillig)
ui-restrict-confirm = Begränsa
ui-restricted-since = Begränsad sedan { $date }: { $ground }. Uppgifterna lagras bara: gallringen raderar inget av dem, och de raderas bara på personens egen begäran.
ui-erased-under = Raderad. Det som lagen kräver sparat, som order och fakturor, finns kvar begränsat under pseudonymen { $pseudonym } tills tiden har gått ut. Det visas här enbart för bokföringen: en retur registreras som en kreditfaktura på sin order.
ui-hold = Rättsligt bevarande…
ui-hold-title = Bevara uppgifterna om { $name } för ett rättsligt anspråk
ui-hold-intro = Så länge bevarandet gäller raderas ingen av kundens uppgifter, varken av gallringen eller av en radering (GDPR art. 17.3 e: för att fastställa, göra gällande eller försvara rättsliga anspråk). Häv det när tvisten är avgjord.
ui-hold-reason = Varför (tvisten eller beslutet)
ui-hold-confirm = Bevara
ui-hold-in-force = Rättsligt bevarande av { $record } sedan { $date } ({ $by }): { $reason }
ui-hold-lift = Häv bevarandet
ui-hold-lifted = Bevarandet är hävt; uppgifterna följer sina lagringstider igen.
ui-hold-lift-erases = Kunden är raderad och bara detta bevarande håller kvar posten: när det hävs raderas posten direkt.
ui-hold-lift-releases = Personen bad om att detta skulle raderas, och bara det här bevarandet behåller det: att häva bevarandet raderar det nu, enligt deras begäran.
ui-hold-lift-erase = Häv och radera
ui-hold-lifted-erased = Bevarandet är hävt och posten raderad, som kundens radering krävde.
ui-hold-lifted-released = Bevarandet är hävt, och det som det behöll av personens begäran om radering är raderat, som de bad om (begäran { $requests }).
ui-holds-title = Rättsliga bevaranden som gäller
ui-holds-none = Inga uppgifter bevaras för rättsliga anspråk.
col-record = Post
col-reason = Skäl
col-since = Sedan
col-by = Av
ui-unrestrict = Häv begränsningen…
ui-unrestrict-intro = Personen ska underrättas innan begränsningen hävs (GDPR art. 18.3). När den är hävd ska de poster vars lagringstid har gått ut raderas.
ui-unrestrict-notified = Personen underrättades den
ui-unrestrict-confirm = Häv begränsningen
ui-withdraw = Återkalla
ui-withdrawn = Samtycket är återkallat; beviset om det sparas.
ui-withdrawn-purpose = Samtycket är återkallat, och med det kundens andra samtycken till samma ändamål ({ $count } i allt): ändamålet upphör. Beviset om vart och ett sparas.
ground-accuracy_contested = personen bestrider att uppgifterna är korrekta (medan det kontrolleras)
ground-unlawful_processing = behandlingen är olaglig och personen vill begränsning i stället för radering
ground-legal_claims = personen behöver uppgifterna för rättsliga anspråk
ground-objection_pending = personen har invänt och bedömningen pågår
ui-due-banner = { $count } poster har nått slutet av sin lagringstid och bör raderas.
ui-due-review = Granska
ui-preview-past-due = { $count ->
    [one] En uppgift i utdraget har passerat slutet av sin lagringstid: utdraget talar om för personen att den ska raderas. Radera den under Gallring när du har svarat; till dess håller personens begäran om en kopia kvar den vid gallringen.
   *[other] { $count } uppgifter i utdraget har passerat slutet av sin lagringstid: utdraget talar om för personen att de ska raderas. Radera dem under Gallring när du har svarat; till dess håller personens begäran om en kopia kvar dem vid gallringen.
}
ui-preview-past-due-free = { $count ->
    [one] En uppgift i utdraget har passerat slutet av sin lagringstid och inget håller kvar den: utdraget talar om för personen att den ska raderas, och nästa gallring under Gallring raderar den.
   *[other] { $count } uppgifter i utdraget har passerat slutet av sin lagringstid och inget håller kvar dem: utdraget talar om för personen att de ska raderas, och nästa gallring under Gallring raderar dem.
}
ui-controller-nameless = Butikens namn är inte angivet: registerutdrag, mottagningsbekräftelser och brev till kunderna ska tala om vem butiken är (GDPR art. 13.1 a).
ui-controller-unreachable = Butiken har ingen e-postadress, postadress eller telefonnummer angivet: registerutdrag, mottagningsbekräftelser och brev till kunderna ska tala om hur man når butiken (GDPR art. 13.1 a).
ui-controller-set = Öppna inställningarna
ui-requests-banner = { $soon ->
        [one] En begäran från en registrerad ska besvaras inom sju dagar (GDPR art. 12.3).
       *[other] { $soon } begäranden från registrerade ska besvaras inom sju dagar (GDPR art. 12.3).
    }
ui-requests-banner-late = { $late ->
        [one] En begäran från en registrerad har passerat sin sista dag: besvara den nu (GDPR art. 12.3).
       *[other] { $late } begäranden från registrerade har passerat sin sista dag: besvara dem nu (GDPR art. 12.3).
    }
ui-requests-banner-more = { $soon ->
        [one] Ytterligare en ska besvaras inom sju dagar.
       *[other] Ytterligare { $soon } ska besvaras inom sju dagar.
    }
ui-requests-review = Öppna begärandena
ui-sweep-title = Radera det som förfallit
ui-sweep-preview = { $total ->
        [one] En post får raderas i dag
       *[other] { $total } poster får raderas i dag
    }{ $held ->
        [0] ; ingen post bevaras efter sin lagringstid.
        [one] ; en bevaras av ett rättsligt bevarande, en begränsning eller en begäran som inte är besvarad.
       *[other] ; { $held } bevaras av ett rättsligt bevarande, en begränsning eller en begäran som inte är besvarad.
    }
ui-sweep-nothing = Ingenting har förfallit i dag.
ui-sweep-resumes = Detta fortsätter gallring { $id }, som avbröts.
ui-sweep-audit-due = { $entries ->
        [one] Granskningsloggens äldsta post tas också bort: den är äldre än uppgifterna om begäranden sparas.
       *[other] Granskningsloggens { $entries } äldsta poster tas också bort: de är äldre än uppgifterna om begäranden sparas.
    }
ui-sweep-run = Radera det som förfallit…
ui-sweep-confirm = Radera dessa { $total } poster nu? Det går inte att ångra.
ui-sweep-yes = Radera nu
ui-sweep-done = Gallring { $id } är klar: { $removed ->
    [one] en post raderad eller anonymiserad
   *[other] { $removed } poster raderade eller anonymiserade
}.
ui-sweep-done-kept = { $kept ->
    [one] En order eller faktura till en kund som gallringen raderade sparas under pseudonym, som bokföringslagen kräver.
   *[other] { $kept } ordrar och fakturor till kunder som gallringen raderade sparas under pseudonym, som bokföringslagen kräver.
}
ui-sweep-audit-removed = { $entries ->
        [one] Granskningsloggens äldsta post togs också bort, äldre än uppgifterna om begäranden sparas.
       *[other] Granskningsloggens { $entries } äldsta poster togs också bort, äldre än uppgifterna om begäranden sparas.
    }
ui-sweep-save-pdf = Spara sammanställningen (PDF)
ui-sweep-save-json = Spara sammanställningen (JSON)
ui-sweeps = Gjorda gallringar
ui-sweeps-hint = Varje gallrings sammanställning är butikens bevis på att den raderade det som skulle raderas, enligt de lagringstider som gällde då (GDPR art. 5.2): spara den igen här när den efterfrågas.
ui-sweeps-none = Ingen gallring har gjorts ännu.
ui-sweeps-save = Spara sammanställningen av gallring { $id } ({ $format })
col-sweep-day = Dag
col-removed = Raderade eller anonymiserade
col-kept-pseudonym = Sparade under pseudonym
col-sweep-summary = Sammanställning


## Import och export i fönstret
ui-nav-transfer = Import och export
ui-import-title = Importera från webbutiken
ui-import-intro = En CSV-export från Shopify eller WooCommerce, eller vilken CSV som helst med en rubrikrad. Ingenting ändras förrän du importerar, och en import med problem ändrar ingenting om du inte lägger problemraderna åt sidan.
ui-import-format = Filens format
ui-import-kind = Vad filen innehåller
ui-import-customers = Kunder
ui-import-orders = Ordrar
ui-import-web-events = Webbaktivitet (webbplatsens logg)
ui-import-choose = Välj en fil…
ui-import-detected = { $file }: { $encoding ->
        [utf-8] UTF-8
        [utf-8-bom] UTF-8 med BOM
        [windows-1252] Windows-1252
        [mac-roman] Mac OS Roman
        [utf-16le] UTF-16 (Unicode-text)
        [utf-16be] UTF-16 (Unicode-text)
       *[other] { $encoding }
    }, avgränsare { $delimiter }, { $rows ->
        [one] { $rows } rad
       *[other] { $rows } rader
    }. Format:
ui-import-tab = tabb
ui-format-generic = allmän CSV
ui-format-shopify = Shopify
ui-format-woocommerce = WooCommerce
ui-import-mapping = Kolumner
ui-import-skip-column = — importeras inte —
import-field-customer_number = Kundnummer
import-field-name = Namn (hela)
import-field-first_name = Förnamn
import-field-last_name = Efternamn
import-field-email = E-post
import-field-phone = Telefon
import-field-street = Gatuadress
import-field-street2 = Gatuadress, rad 2
import-field-postal_code = Postnummer
import-field-city = Ort
import-field-country = Land
import-field-language = Språk
import-field-email_marketing = Samtycke nyhetsbrev (ja/nej)
import-field-sms_marketing = Samtycke sms (ja/nej)
import-field-order_number = Ordernummer
import-field-order_date = Orderdatum
import-field-customer_email = Kundens e-post
import-field-total = Totalt inklusive moms
import-field-currency = Valuta
import-field-vat = Moms
import-field-shipping = Frakt
import-field-shipping_tax = Moms på frakt
import-field-discount = Rabatt
import-field-payment_provider = Betaltjänst
import-field-payment_reference = Betalningsreferens
import-field-line_description = Rad: beskrivning
import-field-line_quantity = Rad: antal
import-field-line_unit_price = Rad: à-pris
import-field-line_total = Rad: summa
import-field-line_tax = Rad: moms
import-field-line_vat_rate = Rad: momssats
import-field-tax_name = Skattens namn (med sats)
import-field-occurred_at = Tidpunkt
import-field-ip = IP-adress
import-field-action = Händelse
import-field-user_agent = Webbläsare (user agent)
import-field-status = Status
import-field-fulfillment = Leveransstatus
ui-import-first-rows = De första raderna
ui-import-counts = Importen skulle lägga till { $added }, uppdatera { $updated }, lämna { $unchanged } oförändrade, hoppa över { $skipped } och avvisa { $rejected }.
ui-import-problems = Problem ({ $count })
ui-import-header-row = rubrikraden
ui-import-skip-invalid = Importera de giltiga raderna och lägg de andra åt sidan i en fil
ui-import-run = Importera
ui-import-done = Importerat: { $added } tillagda, { $updated } uppdaterade, { $unchanged } oförändrade, { $skipped } överhoppade, { $rejected } åt sidan.
ui-import-rejected-file = Raderna som lagts åt sidan finns i { $path }.
ui-import-consents = Samtycken från webbutiken: { $given } registrerade, { $withdrawn } återkallade.
ui-import-consents-would = Importen skulle registrera samtycken från webbutiken: { $given }, och återkalla { $withdrawn }.
ui-import-refused = Ingenting importerades: { $count ->
        [one] en rad har problem.
       *[other] { $count } rader har problem.
    }
ui-import-refused-header = Ingenting importerades: rubrikraden har ett problem.
ui-export-title = Till redovisningen: ordrar, fakturor och verifikationer
ui-export-intro = Orderhistoriken har en rad per orderrad med netto, moms och brutto; fakturalistan har periodens alla fakturor, påminnelser och kreditfakturor med sin del av momsen. Raderade kunder visas under sin pseudonym; begränsade poster tas med eftersom exporten tjänar bokföringsskyldigheten.
ui-export-from = Från
ui-export-to = Till
ui-export-format = Format
ui-export-decimal-comma = Decimalkomma (för kalkylblad på svenska, norska, danska, finska eller tyska)
ui-export-save = Exportera…
ui-export-done = Exporterade { $orders } ordrar till { $path }.
ui-export-format-sie = SIE 4 (svenska bokföringsprogram)
ui-export-what = Vad
ui-export-what-orders = Orderhistorik (en rad per orderrad)
ui-export-what-invoices = Fakturor, påminnelser och kreditfakturor
ui-export-done-invoices = Exporterade { $rows } fakturor, påminnelser och kreditfakturor till { $path }.
ui-export-sie-hint = SIE: en verifikation per order och per kreditfaktura, i SEK, bokförd på kontona under Inställningar → Bokföring. Avbrutna ordrar utan kreditfaktura tas inte med.
ui-export-done-sie = Exporterade { $orders } ordrar och { $notes } kreditfakturor som verifikationer till { $path }; { $left } avbrutna ordrar togs inte med.
ui-mailing-title = Utskickslistor: vilka som samtycker nu
ui-mailing-intro = Kunderna som samtycker till ett ändamål nu, för verktyget som skickar ert nyhetsbrev eller era sms. Spara listan på nytt före varje utskick: ett återkallat samtycke stoppar utskicken direkt (GDPR art. 7.3), och den som har återkallat, raderats eller begränsats finns inte med. Filen är CSV med de kolumner ett utskicksverktyg mappar (nummer, namn, e-post, telefon, språk och samtyckets tidpunkt, version och kanal); att den sparas registreras i granskningsloggen.
ui-mailing-none = Inget samtycke har registrerats ännu.
ui-mailing-purpose = Ändamål
ui-mailing-option = { $purpose } ({ $count } samtycker)
ui-mailing-save = Spara som CSV…
ui-mailing-done = Sparade { $count ->
        [one] en kund
       *[other] { $count } kunder
    } i { $path }{ $restricted ->
        [0] {""}
       *[other] ; { $restricted } begränsade utelämnade (art. 18.2)
    }.
# Filen med rader som en import lade åt sidan: dess sista kolumn, och varför varje rad står där.
import-rejected-column = fel
import-rejected-reason = rad { $line }: { $reason }
import-rejected-cell = { $column }: { $reason }

## Fel (efter sin stabila kod)
error-invalid = Kontrollera det här fältet.
error-not_found = Det finns inte längre i registret.
error-duplicate = Det finns redan.
error-conflict = Någon annan har ändrat det under tiden.
error-refused = Det går inte just nu.
error-no_register = Det finns inget register här.
error-not_a_register = Filen är inte ett Kundvakt-register.
error-register_too_new = Registret är skapat av en nyare Kundvakt.
error-register_moved = Registret har flyttats till ett delat register och finns kvar bara som det var: anslut till det delade registret (Inställningar → Flera datorer).
error-register_locked = Registret är krypterat: ange dess lösenfras.
error-wrong_passphrase = Fel lösenfras. Inget ändrades.
error-unreachable = Databasservern går inte att nå.
error-file = Filen kunde inte läsas eller skrivas.
error-register_damaged = Registerfilen är skadad.
error-audit_broken = Granskningsloggen är bruten.
error-database = Ett databasfel inträffade.
error-migrate = Registret kunde inte uppgraderas.
error-internal = Något gick fel i Kundvakt.

## The defaults a new register starts with (the shop edits them)
default-processor-platform = Leverantör av webbutiksplattformen
default-assessment-author = Kundvakts förslag, för butiken att granska
default-assessment-notes-purpose = Följa upp supportärenden och föra anteckningar om samtal, möten och e-post
default-assessment-notes-interest = Att besvara kundens frågor och hantera reklamationer
default-assessment-notes-necessity = Anteckningar behövs för att följa ett ärende som sträcker sig över flera kontakter
default-assessment-notes-balancing = Kunder förväntar sig att en butik minns deras ärende; anteckningarna är korta och raderas 2 år efter att ärendet avslutats
default-assessment-notes-outcome = Det berättigade intresset väger tyngre; anteckningar sparas 2 år efter att ärendet avslutats
default-assessment-web-purpose = Webbplatsens säkerhet och statistik från IP-adresser och handlingar
default-assessment-web-interest = Att skydda webbutiken mot missbruk och förbättra den
default-assessment-web-necessity = IP-adresser behövs för att upptäcka missbruk; ingen profilering
default-assessment-web-balancing = Begränsade uppgifter, sparas 13 månader, inga känsliga personuppgifter
default-assessment-web-outcome = Det berättigade intresset väger tyngre; webbhändelser sparas 13 månader
default-purpose-platform = Webbutiksplattform och drift av kundkonton och beställningar
default-purpose-analytics = Statistik över webbplatsen med kakor
default-purpose-pixel = Annonsering med Facebook-pixeln
default-purpose-klarna = Betalning och fakturering; hanterar kort- och betaluppgifter
default-purpose-payex = Kortbetalningar; hanterar kortuppgifterna
default-safeguards-us = EU–US Data Privacy Framework; standardavtalsklausuler

## Why a value or a step was refused, said in the window as on the command line (core/src/message.rs)

msg-not-a-currency = `{ $code }` är ingen valutakod enligt ISO 4217
msg-not-an-amount = `{ $text }` är inget belopp i { $currency }: { $why ->
        [empty] det är tomt
        [no-digits] inga siffror
        [characters] skriv det som 1234.50 eller 1 234,50
        [decimals] fler än { $exp } decimaler
       *[too-large] för stort
    }
msg-amount-in-another-currency = `{ $text }` är skrivet i { $written }, men beloppet är i { $currency }
msg-not-a-percentage = `{ $text }` är ingen procentsats från 0 till 100
msg-not-a-country-code = `{ $code }` är ingen landskod enligt ISO 3166 (SE, NO, ...) eller namnet på ett land
msg-not-a-date = `{ $text }` är inget datum (skriv 2024-03-15 eller 15.03.2024)
msg-not-a-time = `{ $text }` är ingen tidpunkt (skriv 2025-03-01 10:22, eller med tidszon 2025-03-01T10:22:01+01:00)
msg-not-on-the-clock = `{ $text }` finns inte på butikens klocka
msg-not-an-order-status = `{ $text }` är ingen orderstatus (placed, paid, shipped, cancelled, refunded eller en butiks ord för någon av dem)
msg-not-a-quantity = `{ $text }` är inget antal
msg-not-whole-items = `{ $text }` är inget helt antal varor
msg-file-not-csv = är ingen CSV-fil: { $what ->
        [workbook] det är en kalkylbok. Spara den som CSV i kalkylprogrammet (”CSV UTF-8” där det finns) och importera den filen
        [pdf] det är en PDF. Exportera kunderna eller ordrarna från webbutiken som CSV och importera den filen
       *[binary] den innehåller ingen text. Välj CSV-filen som webbutiken exporterade
    }
msg-unreadable-row = raden går inte att läsa: { $detail }
msg-open-quote = ett citattecken inleder fältet men avslutas aldrig, så resten av filen, till och med rad { $last }, lästes in i det och inte som rader; stäng citatet eller ta bort citattecknet
msg-quote-runs-on = ett citattecken inleder ett fält här och avslutas inte inom de { $max } MB av filen som följer, så resten av filen skulle läsas in i det enda fältet; stäng citatet eller ta bort citattecknet
msg-row-runs-on = raden som börjar här fortsätter i mer än { $max } MB utan radbrytning; en webbutiks export har inga sådana rader: är det rätt fil?
msg-spans-lines = sträcker sig från rad { $first } till rad { $last }, från ett citattecken till nästa: ett citattecken på rad { $first } saknar troligen sitt avslutande citattecken
msg-no-such-customer = ingen kund `{ $value }` i registret (importera kunderna först)
msg-row-names-no-customer = raden anger ingen kund
msg-import-cancelled = importen avbröts; ingenting ändrades
msg-row-needs = en rad behöver { $what ->
        [time] sin tidpunkt
        [ip] en IP-adress
       *[action] en händelse
    }
msg-not-an-ip = `{ $text }` är ingen IP-adress
msg-skipped-activity-erased = aktivitet av en raderad kund: importeras inte
msg-skipped-activity-erased-on-request = aktivitet av kund { $customer } från före { $day }, då kundens webbaktivitet raderades på kundens begäran (artikel 17 i dataskyddsförordningen): importeras inte
msg-skipped-visit-erased-on-request = ett besök av kund { $customer } som raderades på kundens begäran den { $day } (artikel 17 i dataskyddsförordningen): importeras inte
msg-skipped-activity-objected = aktivitet av kund { $customer }, som invände mot registreringen av sin webbaktivitet den { $since } (artikel 21.1 i dataskyddsförordningen): importeras inte
msg-skipped-activity-restricted = aktivitet av kund { $customer }, vars uppgifter är begränsade (GDPR art. 18): importeras inte
msg-skipped-activity-old = aktivitet från { $day } är äldre än de { $months } månader webbaktivitet sparas (sparas till { $until }): importeras inte
msg-order-needs-number = en order behöver ett nummer
msg-order-needs-date = en order behöver ett datum
msg-order-needs-total = en order behöver ett totalbelopp
msg-skipped-order-erased = order { $order } tillhör en raderad kund: importeras inte
msg-skipped-order-restricted = order { $order } tillhör kund { $customer }, vars uppgifter är begränsade (GDPR art. 18): importeras inte
msg-line-needs-price = en orderrad behöver ett pris
msg-skipped-person-erased = personen har raderats och återskapas inte
msg-skipped-customer-erased = kund { $customer } har raderats och återskapas inte
msg-matched-by-email = hittad via e-post som kund { $customer }; butikens nummer { $number } sparas som kundens
msg-import-consent-withdrawn-kept = kund { $customer } har återkallat sitt samtycke till { $purposes } i registret; filens ”ja” ger inte tillbaka det (GDPR art. 7.3): har personen samtyckt igen, registrera det nya samtycket på kundens sida
msg-import-consent-no-elsewhere = filens ”nej” återkallade samtycket till { $purposes } för kund { $customer }, som lämnades på annat sätt än i webbutiken (GDPR art. 7.3): har personen inte avregistrerat sig i webbutiken, registrera samtycket igen på kundens sida
msg-skipped-customer-restricted = kund { $customer } har begränsade uppgifter (GDPR art. 18): ändras inte
msg-row-of-merged = kund { $number } slogs samman med kund { $customer }: radens uppgifter skriver inte över deras (slå samman de två kontona i webbutiken också); dess samtycken gäller
msg-row-email-of-merged = radens e-postadress var kund { $number }:s, som slogs samman med kund { $customer }: radens uppgifter skriver inte över deras; dess samtycken gäller
msg-no-web-activity-format = { $platform } exporterar ingen webbaktivitet: en webbplats logg läses som generell CSV
msg-no-such-column = filen har ingen kolumn `{ $column }`
msg-no-column-holds = ingen kolumn innehåller { $fields }: koppla en kolumn till { $first }
msg-map-form = `{ $text }`: skriv KOLUMN=FÄLT, till exempel "E-post=email"
msg-no-such-field = `{ $field }` är inget fält som Kundvakt känner till
msg-backup-broken = säkerhetskopians granskningslogg är bruten vid post { $seq }: { $reason } — den ändrades efter att den gjordes; återställs inte
msg-not-a-year = { $year } är inget år
msg-unknown-audit-action = ingen åtgärd i granskningsloggen heter `{ $text }` (grupperna: { $known })
msg-to-before-from = { $to } är före { $from }
msg-sie-invoices = en SIE-fil innehåller försäljningens verifikationer: `export orders --format sie` bokför även kreditfakturorna
msg-needs-safeguards = en överföring utanför EU/EES behöver skyddsåtgärder (art. 46: beslut om adekvat skyddsnivå, standardavtalsklausuler ...)
msg-assessed-after-today = { $date } är efter i dag: en bedömning dokumenterar det som redan vägts
msg-sie-order-currency = order { $order } är i { $currency }; en SIE-fil innehåller bara { $sie } och registret har inga växelkurser (exportera perioden som CSV eller JSON i stället)
msg-sie-rate = order { $order }: moms på { $rate } % är ingen svensk momssats (25, 12, 6 eller 0 %), så SIE-filen har inget konto för den
msg-sie-line-rate = order { $order }, rad { $line }: moms på { $rate } % är ingen svensk momssats (25, 12, 6 eller 0 %), så SIE-filen har inget konto för den
msg-sie-needs-company = en SIE-fil namnger företaget: ange butikens namn i Inställningar först
msg-sie-note-currency = kreditfaktura { $note } är i { $currency }; en SIE-fil innehåller bara { $sie }
msg-sie-credits-zero = kreditfaktura { $note } krediterar order { $order }, vars totalbelopp är 0
msg-report-erased = kund { $customer } är raderad: registret innehåller inget som identifierar personen
msg-request-not-from = begäran { $request } kommer inte från kund { $customer }
msg-no-hold = det finns inget gällande rättsligt bevarande { $id }
msg-customer-erased-already = kund { $customer } är redan raderad
msg-customer-held = kund { $customer } omfattas av ett rättsligt bevarande: häv det innan du raderar (GDPR art. 17.3 e)
msg-customer-restricted-erase = kund { $customer } är begränsad: uppgifterna får bara lagras (GDPR art. 18.2); radera dem för att besvara kundens begäran om radering, eller häv begränsningen först
msg-sweep-ahead = en gallring kan inte köras före i dag ({ $today }): det som förfaller { $as_of } måste fortfarande sparas enligt lag
msg-give-postgres-address = ange en PostgreSQL-adress: postgres://användare:lösenord@server/databas
msg-no-register-there = { $place } har inget register än; flytta dit det här registret först (databasen måste finnas och vara tom)
msg-shared-already = registret är redan delat
msg-register-there = { $place } har redan ett register; anslut till det i stället för att flytta hit det här
msg-customer-number-taken = kundnummer { $number } är upptaget
msg-customer-number-of-shop = { $number } är webbutikens nummer för kund { $customer }
msg-shop-number-already = { $number } är redan kundens nummer i webbutiken
msg-shop-number-empty = webbutikens nummer kan inte vara tomt
msg-shop-number-not-theirs = { $number } är inte kundens nummer i webbutiken
msg-email-taken = kund { $number } har redan e-postadressen { $email }
msg-email-other-name = kund { $number } har e-postadressen { $email } under ett annat namn; en fil ändrar en kunds namn bara på en rad med kundens kundnummer
msg-not-a-postgres-url = `{ $url }` är ingen PostgreSQL-adress: { $detail }
msg-is-empty = är tom
msg-passphrase-nul = innehåller ett NUL-tecken
msg-passphrase-short = är kortare än { $min } tecken; välj en längre
msg-register-busy = registret i { $path } är öppet i ett annat fönster eller program; stäng det och försök igen
msg-register-damaged = Kundvakt kan inte läsa allt i det (databasen säger: { $detail }). Inget sparades till hälften. Återställ dess senaste säkerhetskopia (Inställningar → Säkerhetskopior) och behåll den skadade filen tills återställningen är klar.
msg-backup-damaged = säkerhetskopian { $file } är skadad och kan inte återställas (databasen säger: { $detail }); inget ändrades: välj en annan säkerhetskopia
msg-restore-over-damaged = registret { $register } är skadat där en återställning läser det den för över till säkerhetskopian: raderingarna, begärandena, verifikationerna och det andra som registrerats sedan (databasen säger: { $detail }); inget ändrades. För att återställa ändå: flytta den skadade filen till en annan mapp medan Kundvakt är stängt och återställ säkerhetskopian i dess ställe. Det registret registrerat sedan säkerhetskopian förs då inte över, och raderingarna som gjorts sedan, som deras bekräftelser namnger, måste göras om
msg-no-such-setting = `{ $key }` är ingen inställning; inställningarna är: { $settings }
msg-controller-nameless = butikens namn är inte angivet: ett dokument som lämnas till en person ska tala om vem som är personuppgiftsansvarig (GDPR art. 13.1 a); ange det under Inställningar
msg-controller-unreachable = butiken har ingen e-postadress, postadress eller telefonnummer angivet: ett dokument som lämnas till en person ska tala om hur den personuppgiftsansvarige nås (GDPR art. 13.1 a); ange något av dem under Inställningar
msg-not-a-shop-country = `{ $value }` är inget land som stöds (SE, NO, DK, FI, DE)
msg-not-a-language = `{ $value }` är inget språk som stöds (sv, nb, en)
msg-not-a-time-zone = `{ $value }` är ingen IANA-tidszon, till exempel Europe/Stockholm
msg-not-an-account = `{ $value }` är inget kontonummer med fyra siffror, till exempel 3001
msg-not-a-number-between = `{ $value }` är inget heltal från { $min } till { $max }
msg-too-long = är längre än { $max } tecken
msg-control-characters = innehåller styrtecken
msg-not-an-iso-date = `{ $value }` är inget datum (ÅÅÅÅ-MM-DD)
msg-not-a-month-end = { $value } är inte sista dagen i en månad
msg-not-a-changed-year = `{ $value }` är inget räkenskapsår: ange dess första och sista dag, som 2025-01-01..2025-04-30
msg-changed-year-bounds = { $value }: ett räkenskapsår börjar den första dagen i en månad och slutar den sista dagen i en månad, efter att det börjat
msg-changed-year-not-next = { $value } börjar inte ett räkenskapsår efter det omlagda året { $after }: åren efter det börjar den { $next }, och i den månaden varje år
msg-changed-year-too-long = Räkenskapsåret { $value } är { $months } månader långt; lagen i { $country } tillåter högst { $longest } ({ $law })
msg-changed-year-in-first = Det omlagda året { $value } ligger inom det första räkenskapsåret, som slutar den { $end }
msg-first-year-disagrees = Det första räkenskapsåret slutar den { $end }, så åren efter det börjar den { $next } och i den månaden varje år (eller så börjar ett omlagt år den dagen)
msg-first-year-begun-early = Den första ordern är daterad { $first }, före { $earliest }, den tidigaste dag ett första räkenskapsår som slutar { $end } får börja (högst { $longest } månader, { $law }). Det första året räknas från den ordern, så att ingen order saknas i exporten till redovisningen; slutar det första året en annan dag, ange den dagen.
msg-start-month-after-change = Efter det omlagda räkenskapsåret { $value } börjar åren den { $next } och i den månaden varje år: för att lägga om räkenskapsåret igen, lägg till det nya omläggningsåret bland de omlagda räkenskapsåren
msg-no-fiscal-year-begins = Inget räkenskapsår börjar { $year }: räkenskapsåret { $from }–{ $to } omfattar det
msg-not-a-full-path = `{ $value }` är ingen fullständig sökväg till en mapp
msg-no-such-folder = det finns ingen mapp { $value }
msg-number-spaces = ett kundnummer har inga mellanslag
msg-customer-needs-name = en kund behöver ett namn
msg-control-characters-in-line = innehåller styrtecken (radbrytningar, tabbar eller liknande)
msg-not-an-email = `{ $value }` är ingen giltig e-postadress
msg-phone-characters = `{ $value }` är inget telefonnummer (bara siffror, mellanslag och + - ( ))
msg-phone-digits = `{ $value }` är inget telefonnummer (5 till 15 siffror)
msg-phone-not-normal = `{ $value }` är sparat som det skrevs, inte som det nummer det är: sparat på nytt blir det { $normal }
msg-not-erased = kund { $customer } är inte raderad: det finns ingen radering att bekräfta
msg-erasure-plan-missing = raderingen av kund { $customer } gjordes innan Kundvakt sparade vad en radering gjorde (eller gjordes om vid en återställning): dess bekräftelse kan inte göras på nytt
msg-erasure-plan-altered = det registret sparade om raderingen av kund { $customer } stämmer inte längre med granskningsloggens post om den: det har ändrats och lämnas inte ut som bevis på raderingen (kör `kundvakt audit verify`)
msg-not-an-org-number = `{ $value }` är inget organisationsnummer: skriv det som Bolagsverket gör, till exempel 556677-8899
msg-not-a-website = `{ $value }` är ingen webbadress: skriv den som butik.se eller https://www.butik.se
msg-line-needs-description = en rad behöver en beskrivning
msg-at-least-one = måste vara minst 1
msg-rate-range = måste vara mellan 0 och 100 %
msg-amount-too-large = beloppet är för stort
msg-total-not-sum = { $total } är inte summan av raderna, { $sum }
msg-vat-currency = momsen måste vara i orderns valuta
msg-vat-above-total = momsen kan inte vara större än totalbeloppet
msg-vat-sign = momsen har totalbeloppets tecken: en returs moms är negativ som dess totalbelopp, en försäljnings positiv
msg-note-no-changes = ange minst en del av anteckningen att rätta
msg-not-empty = får inte vara tomt
msg-consent-channel-imported = ”web_shop” märker samtycken som en webbutiks fil för in; för ett samtycke som registreras för hand, ange hur det lämnades (web_form, meeting, phone, email, letter, document)
msg-closed-before-contact = ärendet kan inte avslutas före kontakten
msg-in-the-future = { $when } ligger i framtiden
msg-event-too-far = { $event_date } ligger mer än tio år fram
msg-event-not-yet = evenemanget { $event_date } har inte ägt rum än
msg-not-a-whole-number = `{ $value }` är inget heltal
msg-order-needs-total-or-lines = en order behöver ett totalbelopp eller sina rader
msg-customer-restricted-already = kund { $customer } har redan begränsade uppgifter
msg-customer-erased = kund { $customer } är raderad
msg-told-before-lifting = personen måste ha underrättats innan begränsningen hävs
msg-no-restriction = kund { $customer } har ingen gällande begränsning
msg-step-not-now = begäran { $request } är { $state ->
        [received] mottagen
        [identity_verified] identitetskontrollerad
        [in_progress] under arbete
        [answered] besvarad
        [refused] avslagen
       *[closed] avslutad
    }; `{ $step }` går när den har status { $states }
msg-before-received = { $on } är före dagen begäran togs emot ({ $received })
msg-extended-already = begäran { $request } är redan förlängd, till { $due }
msg-extension-too-late = en förlängning måste registreras senast den första tidsfristen, { $due }; i dag är det { $on }
msg-breach-people = antalet berörda kan inte vara negativt
msg-breach-closed = incident { $id } är avslutad; inget mer kan registreras på den
msg-breach-concerns-nobody = incident { $id } är inte kopplad till några kunder: lägg först till dem den gäller, eller skriv ett brev till alla
msg-customers-needed = ange minst en kund (nummer eller id)
msg-breach-before-aware = ligger före den tidpunkt då butiken fick kännedom om incidenten ({ $aware })
msg-breach-notified-already = tillsynsmyndigheten har redan underrättats om incident { $id }
msg-breach-delay-reason = anmälan görs efter { $hours } timmar: ange skälen till förseningen (GDPR art. 33.1)
msg-breach-informed-already = incident { $id } anger redan hur de berörda informerades
msg-breach-close-unnotified = incident { $id } kan innebära en risk för de berörda: registrera anmälan till tillsynsmyndigheten innan den avslutas (GDPR art. 33.1)
msg-breach-close-uninformed = incident { $id } kan innebära en hög risk: registrera hur de berörda informerades, eller varför det inte behövs, innan den avslutas (GDPR art. 34)
msg-request-not-customers = begäran { $request } är inte kund { $customer }:s
msg-request-kind = begäran { $request } gäller { $kind ->
        [access] registerutdrag
        [rectification] rättelse
        [erasure] radering
        [restriction] begränsning
        [portability] dataportabilitet
        [objection] invändning
       *[withdraw_consent] återkallat samtycke
    }, inte { $kinds }
msg-no-notice = begäran { $request } har varken förlängts eller avslagits: det finns inget att meddela
msg-request-not-open = begäran { $request } är { $state ->
        [received] mottagen
        [identity_verified] identitetskontrollerad
        [in_progress] under arbete
        [answered] besvarad
        [refused] avslagen
       *[closed] avslutad
    }: kontrollera personens identitet först, och agera medan begäran är öppen
msg-request-has-customer = begäran { $request } är redan en kunds: bara en begäran från någon som registret inte hade någon kund för kopplas till en
msg-request-link-closed = begäran { $request } är besvarad eller avslutad: bara en öppen begäran kopplas till en kund
msg-answer-without-copy = begäran { $request } besvaras med en kopia av personens uppgifter (GDPR { $kind ->
        [portability] art. 20
       *[other] art. 15.3
    }): gör först { $kind ->
        [portability] dataportabilitetsexporten
       *[other] registerutdraget
    } för kund { $customer } till begäran, så att den registreras under den, och besvara sedan
msg-answer-erased-without-confirmation = begäran { $request } frågar vad som finns om kund { $customer }, som är raderad: det som finns kvar är det lagen kräver att vi sparar, och det säger raderingsbekräftelsen. Gör den först till begäran (`kundvakt report erased { $customer } --request { $request }`, eller på begärans sida), så att den registreras under den; besvara sedan
msg-answer-without-erasure = begäran { $request } besvaras genom att personens uppgifter raderas (GDPR art. 17): radera först kund { $customer } för begäran (det som lagen kräver att butiken bevarar behålls, och bekräftelsen räknar upp det), eller, om personen bara bad om vissa uppgifter, anteckningar, anmälningar eller sin webbaktivitet, ta bort dem på kundens sida medan begäran är öppen; besvara sedan. Där inget får raderas, avslå begäran och ange skälet (art. 12.4)
msg-erasure-only-removes = begäran { $request } gäller radering (GDPR art. 17): under den tas uppgifter bara bort; ett nytt värde är en rättelse, som en begäran om rättelse gäller (art. 16)
msg-no-consent-purpose = inget samtycke har getts till `{ $purpose }`; de ändamål som samtyckts till är: { $purposes }
msg-not-yes-or-no = `{ $value }` är varken ja eller nej
consent-imported-wording = lämnat i webbutiken senast detta datum (dess export: ”{ $column }”)
msg-no-consents-yet = inget samtycke har registrerats ännu, till `{ $purpose }` eller något annat
msg-encrypt-postgres = Kundvakt krypterar SQLite-register; ett PostgreSQL-register skyddas av sin server (diskkryptering, TLS och serverns egen behörighetskontroll)
msg-not-the-passphrase = är inte registrets lösenfras
msg-give-passphrase = ange registrets lösenfras
msg-not-encrypted = registret i { $path } är inte krypterat
msg-erased-not-edited = kund { $customer } är raderad och kan inte ändras
msg-give-number = ange ett nummer (inställningen { $setting } är tom, så inget föreslås)
msg-order-status-already = order { $number } är redan { $status ->
        [placed] lagd
        [paid] betald
        [shipped] skickad
        [cancelled] avbruten
       *[refunded] återbetald
    }
msg-closed-on-already = ärendet i anteckning { $id } avslutades redan { $day }
msg-closed-already = ärendet i anteckning { $id } är redan avslutat
msg-note-changed-open-again = anteckning { $id } har ändrats av någon annan under tiden: öppna den igen och gör rättelsen där
msg-note-same = anteckning { $id } säger redan det
msg-note-held = anteckning { $id } omfattas av ett rättsligt bevarande, som behåller den så länge tvisten pågår (GDPR art. 17.3 e): avslå den delen av begäran och ange det skälet, och låt anteckningen raderas när bevarandet hävs
msg-note-kept-by-law = anteckning { $id } dokumenterar en affärshändelse, som bokföringslagen kräver sparad till och med { $until } (GDPR art. 17.3 b): avslå den delen av begäran och ange det skälet; anteckningen raderas när tiden har gått ut
msg-note-same-customer = anteckning { $id } ligger redan under kund { $customer }
msg-note-held-not-moved = anteckning { $id } omfattas av ett rättsligt bevarande, som behåller den där den är så länge tvisten pågår (GDPR art. 17.3 e): flytta den när bevarandet har hävts
msg-part-erasure-not-erasure = begäran { $request } är en begäran om { $kind }: en raderingsbekräftelse görs för en begäran om radering
msg-part-erasure-nothing = ingenting har raderats för begäran { $request } ännu: ta först bort uppgifterna, eller radera anteckningarna, anmälningarna eller webbaktiviteten som personen bad om, på kundens sida
msg-part-erasure-whole = kund { $customer } raderades helt för begäran { $request }: raderingsbekräftelsen gjordes vid raderingen
msg-signup-held = anmälan { $id } omfattas av ett rättsligt bevarande, som behåller den så länge tvisten pågår (GDPR art. 17.3 e): avslå den delen av begäran och ange det skälet, och låt anmälan raderas när bevarandet hävs
msg-not-held-erase-now = { $entity ->
        [interaction] anteckning { $id } omfattas inte av något rättsligt bevarande: radera den nu
       *[other] anmälan { $id } omfattas inte av något rättsligt bevarande: radera den nu
    }
msg-held-back-already = { $entity ->
        [interaction] anteckning { $id } ska redan raderas när bevarandet hävs
       *[other] anmälan { $id } ska redan raderas när bevarandet hävs
    }
msg-web-activity-held = webbaktiviteten för kund { $customer } omfattas av ett rättsligt bevarande (händelser som bevaras: { $events }), som behåller den så länge tvisten pågår (GDPR art. 17.3 e): avslå den delen av begäran och ange det skälet
msg-web-stopped = kund { $customer } invände mot registreringen av sin webbaktivitet den { $since } (GDPR art. 21.1): ingen registreras förrän det hävs
msg-web-stopped-already = registreringen av webbaktivitet för kund { $customer } är stoppad sedan { $since }
msg-web-not-stopped = registreringen av webbaktivitet för kund { $customer } är inte stoppad
msg-merge-same = kund { $customer } kan inte slås samman med sig själv: välj den andra kunden
msg-customer-merged-into = kund { $customer } har slagits samman med { $into }: deras uppgifter, och deras begäranden, är { $into }:s nu
msg-merge-held = kund { $customer } omfattas av ett rättsligt bevarande som håller deras uppgifter som de är (GDPR art. 17.3 e): häv det innan ni slår samman, eller håll de två isär
msg-unmerge-not-merged = kund { $customer } har inte slagits samman med någon: det finns ingen sammanslagning att ångra
msg-unmerge-too-late = sammanslagningen av kund { $customer } kan inte längre ångras: en ångring sparas i { $days } dagar efter sammanslagningen och glöms sedan; rätta uppgifterna och flytta posterna för hand
msg-unmerge-merged-on = kund { $customer } slogs samman med { $later }, som sedan slagits samman med { $into }: ångra den sammanslagningen först
msg-unmerge-held = kund { $customer } omfattas av ett rättsligt bevarande som håller deras uppgifter som de är (GDPR art. 17.3 e): häv det innan ni ångrar sammanslagningen
msg-web-activity-none = registret har ingen webbaktivitet för den här kunden att radera
msg-web-event-held = webbhändelse { $id } omfattas av ett rättsligt bevarande som behåller den medan tvisten pågår (GDPR art. 17.3 e): avslå den delen av begäran och ange det skälet
msg-trail-file-not = detta är inte en fil med granskningsloggen som Kundvakt sparar den (UTF-8, `;`, 16 kolumner): spara loggen igen från registret
msg-trail-file-unreadable = filen kan inte läsas som CSV: { $reason }
msg-trail-row-columns = raden har { $found } celler där en rad i loggen har { $wanted }
msg-trail-row-seq = inte numret på en post
msg-trail-row-time = inte en tid som hashen omfattar den (som 2026-03-14T09:30:00.000000Z)
msg-trail-row-customer = inte ett kund-id
msg-trail-row-hash = fälten i post { $seq } ger inte dess hash: raden har ändrats efter att loggen sparades
msg-trail-row-link = post { $seq } följer inte på post { $previous } som kedjan har det: en av dem har ändrats, eller en post lagts in emellan
msg-note-changed = anteckning { $id } har ändrats av någon annan under tiden
msg-signup-status-already = anmälan { $id } är redan { $status ->
        [registered] registrerad
        [attended] närvarande
       *[cancelled] avbokad
    }
msg-order-exists = order { $number } finns redan
msg-order-of-erased = order { $number } tillhör en raderad kund och sparas bara för bokföringen: ingen faktura eller påminnelse skickas (en återbetalning registreras som kreditfaktura)
msg-invoice-exists = faktura { $number } finns redan
msg-invoice-before-order = ordern är från { $order_date }; den kan inte faktureras före det
msg-due-before-issued = en faktura kan inte förfalla innan den har utfärdats
msg-order-currency = ordern är i { $currency }
msg-more-than-zero = måste vara större än noll
msg-give-credited = ange fakturan som krediteras
msg-only-credit-notes-credit = bara en kreditfaktura krediterar en faktura
msg-no-invoice = ingen faktura { $credits }
msg-invoice-of-another-order = faktura { $credits } hör till en annan order
msg-credit-not-an-invoice = { $credits } är ingen faktura; bara en faktura kan krediteras
msg-credit-before-invoice = faktura { $credits } är från { $issued }; den kan inte krediteras före det
msg-credit-left = högst { $left } återstår att kreditera av faktura { $credits }
msg-order-changed = order { $number } har ändrats av någon annan under tiden
msg-consent-withdrawn = samtycke { $id } finns inte eller är redan återkallat
msg-consent-stands = samtycke { $id }, givet { $given }, till detta ändamål och denna lydelse gäller redan: ett samtycke registreras en gång tills det återkallas (en ny lydelse registreras som ett nytt samtycke)
msg-customer-not-active = kund { $customer } är { $state ->
        [restricted] begränsad
       *[erased] raderad
    }: inget nytt får registreras om personen
msg-not-found = { $entity ->
        [customer] kund
        [order] order
        [request] begäran
        [interaction] anteckning
        [consent] samtycke
        [processor] personuppgiftsbiträde
        [sweep] gallring
        [breach] incident
       *[other] post
    } { $id } finns inte i registret
msg-record-has-no-number = en post av slaget { $entity } har inget eget nummer: ange dess id
msg-conflict = { $entity ->
       *[customer] kund
    } { $id } har ändrats av någon annan (nu version { $current }, du ändrade version { $expected }); läs in den igen och försök på nytt
msg-moved-copy-open = { $path } är registret som är öppet nu
msg-english = { $text }
msg-demo-needs-empty = demobutiken behöver ett tomt register
msg-confirm-erasure-number = skriv kundnumret för att bekräfta raderingen
msg-choose-file-first = välj en fil först

# Corrections (GDPR Art. 16): the old value kept by the audit trail.
corrected-number = Kundnummer
corrected-name = Namn
corrected-email = E-post
corrected-phone = Telefon
corrected-street = Gatuadress
corrected-postal_code = Postnummer
corrected-city = Ort
corrected-country = Land
corrected-language = Språk
corrected-summary = Anteckning: sammanfattning
corrected-staff = Anteckning: handläggare
corrected-channel = Anteckning: kanal
corrected-direction = Anteckning: riktning
corrected-bookkeeping = Anteckning: sparas enligt bokföringslagen
corrected-value-true = ja
corrected-value-false = nej
col-corrected-on = Rättad
col-corrected-part = Uppgift
col-value-before = Före
col-value-after = Efter
access-corrections-title = Tidigare värden i rättade uppgifter
access-corrections-intro = När dina uppgifter har rättats (artikel 16 i dataskyddsförordningen) har vår granskningslogg sparat vad de var innan, för att visa vad vi hade och när det ändrades. De tidigare värdena raderas tillsammans med dina övriga uppgifter.
ui-corrections = Rättelser
ui-corrections-hint = En rättelse sparar det gamla värdet här, i granskningsloggen, inte i registret (artikel 16 i dataskyddsförordningen). De gamla värdena försvinner när kunden raderas, och registerutdraget tar upp dem. En uppgift som tagits bort på personens begäran om radering sparas inte (artikel 17).
ui-value-erased = raderat på begäran
ui-correction-altered = Ändrat efter att det sparades: inte det värde som granskningsloggen har.
ui-correction-recorded-under = Registrerad under begäran { $id } som dess svar.
ui-request-corrections = Rättelser gjorda för den
ui-request-corrections-hint = En rättelse som sparas på kundens sida medan begäran är öppen och identiteten kontrollerad besvarar den: den registreras här med de värden den ersatte.
ui-request-objection-hint = En invändning besvaras på kundens sida, efter vad den gäller: återkalla samtycket till marknadsföring (GDPR art. 21.3), begränsa uppgifterna medan du prövar den (art. 18.1 d), eller sluta registrera kundens webbaktivitet och radera det som registrerats (art. 21.1, 17.1 c). Besvara den sedan här, eller avslå den med dina tvingande berättigade skäl.
ui-request-no-corrections = Ingen rättelse har gjorts för den här begäran ännu.
ui-answer-corrected = Rättat: { $parts }
ui-request-removals = Uppgifter borttagna för den
ui-request-notes-erased = Anteckningar raderade för den
ui-col-erased-note = Anteckningen från
ui-request-signups-erased = Anmälningar raderade för den
ui-col-erased-signup = Anmälan till
ui-request-web-erased = Webbaktivitet raderad för den
ui-request-held-back = Behålls av ett rättsligt bevarande, raderas när det hävs
ui-held-back-note = anteckningen från { $date } ({ $channel })
ui-held-back-signup = anmälan till { $date }
ui-held-back-web =
    { $events ->
        [one] { $events } händelse i webbaktiviteten
       *[other] { $events } händelser i webbaktiviteten
    }
ui-col-erased-web = Webbaktiviteten från
ui-erased-web-span =
    { $first } till { $last }, { $events ->
        [one] { $events } händelse
       *[other] { $events } händelser
    }
ui-erased-web-held =
    { $held ->
        [one] ; { $held } händelse behållen av ett rättsligt bevarande
       *[other] ; { $held } händelser behållna av ett rättsligt bevarande
    }
ui-answer-removed = Borttaget: { $parts }
ui-answer-notes-erased = Raderat: anteckningarna från { $notes }
ui-answer-signups-erased = Raderat: anmälningarna till { $dates }
ui-answer-web-erased =
    Raderat: webbaktiviteten från { $first } till { $last } ({ $events ->
        [one] { $events } händelse
       *[other] { $events } händelser
    })
ui-answer-web-visit-erased = Raderat: uppgifterna om besöket den { $date }
ui-answer-held-back = Inte raderat medan ett rättsligt anspråk avgörs (GDPR art. 17.3 e), och raderas när det är avgjort: { $parts }.
ui-answer-erased = Kund { $customer } har raderats: inget finns kvar att göra något med utom det lagen kräver att vi sparar, som är begränsat (GDPR art. 18.2) och raderas när tiden har gått ut.
ui-answer-nothing-held = Vi sökte i registret efter namnet, och efter varje adress och nummer, som du gav oss.
