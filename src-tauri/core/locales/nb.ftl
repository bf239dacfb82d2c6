# Kundvakt: norsk bokmål. Hver nøkkel finnes også i en.ftl og sv.ftl (en test sjekker det).

## Felles for alle dokumenter
doc-generated = Laget { $date }
doc-times-zone = Tidspunkter er oppgitt etter butikkens klokke ({ $zone }).
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
access-title-nameless = Dine personopplysninger
access-subject = Innsyn etter artikkel 15 i personvernforordningen (GDPR)
access-intro = Vi bekrefter at vi behandler personopplysninger om deg. Denne rapporten er en kopi av alle personopplysninger vi har om deg, med hva vi bruker dem til, på hvilket rettslig grunnlag, hvor de kommer fra, hvem som mottar dem og hvor lenge vi lagrer dem.
access-request = Din forespørsel { $id }, mottatt { $received }
access-no-request = Innsyn uten registrert forespørsel
access-customer = Kunde { $number }
access-category-empty = Vi har ingen opplysninger om deg i denne kategorien.
access-free-copy = Denne første kopien er gratis (GDPR art. 15 nr. 3).
access-past-due = En opplysning merket «skal slettes» har passert slutten av tiden vi lagrer den, og vil bli slettet (GDPR art. 5 nr. 1 bokstav e).
portability-title = Dine opplysninger fra { $controller } som du kan ta med deg
portability-subject = Dataportabilitet etter artikkel 20 i personvernforordningen (GDPR)

section-purpose = Formål
section-legal-basis = Rettslig grunnlag
section-interest = Vår berettigede interesse
section-source = Kilde
section-recipients = Mottakere
section-retention = Hvor lenge vi lagrer
section-transfers = Overføring utenfor EU/EØS
transfers-none = Nei
web-activity-stopped = Siden { $since } registrerer vi ikke lenger aktiviteten din på nettstedet vårt: du protesterte mot det (personvernforordningen artikkel 21 nr. 1).
access-merged = Du var registrert hos oss to ganger: opplysningene under kundenummer { $number } ble slått sammen med denne kunden { $date } og er med i denne rapporten.
access-merged-kept = Fram til { $date } lagrer vi også opplysningene som ble gitt under kundenummer { $number } slik de var da opplysningene ble slått sammen, slik at de kan skilles igjen om det viser seg å gjelde to personer; deretter slettes de:
access-merged-kept-title = Opplysninger som lagres for å kunne angre sammenslåingen
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
basis-legal_obligation = En rettslig forpliktelse (art. 6 nr. 1 bokstav c)
basis-legal_obligation-bookkeeping = En rettslig forpliktelse, bokføringsloven (art. 6 nr. 1 bokstav c)
basis-legal_obligation-requests = En rettslig forpliktelse: å besvare forespørslene dine og kunne vise at vi har gjort det (art. 6 nr. 1 bokstav c, jf. art. 12 og 5 nr. 2)
basis-legitimate_interest = Vår berettigede interesse, etter en dokumentert interesseavveining (art. 6 nr. 1 bokstav f)

## Kilder
source-data_subject = Du har gitt dem til oss
source-observed = Registrert da du brukte nettstedet vårt
source-shop = Laget av oss i forbindelse med kjøpene dine

## Hvor lenge vi lagrer
retention-identity_contact = Så lenge du er kunde; en konto uten aktivitet slettes { $months } måneder etter siste aktivitet.
retention-purchase_history = Så lenge bokføringsloven krever ({ $law }).
retention-invoices = Så lenge bokføringsloven krever ({ $law }).
retention-communications = { $months } måneder etter at saken ble avsluttet. Et notat som dokumenterer et kjøp eller en avtale (en avgjort reklamasjon, en avtalt endring), oppbevares så lenge bokføringsloven krever for slik korrespondanse ({ $law }), hvis det er lenger.
retention-web_activity = { $months } måneder.
retention-consents = Så lenge samtykket gjelder; beviset for det { $months } måneder etter at du trakk det tilbake.
retention-events = { $months } måneder etter arrangementet.
retention-requests = { $months } måneder etter at forespørselen ble avsluttet.
retention-dated-purchase_history = Datoen står ved hver bestilling.
retention-dated-invoices = Datoen står ved hver faktura.
retention-dated-communications = Datoen står ved hvert notat.
kept-open-consent_stands = så lenge samtykket gjelder
kept-open-matter_open = så lenge saken pågår
kept-open-request_open = så lenge forespørselen pågår
kept-past-due = { $date }, skal slettes
kept-past-legal_hold = { $date }, lagres lenger for et rettskrav
kept-past-restriction = { $date }, lagres mens behandlingen er begrenset
kept-past-request = { $date }, lagres til en forespørsel fra deg er besvart

## Felt og kolonner
field-name = Navn
field-email = E-post
field-phone = Telefon
field-address = Postadresse
field-country = Land
field-language = Språk
field-customer-number = Kundenummer
field-shop-numbers = Nummer i nettbutikken
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
col-time = Tid
col-ip = IP-adresse
col-action = Hendelse
web-action-login = Logget inn
web-action-logout = Logget ut
web-action-page_view = Så på en side
web-action-view_product = Så på et produkt
web-action-view_order = Så på en bestilling
web-action-add_to_cart = La noe i handlekurven
web-action-remove_from_cart = Tok noe ut av handlekurven
web-action-checkout = Gikk til kassen
web-action-purchase = Gjorde et kjøp
web-action-search = Søkte i butikken
web-action-download_data = Lastet ned opplysningene sine
web-action-update_address = Endret adressen
web-action-change_password = Byttet passord
web-action-reset_password = Tilbakestilte passordet
web-action-create_account = Opprettet en konto
web-action-newsletter_signup = Meldte seg på nyhetsbrevet
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
col-breach = Brudd
col-aware = Ble kjent med det
col-rule = Regel
# A retention rule that is the shop's own setting, named as in the settings.
rule-setting = Innstilling: { $setting }
rule-period = { $rule } ({ $months ->
    [one] én måned
   *[other] { $months } måneder
})
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
export-col-status = Status
export-col-invoice = Faktura
export-col-kind = Type
export-col-issued = Utstedt
export-col-due = Forfall
export-col-credits = Krediterer
trail-col-seq = Nr.
trail-col-time = Tid
trail-col-by = Av
trail-col-action = Hendelse
trail-col-what = Hva
trail-col-record-kind = Type post
trail-col-record = Post
trail-col-customer = Kunde
trail-col-before = Kontrollsum før
trail-col-after = Kontrollsum etter
trail-col-previous = Forrige posts hash
trail-col-hash = Hash
trail-col-time-utc = Tid (UTC, som hashet)
trail-col-entity = Entitet (som hashet)
trail-col-entity-id = Entitetens id (som hashet)
trail-col-customer-id = Kundens id (som hashet)
requests-col-number = Nr.
requests-col-customer = Kunde
requests-col-name = Navn
requests-col-kind = Type forespørsel
requests-col-state = Tilstand
requests-col-channel = Mottatt via
requests-col-received = Mottatt
requests-col-due = Frist (én måned)
requests-col-extended-to = Forlenget til
requests-col-extension-reason = Grunn til forlengelsen
requests-col-days-left = Dager igjen
requests-col-verified-on = Identitet kontrollert
requests-col-verified-how = Hvordan identiteten ble kontrollert
requests-col-answered-on = Besvart
requests-col-refusal-reason = Grunn til avslag
requests-col-closed-on = Avsluttet

## SIE 4-bilag (kontonavn og bilagstekster i filen)
sie-account-receivable = Kundefordringer
sie-account-sales = Salg, { $rate } % mva
sie-account-vat = Utgående mva, { $rate } %
sie-order = Ordre { $number }, kunde { $customer }
sie-credit-note = Kreditnota { $number } for { $credits }, ordre { $order }

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
ui-search-placeholder = Navn, e-post, telefon, kunde- eller ordrenummer
ui-customers-count =
    { $count ->
        [one] { $count } kunde
       *[other] { $count } kunder
    }
