# Kundvakt: norsk bokmål. Hver nøkkel finnes også i en.ftl og sv.ftl (en test sjekker det).

## Felles for alle dokumenter
doc-generated = Laget { $date }
doc-page = Side { $page } / { $pages }
doc-audit-head = Loggpost { $seq } i revisjonskjeden, kjedens hode { $hash }
doc-controller = Behandlingsansvarlig
doc-org-number = Organisasjonsnummer
doc-address = Adresse
doc-email = E-post
doc-phone = Telefon
doc-website = Nettsted
doc-none = ingen
doc-yes = ja
doc-no = nei

## Innsyn (GDPR art. 15)
access-title = Dine personopplysninger hos { $controller }
access-subject = Innsyn etter artikkel 15 i personvernforordningen (GDPR)
access-intro = Vi bekrefter at vi behandler personopplysninger om deg. Denne rapporten er en kopi av alle personopplysninger vi har om deg, med hva vi bruker dem til, på hvilket rettslig grunnlag, hvor de kommer fra, hvem som mottar dem og hvor lenge vi lagrer dem.
access-request = Din forespørsel { $id }, mottatt { $received }
access-no-request = Innsyn uten registrert forespørsel
access-customer = Kunde { $number }
access-category-empty = Vi har ingen opplysninger om deg i denne kategorien.
access-free-copy = Denne første kopien er gratis (GDPR art. 15 nr. 3).
portability-title = Dine opplysninger fra { $controller } som du kan ta med deg
portability-subject = Dataportabilitet etter artikkel 20 i personvernforordningen (GDPR)

section-purpose = Formål
section-legal-basis = Rettslig grunnlag
section-source = Kilde
section-recipients = Mottakere
section-retention = Hvor lenge vi lagrer
section-transfers = Overføring utenfor EU/EØS
transfers-none = Nei
transfers-yes = Ja, til { $recipients }
recipients-none = Ingen utenfor butikken

## Kategorier av personopplysninger
cat-identity_contact = Identitets- og kontaktopplysninger
cat-purchase_history = Bestillinger (kjøpshistorikk)
cat-invoices = Fakturaer og purringer
cat-communications = Samtaler, møter, e-post og brev
cat-web_activity = Aktivitet på nettstedet vårt
cat-consents = Samtykker
cat-events = Kurs og arrangementer
cat-requests = Dine forespørsler om opplysningene dine

## Standardformål (butikken kan skrive egne)
purpose-identity_contact = For å holde kundekontoen din, levere bestillingene dine og kontakte deg om dem.
purpose-purchase_history = For å oppfylle bestillingene dine og oppbevare regnskapsmaterialet som bokføringsloven krever.
purpose-invoices = For å fakturere og purre, og oppbevare regnskapsmaterialet som bokføringsloven krever.
purpose-communications = For å følge opp spørsmål, kommentarer og reklamasjoner fra deg.
purpose-web_activity = For å holde nettstedet sikkert og lage statistikk over hvordan det brukes.
purpose-consents = For å kunne vise at du har samtykket, til hva og når, og respektere at du trekker samtykket tilbake.
purpose-events = For å gi deg informasjon om kursene og arrangementene du har meldt deg på.
purpose-requests = For å svare på forespørslene dine om opplysningene dine og kunne vise at vi har gjort det.

## Rettslige grunnlag (GDPR art. 6 nr. 1)
basis-consent = Ditt samtykke (art. 6 nr. 1 bokstav a)
basis-contract = Avtalen vår med deg (art. 6 nr. 1 bokstav b)
basis-legal_obligation = En rettslig forpliktelse, bokføringsloven (art. 6 nr. 1 bokstav c)
basis-legitimate_interest = Vår berettigede interesse, etter en dokumentert interesseavveining (art. 6 nr. 1 bokstav f)

## Kilder
source-data_subject = Du har gitt dem til oss
source-observed = Registrert da du brukte nettstedet vårt
source-shop = Laget av oss i forbindelse med kjøpene dine

