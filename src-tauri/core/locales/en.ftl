# Kundvakt: English. Every key here exists in sv.ftl and nb.ftl too (a test checks).

## Shared by every document
doc-generated = Generated { $date }
doc-page = Page { $page } / { $pages }
doc-audit-head = Audit trail entry { $seq }, chain head { $hash }
doc-controller = Data controller
doc-org-number = Organisation number
doc-address = Address
doc-email = E-mail
doc-phone = Phone
doc-website = Web site
doc-none = none
doc-yes = yes
doc-no = no

## Access report (GDPR Art. 15)
access-title = Your personal data at { $controller }
access-subject = Access report under Article 15 of the GDPR
access-intro = We confirm that we process personal data about you. This report is a copy of all personal data we hold about you, with what we use it for, on which legal basis, where it comes from, who receives it and how long we keep it.
access-request = Your request { $id }, received { $received }
access-no-request = Report made without a registered request
access-customer = Customer { $number }
access-category-empty = We hold no data about you in this category.
access-free-copy = This first copy is free of charge (GDPR Art. 15(3)).
portability-title = Your data from { $controller } to take elsewhere
portability-subject = Data portability under Article 20 of the GDPR

section-purpose = Purpose
section-legal-basis = Legal basis
section-source = Source
section-recipients = Recipients
section-retention = How long we keep it
section-transfers = Transfer outside the EU/EEA
transfers-none = No
transfers-yes = Yes, to { $recipients }
recipients-none = No one outside the shop

## Categories of personal data
cat-identity_contact = Identity and contact details
cat-purchase_history = Orders (purchase history)
cat-invoices = Invoices and reminders
cat-communications = Calls, meetings, e-mails and letters
cat-web_activity = Activity on our web site
cat-consents = Consents
cat-events = Courses and events
cat-requests = Your requests about your data

## Default purposes (the shop may write its own)
purpose-identity_contact = To keep your customer account, deliver your orders and contact you about them.
purpose-purchase_history = To fulfil your orders and keep the accounting records that the bookkeeping law requires.
purpose-invoices = To invoice and remind, and to keep the accounting records that the bookkeeping law requires.
purpose-communications = To follow up your questions, comments and complaints.
purpose-web_activity = To keep the web site secure and to produce statistics about its use.
purpose-consents = To show that you consented, to what and when, and to respect your withdrawal.
purpose-events = To give you information about the courses and events you signed up for.
purpose-requests = To answer your requests about your data and to show that we did.

## Legal bases (GDPR Art. 6(1))
basis-consent = Your consent (Art. 6(1)(a))
basis-contract = Our contract with you (Art. 6(1)(b))
basis-legal_obligation = A legal obligation, the bookkeeping law (Art. 6(1)(c))
basis-legitimate_interest = Our legitimate interest, after a documented balancing assessment (Art. 6(1)(f))

## Sources
source-data_subject = You gave it to us
source-observed = Recorded when you used our web site
source-shop = Created by us in the course of your purchases

## How long we keep it
retention-identity_contact = While you are a customer; an account without activity is erased { $months } months after the last activity.
retention-purchase_history = As long as the bookkeeping law requires ({ $law }); the date is given for each order.
retention-invoices = As long as the bookkeeping law requires ({ $law }); the date is given for each invoice.
retention-communications = { $months } months after the matter was closed.
retention-web_activity = { $months } months.
retention-consents = As long as the consent stands; the proof of it { $months } months after you withdrew it.
retention-events = { $months } months after the event.
retention-requests = { $months } months after the request was closed.
kept-open-consent_stands = while the consent stands
kept-open-matter_open = while the matter is open
kept-open-request_open = while the request is open