ui-search-count = { $count } treff
ui-search-merged-address = { $email } var adressen til kunde { $number }, som ble slått sammen med { $into } { $date }
ui-search-voucher-order = ordre { $number } tilhører kunde { $customer }
ui-search-voucher-invoice = faktura { $number } tilhører kunde { $customer }
ui-no-results = Ingen kunder passer.
ui-search-erased = Ingen kunde har denne e-postadressen nå: kunde { $number } hadde den og ble slettet { $when }. Opplysningene loven krever at vi tar vare på, ligger under pseudonymet { $pseudonym }.
ui-search-erased-request = Ingen kunde har denne e-postadressen nå: kunde { $number } hadde den og ble slettet { $when }, for forespørsel { $request }. Opplysningene loven krever at vi tar vare på, ligger under pseudonymet { $pseudonym }.
ui-search-erased-number = Kunde { $number } ble slettet { $when }. Opplysningene loven krever at vi tar vare på, ligger under pseudonymet { $pseudonym }.
ui-search-erased-number-request = Kunde { $number } ble slettet { $when }, for forespørsel { $request }. Opplysningene loven krever at vi tar vare på, ligger under pseudonymet { $pseudonym }.
ui-search-erased-open = Vis det som oppbevares
ui-choose-customer = Velg en kunde i listen.
ui-loading = Laster…
ui-details = Opplysninger
ui-save = Lagre
ui-saved = Lagret.
ui-unchanged = Ingenting ble endret: opplysningene er de som allerede er lagret.
ui-corrected-tell = Lagret. Hvis de har mottatt de gamle opplysningene, varsle dem om rettingen (art. 19): { $names }.
ui-removed-tell = Lagret. Hvis de har mottatt de fjernede opplysningene, varsle dem om slettingen (art. 19): { $names }.
ui-cancel = Avbryt
ui-reload = Last inn på nytt
ui-conflict = Noen andre endret kunden mens du redigerte. Last inn på nytt for å se endringene deres, og rediger så igjen.
ui-report-pdf = Innsyn (PDF)
ui-report-json = Innsyn (JSON)
ui-report-preview = Forhåndsvis innsynsrapporten
ui-back = Tilbake
ui-portability = Dataportabilitet (JSON)
ui-erasure-confirmation-pdf = Slettebekreftelse (PDF)
ui-erasure-confirmation-json = Slettebekreftelse (JSON)
ui-receipt = Bekreftelse (PDF)
ui-notice = Melding (PDF)
ui-nothing-held-letter = Svar (PDF)
ui-notice-owed = Forespørsel { $id }: personen skal varsles, med begrunnelsen (GDPR art. 12 nr. 3 og 4).
ui-records-pdf = Protokoll over behandlingen (PDF)
ui-records-json = Protokoll over behandlingen (JSON)
ui-privacy-title = Personvernerklæring
ui-privacy-hint = Det du forteller alle du samler inn personopplysninger om (GDPR art. 13 og 14), laget ut fra protokollen over behandlingsaktiviteter ovenfor: hva de brukes til, med hvilket rettslig grunnlag, hvem som mottar dem, hvor lenge du lagrer dem, og rettighetene deres. Legg HTML-filen på nettbutikkens personvernside, og del ut PDF-en der du samler inn opplysninger på stedet. Velg språket den skrives på ved siden av knappene: en butikk som selger til utlandet, publiserer én for hvert.
ui-privacy-pdf = Personvernerklæring (PDF)
ui-privacy-html = Personvernerklæring (HTML, for nettbutikken)
ui-privacy-language = Skrevet på
ui-privacy-dated = Erklæringen er datert { $changed }: den siste endringen i innstillingene og protokollen over behandlingsaktiviteter den lages ut fra.
ui-privacy-saved = Sist lagret { $date } av { $who }.
ui-privacy-outdated = Det erklæringen lages ut fra, ble endret { $changed }, etter at den sist ble lagret ({ $date }, av { $who }): lagre den på nytt og publiser den, slik at det folk leser, er det butikken gjør (GDPR art. 12 nr. 1, 13).
ui-processor-add = Legg til en databehandler eller mottaker
ui-settings-assessments = Interesseavveininger
ui-settings-assessments-hint = Der butikken bygger på sin berettigede interesse (art. 6 nr. 1 f), veier den interessen mot kundenes og skriver ned avveiningen. Protokollen over behandlingsaktiviteter skriver dem ut.
ui-assessment-add = Legg til en avveining
ui-assessment-edit = Endre avveiningen
ui-assessment-author-blank = Tomt: navnet du arbeider under
ui-settings-categories = Kategorier av opplysninger
ui-settings-categories-hint = Hvorfor butikken behandler hver slags opplysninger, på hvilket rettslig grunnlag (art. 6 nr. 1) og hvor de kommer fra. Innsynsrapporten og protokollen over behandlingsaktiviteter skrives ut fra dette. Et formål som står tomt, er Kundvakts formulering, på dokumentets språk.
ui-category-purpose = Formål for { $category }
ui-category-basis = Rettslig grunnlag for { $category }
ui-category-source = Kilde for { $category }
ui-col-category = Kategori
ui-col-legal-basis = Rettslig grunnlag
ui-col-source = Kilde
ui-basis-consent = Samtykke (art. 6 nr. 1 a)
ui-basis-contract = Avtale (art. 6 nr. 1 b)
ui-basis-legal_obligation = Rettslig forpliktelse (art. 6 nr. 1 c)
ui-basis-legitimate_interest = Berettiget interesse (art. 6 nr. 1 f)
ui-source-data_subject = Fra kunden
ui-source-observed = Observert (nettsted)
ui-source-shop = Laget av butikken
ui-unassessed = Disse bygger på berettiget interesse, men ingen interesseavveining dekker dem: { $categories }. Skriv en nedenfor, eller kryss dem av i den som veier dem (art. 6 nr. 1 f, 5 nr. 2).
ui-assessment-categories-hint = Opplysningene behandlingen gjelder; ingen hvis den ligger utenfor registeret (et kamera i butikken).
ui-processor-edit = Endre databehandler eller mottaker
ui-edit = Endre
ui-remove = Fjern
ui-shop-numbers-hint = Nettbutikken kan kjenne kunden under et annet nummer enn registerets, for eksempel om kunden ble lagt inn her før butikkens første fil. En import lagrer et slikt nummer, og butikkens neste fil finner kunden med det, uansett hvilken e-postadresse den oppgir da.
ui-shop-number-add = Legg til et nummer i nettbutikken
field-shop-number = Nummer i nettbutikken
ui-shop-number-remove = Fjern { $number }
ui-shop-number-removed = { $number } er ikke lenger et av kundens nummer i nettbutikken.
ui-report-saved = Lagret { $path }
ui-new-request = Registrer en forespørsel…
ui-request-received-on = Mottatt den
ui-request-log = Registrer forespørselen
ui-request-logged = Forespørsel { $id } er registrert; fristen er { $due }.
ui-request-kind = Type forespørsel
ui-open = Registrer
ui-history = Historikk
ui-history-action = Endring
ui-history-actor = Av
audit-action-register-init = Registeret opprettet
audit-action-audit-purge = Revisjonssporets eldste poster fjernet
audit-action-register-passphrase = Passordfrase satt eller endret
audit-action-register-backup = Sikkerhetskopi tatt
audit-action-register-restore = Gjenopprettet fra sikkerhetskopi
audit-action-register-moved = Registeret flyttet hit
audit-action-register-moved-away = Registeret flyttet til et delt register
audit-action-register-taken-back = Registeret hentet tilbake fra det delte
audit-action-settings-set = Innstilling endret
audit-action-category-edit = Kategoriens behandling endret
audit-action-processor-add = Mottaker lagt til
audit-action-processor-edit = Mottaker endret
audit-action-processor-remove = Mottaker fjernet
audit-action-assessment-add = Vurdering dokumentert
audit-action-assessment-edit = Vurdering revidert
audit-action-assessment-remove = Vurdering trukket tilbake
audit-action-customer-add = Kunde lagt til
audit-action-customer-edit = Opplysninger rettet
audit-action-customer-shop-number = Nettbutikkens nummer lagret
audit-action-customer-shop-number-remove = Nettbutikkens nummer fjernet
audit-action-customer-restrict = Behandling begrenset
audit-action-customer-unrestrict = Begrensning opphevet
audit-action-customer-erase = Kunde slettet
audit-action-customer-merge = Kunder slått sammen
audit-action-customer-unmerge = Sammenslåing angret
audit-action-order-add = Ordre lagt til
audit-action-order-status = Ordrestatus endret
audit-action-invoice-add = Faktura lagt til
audit-action-interaction-add = Notat lagt til
audit-action-interaction-edit = Notat endret
audit-action-interaction-close = Sak avsluttet
audit-action-interaction-erase = Notat slettet
audit-action-interaction-move = Notat flyttet til en annen kunde
audit-action-web-event-add = Nettaktivitet registrert
audit-action-web-event-erase = Nettaktivitet slettet
audit-action-web-event-stop = Registrering av nettaktivitet stoppet (protest)
audit-action-web-event-resume = Registrering av nettaktivitet gjenopptatt
audit-action-consent-give = Samtykke gitt
audit-action-consent-withdraw = Samtykke trukket tilbake
audit-action-event-registration-add = Påmeldt arrangement
audit-action-event-registration-status = Påmelding endret
audit-action-event-registration-erase = Påmelding slettet
audit-action-request-open = Forespørsel mottatt
audit-action-request-verify = Identitet bekreftet
audit-action-request-start = Arbeidet startet
audit-action-request-extend = Fristen forlenget
audit-action-request-answer = Besvart
audit-action-request-refuse = Avslått
audit-action-request-close = Avsluttet
audit-action-request-link = Koblet til kunden den gjelder
audit-action-document-generate = Dokument laget
audit-action-hold-add = Rettslig bevaring innført
audit-action-hold-lift = Rettslig bevaring opphevet
audit-action-hold-erase-on-lift = Sletting utsatt til en rettslig bevaring oppheves
audit-action-retention-sweep-start = Sletterunde startet
audit-action-retention-sweep-batch = Sletterunde: oppføringer slettet
audit-action-retention-sweep-finish = Sletterunde fullført
audit-action-retention-sweep-resume = Avbrutt sletterunde gjenopptatt
audit-action-retention-sweep-abandon = Avbrutt sletterunde forlatt
audit-action-import-run = Fil importert
audit-action-export-orders = Ordrer eksportert
audit-action-export-invoices = Fakturaer eksportert
audit-action-export-audit-trail = Revisjonsloggen eksportert
audit-action-export-requests = Logg over forespørsler eksportert
audit-action-export-consents = Utsendelsesliste for et samtykke lagret
audit-action-breach-record = Brudd på personopplysningssikkerheten registrert
audit-action-breach-notify = Bruddet meldt til tilsynsmyndigheten
audit-action-breach-inform = De berørte varslet om bruddet
audit-action-breach-update = Opplysninger om bruddet oppdatert
audit-action-breach-close = Bruddet avsluttet
audit-action-breach-concern = Kunder berørt av et brudd endret
audit-action-breach-link = Knyttet til et brudd på personopplysningssikkerheten
audit-action-breach-unlink = Ikke lenger knyttet til et brudd på personopplysningssikkerheten
audit-action-breach-recipients = Adresseliste over kundene et brudd gjelder lagret
audit-action-privacy-notice-save = Personvernerklæring lagret
document-kind-access = Innsynsrapport
document-kind-portability = Dataportabilitetseksport
document-kind-receipt = Bekreftelse på mottatt forespørsel
document-kind-notice = Melding om forlengelse eller avslag
document-kind-erasure = Slettebekreftelse
document-kind-processing = Protokoll over behandlingsaktiviteter
document-kind-sweep = Oppsummering av sletterunde
document-kind-breaches = Oversikt over brudd på personopplysningssikkerheten
document-kind-breach-letter = Brev om et brudd på personopplysningssikkerheten
ui-requests-title = Forespørsler om personopplysninger
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
ui-verify-how = Hvordan identiteten ble bekreftet
ui-verify-how-example = BankID; e-postadressen i registeret; legitimasjon i butikken
ui-answer-documents = Sendt: { $documents }
ui-reason = Begrunnelse
ui-answer-text = Svar som ble gitt
ui-request-show = Vis forespørsel { $id }
ui-request-title = Forespørsel { $id }: { $kind }
ui-request-customer = Kunde
ui-request-channel = Mottatt via
ui-request-deadline = Frist
ui-request-first-deadline = Første frist (én måned)
ui-request-extended = Forlenget til
ui-request-extension-reason = Grunn til forlengelsen
ui-request-verified = Identitet bekreftet
ui-request-started = Arbeidet startet
ui-request-answered = Besvart
ui-request-refused = Grunn til avslaget
ui-request-closed = Avsluttet
ui-request-steps = Steg
ui-request-documents = Dokumenter laget
ui-request-no-documents = Ingen dokumenter er laget for denne forespørselen ennå.
ui-request-documents-hint = Et dokument som lages her, registreres under forespørselen med sin SHA-256-sjekksum, som senere viser hvilken fil personen fikk.
ui-request-verify-first = Bekreft personens identitet før du utleverer opplysningene (GDPR art. 12 nr. 6).
ui-request-erased-answer = Kunde { $customer } er slettet: ingenting av kunden er igjen å redegjøre for utenom det loven krever at vi tar vare på. Slettebekreftelsen sier hva som ble slettet og hva som oppbevares, og hvor lenge; laget her besvarer den denne forespørselen.
ui-request-erased-other = Kunde { $customer } ble slettet { $date }: ingenting av kunden er igjen å rette, slette, begrense eller bruke utenom det loven krever at vi tar vare på, som allerede er begrenset (GDPR art. 18 nr. 2) og bare brukes til den plikten. Besvar forespørselen med det, innen fristen (art. 12 nr. 4); slettebekreftelsen, laget her, sier hva som oppbevares og hvor lenge, og sendes med svaret.
ui-request-erased-for-it = Kunde { $customer } ble slettet for denne forespørselen { $date }. Slettebekreftelsen, laget her, sier hva som ble slettet og hva loven krever at vi tar vare på, og hvor lenge; send den med svaret.
ui-request-person = Registrer en forespørsel fra noen som ikke er i registeret…
ui-search-log-request = Registrer forespørselen deres…
ui-request-person-title = En forespørsel fra noen som ikke er i registeret
ui-request-person-hint = Ingen kunde har det personen oppga. Personen skal likevel få svar innen en måned: om ikke annet at ingen personopplysninger om personen behandles (GDPR art. 15 nr. 1). Oppgi hvem personen er og hvordan du når den, slik personen skrev.
ui-requester = Hvem som spurte
ui-requester-example = Navn, og hvordan vi når personen
ui-requester-language = Brev til personen på
ui-requester-cell = { $who } (ikke kunde)
ui-request-erased-customer = Slettet kunde { $number }
ui-request-without-customer = Ingen kunde
ui-request-no-customer = Registeret har ingen kunde for denne personen. Søk i det etter hvert navn, hver e-postadresse og hvert nummer personen har oppgitt: er ett av dem personens, koble forespørselen til den kunden her. Er ingen det, svar at ingen personopplysninger om personen behandles (GDPR art. 15 nr. 1).
ui-request-link = Koble til kunden
ui-request-linked = Forespørsel { $id } er nå kunde { $customer }s.
ui-request-candidates = Søkte etter { $searched }. Fant, kanskje samme person:
ui-request-no-candidates = Søkte etter { $searched }: ingen kunde funnet.
ui-request-link-to = Koble til { $customer }
ui-customer-number-needed = Oppgi kundenummeret.
ui-identity-pending = Forespørsel { $id }, { $kind }, venter på at personens identitet bekreftes: bekreft den før du utleverer opplysningene eller handler på forespørselen (GDPR art. 12 nr. 6).
ui-request-for = Lagret { $path } for forespørsel { $id }.
ui-col-document = Dokument
ui-col-format = Format
ui-col-language = Språk
ui-col-digest = SHA-256
ui-settings-title = Innstillinger
ui-settings-problems = Disse innstillingene holder ikke slik de står: rett dem ved feltene.
ui-customer-problems = Disse opplysningene ble lagret før dagens kontroller og holder ikke slik de står: rett dem ved feltene og lagre.
ui-settings-controller = Butikken (behandlingsansvarlig)
ui-settings-law = Land og regnskapsår
ui-settings-retention = Lagringstider (måneder)
ui-settings-documents = Dokumenter
ui-settings-processors = Databehandlere og mottakere
ui-welcome-title = Velkommen til Kundvakt
ui-welcome-text = Registeret ditt er tomt. Hent inn kundene og ordrene dine fra nettbutikkens eksport, prøv Kundvakt med en demobutikk, eller begynn med din første egen kunde.
ui-welcome-country-hint = Kundvakt oppbevarer ordrer så lenge landets bokføringslov krever, regner frister forbi helligdagene der og oppgir tilsynsmyndigheten. Du kan endre det senere under Innstillinger.
ui-welcome-language-hint = Språket i dokumentene du gir til personer, og for hver ny kunde med mindre du velger kundens eget.
ui-welcome-demo = Prøv demobutikken
ui-welcome-add = Legg til min første kunde
ui-welcome-import = Importer fra nettbutikken min
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
ui-col-time = Tid
ui-closed-on = Saken avsluttet
ui-close-matter = Avslutt saken
ui-note-bookkeeping = Dokumenterer et kjøp eller en avtale (oppbevares etter bokføringsloven)
ui-note-bookkeeping-mark = Oppbevares etter bokføringsloven
ui-correct = Rett
ui-erase-record = Slett
ui-note-erase-confirm = Slette dette notatet for forespørsel { $request }? Teksten forsvinner for godt; forespørselen beholder bare at notatet fra { $when } ({ $channel }) ble slettet (personvernforordningen artikkel 17).
ui-note-erase-yes = Slett notatet
ui-note-erased = Notatet slettet for forespørsel { $request }. Besvar forespørselen når alt personen ba om, er slettet.
ui-note-move = Flytt
ui-note-move-to = Under feil kunde? Riktig kunde (kundenummer)
ui-note-move-yes = Flytt notatet
ui-note-moved = Notatet flyttet til kunde { $customer }; begge kundenes historikk registrerer det.
ui-note-moved-tell = Notatet flyttet til kunde { $customer }; begge kundenes historikk registrerer det. Hvis de har mottatt notatet, varsle dem om flyttingen (art. 19): { $names }.
ui-signup-erase-confirm = Slette denne påmeldingen for forespørsel { $request }? Den forsvinner for godt; forespørselen beholder bare at en påmelding til { $date } ble slettet (personvernforordningen artikkel 17).
ui-signup-erase-yes = Slett påmeldingen
ui-signup-erased = Påmeldingen slettet for forespørsel { $request }. Besvar forespørselen når alt personen ba om, er slettet.
ui-web-erase = Slett nettaktiviteten
ui-web-erase-confirm =
    Slette nettaktiviteten fra { $first } til { $last } ({ $events ->
        [one] { $events } hendelse
       *[other] { $events } hendelser
    }), med IP-adressene, for forespørsel { $request }? Den forsvinner for godt; forespørselen beholder bare hvor mange hendelsene var og når (personvernforordningen artikkel 17).
ui-web-erase-held =
    { $held ->
        [one] Én hendelse blir værende: en rettslig bevaring beholder den (GDPR art. 17 nr. 3 bokstav e). Avslå den delen av begjæringen med denne grunnen.
       *[other] { $held } hendelser blir værende: en rettslig bevaring beholder dem (GDPR art. 17 nr. 3 bokstav e). Avslå den delen av begjæringen med denne grunnen.
    }
ui-web-erase-yes = Slett nettaktiviteten
ui-web-erased = Nettaktiviteten slettet for forespørsel { $request }. Besvar forespørselen når alt personen ba om, er slettet.
ui-web-event-erase-confirm = Slette besøket { $time } fra { $ip } ({ $action }) alene, for forespørsel { $request }? Det er borte for godt, og en nettlogg som importeres på nytt, henter det ikke tilbake; forespørselen beholder bare at én hendelse ble slettet, og når den var (personvernforordningen artikkel 17).
ui-web-event-erase-yes = Slett besøket
ui-web-event-erased = Besøket er slettet for forespørsel { $request }. Besvar forespørselen når alt personen ba om, er slettet.
ui-web-stop = Slutt å registrere kundens nettaktivitet…
ui-web-stop-confirm = Slutte å registrere nettaktiviteten til kunde { $customer }, slik protesten (forespørsel { $request }) ber om (GDPR art. 21 nr. 1)? Fra nå av hoppes en nettlogg sine rader om kunden over, til du registrerer den igjen. Det som allerede er registrert, blir liggende til du sletter det.
ui-web-stop-yes = Slutt å registrere
ui-web-stop-recipients = Nettstedet sender også besøkene deres til { $names } (protokollen over behandlingsaktiviteter): sørg for at de også slutter å behandle dem for denne personen (GDPR art. 21 nr. 1).
ui-web-stopped-done = Kundens nettaktivitet registreres ikke lenger (forespørsel { $request }). Slett også det som er registrert hvis kunden ba om det, og besvar så forespørselen.
ui-web-stopped = Registreres ikke siden { $since }: kunden protesterte (forespørsel { $request }, GDPR art. 21 nr. 1).
ui-web-stopped-no-request = Registreres ikke siden { $since }: kunden protesterte (GDPR art. 21 nr. 1).
ui-web-resume = Registrer igjen…
ui-web-resume-confirm = Registrere nettaktiviteten til kunde { $customer } igjen? Gjør det bare hvis kunden har trukket protesten tilbake, eller den ble registrert ved en feil.
ui-web-resume-yes = Registrer igjen
ui-web-resumed = Kundens nettaktivitet registreres igjen.
ui-maybe-same = Kan være samme person: er noen av dem det, skal en kopi av opplysningene eller en sletting også omfatte den kunden (GDPR art. 15, 17). Kontroller det mot identiteten du har bekreftet.
ui-maybe-same-log = Registrer forespørsel { $id } ({ $kind }) også for dem
ui-maybe-same-logged = Forespørsel { $request } registrert også for { $number }, som forespørsel { $id }: frist { $due }, slik den kom inn.
ui-maybe-same-more = { $more ->
        [one] Én til er ikke nevnt her: søk etter den på telefonnummeret eller navnet.
       *[other] { $more } til er ikke nevnt her: søk etter dem på telefonnummeret eller navnet.
    }