## Hvor lenge vi lagrer
retention-identity_contact = Så lenge du er kunde; en konto uten aktivitet slettes { $months } måneder etter siste aktivitet.
retention-purchase_history = Så lenge bokføringsloven krever ({ $law }); datoen står ved hver bestilling.
retention-invoices = Så lenge bokføringsloven krever ({ $law }); datoen står ved hver faktura.
retention-communications = { $months } måneder etter at saken ble avsluttet.
retention-web_activity = { $months } måneder.
retention-consents = Så lenge samtykket gjelder; beviset for det { $months } måneder etter at du trakk det tilbake.
retention-events = { $months } måneder etter arrangementet.
retention-requests = { $months } måneder etter at forespørselen ble avsluttet.
kept-open-consent_stands = så lenge samtykket gjelder
kept-open-matter_open = så lenge saken pågår
kept-open-request_open = så lenge forespørselen pågår

## Felt og kolonner
field-name = Navn
field-email = E-post
field-phone = Telefon
field-address = Postadresse
field-country = Land
field-language = Språk
field-customer-number = Kundenummer
field-created = Kunde siden
field-last-activity = Siste aktivitet
field-state = Status
col-order = Ordre
col-date = Dato
col-items = Varer
col-total = Totalt
col-vat = Herav mva.
col-payment = Betaling
col-kept-until = Lagres til
col-number = Nummer
col-kind = Type
col-amount = Beløp
col-channel = Kanal
col-direction = Retning
col-summary = Sammendrag
col-time = Tid (UTC)
col-ip = IP-adresse
col-action = Hendelse
col-user-agent = Nettleser
col-purpose = Formål
col-text-version = Tekst som ble vist
col-given = Gitt
col-withdrawn = Trukket tilbake
col-event = Kurs eller arrangement
col-status = Status
col-due = Frist
col-received = Mottatt
col-state = Tilstand
col-answered = Besvart
col-name = Navn
col-role = Rolle
col-country = Land
col-categories = Opplysninger som mottas
col-outside-eea = Utenfor EU/EØS
col-safeguards = Garantier
col-law = Lov
col-rule = Regel
col-count = Poster

## Verdier
state-active = aktiv
state-restricted = begrenset (art. 18)
state-erased = slettet
order-status-placed = lagt inn
order-status-paid = betalt
order-status-shipped = sendt
order-status-cancelled = kansellert
order-status-refunded = refundert
invoice-kind-invoice = faktura
invoice-kind-reminder = purring
channel-meeting = møte
channel-phone = telefon
channel-email = e-post
channel-letter = brev
channel-document = dokument
channel-web_form = nettskjema
direction-inbound = fra deg
direction-outbound = fra oss
registration-registered = påmeldt
registration-attended = deltok
registration-cancelled = avmeldt
role-processor = databehandler for oss (art. 28)
role-recipient = mottaker
kind-access = innsyn (art. 15)
kind-rectification = retting (art. 16)
kind-erasure = sletting (art. 17)
kind-restriction = begrensning (art. 18)
kind-portability = dataportabilitet (art. 20)
kind-objection = protest (art. 21)
kind-withdraw_consent = tilbaketrukket samtykke (art. 7 nr. 3)
request-state-received = mottatt
request-state-identity_verified = identitet bekreftet
request-state-in_progress = under arbeid
request-state-answered = besvart
request-state-refused = avslått
request-state-closed = avsluttet
language-sv = svensk
language-nb = norsk bokmål
language-en = engelsk

## Mottakere, automatiserte avgjørelser, rettigheter, klage
recipients-title = Hvem som mottar opplysningene dine
recipients-intro = Disse databehandlerne og mottakerne får personopplysninger fra oss. Databehandlere behandler dem bare på våre vegne og etter en databehandleravtale.
automated-title = Automatiserte avgjørelser og profilering
automated-none = Vi tar ingen avgjørelser om deg som utelukkende bygger på automatisert behandling, og vi profilerer deg ikke (GDPR art. 22).
rights-title = Dine rettigheter
rights-intro = Du kan når som helst og gratis:
right-access = få en kopi av opplysningene dine, som i denne rapporten (art. 15);
right-rectification = få uriktige opplysninger rettet (art. 16);
right-erasure = få opplysningene dine slettet, unntatt det loven krever at vi oppbevarer (art. 17);
right-restriction = få bruken av opplysningene dine begrenset (art. 18);
right-portability = få opplysningene du har gitt oss i maskinlesbar form, eller få dem sendt til et annet foretak (art. 20);
right-objection = protestere mot behandling som bygger på vår berettigede interesse (art. 21);
right-withdraw = trekke tilbake et samtykke like enkelt som du ga det (art. 7 nr. 3).
rights-contact = Skriv til { $email } for å bruke rettighetene dine.
authority-title = Rett til å klage
authority-intro = Hvis du mener at vi behandler opplysningene dine feil, har du rett til å klage til tilsynsmyndigheten:

## Bekreftelse på forespørsel (GDPR art. 12)
receipt-title = Vi har mottatt forespørselen din
receipt-subject = Bekreftelse på en forespørsel etter personvernforordningen
receipt-intro = Vi mottok forespørselen din om { $kind } { $received }. Vi svarer uten ugrunnet opphold og senest { $due } (GDPR art. 12 nr. 3).
receipt-extension = Hvis vi trenger mer tid fordi forespørselen er sammensatt, sier vi fra før { $due }, med begrunnelse; fristen kan da forlenges med høyst to måneder.
receipt-identity = Før vi utleverer eller endrer opplysninger, kontrollerer vi at forespørselen kommer fra deg.
receipt-reference = Referanse: forespørsel { $id }

## Bekreftelse på sletting (GDPR art. 17)
erasure-title = Bekreftelse på sletting
erasure-subject = Sletting etter artikkel 17 i personvernforordningen (GDPR)
erasure-intro = Vi har slettet personopplysningene dine { $date }, unntatt opplysningene loven krever at vi oppbevarer. De er begrenset: de oppbevares bare for å oppfylle den plikten og for rettskrav, og anonymiseres når fristen er ute.
erasure-erased = Slettet
erasure-kept = Oppbevares etter lov
erasure-kept-none = Vi oppbevarer ingenting om deg.
erasure-pseudonym = Opplysningene vi oppbevarer, har ikke lenger navnet ditt; de oppbevares under referansen { $pseudonym }.
erasure-until-hold = så lenge en rettslig bevaringsplikt gjelder
erasure-until-request = { $months } måneder etter at forespørselen er avsluttet
erasure-audit = Revisjonssporet vårt viser at opplysningene dine er endret og slettet. Det inneholder bare kontrollsummer, som ingenting om deg kan leses ut av.

## Protokoll over behandlingsaktiviteter (GDPR art. 30)
records-title = Protokoll over behandlingsaktiviteter
records-subject = Protokoll etter artikkel 30 i personvernforordningen (GDPR)
records-intro = Behandlingen av personopplysninger i kunderegisteret hos { $controller }.
records-subjects-title = Kategorier av registrerte
records-subjects = Kunder og tidligere kunder, personer som kontakter butikken, abonnenter på nyhetsbrevet og kursdeltakere.
records-categories-title = Formål, kategorier av opplysninger og rettslige grunnlag
records-transfers-title = Overføringer utenfor EU/EØS
records-transfers-none = Ingen personopplysninger overføres utenfor EU/EØS.
records-erasure-title = Frister for sletting
records-security-title = Sikkerhetstiltak
records-security = Tilgang bare for ansatte som trenger den; hver endring registreres i en hashkjedet revisjonslogg; registeret kan krypteres; jevnlige sikkerhetskopier; sletting og anonymisering samme dag som lagringstiden går ut.
records-assessments-title = Interesseavveininger

## Sammendrag av sletting
sweep-title = Sletting etter lagringstid
sweep-subject = Poster som er slettet eller anonymisert da lagringstiden gikk ut
sweep-intro = { $date } hadde postene nedenfor nådd slutten av lagringstiden og ble slettet eller anonymisert.
sweep-nothing = Ingenting hadde nådd slutten av oppbevaringstiden.
sweep-total = Totalt
sweep-run = Sletting
sweep-state = Status
sweep-started = Startet
sweep-finished = Ferdig
sweep-batches = Omganger (én transaksjon hver)
sweep-action-deleted = slettet
sweep-action-pseudonymised = oppbevart under pseudonym, begrenset
sweep-action-anonymised = anonymisert
sweep-state-running = ikke ferdig
sweep-state-done = ferdig
sweep-state-abandoned = avbrutt

## Linjer en import legger til slik at ordrelinjene summerer til totalen
import-line-shipping = Frakt
import-line-discount = Rabatt
import-line-other = Andre gebyrer og justeringer