## Fields and columns
field-name = Name
field-email = E-mail
field-phone = Phone
field-address = Postal address
field-country = Country
field-language = Language
field-customer-number = Customer number
field-created = Customer since
field-last-activity = Last activity
field-state = Status
col-order = Order
col-date = Date
col-items = Items
col-total = Total
col-vat = Of which VAT
col-payment = Payment
col-kept-until = Kept until
col-number = Number
col-kind = Kind
col-amount = Amount
col-channel = Channel
col-direction = Direction
col-summary = Summary
col-time = Time (UTC)
col-ip = IP address
col-action = Action
col-user-agent = Browser
col-purpose = Purpose
col-text-version = Text shown
col-given = Given
col-withdrawn = Withdrawn
col-event = Course or event
col-status = Status
col-due = Due
col-received = Received
col-state = State
col-answered = Answered
col-name = Name
col-role = Role
col-country = Country
col-categories = Data it receives
col-outside-eea = Outside the EU/EEA
col-safeguards = Safeguards
col-law = Law
col-rule = Rule
col-count = Records

## Values
state-active = active
state-restricted = restricted (Art. 18)
state-erased = erased
order-status-placed = placed
order-status-paid = paid
order-status-shipped = shipped
order-status-cancelled = cancelled
order-status-refunded = refunded
invoice-kind-invoice = invoice
invoice-kind-reminder = reminder
channel-meeting = meeting
channel-phone = phone
channel-email = e-mail
channel-letter = letter
channel-document = document
channel-web_form = web form
direction-inbound = from you
direction-outbound = from us
registration-registered = signed up
registration-attended = attended
registration-cancelled = cancelled
role-processor = processor on our behalf (Art. 28)
role-recipient = recipient
kind-access = access (Art. 15)
kind-rectification = rectification (Art. 16)
kind-erasure = erasure (Art. 17)
kind-restriction = restriction (Art. 18)
kind-portability = data portability (Art. 20)
kind-objection = objection (Art. 21)
kind-withdraw_consent = withdrawal of consent (Art. 7(3))
request-state-received = received
request-state-identity_verified = identity verified
request-state-in_progress = in progress
request-state-answered = answered
request-state-refused = refused
request-state-closed = closed
language-sv = Swedish
language-nb = Norwegian Bokmål
language-en = English

## Recipients, automated decisions, rights, complaints
recipients-title = Who receives your data
recipients-intro = These processors and recipients receive personal data from us. Processors handle it only on our behalf and under a data processing agreement.
automated-title = Automated decisions and profiling
automated-none = We make no decisions about you based solely on automated processing, and we do not profile you (GDPR Art. 22).
rights-title = Your rights
rights-intro = You may at any time, free of charge:
right-access = get a copy of your data, as in this report (Art. 15);
right-rectification = have wrong data corrected (Art. 16);
right-erasure = have your data erased, except what the law requires us to keep (Art. 17);
right-restriction = have the use of your data restricted (Art. 18);
right-portability = get the data you gave us in a machine-readable form, or have it sent to another company (Art. 20);
right-objection = object to processing based on our legitimate interest (Art. 21);
right-withdraw = withdraw a consent as easily as you gave it (Art. 7(3)).
rights-contact = Write to { $email } to use your rights.
authority-title = Right to complain
authority-intro = If you think that we process your data wrongly, you have the right to lodge a complaint with the supervisory authority:

## Request receipt (GDPR Art. 12)
receipt-title = We have received your request
receipt-subject = Receipt of a request under the GDPR
receipt-intro = We received your request for { $kind } on { $received }. We will answer without undue delay and by { $due } at the latest (GDPR Art. 12(3)).
receipt-extension = If we need more time because the request is complex, we will tell you before { $due }, with the reasons; the time can then be extended by at most two further months.
receipt-identity = Before we disclose or change any data we will make sure that the request comes from you.
receipt-reference = Reference: request { $id }

## Erasure confirmation (GDPR Art. 17)
erasure-title = Confirmation of erasure
erasure-subject = Erasure under Article 17 of the GDPR
erasure-intro = We have erased your personal data on { $date }, except the records that the law requires us to keep. Those are restricted: they are kept only to fulfil that obligation and for legal claims, and they are anonymised when the period ends.
erasure-erased = Erased
erasure-kept = Kept under the law
erasure-kept-none = We keep nothing about you.
erasure-pseudonym = The records we keep no longer carry your name; they are filed under the reference { $pseudonym }.
erasure-until-hold = while a legal hold lasts
erasure-until-request = { $months } months after the request is closed
erasure-audit = Our audit trail records that your data was changed and erased. It holds only checksums, from which nothing about you can be read.