ui-merge = Slå sammen med denne kunden…
ui-merge-question = { $name } ({ $number }) slås sammen med denne kunden: bestillingene, notatene, nettaktiviteten, samtykkene, påmeldingene og forespørslene deres flyttes hit, opplysninger denne kunden mangler hentes fra deres, og nummeret { $number } finner denne kunden fra nå av.
ui-merge-moves = Dette flyttes hit: bestillinger { $orders }, notater { $notes }, nettaktiviteter { $web }, samtykker { $consents }, kurspåmeldinger { $signups }, forespørsler { $requests }.
ui-merge-warning = Slå bare sammen en kunde dere, ut fra identiteten dere har kontrollert, har funnet å være samme person. Det kan angres i tretti dager.
ui-merge-yes = Slå sammen
ui-merged = { $name } ({ $number }) er slått sammen med denne kunden: opplysningene deres er her nå.
ui-merged-not-kept = Ikke beholdt av deres, siden denne kunden har egne: { $fields }.
ui-merged-tell = Hvis de har mottatt opplysningene om en av kundene, fortell dem at de to er én (GDPR art. 19): { $names }.
ui-merged-number = slått sammen med denne kunden { $date }
ui-unmerge = Angre sammenslåing…
ui-unmerge-until = kan angres til og med { $date }
ui-merged-number-removed = ikke lenger et av kundens nummer i nettbutikken
ui-unmerge-question = Angre sammenslåingen av { $number }? Postene sammenslåingen flyttet hit, går tilbake til { $number }, med opplysningene deres; opplysningene denne kunden fikk fra deres, er som før, med mindre de er endret siden; det som er lagt til her siden, blir her.
ui-unmerge-moves = Dette går tilbake til { $number }: bestillinger { $orders }, notater { $notes }, nettaktiviteter { $web }, samtykker { $consents }, kurspåmeldinger { $signups }, forespørsler { $requests }.
ui-unmerge-details = Opplysningene deres igjen: { $details }.
ui-unmerge-reverted = Av denne kundens opplysninger blir disse som før sammenslåingen, som fylte dem ut: { $fields }.
ui-unmerge-yes = Angre sammenslåing
ui-unmerged = { $number } er en egen kunde igjen: det sammenslåingen flyttet, har gått tilbake til dem.
ui-unmerged-tell = Hvis de har mottatt opplysningene om en av kundene, fortell dem at de to er to personer (GDPR art. 19): { $names }.
ui-merged-away = Slått sammen med kunde { $number } ({ $name }) { $date } av { $by }: alt registeret hadde om denne kunden, er den kundens nå.
ui-merged-away-open = Åpne { $number }
ui-merge-other = Slå sammen en annen kunde med denne…
ui-merge-title = Slå sammen en annen kunde med { $name }
ui-merge-intro = En person som har handlet med to e-postadresser, er to kunder. Oppgi den andre kundens nummer (eller et nettbutikknummer for dem); dere ser hvem det er før noe slås sammen.
ui-merge-number = Den andre kundens nummer
ui-merge-find = Fortsett
likeness-phone = samme telefonnummer
likeness-name_and_postal_code = samme navn og postnummer
likeness-name_and_city = samme navn og sted
ui-hold-back = Slett når bevaringen oppheves
ui-held-back = Beholdes av den rettslige bevaringen inntil videre: det slettes etter forespørsel { $request } når bevaringen oppheves. Avslå den delen av forespørselen med den grunnen.
ui-text-version-example = for eksempel nyhetsbrev-2025-01
ui-time-needed = Oppgi dato og klokkeslett.
ui-sign-up = Meld på et kurs eller arrangement…
ui-invoice-add = Registrer en faktura eller purring…
ui-credit-note-add = Registrer en kreditnota…
ui-order-add = Registrer en ordre…
ui-order-saved = Ordre { $number } registrert: { $total }.
ui-order-totals = Blir { $total }, herav mva. { $vat }.
ui-order-sheet = Ordre { $number }
ui-order-sheet-vouchers = Fakturaer, purringer og kreditnotaer for ordre { $number }
ui-order-kept-until = Lagres til og med { $date } etter { $rule }.
ui-order-kept-past-due = Den dagen er passert: neste sletting sletter ordren med fakturaene.
ui-order-kept-past-by = Den dagen er passert; ordren holdes tilbake av: { $keeper }.
ui-line-description = Hva
ui-line-quantity = Antall
ui-line-unit-price = Stykkpris inkl. mva.
ui-line-vat-rate = Mva. %
ui-line-add = Legg til en linje
col-currency = Valuta
ui-payment-reference = Betalingsreferanse
ui-total-of-lines = summen av linjene
ui-issued = Utstedt
ui-credits = Krediterer faktura
ui-date-needed = Oppgi dato.
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
ui-date-format = ÅÅÅÅ-MM-DD
ui-moment-format = ÅÅÅÅ-MM-DD tt:mm
ui-date-unreadable = Ikke en dato: skriv den som { $format }, for eksempel { $example }, eller med dagen først (7.12.2026).
ui-calendar = Kalender
ui-calendar-previous = Forrige måned
ui-calendar-next = Neste måned
ui-weekday-1 = ma
ui-weekday-2 = ti
ui-weekday-3 = on
ui-weekday-4 = to
ui-weekday-5 = fr
ui-weekday-6 = lø
ui-weekday-7 = sø
setting-country = Land der loven gjelder
setting-fiscal_year_start_month = Regnskapsåret begynner i
setting-first_fiscal_year_end = Første regnskapsår slutter
setting-changed_fiscal_years = Omlagte regnskapsår
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
setting-order-series = Nummer på ordre tatt imot direkte begynner med
setting-invoice-series = Fakturanummer begynner med
setting-backup-keep = Automatiske sikkerhetskopier som beholdes
setting-backup-folder = Mappe for automatiske sikkerhetskopier (tom: ved siden av registeret)
ui-settings-backups = Sikkerhetskopier
ui-settings-history = Endringer i innstillingene
ui-settings-history-none = Ingen endring i innstillingene er registrert.
col-setting = Innstilling
col-value = Verdi
setting-sie-series = Bilagsserie i regnskapsprogrammet
setting-sie-account-receivable = Konto: kundefordringer
setting-sie-account-sales_25 = Konto: salg, 25 % mva
setting-sie-account-sales_12 = Konto: salg, 12 % mva
setting-sie-account-sales_6 = Konto: salg, 6 % mva
setting-sie-account-sales_0 = Konto: salg uten mva
setting-sie-account-vat_25 = Konto: utgående mva 25 %
setting-sie-account-vat_12 = Konto: utgående mva 12 %
setting-sie-account-vat_6 = Konto: utgående mva 6 %
ui-settings-sie = Regnskap (SIE 4-eksport)
ui-settings-authority-hint = Tom: myndigheten i butikkens land. En butikk i Tyskland oppgir her myndigheten i sin delstat; inntil da viser dokumentene til oversikten over dem.
ui-settings-fiscal-hint = Er regnskapsåret lagt om (ikke satt feil), oppgi her omleggingsåret med første og siste dag, som 2025-01-01..2025-04-30: årene før det beholder sine slutt, som bokføringsloven regner fra, og årene etter det begynner måneden etter. Et første år lengre enn tolv måneder: dagen det slutter.
ui-settings-fiscal-years = Regnskapsårene rundt omleggingene: { $years }
ui-settings-sie-hint = Kontoene SIE-filen bokfører hvert salg på (den svenske BAS-kontoplanen som standard). Spør regnskapsføreren før du endrer dem.
ui-backup-intro = Før hver import, slettekjøring, sletting og gjenoppretting kopierer Kundvakt registeret til { $folder } og beholder de { $keep } nyeste.
ui-backup-off = Automatiske sikkerhetskopier er slått av: angi hvor mange som skal beholdes (og, for et delt PostgreSQL-register, en mappe).
ui-backup-now = Ta sikkerhetskopi nå…
ui-backup-saved = Sikkerhetskopien er lagret i { $path }.
ui-backups-none = Ingen sikkerhetskopier ennå.
ui-restore = Gjenopprett…
ui-restore-file = Gjenopprett fra en fil…
ui-restore-question = Erstatte registeret med kopien fra { $made } ({ $file })?
ui-restore-question-file = Erstatte registeret med kopien { $file }?
ui-restore-first = En kopi av registeret slik det er nå, tas vare på først. Fra registeret slik det er nå, beholder det gjenopprettede:
ui-restore-kept-erasures = Slettinger gjort etter kopien: de gjøres på nytt, så ingen slettet person kommer tilbake.
ui-restore-kept-numbers = Numrene på fakturaer og ordrer utstedt etter kopien: de brukes ikke på nytt.
ui-restore-kept-records = Rettslige bevaringer, forespørsler, begrensninger, samtykker gitt eller trukket tilbake, kurspåmeldinger, brudd og dokumenter som er registrert etter kopien.
ui-restore-kept-settings = Innstillinger og protokollen over behandlingsaktiviteter som er endret etter kopien, og rettinger folk har bedt om etter kopien.
ui-restore-kept-books = For regnskapet: ordrer som er lagt inn for hånd etter kopien (med kundene de gjaldt), og fakturaer, purringer, kreditnotaer og notater om et kjøp eller en avtale registrert etter den.
ui-restore-as-copy = Alt annet blir som i kopien. Ordrer importert fra nettbutikken etter kopien nevnes etterpå (en ny import av filen henter dem tilbake) og finnes fortsatt i kopien av registeret slik det er nå. I et delt register ser andre datamaskiner kopien med en gang.
ui-restore-passphrase = Kopiens passordfrase, hvis den ble laget under en tidligere
ui-restore-copy-locked = Kopien er kryptert: skriv inn passordfrasen den ble laget med, og gjenopprett igjen.
ui-restore-confirm = Gjenopprett denne kopien
ui-restoring = Kontrollerer kopien og gjenoppretter den…
ui-restored = Gjenopprettet { $file }: revisjonsloggen slutter ved post { $seq }.
ui-restored-breaches = { $count ->
        [one] Ett brudd på personopplysningssikkerheten som ble registrert eller fulgt opp etter sikkerhetskopien, ble beholdt slik registeret hadde det.
       *[other] { $count } brudd på personopplysningssikkerheten som ble registrert eller fulgt opp etter sikkerhetskopien, ble beholdt slik registeret hadde dem.
    }
ui-restored-concerned-lost = Kunder et brudd gjaldt som ble lagt til etter kopien, finnes ikke i den; koblingen deres til bruddet forsvant med dem: { $numbers }.
ui-restored-holds = { $count ->
        [one] Én rettslig bevaring som ble lagt inn eller opphevet etter sikkerhetskopien, ble beholdt slik registeret hadde den.
       *[other] { $count } rettslige bevaringer som ble lagt inn eller opphevet etter sikkerhetskopien, ble beholdt slik registeret hadde dem.
    }
ui-restored-documents = { $count ->
        [one] Ett dokument som ble laget etter sikkerhetskopien, er registrert slik registeret hadde det, med sitt fingeravtrykk.
       *[other] { $count } dokumenter som ble laget etter sikkerhetskopien, er registrert slik registeret hadde dem, med sine fingeravtrykk.
    }
ui-restored-holds-lost = Rettslige bevaringer ble lagt inn etter sikkerhetskopien på poster som kopien ikke har: { $records }.
ui-restored-restrictions-lost = Kunder som ble begrenset etter sikkerhetskopien, finnes ikke i den; hvis en import henter dem tilbake, må de begrenses på nytt: { $numbers }.
ui-restored-consents-lost = Samtykker gitt etter sikkerhetskopien av kunder som det gjenopprettede registeret ikke har: { $numbers }. Hvis de kommer tilbake, registrer samtykket deres på nytt (registeret slik det var før gjenopprettingen, har det).
ui-restored-signups-lost = Påmeldinger til kurs og arrangementer etter sikkerhetskopien fra kunder som det gjenopprettede registeret ikke har: { $numbers }. Hvis de kommer tilbake, registrer påmeldingene deres på nytt (registeret slik det var før gjenopprettingen, har dem).
ui-restored-web-objections = Beholdt slik registeret hadde dem: protester mot registrering av nettaktivitet gjort eller opphevet etter sikkerhetskopien: { $count }.
ui-restored-web-objections-lost = Kunder som protesterte mot registreringen av nettaktiviteten sin etter sikkerhetskopien, finnes ikke i den; hvis en import bringer dem tilbake, stopp registreringen igjen: { $numbers }.
ui-restored-customers-lost = Kunder som kom til etter sikkerhetskopien, finnes ikke i det gjenopprettede registeret: { $numbers }. En ny import av nettbutikkens fil henter tilbake dens egne; legg inn igjen dem du la til for hånd (registeret slik det var før gjenopprettingen, har dem).
ui-restored-customers-lost-imported = Kunder som en import førte inn etter sikkerhetskopien, finnes ikke i det gjenopprettede registeret: { $numbers }. En ny import av den samme filen henter dem tilbake.
ui-restored-customers-lost-by-hand = Kunder du la til for hånd etter sikkerhetskopien, finnes ikke i det gjenopprettede registeret: { $numbers }. Legg dem inn igjen (registeret slik det var før gjenopprettingen, har dem).
ui-restored-orders-lost = Ordrer som ble registrert etter sikkerhetskopien, finnes ikke i det gjenopprettede registeret: { $numbers }.
ui-restored-invoices-lost = Fakturaer som ble registrert etter sikkerhetskopien, finnes ikke i det gjenopprettede registeret: { $numbers }.
ui-restored-vouchers = Beholdt slik registeret hadde dem, for regnskapet (bokføringsloven): ordrer som ble lagt inn for hånd etter sikkerhetskopien: { $orders }; fakturaer, purringer og kreditnotaer: { $invoices }; ordrer med endret status: { $statuses }.
ui-restored-customers = Beholdt med ordrene eller notatene sine, slik registeret hadde dem (et bilag angir kunden sin): kunder som kom til etter sikkerhetskopien: { $numbers }.
ui-restored-notes = { $count ->
    [one] Beholdt slik registeret hadde det, for regnskapet (bokføringsloven): et notat som dokumenterer et kjøp eller en avtale, skrevet etter sikkerhetskopien.
   *[other] Beholdt slik registeret hadde dem, for regnskapet (bokføringsloven): { $count } notater som dokumenterer et kjøp eller en avtale, skrevet etter sikkerhetskopien.
}
ui-restored-notes-lost = Notater som dokumenterer et kjøp eller en avtale, skrevet etter sikkerhetskopien, kunne ikke beholdes her (noen andre har kundens nummer eller e-postadresse); regnskapet må beholde dem, og registeret slik det var før gjenopprettingen, har dem: { $numbers }.
ui-restored-books-lost = Regnskapet må beholde dem (bokføringsloven): registeret slik det var før gjenopprettingen, har dem, og en ny import av nettbutikkens ordreeksport henter ordrene tilbake.
ui-restored-restrictions = { $count ->
        [one] Én begrensning som ble lagt inn eller opphevet etter sikkerhetskopien, ble beholdt slik registeret hadde den.
       *[other] { $count } begrensninger som ble lagt inn eller opphevet etter sikkerhetskopien, ble beholdt slik registeret hadde dem.
    }
ui-restored-consents = { $count ->
        [one] Ett samtykke gitt etter sikkerhetskopien ble beholdt slik registeret hadde det.
       *[other] { $count } samtykker gitt etter sikkerhetskopien ble beholdt slik registeret hadde dem.
    }
ui-restored-withdrawals = { $count ->
        [one] Ett samtykke trukket tilbake etter sikkerhetskopien er trukket tilbake, slik det var.
       *[other] { $count } samtykker trukket tilbake etter sikkerhetskopien er trukket tilbake, slik de var.
    }
ui-restored-signups = { $count ->
        [one] Én påmelding til et kurs eller et arrangement, registrert eller endret etter sikkerhetskopien, ble beholdt slik registeret hadde den.
       *[other] { $count } påmeldinger til kurs og arrangementer, registrert eller endret etter sikkerhetskopien, ble beholdt slik registeret hadde dem.
    }
ui-restored-rectifications = Rettet på nytt, slik kundene ba om etter at sikkerhetskopien ble laget (personvernforordningen artikkel 16): { $numbers }.
ui-restored-rectifications-lost = Rettinger kundene ba om etter at sikkerhetskopien ble laget, kunne ikke gjøres på nytt her (kunden eller notatet finnes ikke i den); rett dem for hånd: { $numbers }.
ui-restored-parts-erased = Notater, påmeldinger eller nettaktivitet slettet på nytt, slik kundene ba om etter at sikkerhetskopien ble laget (personvernforordningen artikkel 17): { $numbers }.
ui-restored-requests = { $count ->
        [one] Én forespørsel fra en registrert som ble logget eller fulgt opp etter sikkerhetskopien, ble beholdt slik registeret hadde den.
       *[other] { $count } forespørsler fra registrerte som ble logget eller fulgt opp etter sikkerhetskopien, ble beholdt slik registeret hadde dem.
    }
ui-restored-requests-alone = Forespørsler fra kunder som ble lagt til etter kopien, beholdes uten kunden og skal besvares likevel: { $numbers }.
ui-restored-erasures = { $count ->
    [one] Én sletting gjort etter kopien ble gjort på nytt.
   *[other] { $count } slettinger gjort etter kopien ble gjort på nytt.
}
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
invoice-kind-credit_note = kreditnota
invoice-credits = kreditnota for { $invoice }
channel-meeting = møte
channel-phone = telefon
channel-email = e-post
channel-letter = brev
channel-document = dokument
channel-web_form = nettskjema
channel-web_shop = nettbutikk
consent-purpose-newsletter = nyhetsbrev
consent-purpose-sms = SMS-utsendelser
consent-replaced = erstattet av ordlyd { $version } ({ $date })
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
recipients-nobody = Ingen utenfor butikken mottar personopplysninger fra oss: ingen databehandler behandler dem for oss, og vi gir dem ikke til noen.
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
authority-where-you-live = Du kan også klage til tilsynsmyndigheten i det EU/EØS-landet der du bor eller arbeider, eller der du mener overtredelsen skjedde (GDPR art. 77).
authority-fi-name = Office of the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto)
authority-de-name = Datatilsynsmyndigheten i den tyske delstaten der vi er etablert
authority-de-address = Myndighetene er oppført på datenschutzkonferenz-online.de

## Bekreftelse på forespørsel (GDPR art. 12)
receipt-title = Vi har mottatt forespørselen din
receipt-subject = Bekreftelse på en forespørsel etter personvernforordningen
receipt-intro = Vi mottok forespørselen din om { $kind } { $received }. Vi svarer uten ugrunnet opphold og senest { $due } (GDPR art. 12 nr. 3).
receipt-extension = Hvis vi trenger mer tid fordi forespørselen er sammensatt, sier vi fra før { $due }, med begrunnelse; fristen kan da forlenges med høyst to måneder.
receipt-identity = Før vi utleverer eller endrer opplysninger, kontrollerer vi at forespørselen kommer fra deg.
receipt-reference = Referanse: forespørsel { $id }
doc-to = Til: { $name } (kunde { $number })
doc-to-name = Til: { $name }
doc-to-customer = Til: kunde { $number }
notice-subject = Melding om en forespørsel etter personvernforordningen
notice-extension-title = Vi trenger mer tid til forespørselen din
notice-extension-intro = Vi mottok forespørselen din om { $kind } { $received }. Den krever mer tid enn den måneden loven først gir: vi svarer senest { $due } (GDPR art. 12 nr. 3).
notice-refusal-title = Vi vil ikke etterkomme forespørselen din
notice-refusal-intro = Vi mottok forespørselen din om { $kind } { $received }. Vi vil ikke gjøre noe med den, av grunnene nedenfor (GDPR art. 12 nr. 4).
notice-reasons = Våre grunner
notice-refusal-remedies = Du kan klage til en tilsynsmyndighet (GDPR art. 77) og bringe saken inn for domstolene (art. 79).
notice-nothing-held-title = Vi behandler ingen personopplysninger om deg
notice-nothing-held-intro = Vi mottok forespørselen din om { $kind } { $received }. Vi har søkt i registeret vårt etter opplysningene du ga oss, og vi behandler ingen personopplysninger om deg (GDPR art. 15 nr. 1).
notice-answer = Vårt svar

## Bekreftelse på sletting (GDPR art. 17)
erasure-title = Bekreftelse på sletting
erasure-subject = Sletting etter artikkel 17 i personvernforordningen (GDPR)
erasure-intro = Vi har slettet personopplysningene dine { $date }, unntatt opplysningene loven krever at vi oppbevarer. De er begrenset: de oppbevares bare for å oppfylle den plikten og for rettskrav, og anonymiseres når fristen er ute.
erasure-erased = Slettet
erasure-kept = Oppbevares etter lov
erasure-kept-none = Loven krever ikke at vi oppbevarer noen av opplysningene dine.
erasure-identifiers = For at nettbutikkens filer ikke skal legge deg inn i registeret vårt igjen, oppbevarer vi også { $form ->
        [one] kundenummeret ditt { $numbers }
       *[other] kundenumrene dine { $numbers }
    }.
erasure-identifiers-email = For at nettbutikkens filer ikke skal legge deg inn i registeret vårt igjen, oppbevarer vi også { $form ->
        [one] kundenummeret ditt { $numbers }
       *[other] kundenumrene dine { $numbers }
    } og en kontrollsum av e-postadressen din, som adressen ikke kan leses ut av.