## Eksporten til regnskapsføreren (kolonneoverskrifter)
export-col-order = Ordre
export-col-date = Dato
export-col-customer = Kunde
export-col-line = Linje
export-col-description = Beskrivelse
export-col-quantity = Antall
export-col-net = Netto
export-col-vat-rate = MVA-sats %
export-col-vat = MVA
export-col-gross = Brutto
export-col-currency = Valuta
export-col-payment = Betaling

## Appens skjermbilder
ui-app-name = Kundvakt
ui-nav-register = Register
ui-nav-requests = Forespørsler
ui-nav-settings = Innstillinger
ui-language = Språk
ui-register-location = Register: { $location }
ui-unlock-title = Åpne registeret
ui-unlock-text = Registeret på { $location } er kryptert. Skriv inn passordfrasen for å åpne det.
ui-unlock-passphrase = Passordfrase
ui-unlock-open = Åpne
ui-search-label = Søk etter kunder
ui-search-placeholder = Navn, e-post, telefon eller kundenummer
ui-customers-count =
    { $count ->
        [one] { $count } kunde
       *[other] { $count } kunder
    }
ui-search-count = { $count } treff
ui-no-results = Ingen kunder passer.
ui-choose-customer = Velg en kunde i listen.
ui-loading = Laster…
ui-details = Opplysninger
ui-save = Lagre
ui-saved = Lagret.
ui-cancel = Avbryt
ui-reload = Last inn på nytt
ui-conflict = Noen andre endret kunden mens du redigerte. Last inn på nytt for å se endringene deres, og rediger så igjen.
ui-report-pdf = Innsyn (PDF)
ui-report-json = Innsyn (JSON)
ui-report-preview = Forhåndsvis innsynsrapporten
ui-back = Tilbake
ui-portability = Dataportabilitet (JSON)
ui-receipt = Bekreftelse (PDF)
ui-records-pdf = Protokoll over behandlingen (PDF)
ui-records-json = Protokoll over behandlingen (JSON)
ui-processor-add = Legg til en databehandler eller mottaker
ui-processor-edit = Endre databehandler eller mottaker
ui-edit = Endre
ui-remove = Fjern
ui-report-saved = Lagret { $path }
ui-new-request = Registrer en forespørsel
ui-request-kind = Type forespørsel
ui-open = Registrer
ui-history = Historikk
ui-history-action = Endring
ui-history-actor = Av
ui-requests-title = Forespørsler fra kunder
ui-requests-empty = Ingen åpne forespørsler.
ui-show-done = Vis besvarte og avsluttede forespørsler
ui-days-left = Dager igjen
ui-overdue = Forsinket { $days } dager
ui-due-soon = Frist om { $days } dager
ui-due-today = Frist i dag
ui-actions = Handlinger
ui-step-verify = Identitet bekreftet
ui-step-start = Start
ui-step-extend = Forleng
ui-step-answer = Besvar
ui-step-refuse = Avslå
ui-step-close = Avslutt
ui-reason = Begrunnelse
ui-answer-text = Svar som ble gitt
ui-settings-title = Innstillinger
ui-settings-controller = Butikken (behandlingsansvarlig)
ui-settings-law = Land og regnskapsår
ui-settings-retention = Lagringstider (måneder)
ui-settings-documents = Dokumenter
ui-settings-processors = Databehandlere og mottakere
ui-welcome-title = Velkommen til Kundvakt
ui-welcome-text = Registeret ditt er tomt. Prøv Kundvakt med en demobutikk, eller begynn med din første egen kunde.
ui-welcome-demo = Prøv demobutikken
ui-welcome-add = Legg til min første kunde
ui-welcome-import = Import fra nettbutikken din kommer med importfunksjonen.
ui-demo-progress = Lager demobutikken: { $done } av { $total } kunder
ui-new-customer = Ny kunde
ui-add = Legg til kunde
ui-customer-added = Kunde { $number } lagt til.
ui-note-contact = Noter en kontakt…
ui-record-consent = Registrer et samtykke…
ui-direction = Hvem tok kontakt
ui-direction-inbound = Kunden
ui-direction-outbound = Butikken
ui-staff = Saksbehandler
ui-closed-on = Saken avsluttet
ui-close-matter = Avslutt saken
ui-text-version-example = for eksempel nyhetsbrev-2025-01
ui-time-needed = Oppgi dato og klokkeslett.
ui-month-1 = januar
ui-month-2 = februar
ui-month-3 = mars
ui-month-4 = april
ui-month-5 = mai
ui-month-6 = juni
ui-month-7 = juli
ui-month-8 = august
ui-month-9 = september
ui-month-10 = oktober
ui-month-11 = november
ui-month-12 = desember
setting-country = Land der loven gjelder
setting-fiscal_year_start_month = Regnskapsåret begynner i
setting-time_zone = Tidssone
setting-language = Språk for nye dokumenter
setting-controller-name = Navn
setting-controller-org_number = Organisasjonsnummer
setting-controller-address = Adresse
setting-controller-email = E-post
setting-controller-phone = Telefon
setting-controller-website = Nettsted
setting-authority-name = Tilsynsmyndighet
setting-authority-address = Myndighetens adresse
setting-retention-inactive_customer_months = Inaktive kundekontoer
setting-retention-interaction_months = Notater etter avsluttet sak
setting-retention-web_event_months = Aktivitet på nettstedet
setting-retention-consent_proof_months = Bevis for tilbaketrukket samtykke
setting-retention-event_months = Kurspåmeldinger etter arrangementet
setting-retention-request_months = Forespørsler etter avslutning
field-street = Gateadresse
field-postal-code = Postnummer
field-city = Poststed

