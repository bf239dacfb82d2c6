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
access-subject = Registerutdrag enligt artikel 15 i dataskyddsförordningen (GDPR)
access-intro = Vi bekräftar att vi behandlar personuppgifter om dig. Det här utdraget är en kopia av alla personuppgifter vi har om dig, med vad vi använder dem till, på vilken rättslig grund, var de kommer ifrån, vem som tar emot dem och hur länge vi sparar dem.
access-request = Din begäran { $id }, mottagen { $received }
access-no-request = Utdrag utan registrerad begäran
access-customer = Kund { $number }
access-category-empty = Vi har inga uppgifter om dig i den här kategorin.
access-free-copy = Den här första kopian är kostnadsfri (GDPR art. 15.3).
portability-title = Dina uppgifter från { $controller } att ta med dig
portability-subject = Dataportabilitet enligt artikel 20 i dataskyddsförordningen (GDPR)

section-purpose = Ändamål
section-legal-basis = Rättslig grund
section-source = Källa
section-recipients = Mottagare
section-retention = Hur länge vi sparar
section-transfers = Överföring utanför EU/EES
transfers-none = Nej
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
basis-legal_obligation = En rättslig förpliktelse, bokföringslagen (art. 6.1 c)
basis-legitimate_interest = Vårt berättigade intresse, efter en dokumenterad intresseavvägning (art. 6.1 f)

## Källor
source-data_subject = Du har lämnat dem till oss
source-observed = Registrerade när du använde vår webbplats
source-shop = Skapade av oss i samband med dina köp

## Hur länge vi sparar
retention-identity_contact = Så länge du är kund; ett konto utan aktivitet raderas { $months } månader efter den senaste aktiviteten.
retention-purchase_history = Så länge bokföringslagen kräver ({ $law }); datumet anges för varje beställning.
retention-invoices = Så länge bokföringslagen kräver ({ $law }); datumet anges för varje faktura.
retention-communications = { $months } månader efter att ärendet avslutats.
retention-web_activity = { $months } månader.
retention-consents = Så länge samtycket gäller; beviset om det { $months } månader efter att du återkallat det.
retention-events = { $months } månader efter evenemanget.
retention-requests = { $months } månader efter att begäran avslutats.
kept-open-consent_stands = så länge samtycket gäller
kept-open-matter_open = så länge ärendet pågår
kept-open-request_open = så länge begäran pågår

## Fält och kolumner
field-name = Namn
field-email = E-post
field-phone = Telefon
field-address = Postadress
field-country = Land
field-language = Språk
field-customer-number = Kundnummer
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
col-rule = Regel
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
channel-meeting = möte
channel-phone = telefon
channel-email = e-post
channel-letter = brev
channel-document = dokument
channel-web_form = webbformulär
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

## Bekräftelse av begäran (GDPR art. 12)
receipt-title = Vi har tagit emot din begäran
receipt-subject = Bekräftelse av en begäran enligt dataskyddsförordningen
receipt-intro = Vi tog emot din begäran om { $kind } den { $received }. Vi svarar utan onödigt dröjsmål och senast den { $due } (GDPR art. 12.3).
receipt-extension = Om vi behöver mer tid för att begäran är komplicerad meddelar vi dig före den { $due }, med skälen; tiden kan då förlängas med högst två månader.
receipt-identity = Innan vi lämnar ut eller ändrar några uppgifter kontrollerar vi att begäran kommer från dig.
receipt-reference = Referens: begäran { $id }

## Bekräftelse av radering (GDPR art. 17)
erasure-title = Bekräftelse av radering
erasure-subject = Radering enligt artikel 17 i dataskyddsförordningen (GDPR)
erasure-intro = Vi har raderat dina personuppgifter den { $date }, utom de uppgifter som lagen kräver att vi sparar. De är begränsade: de sparas bara för att uppfylla den skyldigheten och för rättsliga anspråk, och anonymiseras när tiden gått ut.
erasure-erased = Raderat
erasure-kept = Sparas enligt lag
erasure-kept-none = Vi sparar ingenting om dig.
erasure-pseudonym = Uppgifterna vi sparar bär inte längre ditt namn; de förvaras under referensen { $pseudonym }.
erasure-until-hold = så länge ett rättsligt bevarande gäller
erasure-until-request = { $months } månader efter att begäran avslutats
erasure-audit = Vår granskningslogg visar att dina uppgifter har ändrats och raderats. Den innehåller bara kontrollsummor, ur vilka ingenting om dig kan utläsas.