erasure-pseudonym = Opplysningene vi oppbevarer, har ikke lenger navnet ditt; de oppbevares under referansen { $pseudonym }.
erasure-breaches = Vår oversikt over brudd på personopplysningssikkerheten beholder, under referansen { $pseudonym }, at bruddene nedenfor gjaldt deg: personvernforordningen krever at vi dokumenterer hvert brudd, virkningene av det og hva vi gjorde med det (artikkel 33 nr. 5). Den beholder ikke navnet, adressen eller andre kontaktopplysninger om deg.
erasure-until-hold = så lenge en rettslig bevaringsplikt gjelder
ui-kept-order-request = til forespørselen er besvart
ui-kept-order-due = { $date }, passert: neste sletting sletter den
erasure-until-request = { $months } måneder etter at forespørselen er avsluttet
erasure-audit = Revisjonssporet vårt viser at opplysningene dine er endret og slettet. Det inneholder bare kontrollsummer, som ingenting om deg kan leses ut av.
erasure-recipients = Mottakere vi varsler om slettingen
erasure-recipients-intro = Vi varsler alle som vi har utlevert disse opplysningene til, om slettingen (artikkel 19 i personvernforordningen):
erasure-recipients-none = Vi har ikke utlevert de slettede opplysningene til noen andre.
part-erasure-intro = Etter forespørselen din av { $received } har vi slettet opplysningene nedenfor. Vi tar ikke vare på noe av det de inneholdt. Resten av det vi har om deg, blir værende i registeret vårt; du kan be om en kopi av det (personvernforordningen artikkel 15).
part-erasure-col-erased = Slettet
part-erasure-detail = { $part } (blant opplysningene dine)
part-erasure-note = Vårt notat om en kontakt { $date } ({ $channel })
part-erasure-signup = Din påmelding til kurset eller arrangementet { $date }
part-erasure-web = Din aktivitet på nettstedet vårt fra { $first } til { $last }, med IP-adressene (hendelser: { $events })
part-erasure-web-visit = Besøket ditt på nettstedet vårt { $date }, med IP-adressen
part-erasure-rest = Revisjonsloggen vår tar bare vare på at opplysningene ble slettet, og når.
part-erasure-kept = Ikke slettet
part-erasure-web-kept = Din aktivitet på nettstedet vårt, med IP-adressene (hendelser: { $events })
part-erasure-kept-why = Vi må beholde dette mens et rettskrav avgjøres (personvernforordningen artikkel 17 nr. 3 bokstav e), og beholder det bare for det: vi sletter det når kravet er avgjort.

## Protokoll over behandlingsaktiviteter (GDPR art. 30)
records-title = Protokoll over behandlingsaktiviteter
records-subject = Protokoll etter artikkel 30 i personvernforordningen (GDPR)
records-intro = Behandlingen av personopplysninger i kunderegisteret hos { $controller }.
records-intro-nameless = Behandlingen av personopplysninger i kunderegisteret.
records-subjects-title = Kategorier av registrerte
records-subjects = Kunder og tidligere kunder, personer som kontakter butikken, abonnenter på nyhetsbrevet og kursdeltakere.
privacy-title = Personvernerklæring for { $controller }
privacy-title-nameless = Personvernerklæring
privacy-subject = Slik behandler vi personopplysningene dine (GDPR artikkel 13 og 14)
privacy-intro = Her forteller vi hvilke personopplysninger vi behandler om deg, hva de brukes til og med hvilket rettslig grunnlag, hvor de kommer fra, hvem som mottar dem, hvor lenge vi lagrer dem og hvilke rettigheter du har.
privacy-whom = Hvem den gjelder: { $subjects }
privacy-required-title = Hva du må gi oss
privacy-required = For at du skal kunne handle hos oss, trenger vi navnet ditt og en måte å nå deg på, og for varer vi sender deg, en adresse å levere til (avtalen); uten dem kan vi ikke ta imot bestillingen din. For å melde deg på et kurs trenger vi navnet ditt og en måte å nå deg på. Bokføringsloven krever at vi lagrer bestillingen og fakturaene. Alt annet, for eksempel et nyhetsbrev, velger du selv.
privacy-right-access = få en kopi av personopplysningene vi har om deg (art. 15);
privacy-updated = Denne erklæringen ble sist endret { $date }. Den lages ut fra butikkens protokoll over behandlingsaktiviteter.
section-data = Hvilke opplysninger
privacy-data-identity_contact = Navnet ditt, e-postadressen, telefonnummeret, postadressen, språket du vil at vi skriver på, og kundenummeret ditt.
privacy-data-purchase_history = Hva du har bestilt, når, beløpene, hvordan du betalte, og hvor bestillingen står (betalt, sendt, returnert).
privacy-data-invoices = Fakturaer, purringer og kreditnotaer for bestillingene dine, med beløp og forfallsdatoer.
privacy-data-communications = Notater om samtaler, møter, e-poster og brev med oss: når, hvordan og hva de gjaldt.
privacy-data-web_activity = Når du var innlogget på nettstedet vårt, fra hvilken IP-adresse, hva du gjorde der (for eksempel logget inn eller bestilte), og nettleseren din.
privacy-data-consents = Hvilke samtykker du har gitt (for eksempel til nyhetsbrevet vårt), når, hvordan og til hvilken ordlyd, og når du trakk dem tilbake.
privacy-data-events = Kursene og arrangementene du har meldt deg på, og om du kom.
privacy-data-requests = Forespørslene dine om opplysningene dine (for eksempel om en kopi eller sletting), hvordan vi kontrollerte identiteten din, og hvordan vi svarte.
records-categories-title = Formål, kategorier av opplysninger og rettslige grunnlag
records-transfers-title = Overføringer utenfor EU/EØS
records-transfers-none = Ingen personopplysninger overføres utenfor EU/EØS.
records-erasure-title = Frister for sletting
records-security-title = Sikkerhetstiltak
records-security = Tilgang bare for ansatte som trenger den; hver endring registreres i en hashkjedet revisjonslogg; registeret kan krypteres; jevnlige sikkerhetskopier; sletting og anonymisering samme dag som lagringstiden går ut.
records-assessments-title = Interesseavveininger
assessment-categories = Opplysninger som berøres
assessment-purpose = Behandling
assessment-interest = Butikkens interesse
assessment-necessity = Hvorfor den trengs
assessment-balancing = Avveining
assessment-outcome = Konklusjon
assessment-assessed = Vurdert
assessment-author = Utført av

## Sammendrag av sletting
breaches-doc-title = Oversikt over brudd på personopplysningssikkerheten
breaches-doc-subject = Hvert brudd på personopplysningssikkerheten, de faktiske forholdene, virkningene og tiltakene som er truffet (GDPR art. 33 nr. 5)
breaches-doc-intro = Den behandlingsansvarlige dokumenterer hvert brudd på personopplysningssikkerheten, enten det er meldt til tilsynsmyndigheten eller ikke. Et brudd som sannsynligvis vil medføre en risiko for fysiske personers rettigheter og friheter, meldes innen 72 timer etter at den behandlingsansvarlige ble kjent med det (art. 33 nr. 1); et som sannsynligvis vil medføre en høy risiko, meddeles også de registrerte (art. 34). Tidspunktene er etter butikkens klokke.
breaches-doc-authority = Tilsynsmyndighet
breaches-doc-none = Ingen brudd på personopplysningssikkerheten er registrert.
breaches-doc-heading = Brudd { $id }, kjent siden { $at }
breaches-doc-notify-by = Meld til myndigheten innen
breaches-doc-closed = Avsluttet
breaches-doc-overdue = De 72 timene for å melde til tilsynsmyndigheten har gått, og ingen melding er registrert.
access-breaches-title = Brudd på personopplysningssikkerheten som gjaldt deg
access-breaches-intro = Vi har registrert at disse bruddene på personopplysningssikkerheten gjaldt deg (GDPR art. 33 og 34): hva som skjedde, hvilke av opplysningene dine, hva det kan bety for deg og hva vi gjorde med det.
access-breaches-told = Du ble informert
breach-letter-title = Om et brudd på personopplysningssikkerheten hos { $shop }
breach-letter-subject = Informasjon til de registrerte om et brudd på personopplysningssikkerheten (GDPR art. 34)
breach-letter-intro = Vi skriver for å fortelle deg at personopplysninger om deg som { $shop } har behandlet, er rammet av et brudd på personopplysningssikkerheten: opplysninger er tapt, ødelagt, endret, utlevert eller nådd av noen som ikke skulle ha dem. Her forteller vi hva som skjedde, hva det kan bety for deg og hva vi gjør med det.
breach-letter-what = Hva som skjedde
breach-letter-aware = Vi ble kjent med det
breach-letter-data = Hvilke av opplysningene dine det gjelder
breach-letter-data-unknown = Vi vet ennå ikke hvilke av opplysningene dine det gjelder; vi sier fra så snart vi vet det.
breach-letter-consequences = Hva det kan bety for deg
breach-letter-measures = Hva vi har gjort og kommer til å gjøre
breach-letter-questions = Spørsmål
breach-letter-contact = Har du spørsmål om bruddet eller om opplysningene dine, kontakt { $shop }: { $contact }.
breach-letter-contact-shop = Har du spørsmål om bruddet eller om opplysningene dine, kontakt { $shop }.
breach-letter-complain = Du har rett til å klage til tilsynsmyndigheten (GDPR art. 77): { $authority }, { $address }.
breach-letter-reference = Vår referanse: brudd { $id }. Skrevet { $date }.
breach-letter-to = Til
breach-letter-dear = Hei { $name }!
breach-letter-reference-customer = Vår referanse: brudd { $id }, kunde { $customer }. Skrevet { $date }.
sweep-title = Sletting etter lagringstid
sweep-subject = Poster som er slettet eller anonymisert da lagringstiden gikk ut
sweep-intro = { $date } hadde postene nedenfor nådd slutten av lagringstiden og ble slettet eller anonymisert.
sweep-nothing = Ingenting hadde nådd slutten av oppbevaringstiden.
sweep-audit-removed = Revisjonssporets { $entries } eldste poster ble også fjernet: de var eldre enn de { $months } månedene opplysningene om forespørsler oppbevares. Postene som er igjen, viser fortsatt at ingen av dem er endret.
col-cutoff = Hvilke poster
sweep-cutoff-order = datert, med sine fakturaer, senest { $date }
sweep-cutoff-invoice = utstedt senest { $date }
sweep-cutoff-customer = av kunder som sist var aktive { $date } eller tidligere
sweep-cutoff-interaction = saken avsluttet senest { $date }
sweep-cutoff-web_event = registrert senest { $date }
sweep-cutoff-consent = trukket tilbake senest { $date }
sweep-cutoff-event_registration = kurs og arrangementer holdt senest { $date }
sweep-cutoff-request = avsluttet senest { $date }
sweep-cutoff-note = Hver regel regner sin tid fra en dato i posten: ordrens, dagen saken ble avsluttet, kundens siste aktivitet. «Hvilke poster» angir den siste slike dagen der tiden var ute den dagen slettingen ble gjort; ingen post med en senere dato ble fjernet etter regelen.
sweep-held-intro = Poster som hadde passert slutten av oppbevaringstiden, men ble beholdt, ikke slettet, og hva som holdt dem tilbake:
col-kept-by = Holdt tilbake av
col-customer = Kunde
keeper-legal_hold = En rettslig bevaring for et rettskrav (GDPR art. 17 nr. 3 bokstav e)
keeper-restriction = Kundens begrensning av behandlingen (art. 18 nr. 2)
keeper-request = Kundens forespørsel om en kopi eller en begrensning, ennå ikke besvart (art. 15, 18 nr. 1 bokstav c)
ui-sweep-held = Det som holder tilbake poster etter slutten av oppbevaringstiden ved denne slettingen:
ui-restored-sweeps = Slettingene etter oppbevaringsreglene som ble gjort etter kopien, ble gjort på nytt ({ $days }): det de slettet, forblir slettet.
ui-restored-settings = Innstillingene som ble endret etter kopien, ble beholdt: { $settings }.
ui-restored-catalogue = { $count ->
    [one] Én endring i protokollen over behandlingsaktiviteter gjort etter kopien ble beholdt.
   *[other] { $count } endringer i protokollen over behandlingsaktiviteter gjort etter kopien ble beholdt.
}
ui-restored-unmerges = Fikk opplysningene sine tilbake igjen, siden en sammenslåing av dem ble angret etter at sikkerhetskopien ble laget: { $numbers }.
ui-restored-unmerges-lost = Sammenslåinger som ble angret etter at sikkerhetskopien ble laget, kunne ikke angres igjen her (den begrenser, sletter eller bevarer kunden som ble beholdt); angre dem for hånd: { $numbers }.
ui-restored-merges = Slått sammen igjen, slik de var etter at sikkerhetskopien ble laget: { $numbers }.
ui-restored-merges-lost = Kunder som ble slått sammen etter at sikkerhetskopien ble laget, kunne ikke slås sammen igjen her (kunden som ble beholdt, finnes ikke i den, eller den begrenser eller bevarer en av de to); slå dem sammen for hånd: { $numbers }.
ui-restored-not-erased = Kunde { $number } ble slettet etter at sikkerhetskopien ble laget, men kunne ikke slettes igjen: { $reason }
ui-restored-safety = Registeret slik det var før: { $file }
ui-restored-to-see = Å følge opp: det det gjenopprettede registeret ikke kunne ta imot, og det det har slik kopien hadde det.
ui-restored-imports-undone = { $count ->
    [one] Det filen som ble importert etter sikkerhetskopien, førte inn ({ $times }), finnes ikke i det gjenopprettede registeret, bortsett fra det som er beholdt over: importer den samme filen igjen for å få det tilbake.
   *[other] Det filene som ble importert etter sikkerhetskopien, førte inn ({ $times }), finnes ikke i det gjenopprettede registeret, bortsett fra det som er beholdt over: importer de samme filene igjen for å få det tilbake.
}
ui-restored-details-undone = Kunder som fikk opplysningene sine endret etter sikkerhetskopien, har dem slik sikkerhetskopien hadde dem: { $numbers }. Endre dem igjen der endringen var ment (registeret slik det var før gjenopprettingen, har dem).
ui-restored-notes-undone = Notater skrevet etter sikkerhetskopien finnes ikke i det gjenopprettede registeret (de om et kjøp eller en avtale er beholdt): kundene { $numbers }. Registeret slik det var før gjenopprettingen, har dem.
ui-restored-notes-changed-undone = Notater endret etter sikkerhetskopien (rettet, avsluttet eller flyttet til en annen kunde) er slik sikkerhetskopien hadde dem: kundene { $numbers }. Endre dem igjen der endringen var ment (registeret slik det var før gjenopprettingen, har dem).
ui-settings-encryption = Kryptering
ui-encryption-off = Registerfilen er ikke kryptert: den som får tak i den (en stjålet PC, en kopiert sikkerhetskopi) kan lese hver kunde. Krypter den med en passordfrase på minst 8 tegn; fra neste oppstart spør Kundvakt etter den.
ui-encryption-keep = Uten passordfrasen kan ingen åpne registeret, ikke engang du, og ingen kan gjenopprette den: skriv den ned og oppbevar den trygt.
ui-encryption-on = Registerfilen er kryptert (SQLCipher, AES-256): uten passordfrasen kan den ikke leses. Kundvakt spør etter passordfrasen når programmet starter.
ui-encryption-postgres = Et delt PostgreSQL-register beskyttes av serveren sin: diskkryptering, TLS og serverens egen tilgangskontroll.
ui-settings-sharing = Flere datamaskiner
ui-sharing-local = Dette vinduet arbeider i registeret på denne datamaskinen: { $register }
ui-sharing-shared = Dette vinduet arbeider i et delt register: { $register }
ui-sharing-named = Kundvakt ble startet med --db eller KUNDVAKT_DB; et valg som gjøres her, gjelder når det startes uten dem.
ui-sharing-explain = For å arbeide i det samme registeret fra flere datamaskiner flytter du det til en tom PostgreSQL-database som alle når (IT-leverandøren eller webhotellet ditt gir adressen). Hver datamaskin kobler seg så til den her. Flyttingen kopierer alt, også revisjonssporet, og kontrollerer det; denne datamaskinen åpner deretter det delte registeret.
ui-sharing-url = Databasens adresse
ui-sharing-move = Flytt registeret dit
ui-sharing-connect = Koble til registeret der
ui-sharing-moving = Flytter registeret…
ui-sharing-connecting = Åpner registeret…
ui-sharing-leave = Bruk denne datamaskinens eget register igjen
ui-sharing-leave-explain = Denne datamaskinens eget register er filen { $file }. Endringer gjort i det delte registeret finnes ikke i den; fra nå av registreres det i den igjen.
ui-sharing-copy = Filen registeret ble flyttet fra, ligger fortsatt på { $file }, slik den var ved flyttingen: ingenting mer registreres i den, og slettinger gjort siden når ikke den. Slett den når du har kontrollert det delte registeret.
ui-sharing-delete-copy = Slett filen…
ui-sharing-delete-sure = Slett den for godt
ui-passphrase-current = Nåværende passordfrase
ui-passphrase-new = Ny passordfrase
ui-passphrase-repeat = Den samme igjen
ui-passphrase-differ = De to feltene er ulike.
ui-encrypt = Krypter registeret
ui-encrypted-now = Registeret er kryptert. Sikkerhetskopier fra før er som de var: slett ukrypterte kopier du ikke lenger trenger.
ui-passphrase-change = Bytt passordfrase
ui-passphrase-changed = Passordfrasen er byttet. Sikkerhetskopier fra før beholder den gamle.
ui-decrypt = Lagre registeret ukryptert
ui-decrypt-warning = Den som får tak i filen, vil kunne lese hver kunde.
ui-decrypt-sure = Ja, lagre det ukryptert
ui-decrypted-now = Registeret lagres ukryptert.
ui-settings-audit = Revisjonslogg
ui-audit-intro = Hver endring i registeret blir en post i revisjonsloggen, og hver post bærer et fingeravtrykk av den forrige, så en post som endres eller fjernes i ettertid bryter kjeden. Kontrollen går gjennom hele kjeden; det er den som viser tilsynsmyndigheten at opplysningene er slik de ble skrevet (GDPR art. 5 nr. 2).
ui-audit-verify = Kontroller revisjonsloggen
ui-audit-checking = Kontrollerer hver post…
ui-audit-holds = Revisjonsloggen holder: { $entries } poster, hver lenket til den forrige. Den siste lenken er { $head }…
ui-audit-file-check = Kontroller en lagret fil med loggen…
ui-audit-file-holds = Filen holder: { $entries } poster ({ $oldest } til { $newest }), hver rads hash og de { $links } lenkene mellom poster som følger etter hverandre. Den nyeste postens hash begynner { $hash }: den samme posten i registeret har den.
ui-audit-file-broken = Rader som ikke holder: { $count } av { $entries }. Filen er endret etter at den ble lagret.
ui-audit-file-line = Linje { $line }
ui-audit-broken = Kjeden er brutt ved post { $seq }:
ui-audit-broken-what = Registeret er endret utenfor Kundvakt, eller filen er skadet. Behold filen som den er for undersøkelsen, og gjenopprett den siste sikkerhetskopien fra før endringen (Sikkerhetskopier, over).
ui-trail = Hvem gjorde hva
ui-trail-intro = Revisjonsloggens poster, nyeste først: når, av hvem, hva som ble gjort og med hvilken post. Avgrens dem til visse dager, til én persons arbeid (datamaskinens konto, slik loggen skriver det), til et kundenummer eller til en type endring. Loggen lagrer fingeravtrykk av opplysningene, aldri opplysningene selv, så en post sier hva som ble gjort, ikke hva som sto der.
ui-trail-from = Fra
ui-trail-to = Til og med
ui-trail-by = Av
ui-trail-customer = Kundenummer
ui-trail-what = Hva
ui-trail-all = Alt
ui-trail-show = Vis
ui-trail-older = Vis eldre poster
ui-trail-save = Lagre som CSV…
ui-trail-saving = Lagrer postene…
ui-trail-saved = { $entries ->
        [one] Én post lagret
       *[other] { $entries } poster lagret
    } i { $path }.