ui-nav-retention = Sletting
ui-retention-title = Hva som skal slettes
ui-retention-as-of = Per
ui-retention-summary = { $due } poster kan slettes ({ $overdue } av dem er forsinket); { $held } holdes tilbake av en rettslig sperre.
ui-retention-chart = Poster som skal slettes, måned for måned
ui-retention-list = Skal slettes nå
ui-retention-more = og { $count } til
record-order = ordre
record-invoice = faktura
record-customer = kundekonto
record-interaction = notat
record-web_event = netthendelse
record-consent = samtykkebevis
record-event_registration = kurspåmelding
record-request = forespørsel

## Sletting, begrensning, samtykke og sletterunde i vinduet
ui-erase = Slett…
ui-erase-title = Slette { $name }?
ui-erase-intro = Alt som ingen lov krever at vi oppbevarer, slettes nå. Regnskapsopplysninger som fortsatt omfattes av bokføringsloven, oppbevares begrenset og uten navn under referansen { $pseudonym }, og slettes når fristen er ute.
ui-erase-request = Besvarer forespørsel
ui-erase-no-request = Ingen forespørsel: butikken sletter på eget initiativ
ui-erase-erased = Slettes nå
ui-erase-kept = Oppbevares etter loven
ui-erase-confirm-label = Skriv kundenummeret { $number } for å bekrefte
ui-erase-confirm = Slett nå
ui-erase-done = Slettet: { $erased } oppføringer er borte, { $kept } oppbevares etter loven. Send bekreftelsen til personen.
ui-erase-save-pdf = Lagre bekreftelsen (PDF)
ui-erase-save-json = Lagre bekreftelsen (JSON)
ui-restrict = Begrens…
ui-restrict-title = Begrense behandlingen av opplysningene om { $name }
ui-restrict-intro = Mens behandlingen er begrenset, blir opplysningene bare lagret: ingenting nytt registreres om personen, og opplysningene brukes bare til rettslige forpliktelser og rettskrav (GDPR art. 18).
ui-restrict-ground = Grunnlag
ui-restrict-note = Merknad (valgfri)
ui-restrict-confirm = Begrens
ui-restricted-since = Begrenset siden { $date }: { $ground }
ui-unrestrict = Opphev begrensningen…
ui-unrestrict-intro = Personen skal varsles før begrensningen oppheves (GDPR art. 18 nr. 3).
ui-unrestrict-notified = Personen ble varslet
ui-unrestrict-confirm = Opphev begrensningen
ui-withdraw = Trekk tilbake
ui-withdrawn = Samtykket er trukket tilbake; beviset for det oppbevares.
ground-accuracy_contested = personen bestrider at opplysningene er riktige (mens det kontrolleres)
ground-unlawful_processing = behandlingen er ulovlig og personen vil ha begrensning i stedet for sletting
ground-legal_claims = personen trenger opplysningene for rettskrav
ground-objection_pending = personen har protestert og vurderingen pågår
ui-due-banner = { $count } oppføringer har nådd slutten av oppbevaringstiden og bør slettes.
ui-due-review = Se gjennom
ui-sweep-title = Slett det som er forfalt
ui-sweep-preview = { $total } oppføringer kan slettes i dag; { $held } holdes tilbake av rettslig bevaringsplikt.
ui-sweep-nothing = Ingenting er forfalt i dag.
ui-sweep-resumes = Dette fortsetter sletterunde { $id }, som ble avbrutt.
ui-sweep-run = Slett det som er forfalt…
ui-sweep-confirm = Slette disse { $total } oppføringene nå? Det kan ikke angres.
ui-sweep-yes = Slett nå
ui-sweep-done = Sletterunde { $id } er ferdig: { $total } oppføringer.
ui-sweep-save-pdf = Lagre sammendraget (PDF)
ui-sweep-save-json = Lagre sammendraget (JSON)