## Records of processing (GDPR Art. 30)
records-title = Records of processing activities
records-subject = Records under Article 30 of the GDPR
records-intro = The processing of personal data in the customer register of { $controller }.
records-subjects-title = Categories of data subjects
records-subjects = Customers and former customers, people who contact the shop, newsletter subscribers and course participants.
records-categories-title = Purposes, categories of data and legal bases
records-transfers-title = Transfers outside the EU/EEA
records-transfers-none = No personal data is transferred outside the EU/EEA.
records-erasure-title = Time limits for erasure
records-security-title = Security measures
records-security = Access only for staff who need it; every change recorded in a hash-chained audit trail; the register can be encrypted at rest; regular backups; erasure and anonymisation on the day the retention period ends.
records-assessments-title = Legitimate-interest assessments

## Retention sweep summary
sweep-title = Retention sweep
sweep-subject = Records erased or anonymised when their retention period ended
sweep-intro = On { $date } the records below had reached the end of their retention period and were erased or anonymised.
sweep-nothing = Nothing had reached the end of its retention period.
sweep-total = Total
sweep-run = Sweep
sweep-state = State
sweep-started = Started
sweep-finished = Finished
sweep-batches = Batches (one transaction each)
sweep-action-deleted = deleted
sweep-action-pseudonymised = kept under a pseudonym, restricted
sweep-action-anonymised = anonymised
sweep-state-running = not finished
sweep-state-done = finished
sweep-state-abandoned = cut off


## Lines an import adds so that an order's lines add up to its total
import-line-shipping = Shipping
import-line-discount = Discount
import-line-other = Other charges and adjustments
## The accountant's export (column headers)
export-col-order = Order
export-col-date = Date
export-col-customer = Customer
export-col-line = Line
export-col-description = Description
export-col-quantity = Quantity
export-col-net = Net
export-col-vat-rate = VAT rate %
export-col-vat = VAT
export-col-gross = Gross
export-col-currency = Currency
export-col-payment = Payment

## The app's screens
ui-app-name = Kundvakt
ui-nav-register = Register
ui-nav-requests = Requests
ui-nav-settings = Settings
ui-language = Language
ui-register-location = Register: { $location }
ui-unlock-title = Open the register
ui-unlock-text = The register at { $location } is encrypted. Enter its passphrase to open it.
ui-unlock-passphrase = Passphrase
ui-unlock-open = Open
ui-search-label = Search customers
ui-search-placeholder = Name, e-mail, phone or customer number
ui-customers-count =
    { $count ->
        [one] { $count } customer
       *[other] { $count } customers
    }