ui-requests-save = Lagre som CSV…
ui-requests-saved = { $requests ->
        [one] Én forespørsel lagret
       *[other] { $requests } forespørsler lagret
    } i { $path }.
ui-trail-none = Ingen post i revisjonsloggen passer.
ui-trail-no-customer = Ingen kunde har nummer { $number }.
ui-trail-record = Post
entity-customer = Kunde
entity-order = Bestilling
entity-invoice = Faktura
entity-interaction = Notat
entity-web-event = Aktivitet på nettstedet
entity-consent = Samtykke
entity-event-registration = Kurspåmelding
entity-request = Henvendelse
entity-document = Dokument
entity-setting = Innstilling
entity-legal-hold = Rettslig bevaring
entity-breach = Avvik
entity-processor = Databehandler eller mottaker
entity-assessment = Interesseavveining
entity-category = Kategori av opplysninger
entity-register = Registeret
entity-backup = Sikkerhetskopi
entity-import = Import
entity-export = Eksport
entity-retention-sweep = Sletterunde
entity-privacy-notice = Personvernerklæring
ui-trail-group-customer = Kunder
ui-trail-group-order = Bestillinger
ui-trail-group-invoice = Fakturaer
ui-trail-group-interaction = Notater om kontakter
ui-trail-group-consent = Samtykker
ui-trail-group-event-registration = Kurspåmeldinger
ui-trail-group-web-event = Aktivitet på nettstedet
ui-trail-group-request = Henvendelser fra registrerte
ui-trail-group-document = Dokumenter som er laget
ui-trail-group-hold = Rettslige bevaringer
ui-trail-group-audit = Revisjonssporet
ui-trail-group-retention = Sletterunder
ui-trail-group-import = Importer
ui-trail-group-export = Eksporter
ui-trail-group-breach = Brudd på personopplysningssikkerheten
ui-trail-group-privacy-notice = Lagrede personvernerklæringer
ui-trail-group-settings = Innstillinger
ui-trail-group-category = Kategorier av opplysninger
ui-trail-group-processor = Databehandlere og mottakere
ui-trail-group-assessment = Interesseavveininger
ui-trail-group-register = Registeret (sikkerhetskopier, gjenopprettinger, passordfrase, deling)
audit-break-missing = en post mangler: den er slettet.
audit-break-link = lenken til posten før stemmer ikke: kjeden er skrevet om derfra.
audit-break-edited = innholdet stemmer ikke med fingeravtrykket: den er endret etter at den ble skrevet.
audit-break-cut = de nyeste postene er fjernet.
audit-break-anchor = de eldste postene er fjernet, men ikke ved en sletting av sporet.
col-made = Laget
col-before = Laget før
col-file = Fil
backup-purpose-manual = manuelt
backup-purpose-sweep = slettekjøringen
backup-purpose-erasure = en sletting
backup-purpose-import = en import
backup-purpose-restore = en gjenoppretting
field-street = Gateadresse
field-postal-code = Postnummer
field-city = Poststed

ui-nav-retention = Sletting
ui-nav-breaches = Avvik
ui-breaches-title = Brudd på personopplysningssikkerheten
ui-breaches-intro = Dokumenter hvert brudd på personopplysningssikkerheten, enten det skal meldes eller ikke (GDPR art. 33 nr. 5): en mistet PC, en e-post til feil mottaker, et innbrudd hos nettplattformen. Et brudd som kan medføre en risiko for de berørte, meldes til tilsynsmyndigheten innen 72 timer etter at butikken ble kjent med det (art. 33 nr. 1); ved høy risiko varsles også de berørte (art. 34).
ui-breach-authority = Tilsynsmyndighet: { $authority }, { $address }
ui-breaches-save-pdf = Oversikten over brudd (PDF)
ui-breaches-save-json = Oversikten over brudd (JSON)
ui-breaches-show-closed = Vis avsluttede brudd
ui-breaches-empty = Ingen åpne brudd.
ui-breach-record = Registrer et brudd…
ui-breach-recorded = Brudd { $id } er registrert.
ui-breach-aware = Ble kjent med det
ui-breach-nature = Hva som skjedde
ui-breach-categories = Berørte opplysninger
ui-breach-people = Omtrent hvor mange berørte
ui-breach-consequences = Sannsynlige konsekvenser
ui-breach-measures = Tiltak som er gjort eller planlagt
ui-breach-risk = Risiko for de berørte
ui-breach-owed = Gjenstår
ui-breach-notify = Meldt til myndigheten…
ui-breach-inform = De berørte varslet…
ui-breach-letter = Brev til de berørte…
ui-breach-letter-language = Skrevet på
ui-breach-letter-customer = Til kunde (nummer; tomt: til alle berørte)
ui-breach-letter-language-own = Deres (kundens; til alle, butikkens)
ui-breach-letter-save = Lagre brevet (PDF)
ui-breach-letter-hint = Ett brev til alle bruddet gjelder, eller ett med en kundes navn og adresse: hva som skjedde, hva det kan bety for dem, hva butikken gjør med det, hvem de kan spørre og hvor de kan klage (GDPR art. 34 nr. 2). De faktiske forholdene skrives ut slik de ble registrert. At de berørte er varslet, registreres med «De berørte varslet…».
ui-customer-breaches = Brudd på personopplysningssikkerheten som gjelder kunden
ui-breach-customers = Berørte kunder…
ui-breach-concerned = Berørte kunder
ui-breach-customers-hint = Kundene bruddet gjelder, der dere vet hvem de er (radene i en lekket fil, ordrene på en stjålet datamaskin): brevene går til dem, hver på sitt språk (GDPR art. 34). En slettet kunde blir stående på listen under sitt pseudonym og får ikke brev.
ui-breach-customers-add = Kundenumre (skilt med komma eller mellomrom)
ui-breach-customers-link = Legg til
ui-breach-customers-none = Ingen kunder er knyttet til bruddet ennå.
ui-breach-customers-remove = Fjern
ui-breach-customers-done = Ferdig
ui-breach-customers-everyone = Legg til alle kunder
ui-breach-customers-nobody = Fjern alle
ui-breach-customers-all-done = Bruddet gjelder { $concerned ->
    [one] én kunde
   *[other] { $concerned } kunder
}.
ui-breach-customers-more = De første { $shown } av { $total } vises; brevene og adresselisten gjelder alle. Brevene skrives ett om gangen, rundt ti i sekundet: for så mange går det raskere med adresselisten i en utskriftsfletting.
ui-breach-customers-linked = { $added } lagt til; bruddet gjelder { $concerned ->
    [one] én kunde
   *[other] { $concerned } kunder
}.
ui-breach-customers-unlinked = Fjernet; bruddet gjelder { $concerned ->
    [one] én kunde
   *[other] { $concerned } kunder
}.
ui-breach-letters-language-own = Hver kundes eget
ui-breach-letters-save = Lagre et brev til hver (PDF)…
ui-breach-letters-saved = { $written } brev lagret i { $folder }.
ui-breach-letters-erased = Ingen brev til de slettede: { $list }.
ui-breach-letters-progress = Brevene skrives: { $done } av { $total }…
ui-breach-letters-stopped = Avbrutt etter { $written } brev; de er lagret i { $folder }.
ui-breach-letters-record = Når de er sendt, registrer det med «De berørte varslet…».
ui-breach-recipients-save = Lagre adresselisten (CSV)…
ui-breach-update = Oppdater…
ui-breach-close = Avslutt
ui-breach-reference = Myndighetens saksnummer
ui-breach-delay-reason = Grunner til forsinkelse etter 72 timer
ui-breach-how = Hvordan de ble varslet, eller hvorfor ikke
ui-breach-late = Meldingen { $hours } t for sen
ui-breach-hours-left = Meld innen { $hours } t
ui-breach-inform-owed = Varsle de berørte
ui-breach-notified = Meldt { $at }
ui-breach-no-notification = Ingen melding kreves
ui-breach-closed = Avsluttet { $at }
ui-breach-recorded-by = Registrert
ui-breach-notified-at = Meldt til myndigheten
ui-breach-informed-at = De berørte varslet
ui-breach-banner = Brudd { $id } skal meldes til { $authority } innen { $by } (GDPR art. 33 nr. 1).
ui-breach-banner-late = Brudd { $id } skulle vært meldt til { $authority } innen { $by }: meld det nå, med grunnene til forsinkelsen (GDPR art. 33 nr. 1).
ui-breach-review = Gå til Avvik
breach-risk-unlikely = Lite sannsynlig risiko (dokumenteres, meldes ikke)
breach-risk-risk = En risiko (meld til myndigheten)
breach-risk-high = Høy risiko (meld, og varsle de berørte)
ui-breach-notify-by-time = innen { $by }
breach-risk-short-unlikely = Lite sannsynlig
breach-risk-short-risk = Risiko
breach-risk-short-high = Høy
ui-retention-title = Hva som skal slettes
ui-retention-as-of = Per
ui-retention-summary = { $due ->
        [one] Én post kan slettes
       *[other] { $due } poster kan slettes
    }{ $overdue ->
        [0] {""}
       *[other] {" "}({ $overdue } av dem er forsinket)
    }{ $held ->
        [0] ; ingen post holdes tilbake etter oppbevaringstiden.
       *[other] ; { $held } holdes tilbake av en rettslig bevaring, en begrensning eller en forespørsel som ikke er besvart.
    }
ui-retention-chart = Poster som skal slettes, måned for måned
ui-retention-list = Skal slettes nå
ui-retention-more = og { $count } til
ui-retention-kept = Holdes tilbake etter slutten av oppbevaringstiden
ui-retention-kept-hint = Ingen sletting sletter disse så lenge det som holder dem tilbake, består; deretter skal de slettes.
ui-retention-kept-until-legal_hold = Til bevaringen oppheves, under Rettslige bevaringer som gjelder ovenfor.
ui-retention-kept-until-restriction = Til begrensningen oppheves, på kundens side.
ui-retention-kept-until-request = Til forespørselen er besvart, under Forespørsler.
ui-retention-kept-by = { $keeper }: { $count ->
        [one] én post
       *[other] { $count } poster
    }
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
ui-erase-restricted = Begrenset: slettes bare for å besvare personens eget krav om sletting, når identiteten er kontrollert, eller etter at begrensningen er opphevet.
ui-erase-title = Slette { $name }?
ui-erase-intro = Alt som ingen lov krever at vi oppbevarer, slettes nå. Regnskapsopplysninger som fortsatt omfattes av bokføringsloven, oppbevares begrenset og uten navn under referansen { $pseudonym }, og slettes når fristen er ute.
ui-erase-identifiers = Kundens rad beholder { $form ->
        [one] kundenummeret { $numbers }
       *[other] kundenumrene { $numbers }
    }, slik at butikkens filer ikke legger inn kunden igjen.
ui-erase-identifiers-email = Kundens rad beholder { $form ->
        [one] kundenummeret { $numbers }
       *[other] kundenumrene { $numbers }
    } og en kontrollsum av e-postadressen (ikke adressen), slik at butikkens filer ikke legger inn kunden igjen.