## Register över behandling (GDPR art. 30)
records-title = Register över behandling av personuppgifter
records-subject = Register enligt artikel 30 i dataskyddsförordningen (GDPR)
records-intro = Behandlingen av personuppgifter i kundregistret hos { $controller }.
records-subjects-title = Kategorier av registrerade
records-subjects = Kunder och tidigare kunder, personer som kontaktar butiken, prenumeranter på nyhetsbrevet och kursdeltagare.
records-categories-title = Ändamål, kategorier av uppgifter och rättsliga grunder
records-transfers-title = Överföringar utanför EU/EES
records-transfers-none = Inga personuppgifter överförs utanför EU/EES.
records-erasure-title = Tidsfrister för radering
records-security-title = Säkerhetsåtgärder
records-security = Åtkomst bara för personal som behöver den; varje ändring registreras i en hashkedjad granskningslogg; registret kan krypteras; regelbundna säkerhetskopior; radering och anonymisering samma dag som lagringstiden löper ut.
records-assessments-title = Intresseavvägningar

## Sammanfattning av gallring
sweep-title = Gallring
sweep-subject = Poster som raderats eller anonymiserats när lagringstiden löpt ut
sweep-intro = Den { $date } hade posterna nedan nått slutet av sin lagringstid och raderades eller anonymiserades.
sweep-nothing = Ingenting hade nått slutet av sin lagringstid.
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
ui-search-placeholder = Namn, e-post, telefon eller kundnummer
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
ui-no-results = Ingen kund matchar.
ui-choose-customer = Välj en kund i listan.
ui-loading = Laddar…
ui-details = Uppgifter
ui-save = Spara
ui-saved = Sparat.
ui-cancel = Avbryt
ui-reload = Ladda om
ui-conflict = Någon annan ändrade kunden medan du redigerade. Ladda om för att se deras ändringar och redigera sedan igen.
ui-report-pdf = Registerutdrag (PDF)
ui-report-json = Registerutdrag (JSON)
ui-report-preview = Förhandsgranska registerutdraget
ui-back = Tillbaka
ui-portability = Dataportabilitet (JSON)
ui-receipt = Bekräftelse (PDF)
ui-records-pdf = Register över behandling (PDF)
ui-records-json = Register över behandling (JSON)
ui-processor-add = Lägg till ett biträde eller en mottagare
ui-processor-edit = Ändra biträde eller mottagare
ui-edit = Ändra
ui-remove = Ta bort
ui-report-saved = Sparade { $path }
ui-new-request = Registrera en begäran
ui-request-kind = Typ av begäran
ui-open = Registrera
ui-history = Historik
ui-history-action = Ändring
ui-history-actor = Av
ui-requests-title = Begäranden från kunder
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
ui-reason = Skäl
ui-answer-text = Lämnat svar
ui-settings-title = Inställningar
ui-settings-controller = Butiken (personuppgiftsansvarig)
ui-settings-law = Land och räkenskapsår
ui-settings-retention = Lagringstider (månader)
ui-settings-documents = Dokument
ui-settings-processors = Personuppgiftsbiträden och mottagare
ui-welcome-title = Välkommen till Kundvakt
ui-welcome-text = Ditt register är tomt. Prova Kundvakt med en demobutik, eller börja med din första egna kund.
ui-welcome-demo = Prova demobutiken
ui-welcome-add = Lägg till min första kund
ui-welcome-import = Import från din webbutik kommer med importfunktionen.
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
ui-correct = Rätta
ui-text-version-example = till exempel nyhetsbrev-2025-01
ui-time-needed = Ange datum och tid.
ui-sign-up = Anmäl till en kurs eller ett evenemang…
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
setting-country = Land vars lag gäller
setting-fiscal_year_start_month = Räkenskapsåret börjar i
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
field-street = Gatuadress
field-postal-code = Postnummer
field-city = Ort