## Import og eksport i vinduet
ui-nav-transfer = Import og eksport
ui-import-title = Importer fra nettbutikken
ui-import-intro = En CSV-eksport fra Shopify eller WooCommerce, eller en hvilken som helst CSV med en overskriftsrad. Ingenting endres før du importerer, og en import med problemer endrer ingenting med mindre du legger problemradene til side.
ui-import-customers = Kunder
ui-import-orders = Ordrer
ui-import-choose = Velg en fil…
ui-import-detected = { $file }: { $encoding }, skilletegn { $delimiter }, { $rows } rader. Format:
ui-import-tab = tabulator
ui-format-generic = generell CSV
ui-format-shopify = Shopify
ui-format-woocommerce = WooCommerce
ui-import-mapping = Kolonner
ui-import-skip-column = — importeres ikke —
ui-import-first-rows = De første radene
ui-import-counts = Importen ville legge til { $added }, oppdatere { $updated }, la { $unchanged } være uendret, hoppe over { $skipped } og avvise { $rejected }.
ui-import-problems = Problemer ({ $count })
ui-import-skip-invalid = Importer de gyldige radene og legg de andre til side i en fil
ui-import-run = Importer
ui-import-done = Importert: { $added } lagt til, { $updated } oppdatert, { $unchanged } uendret, { $skipped } hoppet over, { $rejected } lagt til side.
ui-import-rejected-file = Radene som er lagt til side, ligger i { $path }.
ui-import-refused = Ingenting ble importert: { $count } rader har problemer.
ui-export-title = Ordrehistorikk til regnskapsføreren
ui-export-intro = Én rad per ordrelinje med netto, MVA og brutto. Slettede kunder vises under pseudonymet sitt; begrensede opplysninger tas med fordi eksporten tjener bokføringsplikten.
ui-export-from = Fra
ui-export-to = Til
ui-export-format = Format
ui-export-decimal-comma = Desimalkomma (for regneark på svensk, norsk, dansk, finsk eller tysk)
ui-export-save = Eksporter…
ui-export-done = Eksporterte { $orders } ordrer til { $path }.
## Feil (etter sin stabile kode)
error-invalid = Kontroller dette feltet.
error-not_found = Det finnes ikke lenger i registeret.
error-duplicate = Det finnes allerede.
error-conflict = Noen andre har endret det i mellomtiden.
error-refused = Det går ikke nå.
error-no_register = Det finnes ikke noe register her.
error-not_a_register = Filen er ikke et Kundvakt-register.
error-register_too_new = Registeret er laget av en nyere Kundvakt.
error-register_locked = Registeret er kryptert: skriv inn passordfrasen.
error-wrong_passphrase = Feil passordfrase. Ingenting ble endret.
error-unreachable = Databaseserveren kan ikke nås.
error-file = Filen kunne ikke skrives.
error-audit_broken = Revisjonsloggen er brutt.
error-database = Det oppstod en databasefeil.
error-migrate = Registeret kunne ikke oppgraderes.
error-internal = Noe gikk galt i Kundvakt.

## The defaults a new register starts with (the shop edits them)
default-processor-platform = Leverandør av nettbutikkplattformen
default-purpose-platform = Nettbutikkplattform og drift av kundekontoer og bestillinger
default-purpose-analytics = Statistikk over nettstedet med informasjonskapsler
default-purpose-pixel = Annonsering med Facebook-pikselen
default-purpose-klarna = Betaling og fakturering; håndterer kort- og betalingsopplysninger
default-purpose-payex = Kortbetalinger; håndterer kortopplysningene
default-safeguards-us = EU–US Data Privacy Framework; standard personvernbestemmelser