ui-erase-request = Besvarer forespørsel
ui-erase-no-request = Ingen forespørsel: butikken sletter på eget initiativ
ui-erase-erased = Slettes nå
ui-erase-kept = Oppbevares etter loven
ui-erase-breaches = Oversikten over brudd på personopplysningssikkerheten beholder at disse bruddene gjaldt kunden, under referansen { $pseudonym } og uten navn eller kontaktopplysninger (personvernforordningen art. 33 nr. 5).
ui-erase-recipients = Skal varsles om slettingen (art. 19)
ui-recipients-hint = De har mottatt disse opplysningene fra butikken: gi hver av dem beskjed om at opplysningene er slettet eller begrenset.
ui-recipients-none = Ingen databehandler eller annen mottaker i protokollen over behandlingsaktiviteter mottar disse opplysningene.
ui-erase-tell = Varsle mottakerne nedenfor om slettingen (art. 19).
ui-erase-confirm-label = Skriv kundenummeret { $number } for å bekrefte
ui-erase-confirm = Slett nå
ui-erase-done = Slettet: { $erased } oppføringer er borte, { $kept } oppbevares etter loven. Send bekreftelsen til personen.
ui-erase-done-request = Slettet: { $erased } oppføringer er borte, { $kept } oppbevares etter loven. Send bekreftelsen til personen, og registrer deretter svaret på forespørsel { $request } under Forespørsler.
ui-erase-save-pdf = Lagre bekreftelsen (PDF)
ui-erase-save-json = Lagre bekreftelsen (JSON)
ui-restrict = Begrens…
ui-restrict-title = Begrense behandlingen av opplysningene om { $name }
ui-restrict-intro = Mens behandlingen er begrenset, blir opplysningene bare lagret: ingenting nytt registreres om personen, opplysningene brukes bare til rettslige forpliktelser og rettskrav, og slettekjøringen sletter ingenting av dem (GDPR art. 18).
ui-restrict-recipients = Skal varsles om begrensningen (art. 19)
ui-restrict-told = Begrenset. Varsle dem om begrensningen (art. 19): { $names }.
ui-restrict-ground = Grunnlag
ui-restrict-note = Merknad (valgfri)
ui-restrict-confirm = Begrens
ui-restricted-since = Begrenset siden { $date }: { $ground }. Opplysningene blir bare lagret: slettekjøringen sletter ingenting av dem, og de slettes bare når personen selv ber om det.
ui-erased-under = Slettet. Det loven krever oppbevart, som ordrer og fakturaer, beholdes begrenset under pseudonymet { $pseudonym } til tiden er ute. Det vises her bare for regnskapet: en retur registreres som en kreditnota på ordren.
ui-hold = Rettslig bevaring…
ui-hold-title = Bevar opplysningene om { $name } for et rettskrav
ui-hold-intro = Så lenge bevaringen gjelder, slettes ingen av kundens opplysninger, verken av slettekjøringen eller ved en sletting (GDPR art. 17 nr. 3 bokstav e: for å fastsette, gjøre gjeldende eller forsvare rettskrav). Opphev den når tvisten er avgjort.
ui-hold-reason = Hvorfor (tvisten eller pålegget)
ui-hold-confirm = Bevar
ui-hold-in-force = Rettslig bevaring av { $record } siden { $date } ({ $by }): { $reason }
ui-hold-lift = Opphev bevaringen
ui-hold-lifted = Bevaringen er opphevet; opplysningene følger sine lagringstider igjen.
ui-hold-lift-erases = Kunden er slettet, og bare denne bevaringen holder på posten: når den oppheves, slettes posten straks.
ui-hold-lift-releases = Personen ba om at dette skulle slettes, og bare denne bevaringen beholder det: å oppheve bevaringen sletter det nå, etter forespørselen deres.
ui-hold-lift-erase = Opphev og slett
ui-hold-lifted-erased = Bevaringen er opphevet og posten slettet, slik kundens sletting krevde.
ui-hold-lifted-released = Bevaringen er opphevet, og det den beholdt av personens forespørsel om sletting, er slettet, slik de ba om (forespørsel { $requests }).
ui-holds-title = Rettslige bevaringer som gjelder
ui-holds-none = Ingen opplysninger bevares for rettskrav.
col-record = Post
col-reason = Begrunnelse
col-since = Siden
col-by = Av
ui-unrestrict = Opphev begrensningen…
ui-unrestrict-intro = Personen skal varsles før begrensningen oppheves (GDPR art. 18 nr. 3). Når den er opphevet, skal postene med utløpt lagringstid slettes.
ui-unrestrict-notified = Personen ble varslet
ui-unrestrict-confirm = Opphev begrensningen
ui-withdraw = Trekk tilbake
ui-withdrawn = Samtykket er trukket tilbake; beviset for det oppbevares.
ui-withdrawn-purpose = Samtykket er trukket tilbake, og med det kundens andre samtykker til samme formål ({ $count } i alt): formålet opphører. Beviset for hvert av dem oppbevares.
ground-accuracy_contested = personen bestrider at opplysningene er riktige (mens det kontrolleres)
ground-unlawful_processing = behandlingen er ulovlig og personen vil ha begrensning i stedet for sletting
ground-legal_claims = personen trenger opplysningene for rettskrav
ground-objection_pending = personen har protestert og vurderingen pågår
ui-due-banner = { $count } oppføringer har nådd slutten av oppbevaringstiden og bør slettes.
ui-due-review = Se gjennom
ui-preview-past-due = { $count ->
    [one] Én oppføring i rapporten har nådd slutten av oppbevaringstiden: rapporten sier til personen at den skal slettes. Slett den under Sletting når du har svart; inntil da holder personens forespørsel om en kopi den tilbake fra slettingen.
   *[other] { $count } oppføringer i rapporten har nådd slutten av oppbevaringstiden: rapporten sier til personen at de skal slettes. Slett dem under Sletting når du har svart; inntil da holder personens forespørsel om en kopi dem tilbake fra slettingen.
}
ui-preview-past-due-free = { $count ->
    [one] Én oppføring i rapporten har nådd slutten av oppbevaringstiden og ingenting holder den tilbake: rapporten sier til personen at den skal slettes, og neste sletting under Sletting sletter den.
   *[other] { $count } oppføringer i rapporten har nådd slutten av oppbevaringstiden og ingenting holder dem tilbake: rapporten sier til personen at de skal slettes, og neste sletting under Sletting sletter dem.
}
ui-controller-nameless = Butikkens navn er ikke angitt: innsynsrapporter, bekreftelser og brev til kundene skal si hvem butikken er (GDPR art. 13 nr. 1 bokstav a).
ui-controller-unreachable = Butikken har ingen e-postadresse, postadresse eller telefonnummer angitt: innsynsrapporter, bekreftelser og brev til kundene skal si hvordan man når butikken (GDPR art. 13 nr. 1 bokstav a).
ui-controller-set = Åpne innstillingene
ui-requests-banner = { $soon ->
        [one] En forespørsel fra en registrert skal besvares innen sju dager (GDPR art. 12 nr. 3).
       *[other] { $soon } forespørsler fra registrerte skal besvares innen sju dager (GDPR art. 12 nr. 3).
    }
ui-requests-banner-late = { $late ->
        [one] En forespørsel fra en registrert har passert fristen: besvar den nå (GDPR art. 12 nr. 3).
       *[other] { $late } forespørsler fra registrerte har passert fristen: besvar dem nå (GDPR art. 12 nr. 3).
    }
ui-requests-banner-more = { $soon ->
        [one] Én til skal besvares innen sju dager.
       *[other] { $soon } til skal besvares innen sju dager.
    }
ui-requests-review = Åpne forespørslene
ui-sweep-title = Slett det som er forfalt
ui-sweep-preview = { $total ->
        [one] Én oppføring kan slettes i dag
       *[other] { $total } oppføringer kan slettes i dag
    }{ $held ->
        [0] ; ingen oppføring holdes tilbake etter oppbevaringstiden.
        [one] ; én holdes tilbake av en rettslig bevaring, en begrensning eller en forespørsel som ikke er besvart.
       *[other] ; { $held } holdes tilbake av en rettslig bevaring, en begrensning eller en forespørsel som ikke er besvart.
    }
ui-sweep-nothing = Ingenting er forfalt i dag.
ui-sweep-resumes = Dette fortsetter sletterunde { $id }, som ble avbrutt.
ui-sweep-audit-due = { $entries ->
        [one] Revisjonssporets eldste post fjernes også: den er eldre enn opplysningene om forespørsler oppbevares.
       *[other] Revisjonssporets { $entries } eldste poster fjernes også: de er eldre enn opplysningene om forespørsler oppbevares.
    }
ui-sweep-run = Slett det som er forfalt…
ui-sweep-confirm = Slette disse { $total } oppføringene nå? Det kan ikke angres.
ui-sweep-yes = Slett nå
ui-sweep-done = Sletterunde { $id } er ferdig: { $removed ->
    [one] én oppføring slettet eller anonymisert
   *[other] { $removed } oppføringer slettet eller anonymisert
}.
ui-sweep-done-kept = { $kept ->
    [one] Én ordre eller faktura til en kunde som ble slettet, beholdes under pseudonym, slik bokføringsloven krever.
   *[other] { $kept } ordrer og fakturaer til kunder som ble slettet, beholdes under pseudonym, slik bokføringsloven krever.
}
ui-sweep-audit-removed = { $entries ->
        [one] Revisjonssporets eldste post ble også fjernet, eldre enn opplysningene om forespørsler oppbevares.
       *[other] Revisjonssporets { $entries } eldste poster ble også fjernet, eldre enn opplysningene om forespørsler oppbevares.
    }
ui-sweep-save-pdf = Lagre sammendraget (PDF)
ui-sweep-save-json = Lagre sammendraget (JSON)
ui-sweeps = Utførte sletterunder
ui-sweeps-hint = Sammendraget av hver sletterunde er butikkens bevis på at den slettet det som skulle slettes, etter lagringstidene som gjaldt da (GDPR art. 5 nr. 2): lagre det igjen her når noen ber om det.
ui-sweeps-none = Ingen sletterunde er utført ennå.
ui-sweeps-save = Lagre sammendraget av sletterunde { $id } ({ $format })
col-sweep-day = Dag
col-removed = Slettet eller anonymisert
col-kept-pseudonym = Beholdt under pseudonym
col-sweep-summary = Sammendrag


## Import og eksport i vinduet
ui-nav-transfer = Import og eksport
ui-import-title = Importer fra nettbutikken
ui-import-intro = En CSV-eksport fra Shopify eller WooCommerce, eller en hvilken som helst CSV med en overskriftsrad. Ingenting endres før du importerer, og en import med problemer endrer ingenting med mindre du legger problemradene til side.
ui-import-format = Filens format
ui-import-kind = Hva filen inneholder
ui-import-customers = Kunder
ui-import-orders = Ordrer
ui-import-web-events = Nettaktivitet (nettstedets logg)
ui-import-choose = Velg en fil…
ui-import-detected = { $file }: { $encoding ->
        [utf-8] UTF-8
        [utf-8-bom] UTF-8 med BOM
        [windows-1252] Windows-1252
        [mac-roman] Mac OS Roman
        [utf-16le] UTF-16 (Unicode-tekst)
        [utf-16be] UTF-16 (Unicode-tekst)
       *[other] { $encoding }
    }, skilletegn { $delimiter }, { $rows ->
        [one] { $rows } rad
       *[other] { $rows } rader
    }. Format:
ui-import-tab = tabulator
ui-format-generic = generell CSV
ui-format-shopify = Shopify
ui-format-woocommerce = WooCommerce
ui-import-mapping = Kolonner
ui-import-skip-column = — importeres ikke —
import-field-customer_number = Kundenummer
import-field-name = Navn (hele)
import-field-first_name = Fornavn
import-field-last_name = Etternavn
import-field-email = E-post
import-field-phone = Telefon
import-field-street = Gateadresse
import-field-street2 = Gateadresse, linje 2
import-field-postal_code = Postnummer
import-field-city = Poststed
import-field-country = Land
import-field-language = Språk
import-field-email_marketing = Samtykke nyhetsbrev (ja/nei)
import-field-sms_marketing = Samtykke SMS (ja/nei)
import-field-order_number = Ordrenummer
import-field-order_date = Ordredato
import-field-customer_email = Kundens e-post
import-field-total = Totalt inkludert mva.
import-field-currency = Valuta
import-field-vat = Mva.
import-field-shipping = Frakt
import-field-shipping_tax = Mva. på frakt
import-field-discount = Rabatt
import-field-payment_provider = Betalingsleverandør
import-field-payment_reference = Betalingsreferanse
import-field-line_description = Linje: beskrivelse
import-field-line_quantity = Linje: antall
import-field-line_unit_price = Linje: enhetspris
import-field-line_total = Linje: sum
import-field-line_tax = Linje: mva.
import-field-line_vat_rate = Linje: mva.-sats
import-field-tax_name = Avgiftens navn (med sats)
import-field-occurred_at = Tidspunkt
import-field-ip = IP-adresse
import-field-action = Hendelse
import-field-user_agent = Nettleser (user agent)
import-field-status = Status
import-field-fulfillment = Leveransestatus
ui-import-first-rows = De første radene
ui-import-counts = Importen ville legge til { $added }, oppdatere { $updated }, la { $unchanged } være uendret, hoppe over { $skipped } og avvise { $rejected }.
ui-import-problems = Problemer ({ $count })
ui-import-header-row = overskriftsraden
ui-import-skip-invalid = Importer de gyldige radene og legg de andre til side i en fil
ui-import-run = Importer
ui-import-done = Importert: { $added } lagt til, { $updated } oppdatert, { $unchanged } uendret, { $skipped } hoppet over, { $rejected } lagt til side.
ui-import-rejected-file = Radene som er lagt til side, ligger i { $path }.
ui-import-consents = Samtykker fra nettbutikken: { $given } registrert, { $withdrawn } trukket tilbake.
ui-import-consents-would = Importen ville registrere samtykker fra nettbutikken: { $given }, og trekke tilbake { $withdrawn }.
ui-import-refused = Ingenting ble importert: { $count ->
        [one] én rad har problemer.
       *[other] { $count } rader har problemer.
    }
ui-import-refused-header = Ingenting ble importert: overskriftsraden har et problem.
ui-export-title = Til regnskapsføreren: ordrer, fakturaer og bilag
ui-export-intro = Ordrehistorikken har én rad per ordrelinje med netto, mva og brutto; fakturalisten har periodens fakturaer, purringer og kreditnotaer med sin del av mva. Slettede kunder vises under sitt pseudonym; begrensede opplysninger tas med fordi eksporten tjener bokføringsplikten.
ui-export-from = Fra
ui-export-to = Til
ui-export-format = Format
ui-export-decimal-comma = Desimalkomma (for regneark på svensk, norsk, dansk, finsk eller tysk)
ui-export-save = Eksporter…
ui-export-done = Eksporterte { $orders } ordrer til { $path }.
ui-export-format-sie = SIE 4 (svenske regnskapsprogrammer)
ui-export-what = Hva
ui-export-what-orders = Ordrehistorikk (én rad per ordrelinje)
ui-export-what-invoices = Fakturaer, purringer og kreditnotaer
ui-export-done-invoices = Eksporterte { $rows } fakturaer, purringer og kreditnotaer til { $path }.
ui-export-sie-hint = SIE: ett bilag per ordre og per kreditnota, i SEK, bokført på kontoene under Innstillinger → Regnskap. Kansellerte ordrer uten kreditnota tas ikke med.
ui-export-done-sie = Eksporterte { $orders } ordrer og { $notes } kreditnotaer som bilag til { $path }; { $left } kansellerte ordrer ble ikke tatt med.
ui-mailing-title = Utsendelseslister: hvem som samtykker nå
ui-mailing-intro = Kundene som samtykker til et formål nå, for verktøyet som sender nyhetsbrevet eller SMS-ene deres. Lagre listen på nytt før hver utsendelse: et trukket samtykke stopper utsendelsene straks (GDPR art. 7 nr. 3), og de som har trukket samtykket, er slettet eller er begrenset, er ikke med. Filen er CSV med kolonnene et utsendelsesverktøy kobler (nummer, navn, e-post, telefon, språk og samtykkets tidspunkt, versjon og kanal); at den lagres, registreres i revisjonssporet.
ui-mailing-none = Ingen samtykker er registrert ennå.
ui-mailing-purpose = Formål
ui-mailing-option = { $purpose } ({ $count } samtykker)
ui-mailing-save = Lagre som CSV…
ui-mailing-done = Lagret { $count ->
        [one] én kunde
       *[other] { $count } kunder
    } i { $path }{ $restricted ->
        [0] {""}
       *[other] ; { $restricted } begrensede utelatt (art. 18 nr. 2)
    }.
# Filen med rader en import la til side: den siste kolonnen, og hvorfor hver rad står der.
import-rejected-column = feil
import-rejected-reason = linje { $line }: { $reason }
import-rejected-cell = { $column }: { $reason }

## Feil (etter sin stabile kode)
error-invalid = Kontroller dette feltet.
error-not_found = Det finnes ikke lenger i registeret.
error-duplicate = Det finnes allerede.
error-conflict = Noen andre har endret det i mellomtiden.
error-refused = Det går ikke nå.
error-no_register = Det finnes ikke noe register her.
error-not_a_register = Filen er ikke et Kundvakt-register.
error-register_too_new = Registeret er laget av en nyere Kundvakt.
error-register_moved = Registeret er flyttet til et delt register og er bare bevart slik det var: koble til det delte registeret (Innstillinger → Flere datamaskiner).
error-register_locked = Registeret er kryptert: skriv inn passordfrasen.
error-wrong_passphrase = Feil passordfrase. Ingenting ble endret.
error-unreachable = Databaseserveren kan ikke nås.
error-file = Filen kunne ikke leses eller skrives.
error-register_damaged = Registerfilen er skadet.
error-audit_broken = Revisjonsloggen er brutt.
error-database = Det oppstod en databasefeil.
error-migrate = Registeret kunne ikke oppgraderes.
error-internal = Noe gikk galt i Kundvakt.

## The defaults a new register starts with (the shop edits them)
default-processor-platform = Leverandør av nettbutikkplattformen
default-assessment-author = Kundvakts forslag, for butikken å gjennomgå
default-assessment-notes-purpose = Følge opp kundehenvendelser og føre notater om samtaler, møter og e-post
default-assessment-notes-interest = Å svare på kundens spørsmål og behandle reklamasjoner
default-assessment-notes-necessity = Notater trengs for å følge en sak som går over flere kontakter
default-assessment-notes-balancing = Kunder forventer at en butikk husker saken deres; notatene er korte og slettes 2 år etter at saken er avsluttet
default-assessment-notes-outcome = Den berettigede interessen veier tyngst; notater lagres 2 år etter at saken er avsluttet
default-assessment-web-purpose = Nettstedets sikkerhet og statistikk fra IP-adresser og handlinger
default-assessment-web-interest = Å beskytte nettbutikken mot misbruk og forbedre den
default-assessment-web-necessity = IP-adresser trengs for å oppdage misbruk; ingen profilering
default-assessment-web-balancing = Begrensede opplysninger, lagres 13 måneder, ingen særlige kategorier
default-assessment-web-outcome = Den berettigede interessen veier tyngst; netthendelser lagres 13 måneder
default-purpose-platform = Nettbutikkplattform og drift av kundekontoer og bestillinger
default-purpose-analytics = Statistikk over nettstedet med informasjonskapsler
default-purpose-pixel = Annonsering med Facebook-pikselen
default-purpose-klarna = Betaling og fakturering; håndterer kort- og betalingsopplysninger
default-purpose-payex = Kortbetalinger; håndterer kortopplysningene
default-safeguards-us = EU–US Data Privacy Framework; standard personvernbestemmelser

## Why a value or a step was refused, said in the window as on the command line (core/src/message.rs)

msg-not-a-currency = `{ $code }` er ingen valutakode etter ISO 4217
msg-not-an-amount = `{ $text }` er ikke et beløp i { $currency }: { $why ->
        [empty] det er tomt
        [no-digits] ingen sifre
        [characters] skriv det som 1234.50 eller 1 234,50
        [decimals] flere enn { $exp } desimaler
       *[too-large] for stort
    }