ui-search-count = { $count } found
ui-no-results = No customer matches.
ui-choose-customer = Choose a customer in the list.
ui-loading = Loading…
ui-details = Details
ui-save = Save
ui-saved = Saved.
ui-cancel = Cancel
ui-reload = Reload
ui-conflict = Someone else changed this customer while you edited. Reload to see their changes, then edit again.
ui-report-pdf = Access report (PDF)
ui-report-json = Access report (JSON)
ui-report-preview = Preview the access report
ui-back = Back
ui-portability = Portability export (JSON)
ui-receipt = Receipt (PDF)
ui-records-pdf = Records of processing (PDF)
ui-records-json = Records of processing (JSON)
ui-processor-add = Add a processor or recipient
ui-processor-edit = Edit processor or recipient
ui-edit = Edit
ui-remove = Remove
ui-report-saved = Saved { $path }
ui-new-request = Log a request
ui-request-kind = Kind of request
ui-open = Open
ui-history = History
ui-history-action = Change
ui-history-actor = By
ui-requests-title = Requests from customers
ui-requests-empty = No open requests.
ui-show-done = Show answered and closed requests
ui-days-left = Days left
ui-overdue = Overdue by { $days } days
ui-due-soon = Due in { $days } days
ui-due-today = Due today
ui-actions = Actions
ui-step-verify = Identity verified
ui-step-start = Start
ui-step-extend = Extend
ui-step-answer = Answer
ui-step-refuse = Refuse
ui-step-close = Close
ui-reason = Reason
ui-answer-text = Answer given
ui-settings-title = Settings
ui-settings-controller = The shop (data controller)
ui-settings-law = Country and financial year
ui-settings-retention = Retention periods (months)
ui-settings-documents = Documents
ui-settings-processors = Processors and recipients
ui-welcome-title = Welcome to Kundvakt
ui-welcome-text = Your register is empty. Try Kundvakt with a demo shop, or start with your own first customer.
ui-welcome-demo = Try the demo shop
ui-welcome-add = Add my first customer
ui-welcome-import = Importing from your web shop comes with the import function.
ui-demo-progress = Creating the demo shop: { $done } of { $total } customers
ui-new-customer = New customer
ui-add = Add customer
ui-customer-added = Customer { $number } added.
ui-note-contact = Note a contact…
ui-record-consent = Record a consent…
ui-direction = Who got in touch
ui-direction-inbound = The customer
ui-direction-outbound = The shop
ui-staff = Taken by
ui-closed-on = Matter closed on
ui-close-matter = Close the matter
ui-text-version-example = such as newsletter-2025-01
ui-time-needed = Give the date and time.
ui-month-1 = January
ui-month-2 = February
ui-month-3 = March
ui-month-4 = April
ui-month-5 = May
ui-month-6 = June
ui-month-7 = July
ui-month-8 = August
ui-month-9 = September
ui-month-10 = October
ui-month-11 = November
ui-month-12 = December
setting-country = Country whose law applies
setting-fiscal_year_start_month = Financial year starts in
setting-time_zone = Time zone
setting-language = Language of new documents
setting-controller-name = Name
setting-controller-org_number = Organisation number
setting-controller-address = Address
setting-controller-email = E-mail
setting-controller-phone = Phone
setting-controller-website = Web site
setting-authority-name = Supervisory authority
setting-authority-address = Authority's address
setting-retention-inactive_customer_months = Inactive customer accounts
setting-retention-interaction_months = Notes after the matter closed
setting-retention-web_event_months = Web-site activity
setting-retention-consent_proof_months = Proof of a withdrawn consent
setting-retention-event_months = Course sign-ups after the event
setting-retention-request_months = Requests after closing
field-street = Street
field-postal-code = Postal code
field-city = City

ui-nav-retention = Retention
ui-retention-title = What falls due
ui-retention-as-of = As of
ui-retention-summary = { $due } records may be deleted ({ $overdue } of them overdue); { $held } kept by a legal hold.
ui-retention-chart = Records that fall due, month by month
ui-retention-list = Due now
ui-retention-more = and { $count } more
record-order = order
record-invoice = invoice
record-customer = customer account
record-interaction = note
record-web_event = web event
record-consent = consent proof
record-event_registration = course sign-up
record-request = request

## Erasure, restriction, consent and the sweep in the window
ui-erase = Erase…
ui-erase-title = Erase { $name }?
ui-erase-intro = Everything that no law requires us to keep is erased now. Accounting records still under the bookkeeping law stay, restricted and without the name, under the reference { $pseudonym }, and are deleted when their period ends.
ui-erase-request = Answers request
ui-erase-no-request = No request: the shop erases on its own initiative
ui-erase-erased = Erased now
ui-erase-kept = Kept under the law
ui-erase-confirm-label = Type the customer number { $number } to confirm
ui-erase-confirm = Erase now
ui-erase-done = Erased: { $erased } records are gone, { $kept } are kept under the law. Send the person the confirmation.
ui-erase-save-pdf = Save the confirmation (PDF)
ui-erase-save-json = Save the confirmation (JSON)
ui-restrict = Restrict…
ui-restrict-title = Restrict the processing of { $name }'s data
ui-restrict-intro = While restricted, the data is only stored: nothing new is recorded about the person, and the data is used for nothing but legal obligations and legal claims (GDPR Art. 18).
ui-restrict-ground = Ground
ui-restrict-note = Note (optional)
ui-restrict-confirm = Restrict
ui-restricted-since = Restricted since { $date }: { $ground }
ui-unrestrict = Lift the restriction…
ui-unrestrict-intro = The person must be told before the restriction is lifted (GDPR Art. 18(3)).
ui-unrestrict-notified = The person was told on
ui-unrestrict-confirm = Lift the restriction
ui-withdraw = Withdraw
ui-withdrawn = The consent is withdrawn; the proof of it is kept.
ground-accuracy_contested = the person contests the accuracy (while it is checked)
ground-unlawful_processing = the processing is unlawful and the person prefers restriction to erasure
ground-legal_claims = the person needs the data for legal claims
ground-objection_pending = the person has objected and the assessment is pending
ui-due-banner = { $count } records have reached the end of their retention period and should be deleted.
ui-due-review = Review
ui-sweep-title = Delete what is due
ui-sweep-preview = { $total } records may be deleted today; { $held } are kept by a legal hold.
ui-sweep-nothing = Nothing is due today.
ui-sweep-resumes = This continues sweep { $id }, which was cut off.
ui-sweep-run = Delete what is due…
ui-sweep-confirm = Delete these { $total } records now? This cannot be undone.
ui-sweep-yes = Delete now
ui-sweep-done = Sweep { $id } is done: { $total } records.
ui-sweep-save-pdf = Save the summary (PDF)
ui-sweep-save-json = Save the summary (JSON)