ui-nav-retention = Gallring
ui-retention-title = Vad som ska gallras
ui-retention-as-of = Per
ui-retention-summary = { $due } poster får raderas ({ $overdue } av dem är försenade); { $held } hålls kvar av en rättslig spärr.
ui-retention-chart = Poster som ska gallras, månad för månad
ui-retention-list = Ska gallras nu
ui-retention-more = och { $count } till
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
ui-erase-title = Radera { $name }?
ui-erase-intro = Allt som ingen lag kräver att vi sparar raderas nu. Bokföringsposter som fortfarande omfattas av bokföringslagen sparas, begränsade och utan namn, under referensen { $pseudonym }, och raderas när tiden gått ut.
ui-erase-request = Besvarar begäran
ui-erase-no-request = Ingen begäran: butiken raderar på eget initiativ
ui-erase-erased = Raderas nu
ui-erase-kept = Sparas enligt lag
ui-erase-confirm-label = Skriv kundnumret { $number } för att bekräfta
ui-erase-confirm = Radera nu
ui-erase-done = Raderat: { $erased } poster är borta, { $kept } sparas enligt lag. Skicka bekräftelsen till personen.
ui-erase-save-pdf = Spara bekräftelsen (PDF)
ui-erase-save-json = Spara bekräftelsen (JSON)
ui-restrict = Begränsa…
ui-restrict-title = Begränsa behandlingen av uppgifterna om { $name }
ui-restrict-intro = Under begränsningen lagras uppgifterna bara: inget nytt registreras om personen, och uppgifterna används bara för rättsliga skyldigheter och rättsliga anspråk (GDPR art. 18).
ui-restrict-ground = Grund
ui-restrict-note = Anteckning (frivillig)
ui-restrict-confirm = Begränsa
ui-restricted-since = Begränsad sedan { $date }: { $ground }
ui-hold = Rättsligt bevarande…
ui-hold-title = Bevara uppgifterna om { $name } för ett rättsligt anspråk
ui-hold-intro = Så länge bevarandet gäller raderas ingen av kundens uppgifter, varken av gallringen eller av en radering (GDPR art. 17.3 e: för att fastställa, göra gällande eller försvara rättsliga anspråk). Häv det när tvisten är avgjord.
ui-hold-reason = Varför (tvisten eller beslutet)
ui-hold-confirm = Bevara
ui-hold-in-force = Rättsligt bevarande av { $record } sedan { $date } ({ $by }): { $reason }
ui-hold-lift = Häv bevarandet
ui-hold-lifted = Bevarandet är hävt; uppgifterna följer sina lagringstider igen.
ui-holds-title = Rättsliga bevaranden som gäller
ui-holds-none = Inga uppgifter bevaras för rättsliga anspråk.
col-record = Post
col-reason = Skäl
col-since = Sedan
col-by = Av
ui-unrestrict = Häv begränsningen…
ui-unrestrict-intro = Personen ska underrättas innan begränsningen hävs (GDPR art. 18.3).
ui-unrestrict-notified = Personen underrättades den
ui-unrestrict-confirm = Häv begränsningen
ui-withdraw = Återkalla
ui-withdrawn = Samtycket är återkallat; beviset om det sparas.
ground-accuracy_contested = personen bestrider att uppgifterna är korrekta (medan det kontrolleras)
ground-unlawful_processing = behandlingen är olaglig och personen vill begränsning i stället för radering
ground-legal_claims = personen behöver uppgifterna för rättsliga anspråk
ground-objection_pending = personen har invänt och bedömningen pågår
ui-due-banner = { $count } poster har nått slutet av sin lagringstid och bör raderas.
ui-due-review = Granska
ui-sweep-title = Radera det som förfallit
ui-sweep-preview = { $total } poster får raderas i dag; { $held } bevaras av ett rättsligt bevarande.
ui-sweep-nothing = Ingenting har förfallit i dag.
ui-sweep-resumes = Detta fortsätter gallring { $id }, som avbröts.
ui-sweep-run = Radera det som förfallit…
ui-sweep-confirm = Radera dessa { $total } poster nu? Det går inte att ångra.
ui-sweep-yes = Radera nu
ui-sweep-done = Gallring { $id } är klar: { $total } poster.
ui-sweep-save-pdf = Spara sammanställningen (PDF)
ui-sweep-save-json = Spara sammanställningen (JSON)