msg-amount-in-another-currency = `{ $text }` er skrevet i { $written }, men beløpet er i { $currency }
msg-not-a-percentage = `{ $text }` er ikke en prosentsats fra 0 til 100
msg-not-a-country-code = `{ $code }` er ingen landkode etter ISO 3166 (SE, NO, ...) eller navnet på et land
msg-not-a-date = `{ $text }` er ikke en dato (skriv 2024-03-15 eller 15.03.2024)
msg-not-a-time = `{ $text }` er ikke et tidspunkt (skriv 2025-03-01 10:22, eller med tidssone 2025-03-01T10:22:01+01:00)
msg-not-on-the-clock = `{ $text }` finnes ikke på butikkens klokke
msg-not-an-order-status = `{ $text }` er ingen ordrestatus (placed, paid, shipped, cancelled, refunded eller en butikks ord for en av dem)
msg-not-a-quantity = `{ $text }` er ikke et antall
msg-not-whole-items = `{ $text }` er ikke et helt antall varer
msg-file-not-csv = er ingen CSV-fil: { $what ->
        [workbook] det er en regnearkfil. Lagre den som CSV i regnearket («CSV UTF-8» der det finnes) og importer den filen
        [pdf] det er en PDF. Eksporter kundene eller ordrene fra nettbutikken som CSV og importer den filen
       *[binary] den inneholder ingen tekst. Velg CSV-filen som nettbutikken eksporterte
    }
msg-unreadable-row = raden kan ikke leses: { $detail }
msg-open-quote = et anførselstegn åpner feltet, men lukkes aldri, så resten av filen, til og med linje { $last }, ble lest inn i det og ikke som rader; lukk sitatet eller fjern anførselstegnet
msg-quote-runs-on = et anførselstegn åpner et felt her og lukkes ikke innen de { $max } MB av filen som følger, så resten av filen ville blitt lest inn i det ene feltet; lukk sitatet eller fjern anførselstegnet
msg-row-runs-on = raden som begynner her, fortsetter i mer enn { $max } MB uten linjeskift; en nettbutikks eksport har ingen slike rader: er det riktig fil?
msg-spans-lines = går fra linje { $first } til linje { $last }, fra et anførselstegn til det neste: et anførselstegn på linje { $first } mangler trolig sitt avsluttende anførselstegn
msg-no-such-customer = ingen kunde `{ $value }` i registeret (importer kundene først)
msg-row-names-no-customer = raden oppgir ingen kunde
msg-import-cancelled = importen ble avbrutt; ingenting ble endret
msg-row-needs = en rad trenger { $what ->
        [time] sitt tidspunkt
        [ip] en IP-adresse
       *[action] en hendelse
    }
msg-not-an-ip = `{ $text }` er ingen IP-adresse
msg-skipped-activity-erased = aktivitet fra en slettet kunde: importeres ikke
msg-skipped-activity-erased-on-request = aktivitet fra kunde { $customer } fra før { $day }, da nettaktiviteten ble slettet på kundens forespørsel (personvernforordningen artikkel 17): importeres ikke
msg-skipped-visit-erased-on-request = et besøk fra kunde { $customer } som ble slettet på kundens forespørsel { $day } (personvernforordningen artikkel 17): importeres ikke
msg-skipped-activity-objected = aktivitet fra kunde { $customer }, som protesterte mot registreringen av sin nettaktivitet { $since } (personvernforordningen artikkel 21 nr. 1): importeres ikke
msg-skipped-activity-restricted = aktivitet fra kunde { $customer }, som har begrensede opplysninger (GDPR art. 18): importeres ikke
msg-skipped-activity-old = aktivitet fra { $day } er eldre enn de { $months } månedene nettaktivitet lagres (lagres til { $until }): importeres ikke
msg-order-needs-number = en ordre trenger et nummer
msg-order-needs-date = en ordre trenger en dato
msg-order-needs-total = en ordre trenger et totalbeløp
msg-skipped-order-erased = ordre { $order } tilhører en slettet kunde: importeres ikke
msg-skipped-order-restricted = ordre { $order } tilhører kunde { $customer }, som har begrensede opplysninger (GDPR art. 18): importeres ikke
msg-line-needs-price = en ordrelinje trenger en pris
msg-skipped-person-erased = personen er slettet og gjenopprettes ikke
msg-skipped-customer-erased = kunde { $customer } er slettet og gjenopprettes ikke
msg-matched-by-email = funnet via e-post som kunde { $customer }; butikkens nummer { $number } lagres som kundens
msg-import-consent-withdrawn-kept = kunde { $customer } har trukket tilbake samtykket til { $purposes } i registeret; filens «ja» gir det ikke tilbake (GDPR art. 7 nr. 3): har personen samtykket på nytt, registrer det nye samtykket på kundens side
msg-import-consent-no-elsewhere = filens «nei» trakk tilbake samtykket til { $purposes } for kunde { $customer }, som ble gitt på en annen måte enn i nettbutikken (GDPR art. 7 nr. 3): har personen ikke meldt seg av i nettbutikken, registrer samtykket på nytt på kundens side
msg-skipped-customer-restricted = kunde { $customer } har begrensede opplysninger (GDPR art. 18): endres ikke
msg-row-of-merged = kunde { $number } ble slått sammen med kunde { $customer }: radens opplysninger skriver ikke over deres (slå sammen de to kontoene i nettbutikken også); samtykkene i den gjelder
msg-row-email-of-merged = radens e-postadresse var kunde { $number } sin, som ble slått sammen med kunde { $customer }: radens opplysninger skriver ikke over deres; samtykkene i den gjelder
msg-no-web-activity-format = { $platform } eksporterer ingen nettaktivitet: en nettsides logg leses som generell CSV
msg-no-such-column = filen har ingen kolonne `{ $column }`
msg-no-column-holds = ingen kolonne inneholder { $fields }: koble en kolonne til { $first }
msg-map-form = `{ $text }`: skriv KOLONNE=FELT, for eksempel "E-post=email"
msg-no-such-field = `{ $field }` er ikke et felt Kundvakt kjenner
msg-backup-broken = sikkerhetskopiens revisjonslogg er brutt ved post { $seq }: { $reason } — den ble endret etter at den ble laget; gjenopprettes ikke
msg-not-a-year = { $year } er ikke et år
msg-unknown-audit-action = ingen handling i revisjonsloggen heter `{ $text }` (gruppene: { $known })
msg-to-before-from = { $to } er før { $from }
msg-sie-invoices = en SIE-fil inneholder salgets bilag: `export orders --format sie` bokfører også kreditnotaene
msg-needs-safeguards = en overføring utenfor EU/EØS trenger garantier (art. 46: beslutning om tilstrekkelig beskyttelsesnivå, standard personvernbestemmelser ...)
msg-assessed-after-today = { $date } er etter i dag: en vurdering dokumenterer det som allerede er veid
msg-sie-order-currency = ordre { $order } er i { $currency }; en SIE-fil inneholder bare { $sie }, og registeret har ingen valutakurser (eksporter perioden som CSV eller JSON i stedet)
msg-sie-rate = ordre { $order }: mva på { $rate } % er ingen svensk sats (25, 12, 6 eller 0 %), så SIE-filen har ingen konto for den
msg-sie-line-rate = ordre { $order }, linje { $line }: mva på { $rate } % er ingen svensk sats (25, 12, 6 eller 0 %), så SIE-filen har ingen konto for den
msg-sie-needs-company = en SIE-fil navngir foretaket: angi butikkens navn i Innstillinger først
msg-sie-note-currency = kreditnota { $note } er i { $currency }; en SIE-fil inneholder bare { $sie }
msg-sie-credits-zero = kreditnota { $note } krediterer ordre { $order }, som har totalbeløp 0
msg-report-erased = kunde { $customer } er slettet: registeret inneholder ingenting som identifiserer personen
msg-request-not-from = forespørsel { $request } er ikke fra kunde { $customer }
msg-no-hold = det finnes ingen gjeldende rettslig bevaring { $id }
msg-customer-erased-already = kunde { $customer } er allerede slettet
msg-customer-held = kunde { $customer } er omfattet av en rettslig bevaring: opphev den før sletting (GDPR art. 17 nr. 3 bokstav e)
msg-customer-restricted-erase = kunde { $customer } er begrenset: opplysningene skal bare lagres (GDPR art. 18 nr. 2); slett dem for å besvare kundens krav om sletting, eller opphev begrensningen først
msg-sweep-ahead = en sletterunde kan ikke kjøres før i dag ({ $today }): det som forfaller { $as_of } skal fortsatt lagres etter loven
msg-give-postgres-address = oppgi en PostgreSQL-adresse: postgres://bruker:passord@server/database
msg-no-register-there = { $place } har ikke noe register ennå; flytt dette registeret dit først (databasen må finnes og være tom)
msg-shared-already = registeret er allerede delt
msg-register-there = { $place } har allerede et register; koble til det i stedet for å flytte dette dit
msg-customer-number-taken = kundenummer { $number } er opptatt
msg-customer-number-of-shop = { $number } er nettbutikkens nummer for kunde { $customer }
msg-shop-number-already = { $number } er allerede kundens nummer i nettbutikken
msg-shop-number-empty = nettbutikkens nummer kan ikke være tomt
msg-shop-number-not-theirs = { $number } er ikke kundens nummer i nettbutikken
msg-email-taken = kunde { $number } har allerede e-postadressen { $email }
msg-email-other-name = kunde { $number } har e-postadressen { $email } under et annet navn; en fil endrer navnet på en kunde bare på en rad med kundenummeret
msg-not-a-postgres-url = `{ $url }` er ingen PostgreSQL-adresse: { $detail }
msg-is-empty = er tom
msg-passphrase-nul = inneholder et NUL-tegn
msg-passphrase-short = er kortere enn { $min } tegn; velg en lengre
msg-register-busy = registeret i { $path } er åpent i et annet vindu eller program; lukk det og prøv igjen
msg-register-damaged = Kundvakt kan ikke lese alt i det (databasen sier: { $detail }). Ingenting ble lagret halvveis. Gjenopprett den siste sikkerhetskopien (Innstillinger → Sikkerhetskopier), og behold den skadde filen til gjenopprettingen er ferdig.
msg-backup-damaged = sikkerhetskopien { $file } er skadet og kan ikke gjenopprettes (databasen sier: { $detail }); ingenting ble endret: velg en annen sikkerhetskopi
msg-restore-over-damaged = registeret { $register } er skadet der en gjenoppretting leser det den fører over til sikkerhetskopien: slettingene, forespørslene, bilagene og resten som er registrert siden (databasen sier: { $detail }); ingenting ble endret. For å gjenopprette likevel: flytt den skadde filen til en annen mappe mens Kundvakt er lukket, og gjenopprett sikkerhetskopien i stedet for den. Det registeret har registrert siden sikkerhetskopien, føres da ikke over, og slettingene som er gjort siden, som bekreftelsene deres navngir, må gjøres på nytt
msg-no-such-setting = `{ $key }` er ingen innstilling; innstillingene er: { $settings }
msg-controller-nameless = butikkens navn er ikke angitt: et dokument som gis til en person, skal si hvem som er behandlingsansvarlig (GDPR art. 13 nr. 1 bokstav a); angi det under Innstillinger
msg-controller-unreachable = butikken har ingen e-postadresse, postadresse eller telefonnummer angitt: et dokument som gis til en person, skal si hvordan den behandlingsansvarlige kan nås (GDPR art. 13 nr. 1 bokstav a); angi ett av dem under Innstillinger
msg-not-a-shop-country = `{ $value }` er ikke et land som støttes (SE, NO, DK, FI, DE)
msg-not-a-language = `{ $value }` er ikke et språk som støttes (sv, nb, en)
msg-not-a-time-zone = `{ $value }` er ingen IANA-tidssone, for eksempel Europe/Oslo
msg-not-an-account = `{ $value }` er ikke et kontonummer med fire sifre, for eksempel 3001
msg-not-a-number-between = `{ $value }` er ikke et heltall fra { $min } til { $max }
msg-too-long = er lengre enn { $max } tegn
msg-control-characters = inneholder kontrolltegn
msg-not-an-iso-date = `{ $value }` er ikke en dato (ÅÅÅÅ-MM-DD)
msg-not-a-month-end = { $value } er ikke siste dag i en måned
msg-not-a-changed-year = `{ $value }` er ikke et regnskapsår: oppgi første og siste dag, som 2025-01-01..2025-04-30
msg-changed-year-bounds = { $value }: et regnskapsår begynner første dag i en måned og slutter siste dag i en måned, etter at det begynte
msg-changed-year-not-next = { $value } begynner ikke et regnskapsår etter det omlagte året { $after }: årene etter det begynner { $next }, og i den måneden hvert år
msg-changed-year-too-long = Regnskapsåret { $value } er { $months } måneder langt; loven i { $country } tillater høyst { $longest } ({ $law })
msg-changed-year-in-first = Det omlagte året { $value } ligger innenfor det første regnskapsåret, som slutter { $end }
msg-first-year-disagrees = Det første regnskapsåret slutter { $end }, så årene etter det begynner { $next } og i den måneden hvert år (eller så begynner et omlagt år den dagen)
msg-first-year-begun-early = Den første ordren er datert { $first }, før { $earliest }, den tidligste dagen et første regnskapsår som slutter { $end }, kan begynne (høyst { $longest } måneder, { $law }). Det første året regnes fra den ordren, slik at ingen ordre mangler i eksporten til regnskapsføreren; slutter det første året en annen dag, oppgi den dagen.
msg-start-month-after-change = Etter det omlagte regnskapsåret { $value } begynner årene { $next } og i den måneden hvert år: for å legge om regnskapsåret igjen, legg det nye omleggingsåret til blant de omlagte regnskapsårene
msg-no-fiscal-year-begins = Ingen regnskapsår begynner i { $year }: regnskapsåret { $from }–{ $to } dekker det
msg-not-a-full-path = `{ $value }` er ikke en fullstendig sti til en mappe
msg-no-such-folder = det finnes ingen mappe { $value }
msg-number-spaces = et kundenummer har ingen mellomrom
msg-customer-needs-name = en kunde trenger et navn
msg-control-characters-in-line = inneholder kontrolltegn (linjeskift, tabulatorer eller lignende)
msg-not-an-email = `{ $value }` er ikke en gyldig e-postadresse
msg-phone-characters = `{ $value }` er ikke et telefonnummer (bare sifre, mellomrom og + - ( ))
msg-phone-digits = `{ $value }` er ikke et telefonnummer (5 til 15 sifre)
msg-phone-not-normal = `{ $value }` er lagret slik det ble skrevet, ikke som nummeret det er: lagret på nytt blir det { $normal }
msg-not-erased = kunde { $customer } er ikke slettet: det finnes ingen sletting å bekrefte
msg-erasure-plan-missing = slettingen av kunde { $customer } ble gjort før Kundvakt tok vare på hva en sletting gjorde (eller gjort på nytt ved en gjenoppretting): bekreftelsen kan ikke lages på nytt
msg-erasure-plan-altered = det registeret tok vare på om slettingen av kunde { $customer } stemmer ikke lenger med revisjonsloggens post om den: det er endret, og gis ikke ut som bevis på slettingen (kjør `kundvakt audit verify`)
msg-not-an-org-number = `{ $value }` er ikke et organisasjonsnummer: skriv det slik Brønnøysundregistrene gjør, for eksempel 912 345 678
msg-not-a-website = `{ $value }` er ikke en nettadresse: skriv den som butikk.no eller https://www.butikk.no
msg-line-needs-description = en linje trenger en beskrivelse
msg-at-least-one = må være minst 1
msg-rate-range = må være mellom 0 og 100 %
msg-amount-too-large = beløpet er for stort
msg-total-not-sum = { $total } er ikke summen av linjene, { $sum }
msg-vat-currency = mva må være i ordrens valuta
msg-vat-above-total = mva kan ikke være større enn totalbeløpet
msg-vat-sign = mva har totalbeløpets fortegn: en returs mva er negativ som totalbeløpet, et salgs positiv
msg-note-no-changes = oppgi minst én del av notatet som skal rettes
msg-not-empty = kan ikke være tomt
msg-consent-channel-imported = «web_shop» merker samtykker som en nettbutikks fil fører inn; for et samtykke som registreres for hånd, oppgi hvordan det ble gitt (web_form, meeting, phone, email, letter, document)
msg-closed-before-contact = saken kan ikke avsluttes før kontakten
msg-in-the-future = { $when } ligger i fremtiden
msg-event-too-far = { $event_date } ligger mer enn ti år frem
msg-event-not-yet = arrangementet { $event_date } har ikke funnet sted ennå
msg-not-a-whole-number = `{ $value }` er ikke et heltall
msg-order-needs-total-or-lines = en ordre trenger et totalbeløp eller sine linjer
msg-customer-restricted-already = kunde { $customer } har allerede begrensede opplysninger
msg-customer-erased = kunde { $customer } er slettet
msg-told-before-lifting = personen må ha fått beskjed før begrensningen oppheves
msg-no-restriction = kunde { $customer } har ingen gjeldende begrensning
msg-step-not-now = forespørsel { $request } er { $state ->
        [received] mottatt
        [identity_verified] identitetsbekreftet
        [in_progress] under arbeid
        [answered] besvart
        [refused] avslått
       *[closed] avsluttet
    }; `{ $step }` går når den har status { $states }