## Import and export in the window
ui-nav-transfer = Import & export
ui-import-title = Import from your web shop
ui-import-intro = A CSV export from Shopify or WooCommerce, or any CSV with a header row. Nothing changes until you import, and an import with problems changes nothing unless you set the problem rows aside.
ui-import-customers = Customers
ui-import-orders = Orders
ui-import-choose = Choose a file…
ui-import-detected = { $file }: { $encoding }, delimiter { $delimiter }, { $rows } rows. Format:
ui-import-tab = tab
ui-format-generic = generic CSV
ui-format-shopify = Shopify
ui-format-woocommerce = WooCommerce
ui-import-mapping = Columns
ui-import-skip-column = — not imported —
ui-import-first-rows = The first rows
ui-import-counts = Importing would add { $added }, update { $updated }, leave { $unchanged } unchanged, skip { $skipped } and reject { $rejected }.
ui-import-problems = Problems ({ $count })
ui-import-skip-invalid = Import the valid rows and set the others aside in a file
ui-import-run = Import
ui-import-done = Imported: { $added } added, { $updated } updated, { $unchanged } unchanged, { $skipped } skipped, { $rejected } set aside.
ui-import-rejected-file = The rows set aside are in { $path }.
ui-import-refused = Nothing was imported: { $count } rows have problems.
ui-export-title = Order history for the accountant
ui-export-intro = One row per order line with net, VAT and gross. Erased customers appear under their pseudonym; restricted records are included because the export serves the bookkeeping obligation.
ui-export-from = From
ui-export-to = To
ui-export-format = Format
ui-export-decimal-comma = Decimal comma (for spreadsheets in Swedish, Norwegian, Danish, Finnish or German)
ui-export-save = Export…
ui-export-done = Exported { $orders } orders to { $path }.
## Errors (by their stable code)
error-invalid = Please check this field.
error-not_found = It is no longer in the register.
error-duplicate = It exists already.
error-conflict = Someone else changed it in the meantime.
error-refused = That is not possible now.
error-no_register = There is no register here.
error-not_a_register = That file is not a Kundvakt register.
error-register_too_new = The register was made by a newer Kundvakt.
error-register_locked = The register is encrypted: enter its passphrase.
error-wrong_passphrase = Wrong passphrase. Nothing was changed.
error-unreachable = The database server cannot be reached.
error-file = The file could not be written.
error-audit_broken = The audit trail is broken.
error-database = A database error occurred.
error-migrate = The register could not be upgraded.
error-internal = Something went wrong in Kundvakt.

## The defaults a new register starts with (the shop edits them)
default-processor-platform = Web platform supplier
default-purpose-platform = Web shop platform and hosting of customer accounts and orders
default-purpose-analytics = Web-site statistics through cookies
default-purpose-pixel = Advertising through the Facebook pixel
default-purpose-klarna = Payment and invoicing; holds the card and payment data
default-purpose-payex = Card payments; holds the card data
default-safeguards-us = EU-US Data Privacy Framework; standard contractual clauses