## Import och export i fönstret
ui-nav-transfer = Import och export
ui-import-title = Importera från webbutiken
ui-import-intro = En CSV-export från Shopify eller WooCommerce, eller vilken CSV som helst med en rubrikrad. Ingenting ändras förrän du importerar, och en import med problem ändrar ingenting om du inte lägger problemraderna åt sidan.
ui-import-customers = Kunder
ui-import-orders = Ordrar
ui-import-web-events = Webbaktivitet (webbplatsens logg)
ui-import-choose = Välj en fil…
ui-import-detected = { $file }: { $encoding }, avgränsare { $delimiter }, { $rows } rader. Format:
ui-import-tab = tabb
ui-format-generic = allmän CSV
ui-format-shopify = Shopify
ui-format-woocommerce = WooCommerce
ui-import-mapping = Kolumner
ui-import-skip-column = — importeras inte —
ui-import-first-rows = De första raderna
ui-import-counts = Importen skulle lägga till { $added }, uppdatera { $updated }, lämna { $unchanged } oförändrade, hoppa över { $skipped } och avvisa { $rejected }.
ui-import-problems = Problem ({ $count })
ui-import-skip-invalid = Importera de giltiga raderna och lägg de andra åt sidan i en fil
ui-import-run = Importera
ui-import-done = Importerat: { $added } tillagda, { $updated } uppdaterade, { $unchanged } oförändrade, { $skipped } överhoppade, { $rejected } åt sidan.
ui-import-rejected-file = Raderna som lagts åt sidan finns i { $path }.
ui-import-refused = Ingenting importerades: { $count } rader har problem.
ui-export-title = Orderhistorik till redovisningen
ui-export-intro = En rad per orderrad med netto, moms och brutto. Raderade kunder visas under sin pseudonym; begränsade poster tas med eftersom exporten tjänar bokföringsskyldigheten.
ui-export-from = Från
ui-export-to = Till
ui-export-format = Format
ui-export-decimal-comma = Decimalkomma (för kalkylblad på svenska, norska, danska, finska eller tyska)
ui-export-save = Exportera…
ui-export-done = Exporterade { $orders } ordrar till { $path }.
## Fel (efter sin stabila kod)
error-invalid = Kontrollera det här fältet.
error-not_found = Det finns inte längre i registret.
error-duplicate = Det finns redan.
error-conflict = Någon annan har ändrat det under tiden.
error-refused = Det går inte just nu.
error-no_register = Det finns inget register här.
error-not_a_register = Filen är inte ett Kundvakt-register.
error-register_too_new = Registret är skapat av en nyare Kundvakt.
error-register_locked = Registret är krypterat: ange dess lösenfras.
error-wrong_passphrase = Fel lösenfras. Inget ändrades.
error-unreachable = Databasservern går inte att nå.
error-file = Filen kunde inte skrivas.
error-audit_broken = Granskningsloggen är bruten.
error-database = Ett databasfel inträffade.
error-migrate = Registret kunde inte uppgraderas.
error-internal = Något gick fel i Kundvakt.

## The defaults a new register starts with (the shop edits them)
default-processor-platform = Leverantör av webbutiksplattformen
default-purpose-platform = Webbutiksplattform och drift av kundkonton och beställningar
default-purpose-analytics = Statistik över webbplatsen med kakor
default-purpose-pixel = Annonsering med Facebook-pixeln
default-purpose-klarna = Betalning och fakturering; hanterar kort- och betaluppgifter
default-purpose-payex = Kortbetalningar; hanterar kortuppgifterna
default-safeguards-us = EU–US Data Privacy Framework; standardavtalsklausuler