msg-before-received = { $on } er før dagen forespørselen ble mottatt ({ $received })
msg-extended-already = forespørsel { $request } er allerede forlenget, til { $due }
msg-extension-too-late = en forlengelse må registreres innen den første fristen, { $due }; i dag er det { $on }
msg-breach-people = antallet berørte kan ikke være negativt
msg-breach-closed = brudd { $id } er avsluttet; ingenting mer kan registreres på det
msg-breach-concerns-nobody = brudd { $id } er ikke knyttet til noen kunder: legg først til dem det gjelder, eller skriv ett brev til alle
msg-customers-needed = oppgi minst én kunde (nummer eller id)
msg-breach-before-aware = er før butikken ble kjent med bruddet ({ $aware })
msg-breach-notified-already = tilsynsmyndigheten er allerede varslet om brudd { $id }
msg-breach-delay-reason = meldingen kommer etter { $hours } timer: oppgi grunnene til forsinkelsen (GDPR art. 33 nr. 1)
msg-breach-informed-already = brudd { $id } sier allerede hvordan de berørte ble varslet
msg-breach-close-unnotified = brudd { $id } kan medføre en risiko for de berørte: registrer meldingen til tilsynsmyndigheten før det avsluttes (GDPR art. 33 nr. 1)
msg-breach-close-uninformed = brudd { $id } kan medføre en høy risiko: registrer hvordan de berørte ble varslet, eller hvorfor det ikke trengs, før det avsluttes (GDPR art. 34)
msg-request-not-customers = forespørsel { $request } tilhører ikke kunde { $customer }
msg-request-kind = forespørsel { $request } gjelder { $kind ->
        [access] innsyn
        [rectification] retting
        [erasure] sletting
        [restriction] begrensning
        [portability] dataportabilitet
        [objection] protest
       *[withdraw_consent] tilbaketrukket samtykke
    }, ikke { $kinds }
msg-no-notice = forespørsel { $request } er verken forlenget eller avslått: det er ingenting å melde
msg-request-not-open = forespørsel { $request } er { $state ->
        [received] mottatt
        [identity_verified] identitetsbekreftet
        [in_progress] under arbeid
        [answered] besvart
        [refused] avslått
       *[closed] avsluttet
    }: bekreft personens identitet først, og handle mens forespørselen er åpen
msg-request-has-customer = forespørsel { $request } er allerede en kundes: bare en forespørsel fra noen registeret ikke hadde noen kunde for, kobles til en
msg-request-link-closed = forespørsel { $request } er besvart eller avsluttet: bare en åpen forespørsel kobles til en kunde
msg-answer-without-copy = forespørsel { $request } besvares med en kopi av personens opplysninger (GDPR { $kind ->
        [portability] art. 20
       *[other] art. 15 nr. 3
    }): lag først { $kind ->
        [portability] dataportabilitetseksporten
       *[other] innsynsrapporten
    } for kunde { $customer } til forespørselen, slik at den registreres under den, og besvar deretter
msg-answer-erased-without-confirmation = forespørsel { $request } spør hva som finnes om kunde { $customer }, som er slettet: det som er igjen, er det loven krever at vi tar vare på, og det sier slettebekreftelsen. Lag den først til forespørselen (`kundvakt report erased { $customer } --request { $request }`, eller på forespørselens side), slik at den registreres under den; besvar deretter
msg-answer-without-erasure = forespørsel { $request } besvares ved å slette personens opplysninger (GDPR art. 17): slett først kunde { $customer } for forespørselen (det loven krever at butikken oppbevarer, beholdes, og bekreftelsen lister det opp), eller, om personen bare ba om visse opplysninger, notater, påmeldinger eller nettaktiviteten sin, fjern dem på kundens side mens forespørselen er åpen; besvar deretter. Der ingenting kan slettes, avslå forespørselen og oppgi grunnen (art. 12 nr. 4)
msg-erasure-only-removes = forespørsel { $request } gjelder sletting (GDPR art. 17): under den fjernes opplysninger bare; en ny verdi er en retting, som en forespørsel om retting gjelder (art. 16)
msg-no-consent-purpose = det er ikke gitt noe samtykke til `{ $purpose }`; formålene det er samtykket til, er: { $purposes }
msg-not-yes-or-no = `{ $value }` er verken ja eller nei
consent-imported-wording = gitt i nettbutikken senest denne datoen (eksporten: «{ $column }»)
msg-no-consents-yet = ingen samtykker er registrert ennå, til `{ $purpose }` eller noe annet
msg-encrypt-postgres = Kundvakt krypterer SQLite-registre; et PostgreSQL-register beskyttes av serveren sin (diskkryptering, TLS og serverens egen tilgangskontroll)
msg-not-the-passphrase = er ikke registerets passordfrase
msg-give-passphrase = oppgi registerets passordfrase
msg-not-encrypted = registeret i { $path } er ikke kryptert
msg-erased-not-edited = kunde { $customer } er slettet og kan ikke endres
msg-give-number = oppgi et nummer (innstillingen { $setting } er tom, så ingen foreslås)
msg-order-status-already = ordre { $number } er allerede { $status ->
        [placed] lagt inn
        [paid] betalt
        [shipped] sendt
        [cancelled] kansellert
       *[refunded] refundert
    }
msg-closed-on-already = saken i notat { $id } ble allerede avsluttet { $day }
msg-closed-already = saken i notat { $id } er allerede avsluttet
msg-note-changed-open-again = notat { $id } er endret av noen andre i mellomtiden: åpne det igjen og gjør rettelsen der
msg-note-same = notat { $id } sier allerede det
msg-note-held = notat { $id } er omfattet av en rettslig bevaring, som beholder det så lenge tvisten varer (GDPR art. 17 nr. 3 bokstav e): avslå den delen av begjæringen og oppgi denne grunnen, og la notatet slettes når bevaringen oppheves
msg-note-kept-by-law = notat { $id } dokumenterer en forretningshendelse, som bokføringsloven krever oppbevart til og med { $until } (GDPR art. 17 nr. 3 bokstav b): avslå den delen av begjæringen og oppgi denne grunnen; notatet slettes når tiden er ute
msg-note-same-customer = notat { $id } ligger allerede under kunde { $customer }
msg-note-held-not-moved = notat { $id } er omfattet av en rettslig bevaring, som beholder det der det er så lenge tvisten varer (GDPR art. 17 nr. 3 bokstav e): flytt det når bevaringen er opphevet
msg-part-erasure-not-erasure = forespørsel { $request } er en forespørsel om { $kind }: en slettebekreftelse lages for en forespørsel om sletting
msg-part-erasure-nothing = ingenting er slettet for forespørsel { $request } ennå: fjern først opplysningene, eller slett notatene, påmeldingene eller nettaktiviteten personen ba om, på kundens side
msg-part-erasure-whole = kunde { $customer } ble slettet helt for forespørsel { $request }: slettebekreftelsen ble laget ved slettingen
msg-signup-held = påmelding { $id } er omfattet av en rettslig bevaring, som beholder den så lenge tvisten varer (GDPR art. 17 nr. 3 bokstav e): avslå den delen av begjæringen og oppgi denne grunnen, og la påmeldingen slettes når bevaringen oppheves
msg-not-held-erase-now = { $entity ->
        [interaction] notat { $id } er ikke omfattet av noen rettslig bevaring: slett det nå
       *[other] påmelding { $id } er ikke omfattet av noen rettslig bevaring: slett den nå
    }
msg-held-back-already = { $entity ->
        [interaction] notat { $id } skal allerede slettes når bevaringen oppheves
       *[other] påmelding { $id } skal allerede slettes når bevaringen oppheves
    }
msg-web-activity-held = nettaktiviteten for kunde { $customer } er omfattet av en rettslig bevaring (hendelser som bevares: { $events }), som beholder den så lenge tvisten varer (GDPR art. 17 nr. 3 bokstav e): avslå den delen av begjæringen og oppgi denne grunnen
msg-web-stopped = kunde { $customer } protesterte mot registreringen av sin nettaktivitet { $since } (GDPR art. 21 nr. 1): ingen registreres før det oppheves
msg-web-stopped-already = registreringen av nettaktivitet for kunde { $customer } er stoppet siden { $since }
msg-web-not-stopped = registreringen av nettaktivitet for kunde { $customer } er ikke stoppet
msg-merge-same = kunde { $customer } kan ikke slås sammen med seg selv: velg den andre kunden
msg-customer-merged-into = kunde { $customer } er slått sammen med { $into }: opplysningene deres, og forespørslene deres, er { $into } sine nå
msg-merge-held = kunde { $customer } er omfattet av en rettslig bevaring som holder opplysningene slik de er (GDPR art. 17 nr. 3 bokstav e): opphev den før dere slår sammen, eller hold de to adskilt
msg-unmerge-not-merged = kunde { $customer } er ikke slått sammen med noen: det finnes ingen sammenslåing å angre
msg-unmerge-too-late = sammenslåingen av kunde { $customer } kan ikke lenger angres: en angring lagres i { $days } dager etter sammenslåingen og glemmes deretter; rett opplysningene og flytt postene for hånd
msg-unmerge-merged-on = kunde { $customer } ble slått sammen med { $later }, som siden er slått sammen med { $into }: angre den sammenslåingen først
msg-unmerge-held = kunde { $customer } er omfattet av en rettslig bevaring som holder opplysningene slik de er (GDPR art. 17 nr. 3 bokstav e): opphev den før dere angrer sammenslåingen
msg-web-activity-none = registeret har ingen nettaktivitet for denne kunden å slette
msg-web-event-held = netthendelse { $id } er omfattet av en rettslig bevaring som holder den mens tvisten pågår (GDPR art. 17 nr. 3 bokstav e): avslå den delen av forespørselen og oppgi denne begrunnelsen
msg-trail-file-not = dette er ikke en fil med revisjonsloggen slik Kundvakt lagrer den (UTF-8, `;`, 16 kolonner): lagre loggen på nytt fra registeret
msg-trail-file-unreadable = filen kan ikke leses som CSV: { $reason }
msg-trail-row-columns = raden har { $found } celler der en rad i loggen har { $wanted }
msg-trail-row-seq = ikke nummeret til en post
msg-trail-row-time = ikke en tid slik hashen dekker den (som 2026-03-14T09:30:00.000000Z)
msg-trail-row-customer = ikke en kunde-id
msg-trail-row-hash = feltene i post { $seq } gir ikke hashen dens: raden er endret etter at loggen ble lagret
msg-trail-row-link = post { $seq } følger ikke etter post { $previous } slik kjeden har det: en av dem er endret, eller en post er satt inn imellom
msg-note-changed = notat { $id } er endret av noen andre i mellomtiden
msg-signup-status-already = påmelding { $id } er allerede { $status ->
        [registered] registrert
        [attended] møtt
       *[cancelled] avmeldt
    }
msg-order-exists = ordre { $number } finnes allerede
msg-order-of-erased = ordre { $number } tilhører en slettet kunde og lagres bare for regnskapet: ingen faktura eller purring sendes (en tilbakebetaling registreres som kreditnota)
msg-invoice-exists = faktura { $number } finnes allerede
msg-invoice-before-order = ordren er fra { $order_date }; den kan ikke faktureres før det
msg-due-before-issued = en faktura kan ikke forfalle før den er utstedt
msg-order-currency = ordren er i { $currency }
msg-more-than-zero = må være større enn null
msg-give-credited = oppgi fakturaen som krediteres
msg-only-credit-notes-credit = bare en kreditnota krediterer en faktura
msg-no-invoice = ingen faktura { $credits }
msg-invoice-of-another-order = faktura { $credits } hører til en annen ordre
msg-credit-not-an-invoice = { $credits } er ikke en faktura; bare en faktura kan krediteres
msg-credit-before-invoice = faktura { $credits } er fra { $issued }; den kan ikke krediteres før det
msg-credit-left = høyst { $left } gjenstår å kreditere av faktura { $credits }
msg-order-changed = ordre { $number } er endret av noen andre i mellomtiden
msg-consent-withdrawn = samtykke { $id } finnes ikke eller er allerede trukket tilbake
msg-consent-stands = samtykke { $id }, gitt { $given }, til dette formålet og denne ordlyden gjelder allerede: et samtykke registreres én gang til det trekkes tilbake (en ny ordlyd registreres som et nytt samtykke)
msg-customer-not-active = kunde { $customer } er { $state ->
        [restricted] begrenset
       *[erased] slettet
    }: ingenting nytt kan registreres om personen
msg-not-found = { $entity ->
        [customer] kunde
        [order] ordre
        [request] forespørsel
        [interaction] notat
        [consent] samtykke
        [processor] databehandler
        [sweep] sletterunde
        [breach] brudd
       *[other] post
    } { $id } finnes ikke i registeret
msg-record-has-no-number = en post av typen { $entity } har ikke noe eget nummer: oppgi id-en
msg-conflict = { $entity ->
       *[customer] kunde
    } { $id } er endret av noen andre (nå versjon { $current }, du endret versjon { $expected }); last den inn igjen og prøv på nytt
msg-moved-copy-open = { $path } er registeret som er åpent nå
msg-english = { $text }
msg-demo-needs-empty = demobutikken trenger et tomt register
msg-confirm-erasure-number = skriv kundenummeret for å bekrefte slettingen
msg-choose-file-first = velg en fil først

# Corrections (GDPR Art. 16): the old value kept by the audit trail.
corrected-number = Kundenummer
corrected-name = Navn
corrected-email = E-post
corrected-phone = Telefon
corrected-street = Gateadresse
corrected-postal_code = Postnummer
corrected-city = Poststed
corrected-country = Land
corrected-language = Språk
corrected-summary = Notat: sammendrag
corrected-staff = Notat: saksbehandler
corrected-channel = Notat: kanal
corrected-direction = Notat: retning
corrected-bookkeeping = Notat: oppbevares etter bokføringsloven
corrected-value-true = ja
corrected-value-false = nei
col-corrected-on = Rettet
col-corrected-part = Opplysning
col-value-before = Før
col-value-after = Etter
access-corrections-title = Tidligere verdier i rettede opplysninger
access-corrections-intro = Når opplysningene dine er rettet (personvernforordningen artikkel 16), har revisjonsloggen vår tatt vare på hva de var før, for å vise hva vi hadde og når det ble endret. De tidligere verdiene slettes sammen med resten av opplysningene dine.
ui-corrections = Rettinger
ui-corrections-hint = En retting tar vare på den gamle verdien her, i revisjonsloggen, ikke i registeret (personvernforordningen artikkel 16). De gamle verdiene forsvinner når kunden slettes, og innsynsrapporten viser dem. En opplysning som er fjernet på personens forespørsel om sletting, tas ikke vare på (artikkel 17).
ui-value-erased = slettet på forespørsel
ui-correction-altered = Endret etter at det ble lagret: ikke verdien revisjonsloggen har.
ui-correction-recorded-under = Registrert under forespørsel { $id } som svaret på den.
ui-request-corrections = Rettinger gjort for den
ui-request-corrections-hint = En retting som lagres på kundens side mens forespørselen er åpen og identiteten bekreftet, besvarer den: den registreres her med verdiene den erstattet.
ui-request-objection-hint = En protest besvares på kundens side, etter hva den gjelder: trekk tilbake samtykket til markedsføring (GDPR art. 21 nr. 3), begrens opplysningene mens du vurderer den (art. 18 nr. 1 bokstav d), eller slutt å registrere kundens nettaktivitet og slett det som er registrert (art. 21 nr. 1, 17 nr. 1 bokstav c). Besvar den så her, eller avslå den med dine tungtveiende berettigede grunner.
ui-request-no-corrections = Ingen retting er gjort for denne forespørselen ennå.
ui-answer-corrected = Rettet: { $parts }
ui-request-removals = Opplysninger fjernet for den
ui-request-notes-erased = Notater slettet for den
ui-col-erased-note = Notatet fra
ui-request-signups-erased = Påmeldinger slettet for den
ui-col-erased-signup = Påmeldingen til
ui-request-web-erased = Nettaktivitet slettet for den
ui-request-held-back = Beholdes av en rettslig bevaring, slettes når den oppheves
ui-held-back-note = notatet fra { $date } ({ $channel })
ui-held-back-signup = påmeldingen til { $date }
ui-held-back-web =
    { $events ->
        [one] { $events } hendelse i nettaktiviteten
       *[other] { $events } hendelser i nettaktiviteten
    }
ui-col-erased-web = Nettaktiviteten fra
ui-erased-web-span =
    { $first } til { $last }, { $events ->
        [one] { $events } hendelse
       *[other] { $events } hendelser
    }
ui-erased-web-held =
    { $held ->
        [one] ; { $held } hendelse beholdt av en rettslig bevaring
       *[other] ; { $held } hendelser beholdt av en rettslig bevaring
    }
ui-answer-removed = Fjernet: { $parts }
ui-answer-notes-erased = Slettet: notatene fra { $notes }
ui-answer-signups-erased = Slettet: påmeldingene til { $dates }
ui-answer-web-erased =
    Slettet: nettaktiviteten fra { $first } til { $last } ({ $events ->
        [one] { $events } hendelse
       *[other] { $events } hendelser
    })
ui-answer-web-visit-erased = Slettet: opplysningene om besøket { $date }
ui-answer-held-back = Ikke slettet mens et rettskrav avgjøres (GDPR art. 17 nr. 3 bokstav e), og slettes når det er avgjort: { $parts }.
ui-answer-erased = Kunde { $customer } er slettet: ingenting er igjen å gjøre noe med utenom det loven krever at vi tar vare på, som er begrenset (GDPR art. 18 nr. 2) og slettes når tiden er ute.
ui-answer-nothing-held = Vi søkte i registeret etter navnet, og etter hver adresse og hvert nummer, som du ga oss.
