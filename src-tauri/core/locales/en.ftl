# Kundvakt: English. Every key here exists in sv.ftl and nb.ftl too (a test checks).

## Shared by every document
doc-generated = Generated { $date }
doc-times-zone = Times are on the shop's clock ({ $zone }).
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
access-title-nameless = Your personal data
access-subject = Access report under Article 15 of the GDPR
access-intro = We confirm that we process personal data about you. This report is a copy of all personal data we hold about you, with what we use it for, on which legal basis, where it comes from, who receives it and how long we keep it.
access-request = Your request { $id }, received { $received }
access-no-request = Report made without a registered request
access-customer = Customer { $number }
access-category-empty = We hold no data about you in this category.
access-free-copy = This first copy is free of charge (GDPR Art. 15(3)).
access-past-due = A record marked “to be deleted” has passed the end of the time we keep it for, and will be deleted (GDPR Art. 5(1)(e)).
portability-title = Your data from { $controller } to take elsewhere
portability-subject = Data portability under Article 20 of the GDPR

section-purpose = Purpose
section-legal-basis = Legal basis
section-interest = Our legitimate interest
section-source = Source
section-recipients = Recipients
section-retention = How long we keep it
section-transfers = Transfer outside the EU/EEA
transfers-none = No
web-activity-stopped = Since { $since } we no longer record your activity on our web site: you objected to it (GDPR Art. 21(1)).
access-merged = You were registered with us twice: the data under customer number { $number } was brought together with this customer on { $date }, and is in this report.
access-merged-kept = Until { $date } we also keep the details given under customer number { $number } as they were when the data was brought together, so that it can be parted again should it prove to be two people's; then they are deleted:
access-merged-kept-title = Details kept to undo the merge
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
basis-legal_obligation = A legal obligation (Art. 6(1)(c))
basis-legal_obligation-bookkeeping = A legal obligation, the bookkeeping law (Art. 6(1)(c))
basis-legal_obligation-requests = A legal obligation: to answer your requests and to show that we did (Art. 6(1)(c) with Art. 12 and 5(2))
basis-legitimate_interest = Our legitimate interest, after a documented balancing assessment (Art. 6(1)(f))

## Sources
source-data_subject = You gave it to us
source-observed = Recorded when you used our web site
source-shop = Created by us in the course of your purchases

## How long we keep it
retention-identity_contact = While you are a customer; an account without activity is erased { $months } months after the last activity.
retention-purchase_history = As long as the bookkeeping law requires ({ $law }).
retention-invoices = As long as the bookkeeping law requires ({ $law }).
retention-communications = { $months } months after the matter was closed. A note that documents a purchase or an agreement (a settled complaint, an agreed change) is kept as long as the bookkeeping law keeps such correspondence ({ $law }), where that is longer.
retention-web_activity = { $months } months.
retention-consents = As long as the consent stands; the proof of it { $months } months after you withdrew it.
retention-events = { $months } months after the event.
retention-requests = { $months } months after the request was closed.
retention-dated-purchase_history = The date is given for each order.
retention-dated-invoices = The date is given for each invoice.
retention-dated-communications = The date is given for each note.
kept-open-consent_stands = while the consent stands
kept-open-matter_open = while the matter is open
kept-open-request_open = while the request is open
kept-past-due = { $date }, to be deleted
kept-past-legal_hold = { $date }, kept longer for a legal claim
kept-past-restriction = { $date }, kept while its processing is restricted
kept-past-request = { $date }, kept until a request of yours is answered

## Fields and columns
field-name = Name
field-email = E-mail
field-phone = Phone
field-address = Postal address
field-country = Country
field-language = Language
field-customer-number = Customer number
field-shop-numbers = Numbers in the web shop
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
col-time = Time
col-ip = IP address
col-action = Action
web-action-login = Logged in
web-action-logout = Logged out
web-action-page_view = Viewed a page
web-action-view_product = Viewed a product
web-action-view_order = Viewed an order
web-action-add_to_cart = Put something in the cart
web-action-remove_from_cart = Took something out of the cart
web-action-checkout = Went to the checkout
web-action-purchase = Made a purchase
web-action-search = Searched the shop
web-action-download_data = Downloaded their data
web-action-update_address = Changed the address
web-action-change_password = Changed the password
web-action-reset_password = Reset the password
web-action-create_account = Created an account
web-action-newsletter_signup = Signed up for the newsletter
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
col-breach = Breach
col-aware = Became aware
col-rule = Rule
# A retention rule that is the shop's own setting, named as in the settings.
rule-setting = Setting: { $setting }
rule-period = { $rule } ({ $months ->
    [one] one month
   *[other] { $months } months
})
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
export-col-status = Status
export-col-invoice = Invoice
export-col-kind = Kind
export-col-issued = Issued
export-col-due = Due
export-col-credits = Credits
trail-col-seq = No.
trail-col-time = Time
trail-col-by = By
trail-col-action = Action
trail-col-what = What
trail-col-record-kind = Kind of record
trail-col-record = Record
trail-col-customer = Customer
trail-col-before = Digest before
trail-col-after = Digest after
trail-col-previous = Previous entry's hash
trail-col-hash = Hash
trail-col-time-utc = Time (UTC, as hashed)
trail-col-entity = Entity (as hashed)
trail-col-entity-id = Entity id (as hashed)
trail-col-customer-id = Customer id (as hashed)
requests-col-number = No.
requests-col-customer = Customer
requests-col-name = Name
requests-col-kind = Kind of request
requests-col-state = State
requests-col-channel = Received by
requests-col-received = Received
requests-col-due = Due (one month)
requests-col-extended-to = Extended to
requests-col-extension-reason = Reason for the extension
requests-col-days-left = Days left
requests-col-verified-on = Identity checked
requests-col-verified-how = How the identity was checked
requests-col-answered-on = Answered
requests-col-refusal-reason = Reason for refusal
requests-col-closed-on = Closed

## SIE 4 vouchers (account names and voucher texts in the file)
sie-account-receivable = Accounts receivable
sie-account-sales = Sales, { $rate } % VAT
sie-account-vat = Output VAT, { $rate } %
sie-order = Order { $number }, customer { $customer }
sie-credit-note = Credit note { $number } for { $credits }, order { $order }

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
ui-search-placeholder = Name, e-mail, phone, customer or order number
ui-customers-count =
    { $count ->
        [one] { $count } customer
       *[other] { $count } customers
    }
ui-search-count = { $count } found
ui-search-merged-address = { $email } was the address of customer { $number }, merged into { $into } on { $date }
ui-search-voucher-order = order { $number } belongs to customer { $customer }
ui-search-voucher-invoice = invoice { $number } belongs to customer { $customer }
ui-no-results = No customer matches.
ui-search-erased = No customer has this e-mail address now: customer { $number } had it and was erased on { $when }. The records the law keeps are under the pseudonym { $pseudonym }.
ui-search-erased-request = No customer has this e-mail address now: customer { $number } had it and was erased on { $when }, for request { $request }. The records the law keeps are under the pseudonym { $pseudonym }.
ui-search-erased-number = Customer { $number } was erased on { $when }. The records the law keeps are under the pseudonym { $pseudonym }.
ui-search-erased-number-request = Customer { $number } was erased on { $when }, for request { $request }. The records the law keeps are under the pseudonym { $pseudonym }.
ui-search-erased-open = Show what is kept
ui-choose-customer = Choose a customer in the list.
ui-loading = Loading…
ui-details = Details
ui-save = Save
ui-saved = Saved.
ui-unchanged = Nothing changed: the details are those already held.
ui-corrected-tell = Saved. If they received the old details, tell them of the correction (Art. 19): { $names }.
ui-removed-tell = Saved. If they received the removed details, tell them of the erasure (Art. 19): { $names }.
ui-cancel = Cancel
ui-reload = Reload
ui-conflict = Someone else changed this customer while you edited. Reload to see their changes, then edit again.
ui-report-pdf = Access report (PDF)
ui-report-json = Access report (JSON)
ui-report-preview = Preview the access report
ui-back = Back
ui-portability = Portability export (JSON)
ui-erasure-confirmation-pdf = Erasure confirmation (PDF)
ui-erasure-confirmation-json = Erasure confirmation (JSON)
ui-receipt = Receipt (PDF)
ui-notice = Notice (PDF)
ui-nothing-held-letter = Answer (PDF)
ui-notice-owed = Request { $id }: the person must be told, with the reasons (GDPR Art. 12(3) and (4)).
ui-records-pdf = Records of processing (PDF)
ui-records-json = Records of processing (JSON)
ui-privacy-title = Privacy notice
ui-privacy-hint = What you tell everyone whose personal data you collect (GDPR Art. 13 and 14), made from the records of processing above: what for, on which legal basis, who receives it, how long you keep it, and their rights. Publish the HTML file on the web shop's privacy page, and hand out the PDF where you collect data in person. Choose the language it is written in beside the buttons: a shop that sells abroad publishes one for each.
ui-privacy-pdf = Privacy notice (PDF)
ui-privacy-html = Privacy notice (HTML, for the web shop)
ui-privacy-language = Written in
ui-privacy-dated = The notice is dated { $changed }: the last change to the settings and records of processing it is made from.
ui-privacy-saved = Last saved on { $date } by { $who }.
ui-privacy-outdated = What the notice is made from changed on { $changed }, after it was last saved ({ $date }, by { $who }): save it again and publish it, so that what people read is what the shop does (GDPR Art. 12(1), 13).
ui-processor-add = Add a processor or recipient
ui-settings-assessments = Legitimate-interest assessments
ui-settings-assessments-hint = Where the shop relies on its legitimate interest (Art. 6(1)(f)), it weighs that interest against the customers' and writes the balancing down. The records of processing print these.
ui-assessment-add = Add an assessment
ui-assessment-edit = Revise the assessment
ui-assessment-author-blank = Left blank: the name you work under
ui-settings-categories = Categories of data
ui-settings-categories-hint = Why the shop keeps each kind of data, on which legal basis (Art. 6(1)) and where it comes from. The access report and the records of processing are written from this. A purpose left empty is Kundvakt's wording, in the document's language.
ui-category-purpose = Purpose of { $category }
ui-category-basis = Legal basis of { $category }
ui-category-source = Source of { $category }
ui-col-category = Category
ui-col-legal-basis = Legal basis
ui-col-source = Source
ui-basis-consent = Consent (Art. 6(1)(a))
ui-basis-contract = Contract (Art. 6(1)(b))
ui-basis-legal_obligation = Legal obligation (Art. 6(1)(c))
ui-basis-legitimate_interest = Legitimate interest (Art. 6(1)(f))
ui-source-data_subject = From the customer
ui-source-observed = Observed (web site)
ui-source-shop = Made by the shop
ui-unassessed = These rest on legitimate interest, but no assessment covers them: { $categories }. Write one below, or tick them in the one that weighs them (Art. 6(1)(f), 5(2)).
ui-assessment-categories-hint = The data the processing concerns; none where it is outside the register (a camera in the shop).
ui-processor-edit = Edit processor or recipient
ui-edit = Edit
ui-remove = Remove
ui-shop-numbers-hint = The web shop may know this customer by another number than the register's: they were typed in here before the shop's first file, say. An import keeps such a number, and the shop's next file finds the customer by it, whatever e-mail address it gives then.
ui-shop-number-add = Add a web shop number
field-shop-number = Number in the web shop
ui-shop-number-remove = Remove { $number }
ui-shop-number-removed = { $number } is no longer one of the customer's web shop numbers.
ui-report-saved = Saved { $path }
ui-new-request = Log a request…
ui-request-received-on = Received on
ui-request-log = Log the request
ui-request-logged = Request { $id } is logged; its deadline is { $due }.
ui-request-kind = Kind of request
ui-open = Open
ui-history = History
ui-history-action = Change
ui-history-actor = By
audit-action-register-init = Register created
audit-action-audit-purge = Oldest entries of the audit trail removed
audit-action-register-passphrase = Passphrase set or changed
audit-action-register-backup = Backup made
audit-action-register-restore = Restored from a backup
audit-action-register-moved = Register moved here
audit-action-register-moved-away = Register moved to a shared one
audit-action-register-taken-back = Register taken back from the shared one
audit-action-settings-set = Setting changed
audit-action-category-edit = Category's processing changed
audit-action-processor-add = Recipient added
audit-action-processor-edit = Recipient changed
audit-action-processor-remove = Recipient removed
audit-action-assessment-add = Assessment documented
audit-action-assessment-edit = Assessment revised
audit-action-assessment-remove = Assessment withdrawn
audit-action-customer-add = Customer added
audit-action-customer-edit = Details corrected
audit-action-customer-shop-number = Web shop number recorded
audit-action-customer-shop-number-remove = Web shop number removed
audit-action-customer-restrict = Processing restricted
audit-action-customer-unrestrict = Restriction lifted
audit-action-customer-erase = Customer erased
audit-action-customer-merge = Customers merged
audit-action-customer-unmerge = Merge undone
audit-action-order-add = Order added
audit-action-order-status = Order status changed
audit-action-invoice-add = Invoice added
audit-action-interaction-add = Note added
audit-action-interaction-edit = Note changed
audit-action-interaction-close = Matter closed
audit-action-interaction-erase = Note erased
audit-action-interaction-move = Note moved to another customer
audit-action-web-event-add = Web activity recorded
audit-action-web-event-erase = Web activity erased
audit-action-web-event-stop = Recording of web activity stopped (objection)
audit-action-web-event-resume = Recording of web activity resumed
audit-action-consent-give = Consent given
audit-action-consent-withdraw = Consent withdrawn
audit-action-event-registration-add = Signed up for an event
audit-action-event-registration-status = Sign-up changed
audit-action-event-registration-erase = Sign-up erased
audit-action-request-open = Request received
audit-action-request-verify = Identity verified
audit-action-request-start = Work started
audit-action-request-extend = Deadline extended
audit-action-request-answer = Answered
audit-action-request-refuse = Refused
audit-action-request-close = Closed
audit-action-request-link = Linked to the customer it is about
audit-action-document-generate = Document produced
audit-action-hold-add = Legal hold placed
audit-action-hold-lift = Legal hold lifted
audit-action-hold-erase-on-lift = Erasure held back until a legal hold is lifted
audit-action-retention-sweep-start = Retention sweep started
audit-action-retention-sweep-batch = Retention sweep: records erased
audit-action-retention-sweep-finish = Retention sweep finished
audit-action-retention-sweep-resume = Interrupted sweep resumed
audit-action-retention-sweep-abandon = Interrupted sweep abandoned
audit-action-import-run = File imported
audit-action-export-orders = Orders exported
audit-action-export-invoices = Invoices exported
audit-action-export-audit-trail = Audit trail exported
audit-action-export-requests = Log of requests exported
audit-action-export-consents = Mailing list of a consent saved
audit-action-breach-record = Personal data breach recorded
audit-action-breach-notify = Breach notified to the supervisory authority
audit-action-breach-inform = People told of the breach
audit-action-breach-update = Breach facts updated
audit-action-breach-close = Breach closed
audit-action-breach-concern = Customers concerned by a breach changed
audit-action-breach-link = Linked to a personal data breach
audit-action-breach-unlink = No longer linked to a personal data breach
audit-action-breach-recipients = Mailing list of a breach's customers saved
audit-action-privacy-notice-save = Privacy notice saved
document-kind-access = Access report
document-kind-portability = Portability export
document-kind-receipt = Receipt of the request
document-kind-notice = Notice of extension or refusal
document-kind-erasure = Erasure confirmation
document-kind-processing = Records of processing
document-kind-sweep = Sweep summary
document-kind-breaches = Record of personal data breaches
document-kind-breach-letter = Letter about a personal data breach
ui-requests-title = Requests about personal data
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
ui-verify-how = How the identity was checked
ui-verify-how-example = BankID; the e-mail address in the register; ID card in the shop
ui-answer-documents = Sent: { $documents }
ui-reason = Reason
ui-answer-text = Answer given
ui-request-show = Show request { $id }
ui-request-title = Request { $id }: { $kind }
ui-request-customer = Customer
ui-request-channel = Received through
ui-request-deadline = Deadline
ui-request-first-deadline = First deadline (one month)
ui-request-extended = Extended to
ui-request-extension-reason = Reason for the extension
ui-request-verified = Identity verified
ui-request-started = Work started
ui-request-answered = Answered
ui-request-refused = Reason for the refusal
ui-request-closed = Closed
ui-request-steps = Steps
ui-request-documents = Documents produced
ui-request-no-documents = No document has been produced for this request yet.
ui-request-documents-hint = A document made here is recorded under the request with its SHA-256 digest, which shows later which file the person was given.
ui-request-verify-first = Verify the person's identity before handing out their data (GDPR Art. 12(6)).
ui-request-erased-answer = Customer { $customer } has been erased: nothing of them is left to report but what the law keeps. Their erasure confirmation says what was erased and what is kept, and until when; made here, it answers this request.
ui-request-erased-other = Customer { $customer } was erased on { $date }: nothing of them is left to correct, erase, restrict or use but what the law keeps, which is restricted already (GDPR Art. 18(2)) and used only for that obligation. Answer the request saying so, by its deadline (Art. 12(4)); their erasure confirmation, made here, says what is kept and until when, and goes with the answer.
ui-request-erased-for-it = Customer { $customer } was erased for this request on { $date }. Their erasure confirmation, made here, says what was erased and what the law keeps, and until when; send it with the answer.
ui-request-person = Log a request from someone not in the register…
ui-search-log-request = Log a request from them…
ui-request-person-title = A request from someone not in the register
ui-request-person-hint = No customer has what they gave. They are owed an answer all the same, within the month: if only that no personal data of theirs is held (GDPR Art. 15(1)). Say who they are and how to reach them, as they wrote.
ui-requester = Who asked
ui-requester-example = Name, and how to reach them
ui-requester-language = Letters to them in
ui-requester-cell = { $who } (not a customer)
ui-request-erased-customer = Erased customer { $number }
ui-request-without-customer = No customer
ui-request-no-customer = The register has no customer for this person. Search it for every name, e-mail address and number they gave: if one is theirs, link the request to that customer here. If none is, answer that no personal data of theirs is held (GDPR Art. 15(1)).
ui-request-link = Link to the customer
ui-request-linked = Request { $id } is customer { $customer }'s now.
ui-request-candidates = Searched for { $searched }. Found, perhaps the same person:
ui-request-no-candidates = Searched for { $searched }: no customer found.
ui-request-link-to = Link to { $customer }
ui-customer-number-needed = Give the customer number.
ui-identity-pending = Request { $id }, { $kind }, waits for the person's identity to be checked: verify it before handing out their data or acting on the request (GDPR Art. 12(6)).
ui-request-for = Saved { $path } for request { $id }.
ui-col-document = Document
ui-col-format = Format
ui-col-language = Language
ui-col-digest = SHA-256
ui-settings-title = Settings
ui-settings-problems = These settings do not hold as they stand: mend them at their fields.
ui-customer-problems = These details were saved before today's checks and do not hold as they stand: correct them at their fields and save.
ui-settings-controller = The shop (data controller)
ui-settings-law = Country and financial year
ui-settings-retention = Retention periods (months)
ui-settings-documents = Documents
ui-settings-processors = Processors and recipients
ui-welcome-title = Welcome to Kundvakt
ui-welcome-text = Your register is empty. Bring in your customers and orders from your web shop's export, try Kundvakt with a demo shop, or start with your own first customer.
ui-welcome-country-hint = Kundvakt keeps order records as this country's bookkeeping law requires, counts deadlines past its public holidays and names its supervisory authority. You can change it later under Settings.
ui-welcome-language-hint = The language of the documents you give people, and of each new customer unless you choose theirs.
ui-welcome-demo = Try the demo shop
ui-welcome-add = Add my first customer
ui-welcome-import = Import from my web shop
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
ui-col-time = Time
ui-closed-on = Matter closed on
ui-close-matter = Close the matter
ui-note-bookkeeping = Documents a purchase or an agreement (kept under the bookkeeping law)
ui-note-bookkeeping-mark = Kept under the bookkeeping law
ui-correct = Correct
ui-erase-record = Erase
ui-note-erase-confirm = Erase this note for request { $request }? Its words are gone for good; the request keeps only that the note of { $when } ({ $channel }) was erased (GDPR Art. 17).
ui-note-erase-yes = Erase the note
ui-note-erased = Note erased for request { $request }. Answer the request once everything the person asked for is erased.
ui-note-move = Move
ui-note-move-to = Filed under the wrong customer? The right one (customer number)
ui-note-move-yes = Move the note
ui-note-moved = Note moved to customer { $customer }; both customers' histories record it.
ui-note-moved-tell = Note moved to customer { $customer }; both customers' histories record it. If they received the note, tell them of the move (Art. 19): { $names }.
ui-signup-erase-confirm = Erase this sign-up for request { $request }? It is gone for good; the request keeps only that a sign-up for { $date } was erased (GDPR Art. 17).
ui-signup-erase-yes = Erase the sign-up
ui-signup-erased = Sign-up erased for request { $request }. Answer the request once everything the person asked for is erased.
ui-web-erase = Erase web activity
ui-web-erase-confirm =
    Erase the web activity of { $first } to { $last } ({ $events ->
        [one] { $events } event
       *[other] { $events } events
    }), with its IP addresses, for request { $request }? It is gone for good; the request keeps only how many events there were and when (GDPR Art. 17).
ui-web-erase-held =
    { $held ->
        [one] One event stays: a legal hold keeps it (GDPR Art. 17(3)(e)). Refuse that part of the request with this reason.
       *[other] { $held } events stay: a legal hold keeps them (GDPR Art. 17(3)(e)). Refuse that part of the request with this reason.
    }
ui-web-erase-yes = Erase the web activity
ui-web-erased = Web activity erased for request { $request }. Answer the request once everything the person asked for is erased.
ui-web-event-erase-confirm = Erase the visit of { $time } from { $ip } ({ $action }) alone, for request { $request }? It is gone for good, and a web log imported again does not bring it back; the request keeps only that one event was erased, and when it was (GDPR Art. 17).
ui-web-event-erase-yes = Erase the visit
ui-web-event-erased = The visit is erased for request { $request }. Answer the request once everything the person asked for is erased.
ui-web-stop = Stop recording their web activity…
ui-web-stop-confirm = Stop recording the web activity of customer { $customer }, as their objection (request { $request }) asks (GDPR Art. 21(1))? From now on a web log's rows about them are skipped, until you record it again. What is recorded already stays until you erase it.
ui-web-stop-yes = Stop recording
ui-web-stop-recipients = The web site also sends their visits to { $names } (the record of processing): see to it that they stop processing them for this person too (GDPR Art. 21(1)).
ui-web-stopped-done = Their web activity is no longer recorded (request { $request }). Erase what was recorded too if they asked for that, then answer the request.
ui-web-stopped = Not recorded since { $since }: they objected (request { $request }, GDPR Art. 21(1)).
ui-web-stopped-no-request = Not recorded since { $since }: they objected (GDPR Art. 21(1)).
ui-web-resume = Record it again…
ui-web-resume-confirm = Record the web activity of customer { $customer } again? Do so only if they withdrew their objection, or it was recorded by mistake.
ui-web-resume-yes = Record again
ui-web-resumed = Their web activity is recorded again.
ui-maybe-same = May be the same person: if one of them is, a copy of their data or an erasure covers that customer too (GDPR Art. 15, 17). Check it by the identity you verified.
ui-maybe-same-log = Log request { $id } ({ $kind }) for them too
ui-maybe-same-logged = Request { $request } logged for { $number } too, as request { $id }: due { $due }, as it came.
ui-maybe-same-more = { $more ->
        [one] One more is not named here: search for them by the phone number or the name.
       *[other] { $more } more are not named here: search for them by the phone number or the name.
    }
ui-merge = Merge into this customer…
ui-merge-question = { $name } ({ $number }) is merged into this customer: their orders, notes, web activity, consents, sign-ups and requests move here, details this customer lacks are taken from theirs, and the number { $number } finds this customer from then on.
ui-merge-moves = What moves here: orders { $orders }, notes { $notes }, web events { $web }, consents { $consents }, course sign-ups { $signups }, requests { $requests }.
ui-merge-warning = Merge only a customer you have found, by the identity you verified, to be the same person. It can be undone for thirty days.
ui-merge-yes = Merge
ui-merged = { $name } ({ $number }) is merged into this customer: their records are here now.
ui-merged-not-kept = Not kept of theirs, since this customer has their own: { $fields }.
ui-merged-tell = If they received either customer's details, tell them that the two are one (GDPR Art. 19): { $names }.
ui-merged-number = merged into this customer on { $date }
ui-unmerge = Undo merge…
ui-unmerge-until = can be undone until { $date }
ui-merged-number-removed = no longer one of the customer's web shop numbers
ui-unmerge-question = Undo the merge of { $number }? The records the merge moved here go back to { $number }, with their details; the details this customer took from theirs are as before, unless changed since; what was added here since stays here.
ui-unmerge-moves = What goes back to { $number }: orders { $orders }, notes { $notes }, web events { $web }, consents { $consents }, course sign-ups { $signups }, requests { $requests }.
ui-unmerge-details = Their details again: { $details }.
ui-unmerge-reverted = Of this customer's details, as before the merge, which filled them in: { $fields }.
ui-unmerge-yes = Undo merge
ui-unmerged = { $number } is a customer of their own again: what the merge moved went back to them.
ui-unmerged-tell = If they received either customer's details, tell them that the two are two people (GDPR Art. 19): { $names }.
ui-merged-away = Merged into customer { $number } ({ $name }) on { $date } by { $by }: everything the register held of this customer is theirs now.
ui-merged-away-open = Open { $number }
ui-merge-other = Merge another customer into this one…
ui-merge-title = Merge another customer into { $name }
ui-merge-intro = A person who bought under two e-mail addresses is two customers. Give the other customer's number (or a web shop number of theirs); you will see who it is before anything is merged.
ui-merge-number = The other customer's number
ui-merge-find = Continue
likeness-phone = same phone
likeness-name_and_postal_code = same name and postal code
likeness-name_and_city = same name and city
ui-hold-back = Erase it when the hold is lifted
ui-held-back = Kept by the legal hold for now: it is erased under request { $request } when the hold is lifted. Refuse that part of the request with that reason.
ui-text-version-example = such as newsletter-2025-01
ui-time-needed = Give the date and time.
ui-sign-up = Sign up for a course or event…
ui-invoice-add = Record an invoice or reminder…
ui-credit-note-add = Record a credit note…
ui-order-add = Record an order…
ui-order-saved = Order { $number } recorded: { $total }.
ui-order-totals = Comes to { $total }, of which VAT { $vat }.
ui-order-sheet = Order { $number }
ui-order-sheet-vouchers = Invoices, reminders and credit notes of order { $number }
ui-order-kept-until = Kept until { $date } under { $rule }.
ui-order-kept-past-due = That day has passed: the next sweep deletes it, with its invoices.
ui-order-kept-past-by = That day has passed; it is kept by: { $keeper }.
ui-line-description = What
ui-line-quantity = Quantity
ui-line-unit-price = Price each incl. VAT
ui-line-vat-rate = VAT %
ui-line-add = Add a line
col-currency = Currency
ui-payment-reference = Payment reference
ui-total-of-lines = the sum of the lines
ui-issued = Issued
ui-credits = Credits invoice
ui-date-needed = Give the date.
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
ui-date-format = YYYY-MM-DD
ui-moment-format = YYYY-MM-DD hh:mm
ui-date-unreadable = Not a date: write it as { $format }, such as { $example }, or day first (7.12.2026).
ui-calendar = Calendar
ui-calendar-previous = Previous month
ui-calendar-next = Next month
ui-weekday-1 = Mo
ui-weekday-2 = Tu
ui-weekday-3 = We
ui-weekday-4 = Th
ui-weekday-5 = Fr
ui-weekday-6 = Sa
ui-weekday-7 = Su
setting-country = Country whose law applies
setting-fiscal_year_start_month = Financial year starts in
setting-first_fiscal_year_end = First financial year ends on
setting-changed_fiscal_years = Changed financial years
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
setting-order-series = Numbers of orders taken by hand begin with
setting-invoice-series = Numbers of invoices begin with
setting-backup-keep = Automatic backups kept
setting-backup-folder = Folder for automatic backups (empty: beside the register)
ui-settings-backups = Backups
ui-settings-history = Changes to the settings
ui-settings-history-none = No change to the settings is recorded.
col-setting = Setting
col-value = Value
setting-sie-series = Voucher series in the bookkeeping program
setting-sie-account-receivable = Account: accounts receivable
setting-sie-account-sales_25 = Account: sales at 25 % VAT
setting-sie-account-sales_12 = Account: sales at 12 % VAT
setting-sie-account-sales_6 = Account: sales at 6 % VAT
setting-sie-account-sales_0 = Account: sales without VAT
setting-sie-account-vat_25 = Account: output VAT 25 %
setting-sie-account-vat_12 = Account: output VAT 12 %
setting-sie-account-vat_6 = Account: output VAT 6 %
ui-settings-sie = Bookkeeping (SIE 4 export)
ui-settings-authority-hint = Empty: the authority of the shop's country. A shop in Germany names its federal state's authority here; until then the documents point to the list of them.
ui-settings-fiscal-hint = If the financial year changed (not set wrong), give the changed year here with its first and last day, as 2025-01-01..2025-04-30: the years before it keep their ends, which the bookkeeping law counts from, and the years after it begin in the month after it. A first year longer than twelve months: the day it ends.
ui-settings-fiscal-years = The financial years around the changes: { $years }
ui-settings-sie-hint = The accounts the SIE file books each sale to (the BAS chart of accounts by default). Ask your accountant before you change them.
ui-backup-intro = Before every import, sweep, erasure and restore Kundvakt copies the register into { $folder } and keeps the newest { $keep }.
ui-backup-off = Automatic backups are off: set how many to keep (and, for a shared PostgreSQL register, a folder).
ui-backup-now = Back up now…
ui-backup-saved = Backup saved to { $path }.
ui-backups-none = No backups yet.
ui-restore = Restore…
ui-restore-file = Restore from a file…
ui-restore-question = Replace the register with the copy of { $made } ({ $file })?
ui-restore-question-file = Replace the register with the copy { $file }?
ui-restore-first = A copy of the register as it is now is kept first. From the register as it is now, the restored one keeps:
ui-restore-kept-erasures = The erasures made since the copy: made again, so that no erased person comes back.
ui-restore-kept-numbers = The numbers of invoices and orders issued since: not given out again.
ui-restore-kept-records = The legal holds, requests, restrictions, consents given or withdrawn, sign-ups for courses, breaches and documents recorded since.
ui-restore-kept-settings = The settings and the records of processing changed since, and the corrections people asked for since.
ui-restore-kept-books = For the books: the orders entered by hand since (with the customers they were for), and the invoices, reminders, credit notes and notes of a purchase or an agreement recorded since.
ui-restore-as-copy = Everything else is as the copy has it. Orders imported from the web shop since are named afterwards (importing its file again brings them back), and stay in the copy of the register as it is now. On a shared register, other computers see the copy at once.
ui-restore-passphrase = The copy's passphrase, if it was made under an earlier one
ui-restore-copy-locked = This copy is encrypted: enter the passphrase it was made with, and restore again.
ui-restore-confirm = Restore this copy
ui-restoring = Checking the copy and restoring it…
ui-restored = Restored { $file }: its audit trail ends at entry { $seq }.
ui-restored-breaches = { $count ->
        [one] One personal data breach recorded or taken further after the backup was kept as the register had it.
       *[other] { $count } personal data breaches recorded or taken further after the backup were kept as the register had them.
    }
ui-restored-concerned-lost = Customers a breach concerned who were added after the copy was made are not in it; their link to the breach is gone with them: { $numbers }.
ui-restored-holds = { $count ->
        [one] One legal hold placed or lifted after the backup was kept as the register had it.
       *[other] { $count } legal holds placed or lifted after the backup were kept as the register had them.
    }
ui-restored-documents = { $count ->
        [one] One document made after the backup is recorded as the register had it, with its digest.
       *[other] { $count } documents made after the backup are recorded as the register had them, with their digests.
    }
ui-restored-holds-lost = Legal holds were placed after the backup on records the copy does not have: { $records }.
ui-restored-restrictions-lost = Customers restricted after the backup are not in it; should an import bring them back, restrict them again: { $numbers }.
ui-restored-consents-lost = Consents given after the backup by customers the restored register does not have: { $numbers }. Should they come back, record their consent again (the register as it was before the restore has it).
ui-restored-signups-lost = Sign-ups for courses and events made after the backup by customers the restored register does not have: { $numbers }. Should they come back, record their sign-ups again (the register as it was before the restore has them).
ui-restored-web-objections = Kept as the register had them: objections to the recording of web activity made or lifted after the backup: { $count }.
ui-restored-web-objections-lost = Customers who objected to the recording of their web activity after the backup are not in it; should an import bring them back, stop the recording again: { $numbers }.
ui-restored-customers-lost = Customers added after the backup are not in the restored register: { $numbers }. Importing the web shop's file again brings its own back; add again those you added by hand (the register as it was before the restore has them).
ui-restored-customers-lost-imported = Customers an import brought after the backup are not in the restored register: { $numbers }. Importing the same file again brings them back.
ui-restored-customers-lost-by-hand = Customers you added by hand after the backup are not in the restored register: { $numbers }. Add them again (the register as it was before the restore has them).
ui-restored-orders-lost = Orders recorded after the backup are not in the restored register: { $numbers }.
ui-restored-invoices-lost = Invoices recorded after the backup are not in the restored register: { $numbers }.
ui-restored-vouchers = Kept as the register had them, for the books (bookkeeping law): orders entered by hand after the backup: { $orders }; invoices, reminders and credit notes: { $invoices }; orders whose status changed: { $statuses }.
ui-restored-customers = Kept with their orders or notes, as the register had them (a voucher names its customer): customers added after the backup: { $numbers }.
ui-restored-notes = { $count ->
    [one] Kept as the register had it, for the books (bookkeeping law): a note that documents a purchase or an agreement, written after the backup.
   *[other] Kept as the register had them, for the books (bookkeeping law): { $count } notes that document a purchase or an agreement, written after the backup.
}
ui-restored-notes-lost = Notes that document a purchase or an agreement, written after the backup, could not be kept here (someone else has the customer's number or e-mail address); the books must keep them, and the register as it was before has them: { $numbers }.
ui-restored-books-lost = The books must keep them (bookkeeping law): the register as it was before the restore has them, and importing the web shop's order export again brings its orders back.
ui-restored-restrictions = { $count ->
        [one] One restriction placed or lifted after the backup was kept as the register had it.
       *[other] { $count } restrictions placed or lifted after the backup were kept as the register had them.
    }
ui-restored-consents = { $count ->
        [one] One consent given after the backup was kept as the register had it.
       *[other] { $count } consents given after the backup were kept as the register had them.
    }
ui-restored-withdrawals = { $count ->
        [one] One consent withdrawn after the backup is withdrawn, as it was.
       *[other] { $count } consents withdrawn after the backup are withdrawn, as they were.
    }
ui-restored-signups = { $count ->
        [one] One sign-up for a course or an event, recorded or changed after the backup, was kept as the register had it.
       *[other] { $count } sign-ups for courses and events, recorded or changed after the backup, were kept as the register had them.
    }
ui-restored-rectifications = Corrected again, as the customers asked after the backup was made (GDPR Art. 16): { $numbers }.
ui-restored-rectifications-lost = Corrections the customers asked for after the backup was made could not be made again here (the customer or the note is not in it); correct them by hand: { $numbers }.
ui-restored-parts-erased = Notes, sign-ups or web activity erased again, as the customers asked after the backup was made (GDPR Art. 17): { $numbers }.
ui-restored-requests = { $count ->
        [one] One data-subject request logged or taken further after the backup was kept as the register had it.
       *[other] { $count } data-subject requests logged or taken further after the backup were kept as the register had them.
    }
ui-restored-requests-alone = Requests of customers added after the copy was made are kept without their customer, to be answered all the same: { $numbers }.
ui-restored-erasures = { $count ->
    [one] One erasure made since the copy was made again.
   *[other] { $count } erasures made since the copy were made again.
}
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
invoice-kind-credit_note = credit note
invoice-credits = credit note of { $invoice }
channel-meeting = meeting
channel-phone = phone
channel-email = e-mail
channel-letter = letter
channel-document = document
channel-web_form = web form
channel-web_shop = web shop
consent-purpose-newsletter = newsletter
consent-purpose-sms = text messages (SMS)
consent-replaced = replaced by wording { $version } ({ $date })
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
recipients-nobody = No one outside the shop receives personal data from us: no processor works on it for us, and we pass it to no one.
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
authority-where-you-live = You may also complain to the supervisory authority of the EU/EEA country where you live or work, or where you think the breach took place (GDPR Art. 77).
authority-fi-name = Office of the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto)
authority-de-name = The data-protection authority of the German federal state where we are established
authority-de-address = The authorities are listed at datenschutzkonferenz-online.de

## Request receipt (GDPR Art. 12)
receipt-title = We have received your request
receipt-subject = Receipt of a request under the GDPR
receipt-intro = We received your request for { $kind } on { $received }. We will answer without undue delay and by { $due } at the latest (GDPR Art. 12(3)).
receipt-extension = If we need more time because the request is complex, we will tell you before { $due }, with the reasons; the time can then be extended by at most two further months.
receipt-identity = Before we disclose or change any data we will make sure that the request comes from you.
receipt-reference = Reference: request { $id }
doc-to = To: { $name } (customer { $number })
doc-to-name = To: { $name }
doc-to-customer = To: customer { $number }
notice-subject = Notice about a request under the GDPR
notice-extension-title = We need more time for your request
notice-extension-intro = We received your request for { $kind } on { $received }. It needs more time than the month the law first gives: we will answer by { $due } at the latest (GDPR Art. 12(3)).
notice-refusal-title = We will not act on your request
notice-refusal-intro = We received your request for { $kind } on { $received }. We will not act on it, for the reasons below (GDPR Art. 12(4)).
notice-reasons = Our reasons
notice-refusal-remedies = You may lodge a complaint with a supervisory authority (GDPR Art. 77) and take the matter to court (Art. 79).
notice-nothing-held-title = We hold no personal data about you
notice-nothing-held-intro = We received your request for { $kind } on { $received }. We have searched our register for the details you gave us, and we hold no personal data about you (GDPR Art. 15(1)).
notice-answer = Our answer

## Erasure confirmation (GDPR Art. 17)
erasure-title = Confirmation of erasure
erasure-subject = Erasure under Article 17 of the GDPR
erasure-intro = We have erased your personal data on { $date }, except the records that the law requires us to keep. Those are restricted: they are kept only to fulfil that obligation and for legal claims, and they are anonymised when the period ends.
erasure-erased = Erased
erasure-kept = Kept under the law
erasure-kept-none = The law requires us to keep none of your records.
erasure-identifiers = So that the files of our web shop do not add you to our register again, we also keep { $form ->
        [one] your customer number { $numbers }
       *[other] your customer numbers { $numbers }
    }.
erasure-identifiers-email = So that the files of our web shop do not add you to our register again, we also keep { $form ->
        [one] your customer number { $numbers }
       *[other] your customer numbers { $numbers }
    } and a checksum of your e-mail address, from which the address cannot be read.
erasure-pseudonym = The records we keep no longer carry your name; they are filed under the reference { $pseudonym }.
erasure-breaches = Our record of personal data breaches keeps, under the reference { $pseudonym }, that the breaches below concerned you: the GDPR requires us to document every breach, its effects and what we did about it (Article 33(5)). It keeps no name, address or other contact details of yours.
erasure-until-hold = while a legal hold lasts
ui-kept-order-request = until their request is answered
ui-kept-order-due = { $date }, passed: the next sweep deletes it
erasure-until-request = { $months } months after the request is closed
erasure-audit = Our audit trail records that your data was changed and erased. It holds only checksums, from which nothing about you can be read.
erasure-recipients = Recipients we tell of the erasure
erasure-recipients-intro = We tell everyone to whom we have disclosed these data of this erasure (Article 19 of the GDPR):
erasure-recipients-none = We have not disclosed the erased data to anyone else.
part-erasure-intro = At your request of { $received } we have erased the data listed below. We keep nothing of what it held. The rest of what we hold about you stays in our register; you can ask us for a copy of it (Article 15 of the GDPR).
part-erasure-col-erased = Erased on
part-erasure-detail = { $part } (among your details)
part-erasure-note = Our note of a contact on { $date } ({ $channel })
part-erasure-signup = Your sign-up for the course or event on { $date }
part-erasure-web = Your activity on our web site from { $first } to { $last }, with its IP addresses (events: { $events })
part-erasure-web-visit = Your visit to our web site on { $date }, with its IP address
part-erasure-rest = Our audit trail keeps only that these data were erased, and when.
part-erasure-kept = Not erased
part-erasure-web-kept = Your activity on our web site, with its IP addresses (events: { $events })
part-erasure-kept-why = We must keep these while a legal claim is settled (Article 17(3)(e) of the GDPR), and keep them for that alone: we erase them when it is.

## Records of processing (GDPR Art. 30)
records-title = Records of processing activities
records-subject = Records under Article 30 of the GDPR
records-intro = The processing of personal data in the customer register of { $controller }.
records-intro-nameless = The processing of personal data in the customer register.
records-subjects-title = Categories of data subjects
records-subjects = Customers and former customers, people who contact the shop, newsletter subscribers and course participants.
privacy-title = Privacy notice of { $controller }
privacy-title-nameless = Privacy notice
privacy-subject = How we process your personal data (GDPR Articles 13 and 14)
privacy-intro = This notice tells you which personal data we process about you, what for and on which legal basis, where it comes from, who receives it, how long we keep it, and what your rights are.
privacy-whom = Whom it concerns: { $subjects }
privacy-required-title = What you must give us
privacy-required = To buy from us we need your name and a way to reach you, and for goods we send you, an address to deliver to (the contract); without them we cannot take your order. To sign up for a course we need your name and a way to reach you. The bookkeeping law requires us to keep the order and its invoices. Everything else, such as a newsletter, is up to you.
privacy-right-access = get a copy of the personal data we hold about you (Art. 15);
privacy-updated = This notice was last changed on { $date }. It is made from the shop's records of processing activities.
section-data = What it is
privacy-data-identity_contact = Your name, e-mail address, phone number, postal address, the language you want us to write in, and your customer number.
privacy-data-purchase_history = What you ordered, when, the amounts, how you paid, and where the order stands (paid, shipped, returned).
privacy-data-invoices = Invoices, reminders and credit notes for your orders, with their amounts and due dates.
privacy-data-communications = Notes of your calls, meetings, e-mails and letters with us: when, how, and what they were about.
privacy-data-web_activity = When you were signed in on our web site, from which IP address, what you did there (such as logging in or ordering), and your browser.
privacy-data-consents = Which consents you gave (such as to our newsletter), when, how and to which wording, and when you withdrew them.
privacy-data-events = The courses and events you signed up for, and whether you came.
privacy-data-requests = Your requests about your data (such as for a copy or an erasure), how we checked your identity, and how we answered.
records-categories-title = Purposes, categories of data and legal bases
records-transfers-title = Transfers outside the EU/EEA
records-transfers-none = No personal data is transferred outside the EU/EEA.
records-erasure-title = Time limits for erasure
records-security-title = Security measures
records-security = Access only for staff who need it; every change recorded in a hash-chained audit trail; the register can be encrypted at rest; regular backups; erasure and anonymisation on the day the retention period ends.
records-assessments-title = Legitimate-interest assessments
assessment-purpose = Processing
assessment-categories = Data it concerns
assessment-interest = The shop's interest
assessment-necessity = Why it is needed
assessment-balancing = Balancing
assessment-outcome = Conclusion
assessment-assessed = Assessed
assessment-author = Made by

## Retention sweep summary
breaches-doc-title = Record of personal data breaches
breaches-doc-subject = Every personal data breach, its facts, effects and remedial action (GDPR Art. 33(5))
breaches-doc-intro = The controller documents every personal data breach, whether or not it was notified to the supervisory authority. A breach likely to result in a risk to people's rights and freedoms is notified within 72 hours of the controller becoming aware of it (Art. 33(1)); one likely to result in a high risk is also communicated to the people concerned (Art. 34). Times are on the shop's clock.
breaches-doc-authority = Supervisory authority
breaches-doc-none = No personal data breach has been recorded.
breaches-doc-heading = Breach { $id }, became aware { $at }
breaches-doc-notify-by = Notify the authority by
breaches-doc-closed = Closed
breaches-doc-overdue = The 72 hours to notify the supervisory authority have passed, and no notification is recorded.
access-breaches-title = Personal data breaches that concerned you
access-breaches-intro = We recorded these breaches of the security of personal data as concerning you (GDPR Art. 33 and 34): what happened, which of your data, what it may mean for you and what we did about it.
access-breaches-told = You were told on
breach-letter-title = About a personal data breach at { $shop }
breach-letter-subject = Information to the people concerned by a personal data breach (GDPR Art. 34)
breach-letter-intro = We are writing to tell you that personal data about you held by { $shop } has been affected by a personal data breach: data was lost, destroyed, changed, disclosed or reached by someone who should not have it. Below is what happened, what it may mean for you and what we are doing about it.
breach-letter-what = What happened
breach-letter-aware = We found out on
breach-letter-data = Which of your data it concerns
breach-letter-data-unknown = We do not yet know which of your data it concerns; we will tell you as soon as we do.
breach-letter-consequences = What it may mean for you
breach-letter-measures = What we have done and will do
breach-letter-questions = Questions
breach-letter-contact = If you have questions about the breach or about your data, contact { $shop }: { $contact }.
breach-letter-contact-shop = If you have questions about the breach or about your data, contact { $shop }.
breach-letter-complain = You have the right to lodge a complaint with the supervisory authority (GDPR Art. 77): { $authority }, { $address }.
breach-letter-reference = Our reference: breach { $id }. Written { $date }.
breach-letter-to = To
breach-letter-dear = Dear { $name },
breach-letter-reference-customer = Our reference: breach { $id }, customer { $customer }. Written { $date }.
sweep-title = Retention sweep
sweep-subject = Records erased or anonymised when their retention period ended
sweep-intro = On { $date } the records below had reached the end of their retention period and were erased or anonymised.
sweep-nothing = Nothing had reached the end of its retention period.
sweep-audit-removed = The audit trail's { $entries } oldest entries were removed too: they were older than the { $months } months the records of requests are kept. The entries kept still prove that none of them was changed.
col-cutoff = Which records
sweep-cutoff-order = dated, with their invoices, on or before { $date }
sweep-cutoff-invoice = issued on or before { $date }
sweep-cutoff-customer = of customers last active on or before { $date }
sweep-cutoff-interaction = matter closed on or before { $date }
sweep-cutoff-web_event = recorded on or before { $date }
sweep-cutoff-consent = withdrawn on or before { $date }
sweep-cutoff-event_registration = courses and events held on or before { $date }
sweep-cutoff-request = closed on or before { $date }
sweep-cutoff-note = Each rule counts its period from a date of the record: an order's, the day a matter closed, a customer's last activity. "Which records" gives the last such day whose period had ended on the sweep's day; no record dated later went under the rule.
sweep-held-intro = Records past the end of their retention period that were kept, not erased, and what kept them:
col-kept-by = Kept by
col-customer = Customer
keeper-legal_hold = A legal hold for a legal claim (GDPR Art. 17(3)(e))
keeper-restriction = The customer's restriction of processing (Art. 18(2))
keeper-request = The customer's request for a copy or a restriction, not yet answered (Art. 15, 18(1)(c))
ui-sweep-held = What keeps records past their end from this sweep:
ui-restored-sweeps = The retention sweeps made since the copy were made again ({ $days }): what they deleted stays deleted.
ui-restored-settings = The settings changed since the copy were kept: { $settings }.
ui-restored-catalogue = { $count ->
    [one] One change to the records of processing made since the copy was kept.
   *[other] { $count } changes to the records of processing made since the copy were kept.
}
ui-restored-unmerges = Given back their records again, as a merge of them was undone after the backup was made: { $numbers }.
ui-restored-unmerges-lost = Merges undone after the backup could not be undone again here (it restricts, erases or holds the customer kept); undo them by hand: { $numbers }.
ui-restored-merges = Merged again, as they were after the backup was made: { $numbers }.
ui-restored-merges-lost = Customers merged after the backup could not be merged again here (the customer kept is not in it, or it restricts or holds one of the two); merge them by hand: { $numbers }.
ui-restored-not-erased = Customer { $number } was erased after the backup but could not be erased again: { $reason }
ui-restored-safety = The register as it was before: { $file }
ui-restored-to-see = To see to: what the restored register could not take, and what it has as the copy had it.
ui-restored-imports-undone = { $count ->
    [one] What the file imported after the backup brought ({ $times }) is not in the restored register, but for what is kept above: import the same file again to bring it back.
   *[other] What the files imported after the backup brought ({ $times }) is not in the restored register, but for what is kept above: import the same files again to bring it back.
}
ui-restored-details-undone = Customers whose details were changed after the backup have them as the backup had them: { $numbers }. Change them again where the change was meant (the register as it was before the restore has them).
ui-restored-notes-undone = Notes written after the backup are not in the restored register (those of a purchase or an agreement are kept): customers { $numbers }. The register as it was before the restore has them.
ui-restored-notes-changed-undone = Notes changed after the backup (corrected, closed or moved to another customer) are as the backup had them: customers { $numbers }. Change them again where the change was meant (the register as it was before the restore has them).
ui-settings-encryption = Encryption
ui-encryption-off = The register file is not encrypted: anyone who gets hold of it (a stolen laptop, a copied backup) can read every customer. Encrypt it with a passphrase of at least 8 characters; from the next start on, Kundvakt asks for it.
ui-encryption-keep = Without the passphrase nobody can open the register, not even you, and no one can recover it: write it down and keep it somewhere safe.
ui-encryption-on = The register file is encrypted (SQLCipher, AES-256): without its passphrase it cannot be read. Kundvakt asks for the passphrase when it starts.
ui-encryption-postgres = A shared PostgreSQL register is protected by its server: disk encryption, TLS and the server's own access control.
ui-settings-sharing = Several computers
ui-sharing-local = This window works in the register on this computer: { $register }
ui-sharing-shared = This window works in a shared register: { $register }
ui-sharing-named = Kundvakt was started with --db or KUNDVAKT_DB; a choice made here applies when it starts without them.
ui-sharing-explain = To work in one register from several computers, move it into an empty PostgreSQL database that they all reach (your IT provider or host gives its address). Every computer then connects to it here. The move copies everything, the audit trail included, and checks it; this computer opens the shared register from then on.
ui-sharing-url = Database address
ui-sharing-move = Move this register there
ui-sharing-connect = Connect to the register there
ui-sharing-moving = Moving the register…
ui-sharing-connecting = Opening the register…
ui-sharing-leave = Use this computer's own register again
ui-sharing-leave-explain = This computer's own register is the file { $file }. Changes made in the shared register are not in it; from now on it is written to again.
ui-sharing-copy = The file this register was moved from is still at { $file }, as it was at the move: nothing more is recorded in it, and erasures made since do not reach it. Delete it once you have checked the shared register.
ui-sharing-delete-copy = Delete that file…
ui-sharing-delete-sure = Delete it for good
ui-passphrase-current = Current passphrase
ui-passphrase-new = New passphrase
ui-passphrase-repeat = The same again
ui-passphrase-differ = The two entries differ.
ui-encrypt = Encrypt the register
ui-encrypted-now = The register is encrypted. Backups made before stay as they were: delete unencrypted copies you no longer need.
ui-passphrase-change = Change the passphrase
ui-passphrase-changed = The passphrase is changed. Backups made before keep the old one.
ui-decrypt = Store the register unencrypted
ui-decrypt-warning = Anyone who gets hold of the file will be able to read every customer.
ui-decrypt-sure = Yes, store it unencrypted
ui-decrypted-now = The register is stored unencrypted.
ui-settings-audit = Audit trail
ui-audit-intro = Every change to the register is an entry in the audit trail, and each entry holds a fingerprint of the one before, so an entry changed or removed afterwards breaks the chain. The check walks the whole chain; it is what shows the supervisory authority that the record is as it was written (GDPR Art. 5(2)).
ui-audit-verify = Check the audit trail
ui-audit-checking = Checking every entry…
ui-audit-holds = The audit trail holds: { $entries } entries, each linked to the one before. The last link is { $head }…
ui-audit-file-check = Check a saved file of the trail…
ui-audit-file-holds = The file holds: { $entries } entries ({ $oldest } to { $newest }), each row's hash and the { $links } links between entries that follow each other. The newest entry's hash begins { $hash }: the same entry in the register has it.
ui-audit-file-broken = Rows that do not hold: { $count } of { $entries }. The file was changed after it was saved.
ui-audit-file-line = Line { $line }
ui-audit-broken = The chain is broken at entry { $seq }:
ui-audit-broken-what = The register was changed outside Kundvakt, or the file is damaged. Keep this file as it is for the investigation, and restore the latest backup made before the change (Backups, above).
ui-trail = Who did what
ui-trail-intro = The entries of the audit trail, newest first: when, by whom, what was done and to which record. Narrow them by days, by whose work (the computer's account, as the trail records it), by customer number or by the kind of change. The trail keeps fingerprints of the data, never the data itself, so an entry says what was done, not what the record said.
ui-trail-from = From
ui-trail-to = To (inclusive)
ui-trail-by = By
ui-trail-customer = Customer number
ui-trail-what = What
ui-trail-all = Everything
ui-trail-show = Show
ui-trail-older = Show older entries
ui-trail-save = Save as CSV…
ui-trail-saving = Saving the entries…
ui-trail-saved = Saved { $entries ->
        [one] one entry
       *[other] { $entries } entries
    } to { $path }.
ui-requests-save = Save as CSV…
ui-requests-saved = Saved { $requests ->
        [one] one request
       *[other] { $requests } requests
    } to { $path }.
ui-trail-none = No entry of the audit trail matches.
ui-trail-no-customer = No customer has the number { $number }.
ui-trail-record = Record
entity-customer = Customer
entity-order = Order
entity-invoice = Invoice
entity-interaction = Note
entity-web-event = Web activity
entity-consent = Consent
entity-event-registration = Course sign-up
entity-request = Request
entity-document = Document
entity-setting = Setting
entity-legal-hold = Legal hold
entity-breach = Breach
entity-processor = Processor or recipient
entity-assessment = Balancing test
entity-category = Category of data
entity-register = Register
entity-backup = Backup
entity-import = Import
entity-export = Export
entity-retention-sweep = Retention sweep
entity-privacy-notice = Privacy notice
ui-trail-group-customer = Customers
ui-trail-group-order = Orders
ui-trail-group-invoice = Invoices
ui-trail-group-interaction = Notes of contacts
ui-trail-group-consent = Consents
ui-trail-group-event-registration = Course sign-ups
ui-trail-group-web-event = Web activity
ui-trail-group-request = Data-subject requests
ui-trail-group-document = Documents produced
ui-trail-group-hold = Legal holds
ui-trail-group-audit = Audit trail
ui-trail-group-retention = Retention sweeps
ui-trail-group-import = Imports
ui-trail-group-export = Exports
ui-trail-group-breach = Personal data breaches
ui-trail-group-privacy-notice = Privacy notices saved
ui-trail-group-settings = Settings
ui-trail-group-category = Categories of data
ui-trail-group-processor = Processors and recipients
ui-trail-group-assessment = Balancing tests
ui-trail-group-register = The register (backups, restores, passphrase, sharing)
audit-break-missing = an entry is missing: it was deleted.
audit-break-link = its link to the entry before does not match: the chain was rewritten from there.
audit-break-edited = its contents do not match its fingerprint: it was edited after it was written.
audit-break-cut = the newest entries were removed.
audit-break-anchor = the oldest entries were removed, but not by a purge of the trail.
col-made = Made
col-before = Made before
col-file = File
backup-purpose-manual = by hand
backup-purpose-sweep = the sweep
backup-purpose-erasure = an erasure
backup-purpose-import = an import
backup-purpose-restore = a restore
field-street = Street
field-postal-code = Postal code
field-city = City

ui-nav-retention = Retention
ui-nav-breaches = Breaches
ui-breaches-title = Personal data breaches
ui-breaches-intro = Record every breach of personal data, whether or not it must be reported (GDPR Art. 33(5)): a lost laptop, an e-mail to the wrong person, a break-in at the web platform. One that may pose a risk to the people concerned is notified to the supervisory authority within 72 hours of the shop becoming aware of it (Art. 33(1)); a high risk is also told to the people (Art. 34).
ui-breach-authority = Supervisory authority: { $authority }, { $address }
ui-breaches-save-pdf = The record of breaches (PDF)
ui-breaches-save-json = The record of breaches (JSON)
ui-breaches-show-closed = Show closed breaches
ui-breaches-empty = No open breaches.
ui-breach-record = Record a breach…
ui-breach-recorded = Breach { $id } is recorded.
ui-breach-aware = Became aware
ui-breach-nature = What happened
ui-breach-categories = Data concerned
ui-breach-people = About how many people
ui-breach-consequences = Likely consequences
ui-breach-measures = Measures taken or planned
ui-breach-risk = Risk to the people
ui-breach-owed = Still owed
ui-breach-notify = Authority notified…
ui-breach-inform = People told…
ui-breach-letter = Letter to the people…
ui-breach-letter-language = Written in
ui-breach-letter-customer = To customer (number; empty: to everyone concerned)
ui-breach-letter-language-own = Theirs (the customer's; for everyone, the shop's)
ui-breach-letter-save = Save the letter (PDF)
ui-breach-letter-hint = One letter for everyone the breach concerns, or one addressed to a customer by name and address: what happened, what it may mean for them, what the shop does about it, whom to ask and where to complain (GDPR Art. 34(2)). The facts are printed as they were recorded. Telling the people is recorded with "People told…".
ui-customer-breaches = Personal data breaches concerning them
ui-breach-customers = Customers concerned…
ui-breach-concerned = Customers concerned
ui-breach-customers-hint = The customers the breach concerns, where you know them (the rows of a leaked file, the orders on a stolen computer): the letters go to them, each in their language (GDPR Art. 34). An erased customer stays on the list under their pseudonym and gets no letter.
ui-breach-customers-add = Customer numbers (separated by commas or spaces)
ui-breach-customers-link = Add
ui-breach-customers-none = No customers are linked to this breach yet.
ui-breach-customers-remove = Remove
ui-breach-customers-done = Done
ui-breach-customers-everyone = Add every customer
ui-breach-customers-nobody = Remove them all
ui-breach-customers-all-done = The breach concerns { $concerned ->
    [one] one customer
   *[other] { $concerned } customers
}.
ui-breach-customers-more = The first { $shown } of { $total } are listed; the letters and the mailing list are for all of them. A letter to each is written one at a time, some ten a second: for this many, the mailing list in a mail merge is quicker.
ui-breach-customers-linked = { $added } added; the breach concerns { $concerned ->
    [one] one customer
   *[other] { $concerned } customers
}.
ui-breach-customers-unlinked = Removed; the breach concerns { $concerned ->
    [one] one customer
   *[other] { $concerned } customers
}.
ui-breach-letters-language-own = Each customer's own
ui-breach-letters-save = Save a letter to each (PDF)…
ui-breach-letters-saved = { $written ->
    [one] One letter
   *[other] { $written } letters
} saved in { $folder }.
ui-breach-letters-erased = No letter to the erased: { $list }.
ui-breach-letters-progress = Writing the letters: { $done } of { $total }…
ui-breach-letters-stopped = Stopped after { $written } letters; they are saved in { $folder }.
ui-breach-letters-record = Once they are sent, record it with “People told…”.
ui-breach-recipients-save = Save the mailing list (CSV)…
ui-breach-update = Update…
ui-breach-close = Close
ui-breach-reference = The authority's reference
ui-breach-delay-reason = Reasons for a delay past 72 hours
ui-breach-how = How they were told, or why not
ui-breach-late = Notification late by { $hours } h
ui-breach-hours-left = Notify within { $hours } h
ui-breach-inform-owed = Tell the people concerned
ui-breach-notified = Notified { $at }
ui-breach-no-notification = No notification owed
ui-breach-closed = Closed { $at }
ui-breach-recorded-by = Recorded
ui-breach-notified-at = Authority notified
ui-breach-informed-at = People told
ui-breach-banner = Breach { $id } must be notified to { $authority } by { $by } (GDPR Art. 33(1)).
ui-breach-banner-late = Breach { $id } should have been notified to { $authority } by { $by }: notify it now, with the reasons for the delay (GDPR Art. 33(1)).
ui-breach-review = Go to Breaches
breach-risk-unlikely = Unlikely to pose a risk (recorded, not notified)
breach-risk-risk = A risk (notify the authority)
breach-risk-high = A high risk (notify, and tell the people)
ui-breach-notify-by-time = due { $by }
breach-risk-short-unlikely = Unlikely
breach-risk-short-risk = Risk
breach-risk-short-high = High
ui-retention-title = What falls due
ui-retention-as-of = As of
ui-retention-summary = { $due ->
        [one] One record may be deleted
       *[other] { $due } records may be deleted
    }{ $overdue ->
        [0] {""}
       *[other] {" "}({ $overdue } of them overdue)
    }{ $held ->
        [0] ; no record is kept past its end.
       *[other] ; { $held } kept by a legal hold, a restriction or a request not yet answered.
    }
ui-retention-chart = Records that fall due, month by month
ui-retention-list = Due now
ui-retention-more = and { $count } more
ui-retention-kept = Kept past their end
ui-retention-kept-hint = No sweep deletes these while what keeps them lasts; then they are due.
ui-retention-kept-until-legal_hold = Until the hold is lifted, under Legal holds in force above.
ui-retention-kept-until-restriction = Until the restriction is lifted, on the customer's page.
ui-retention-kept-until-request = Until the request is answered, under Requests.
ui-retention-kept-by = { $keeper }: { $count ->
        [one] one record
       *[other] { $count } records
    }
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
ui-erase-restricted = Restricted: erased only to answer the person's own erasure request, once their identity is checked, or after the restriction is lifted.
ui-erase-title = Erase { $name }?
ui-erase-intro = Everything that no law requires us to keep is erased now. Accounting records still under the bookkeeping law stay, restricted and without the name, under the reference { $pseudonym }, and are deleted when their period ends.
ui-erase-identifiers = The customer's row keeps { $form ->
        [one] their customer number { $numbers }
       *[other] their customer numbers { $numbers }
    }, so that the shop's files do not add them again.
ui-erase-identifiers-email = The customer's row keeps { $form ->
        [one] their customer number { $numbers }
       *[other] their customer numbers { $numbers }
    } and a checksum of their e-mail address (not the address), so that the shop's files do not add them again.
ui-erase-request = Answers request
ui-erase-no-request = No request: the shop erases on its own initiative
ui-erase-erased = Erased now
ui-erase-kept = Kept under the law
ui-erase-breaches = The record of personal data breaches keeps that these breaches concerned the customer, under the reference { $pseudonym } and without name or contact details (GDPR Art. 33(5)).
ui-erase-recipients = To be told of the erasure (Art. 19)
ui-recipients-hint = They received these data from the shop: tell each of them that the data are erased or restricted.
ui-recipients-none = No processor or recipient in the records of processing receives these data.
ui-erase-tell = Tell the recipients below of the erasure (Art. 19).
ui-erase-confirm-label = Type the customer number { $number } to confirm
ui-erase-confirm = Erase now
ui-erase-done = Erased: { $erased } records are gone, { $kept } are kept under the law. Send the person the confirmation.
ui-erase-done-request = Erased: { $erased } records are gone, { $kept } are kept under the law. Send the person the confirmation, then record the answer to request { $request } under Requests.
ui-erase-save-pdf = Save the confirmation (PDF)
ui-erase-save-json = Save the confirmation (JSON)
ui-restrict = Restrict…
ui-restrict-title = Restrict the processing of { $name }'s data
ui-restrict-intro = While restricted, the data is only stored: nothing new is recorded about the person, the data is used for nothing but legal obligations and legal claims, and the retention sweep deletes none of it (GDPR Art. 18).
ui-restrict-recipients = To be told of the restriction (Art. 19)
ui-restrict-told = Restricted. Tell them of the restriction (Art. 19): { $names }.
ui-restrict-ground = Ground
ui-restrict-note = Note (optional)
ui-restrict-confirm = Restrict
ui-restricted-since = Restricted since { $date }: { $ground }. The data is only stored: the retention sweep deletes none of it, and it is erased only on the person's own request.
ui-erased-under = Erased. What the law keeps, such as orders and invoices, stays restricted under the pseudonym { $pseudonym } until its time is up. It is shown here for the books alone: a return is recorded as a credit note of its order.
ui-hold = Legal hold…
ui-hold-title = Keep { $name }'s records for a legal claim
ui-hold-intro = While the hold lasts, none of the customer's records is deleted: not by the retention sweep, not by an erasure (GDPR Art. 17(3)(e): the establishment, exercise or defence of legal claims). Lift it when the dispute is settled.
ui-hold-reason = Why (the dispute or the order)
ui-hold-confirm = Place the hold
ui-hold-in-force = Legal hold on { $record } since { $date } ({ $by }): { $reason }
ui-hold-lift = Lift the hold
ui-hold-lifted = The hold is lifted; the records follow their retention periods again.
ui-hold-lift-erases = The customer was erased and only this hold keeps the record: lifting it erases the record now.
ui-hold-lift-releases = The person asked for this to be erased, and only this hold keeps it: lifting the hold erases it now, under their request.
ui-hold-lift-erase = Lift and erase
ui-hold-lifted-erased = The hold is lifted and the record erased, as the customer's erasure asked.
ui-hold-lifted-released = The hold is lifted, and what it kept from the person's request for erasure is erased, as they asked (request { $requests }).
ui-holds-title = Legal holds in force
ui-holds-none = No record is held for a legal claim.
col-record = Record
col-reason = Reason
col-since = Since
col-by = By
ui-unrestrict = Lift the restriction…
ui-unrestrict-intro = The person must be told before the restriction is lifted (GDPR Art. 18(3)). Once it is, the records whose retention period has ended are due for deletion.
ui-unrestrict-notified = The person was told on
ui-unrestrict-confirm = Lift the restriction
ui-withdraw = Withdraw
ui-withdrawn = The consent is withdrawn; the proof of it is kept.
ui-withdrawn-purpose = The consent is withdrawn, and with it the customer's other consents to the same purpose ({ $count } in all): the purpose stops. The proof of each is kept.
ground-accuracy_contested = the person contests the accuracy (while it is checked)
ground-unlawful_processing = the processing is unlawful and the person prefers restriction to erasure
ground-legal_claims = the person needs the data for legal claims
ground-objection_pending = the person has objected and the assessment is pending
ui-due-banner = { $count } records have reached the end of their retention period and should be deleted.
ui-due-review = Review
ui-preview-past-due = { $count ->
    [one] One record in this report has passed the end of its retention period: the report tells the person it is to be deleted. Delete it on the Retention screen once you have answered; until then, their request for a copy keeps it from the sweep.
   *[other] { $count } records in this report have passed the end of their retention period: the report tells the person they are to be deleted. Delete them on the Retention screen once you have answered; until then, their request for a copy keeps them from the sweep.
}
ui-preview-past-due-free = { $count ->
    [one] One record in this report has passed the end of its retention period and nothing keeps it: the report tells the person it is to be deleted, and the next sweep on the Retention screen deletes it.
   *[other] { $count } records in this report have passed the end of their retention period and nothing keeps them: the report tells the person they are to be deleted, and the next sweep on the Retention screen deletes them.
}
ui-controller-nameless = The shop's name is not set: the reports, receipts and letters you give people must say who you are (GDPR Art. 13(1)(a)).
ui-controller-unreachable = The shop has no e-mail address, postal address or phone number set: the reports, receipts and letters you give people must say how to reach you (GDPR Art. 13(1)(a)).
ui-controller-set = Open the settings
ui-requests-banner = { $soon ->
        [one] A data-subject request is due within seven days (GDPR Art. 12(3)).
       *[other] { $soon } data-subject requests are due within seven days (GDPR Art. 12(3)).
    }
ui-requests-banner-late = { $late ->
        [one] A data-subject request is past its deadline: answer it now (GDPR Art. 12(3)).
       *[other] { $late } data-subject requests are past their deadlines: answer them now (GDPR Art. 12(3)).
    }
ui-requests-banner-more = { $soon ->
        [one] One more is due within seven days.
       *[other] { $soon } more are due within seven days.
    }
ui-requests-review = Open the requests
ui-sweep-title = Delete what is due
ui-sweep-preview = { $total ->
        [one] One record may be deleted today
       *[other] { $total } records may be deleted today
    }{ $held ->
        [0] ; no record is kept past its end.
        [one] ; one is kept by a legal hold, a restriction or a request not yet answered.
       *[other] ; { $held } are kept by a legal hold, a restriction or a request not yet answered.
    }
ui-sweep-nothing = Nothing is due today.
ui-sweep-resumes = This continues sweep { $id }, which was cut off.
ui-sweep-audit-due = { $entries ->
        [one] The audit trail's oldest entry goes too: it is older than the records of requests are kept.
       *[other] The audit trail's { $entries } oldest entries go too: they are older than the records of requests are kept.
    }
ui-sweep-run = Delete what is due…
ui-sweep-confirm = Delete these { $total } records now? This cannot be undone.
ui-sweep-yes = Delete now
ui-sweep-done = Sweep { $id } is done: { $removed ->
    [one] one record deleted or anonymised
   *[other] { $removed } records deleted or anonymised
}.
ui-sweep-done-kept = { $kept ->
    [one] One order or invoice of a customer it erased is kept under a pseudonym, as the bookkeeping law requires.
   *[other] { $kept } orders and invoices of the customers it erased are kept under a pseudonym, as the bookkeeping law requires.
}
ui-sweep-audit-removed = { $entries ->
        [one] The audit trail's oldest entry went too, older than the records of requests are kept.
       *[other] The audit trail's { $entries } oldest entries went too, older than the records of requests are kept.
    }
ui-sweep-save-pdf = Save the summary (PDF)
ui-sweep-save-json = Save the summary (JSON)
ui-sweeps = Sweeps made
ui-sweeps-hint = Each sweep's summary is the shop's proof that it deleted what was due, under the retention periods then in force (GDPR Art. 5(2)): save it again here whenever it is asked for.
ui-sweeps-none = No sweep has been made yet.
ui-sweeps-save = Save the summary of sweep { $id } ({ $format })
col-sweep-day = Day
col-removed = Deleted or anonymised
col-kept-pseudonym = Kept under a pseudonym
col-sweep-summary = Summary


## Import and export in the window
ui-nav-transfer = Import & export
ui-import-title = Import from your web shop
ui-import-intro = A CSV export from Shopify or WooCommerce, or any CSV with a header row. Nothing changes until you import, and an import with problems changes nothing unless you set the problem rows aside.
ui-import-format = The file's format
ui-import-kind = What the file holds
ui-import-customers = Customers
ui-import-orders = Orders
ui-import-web-events = Web activity (the site's log)
ui-import-choose = Choose a file…
ui-import-detected = { $file }: { $encoding ->
        [utf-8] UTF-8
        [utf-8-bom] UTF-8 with BOM
        [windows-1252] Windows-1252
        [mac-roman] Mac OS Roman
        [utf-16le] UTF-16 (Unicode text)
        [utf-16be] UTF-16 (Unicode text)
       *[other] { $encoding }
    }, delimiter { $delimiter }, { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }. Format:
ui-import-tab = tab
ui-format-generic = generic CSV
ui-format-shopify = Shopify
ui-format-woocommerce = WooCommerce
ui-import-mapping = Columns
ui-import-skip-column = — not imported —
import-field-customer_number = Customer number
import-field-name = Name (whole)
import-field-first_name = First name
import-field-last_name = Last name
import-field-email = E-mail
import-field-phone = Phone
import-field-street = Street address
import-field-street2 = Street address, second line
import-field-postal_code = Postal code
import-field-city = City
import-field-country = Country
import-field-language = Language
import-field-email_marketing = Newsletter consent (yes/no)
import-field-sms_marketing = SMS consent (yes/no)
import-field-order_number = Order number
import-field-order_date = Order date
import-field-customer_email = Customer's e-mail
import-field-total = Total including VAT
import-field-currency = Currency
import-field-vat = VAT
import-field-shipping = Shipping
import-field-shipping_tax = VAT on shipping
import-field-discount = Discount
import-field-payment_provider = Payment provider
import-field-payment_reference = Payment reference
import-field-line_description = Line: description
import-field-line_quantity = Line: quantity
import-field-line_unit_price = Line: unit price
import-field-line_total = Line: total
import-field-line_tax = Line: VAT
import-field-line_vat_rate = Line: VAT rate
import-field-tax_name = Tax name (with its rate)
import-field-occurred_at = Time
import-field-ip = IP address
import-field-action = What was done
import-field-user_agent = Browser (user agent)
import-field-status = Status
import-field-fulfillment = Delivery status
ui-import-first-rows = The first rows
ui-import-counts = Importing would add { $added }, update { $updated }, leave { $unchanged } unchanged, skip { $skipped } and reject { $rejected }.
ui-import-problems = Problems ({ $count })
ui-import-header-row = header row
ui-import-skip-invalid = Import the valid rows and set the others aside in a file
ui-import-run = Import
ui-import-done = Imported: { $added } added, { $updated } updated, { $unchanged } unchanged, { $skipped } skipped, { $rejected } set aside.
ui-import-rejected-file = The rows set aside are in { $path }.
ui-import-consents = Consents from the web shop: { $given } recorded, { $withdrawn } withdrawn.
ui-import-consents-would = Importing would record consents from the web shop: { $given }, and withdraw { $withdrawn }.
ui-import-refused = Nothing was imported: { $count ->
        [one] one row has a problem.
       *[other] { $count } rows have problems.
    }
ui-import-refused-header = Nothing was imported: the header row has a problem.
ui-export-title = For the accountant: orders, invoices and vouchers
ui-export-intro = The order history has one row per order line with net, VAT and gross; the invoice list has every invoice, reminder and credit note of the period with its share of the VAT. Erased customers appear under their pseudonym; restricted records are included because the export serves the bookkeeping obligation.
ui-export-from = From
ui-export-to = To
ui-export-format = Format
ui-export-decimal-comma = Decimal comma (for spreadsheets in Swedish, Norwegian, Danish, Finnish or German)
ui-export-save = Export…
ui-export-done = Exported { $orders } orders to { $path }.
ui-export-format-sie = SIE 4 (Swedish bookkeeping programs)
ui-export-what = What
ui-export-what-orders = Order history (one row per order line)
ui-export-what-invoices = Invoices, reminders and credit notes
ui-export-done-invoices = Exported { $rows } invoices, reminders and credit notes to { $path }.
ui-export-sie-hint = SIE: one voucher per order and per credit note, in SEK, booked to the accounts in Settings → Bookkeeping. Cancelled orders without a credit note are left out.
ui-export-done-sie = Exported { $orders } orders and { $notes } credit notes as vouchers to { $path }; { $left } cancelled orders left out.
ui-mailing-title = Mailing lists: who consents now
ui-mailing-intro = The customers who consent to a purpose now, for the tool that sends your newsletter or text messages. Save the list afresh before each send: a withdrawn consent stops the sending at once (GDPR Art. 7(3)), and those who withdrew, were erased or are restricted are not on it. The file is CSV with the columns a mailing tool maps (number, name, email, phone, language and the consent's date, wording and channel); saving it is recorded in the audit trail.
ui-mailing-none = No consent has been recorded yet.
ui-mailing-purpose = Purpose
ui-mailing-option = { $purpose } ({ $count } consenting)
ui-mailing-save = Save as CSV…
ui-mailing-done = Saved { $count ->
        [one] one customer
       *[other] { $count } customers
    } to { $path }{ $restricted ->
        [0] {""}
       *[other] ; { $restricted } restricted left out (Art. 18(2))
    }.
# The file of rows an import set aside: its last column, and why each row is there.
import-rejected-column = error
import-rejected-reason = line { $line }: { $reason }
import-rejected-cell = { $column }: { $reason }

## Errors (by their stable code)
error-invalid = Please check this field.
error-not_found = It is no longer in the register.
error-duplicate = It exists already.
error-conflict = Someone else changed it in the meantime.
error-refused = That is not possible now.
error-no_register = There is no register here.
error-not_a_register = That file is not a Kundvakt register.
error-register_too_new = The register was made by a newer Kundvakt.
error-register_moved = This register was moved to a shared register and is kept only as it was: connect to the shared register (Settings → Several computers).
error-register_locked = The register is encrypted: enter its passphrase.
error-wrong_passphrase = Wrong passphrase. Nothing was changed.
error-unreachable = The database server cannot be reached.
error-file = The file could not be read or written.
error-register_damaged = The register file is damaged.
error-audit_broken = The audit trail is broken.
error-database = A database error occurred.
error-migrate = The register could not be upgraded.
error-internal = Something went wrong in Kundvakt.

## The defaults a new register starts with (the shop edits them)
default-processor-platform = Web platform supplier
default-assessment-author = Kundvakt's suggestion, for the shop to review
default-assessment-notes-purpose = Following up support requests and keeping notes of calls, meetings and e-mail
default-assessment-notes-interest = Answering the customer's questions and handling complaints
default-assessment-notes-necessity = Notes are needed to follow a matter that spans several contacts
default-assessment-notes-balancing = Customers expect a shop to remember their matter; notes are short and deleted 2 years after the matter closes
default-assessment-notes-outcome = Legitimate interest outweighs; notes kept 2 years after the matter closed
default-assessment-web-purpose = Web-site security and statistics from IP addresses and actions
default-assessment-web-interest = Protecting the web shop against misuse and improving it
default-assessment-web-necessity = IP addresses are needed to detect misuse; no profiling
default-assessment-web-balancing = Limited data, kept 13 months, no special categories
default-assessment-web-outcome = Legitimate interest outweighs; web events kept 13 months
default-purpose-platform = Web shop platform and hosting of customer accounts and orders
default-purpose-analytics = Web-site statistics through cookies
default-purpose-pixel = Advertising through the Facebook pixel
default-purpose-klarna = Payment and invoicing; holds the card and payment data
default-purpose-payex = Card payments; holds the card data
default-safeguards-us = EU-US Data Privacy Framework; standard contractual clauses

## Why a value or a step was refused, said in the window as on the command line (core/src/message.rs)

msg-not-a-currency = `{ $code }` is not an ISO 4217 currency code
msg-not-an-amount = `{ $text }` is not an amount in { $currency }: { $why ->
        [empty] it is empty
        [no-digits] no digits
        [characters] write it as 1234.50 or 1 234,50
        [decimals] more than { $exp } decimals
       *[too-large] too large
    }
msg-amount-in-another-currency = `{ $text }` is written in { $written }; the amount is in { $currency }
msg-not-a-percentage = `{ $text }` is not a percentage from 0 to 100
msg-not-a-country-code = `{ $code }` is not an ISO 3166 country code (SE, NO, ...) or the name of a country
msg-not-a-date = `{ $text }` is not a date (write 2024-03-15 or 15.03.2024)
msg-not-a-time = `{ $text }` is not a time (write 2025-03-01 10:22, or with its offset 2025-03-01T10:22:01+01:00)
msg-not-on-the-clock = `{ $text }` does not exist on the shop's clock
msg-not-an-order-status = `{ $text }` is not an order status (placed, paid, shipped, cancelled, refunded, or a shop's word for one)
msg-not-a-quantity = `{ $text }` is not a quantity
msg-not-whole-items = `{ $text }` is not a whole number of items
msg-file-not-csv = is not a CSV file: { $what ->
        [workbook] it is a spreadsheet workbook. Save it from the spreadsheet as CSV (“CSV UTF-8” where offered) and import that file
        [pdf] it is a PDF. Export the customers or orders from the web shop as CSV and import that file
       *[binary] it holds no text. Choose the CSV file the web shop exported
    }
msg-unreadable-row = the row cannot be read: { $detail }
msg-open-quote = a quote opens this field and is never closed, so the rest of the file, through line { $last }, was read into it and not as rows; close the quote, or remove it
msg-quote-runs-on = a quote opens a field here and is not closed in the { $max } MB of the file after it, so the rest of the file would be read into that one field; close the quote, or remove it
msg-row-runs-on = the row that starts here runs on for more than { $max } MB without a line break; a shop's export has no such rows: is this the right file?
msg-spans-lines = runs from line { $first } to line { $last }, from a quote to the next one: a quote on line { $first } is likely missing its closing quote
msg-no-such-customer = no customer `{ $value }` in the register (import the customers first)
msg-row-names-no-customer = the row names no customer
msg-import-cancelled = the import was cancelled; nothing was changed
msg-row-needs = a row needs { $what ->
        [time] its time
        [ip] an IP address
       *[action] an action
    }
msg-not-an-ip = `{ $text }` is not an IP address
msg-skipped-activity-erased = activity of an erased customer: not imported
msg-skipped-activity-erased-on-request = activity of customer { $customer } from before { $day }, when their web activity was erased at their request (GDPR Art. 17): not imported
msg-skipped-visit-erased-on-request = a visit of customer { $customer } that was erased at their request on { $day } (GDPR Art. 17): not imported
msg-skipped-activity-objected = activity of customer { $customer }, who objected to the recording of their web activity on { $since } (GDPR Art. 21(1)): not imported
msg-skipped-activity-restricted = activity of customer { $customer }, who is restricted (GDPR Art. 18): not imported
msg-skipped-activity-old = activity of { $day } is older than the { $months } months web activity is kept (kept until { $until }): not imported
msg-order-needs-number = an order needs a number
msg-order-needs-date = an order needs a date
msg-order-needs-total = an order needs a total
msg-skipped-order-erased = order { $order } is of an erased customer: not imported
msg-skipped-order-restricted = order { $order } is of customer { $customer }, who is restricted (GDPR Art. 18): not imported
msg-line-needs-price = a line item needs a price
msg-skipped-person-erased = this person was erased and is not brought back
msg-skipped-customer-erased = customer { $customer } was erased and is not brought back
msg-matched-by-email = found by e-mail as customer { $customer }; the shop's number { $number } is kept as theirs
msg-import-consent-withdrawn-kept = customer { $customer } withdrew their consent to { $purposes } in the register; the file's "yes" does not give it back (GDPR Art. 7(3)): if they have consented again, record the new consent on their page
msg-import-consent-no-elsewhere = the file's "no" withdrew customer { $customer }'s consent to { $purposes }, which they gave another way than in the web shop (GDPR Art. 7(3)): if they did not unsubscribe in the web shop, record their consent again on their page
msg-skipped-customer-restricted = customer { $customer } is restricted (GDPR Art. 18): not changed
msg-row-of-merged = customer { $number } was merged into customer { $customer }: the row's details are not written over theirs (merge the two accounts in the web shop too); its consents count
msg-row-email-of-merged = the row's e-mail address was that of customer { $number }, who was merged into customer { $customer }: the row's details are not written over theirs; its consents count
msg-no-web-activity-format = { $platform } exports no web activity: a web site's log is read as a generic CSV
msg-no-such-column = the file has no column `{ $column }`
msg-no-column-holds = no column holds { $fields }: name one with --map COLUMN={ $first }
msg-map-form = `{ $text }`: write COLUMN=FIELD, such as "E-post=email"
msg-no-such-field = `{ $field }` is not a field Kundvakt knows
msg-backup-broken = the backup's audit trail is broken at entry { $seq }: { $reason } — it was changed after it was made; not restored
msg-not-a-year = { $year } is not a year
msg-unknown-audit-action = no action of the audit trail is called `{ $text }` (the groups: { $known })
msg-to-before-from = { $to } is before { $from }
msg-sie-invoices = an SIE file holds the vouchers of sales: `export orders --format sie` books the credit notes too
msg-needs-safeguards = a transfer outside the EU/EEA needs its safeguards (Art. 46: adequacy decision, standard contractual clauses ...)
msg-assessed-after-today = { $date } is after today: an assessment documents what was weighed
msg-sie-order-currency = order { $order } is in { $currency }; an SIE file holds { $sie } only, and the register keeps no exchange rates (export this period as CSV or JSON instead)
msg-sie-rate = order { $order }: VAT of { $rate } % is not a Swedish rate (25, 12, 6 or 0 %), so the SIE file has no account for it
msg-sie-line-rate = order { $order }, line { $line }: VAT of { $rate } % is not a Swedish rate (25, 12, 6 or 0 %), so the SIE file has no account for it
msg-sie-needs-company = an SIE file names the company: set the shop's name in Settings first
msg-sie-note-currency = credit note { $note } is in { $currency }; an SIE file holds { $sie } only
msg-sie-credits-zero = credit note { $note } credits order { $order }, whose total is 0
msg-report-erased = customer { $customer } is erased: the register holds nothing that identifies them
msg-request-not-from = request { $request } is not from customer { $customer }
msg-no-hold = there is no hold { $id } in force
msg-customer-erased-already = customer { $customer } is erased already
msg-customer-held = customer { $customer } is under a legal hold: lift it before erasing (GDPR Art. 17(3)(e))
msg-customer-restricted-erase = customer { $customer } is restricted: their data is only stored (GDPR Art. 18(2)); erase it to answer their erasure request, or lift the restriction first
msg-sweep-ahead = a sweep cannot run ahead of today ({ $today }): what is due on { $as_of } is still kept by law
msg-give-postgres-address = give a PostgreSQL address: postgres://user:password@server/database
msg-no-register-there = { $place } holds no register yet; move this register there first (the database must exist and be empty)
msg-shared-already = this register is shared already
msg-register-there = { $place } holds a register already; connect to it instead of moving this one there
msg-customer-number-taken = customer number { $number } is taken
msg-customer-number-of-shop = { $number } is the web shop's number of customer { $customer }
msg-shop-number-already = { $number } is this customer's web shop number already
msg-shop-number-empty = a web shop number cannot be empty
msg-shop-number-not-theirs = { $number } is not a web shop number of this customer
msg-email-taken = customer { $number } has the e-mail { $email } already
msg-email-other-name = customer { $number } has the e-mail { $email } under another name; a file changes a customer's name only in a row with their customer number
msg-not-a-postgres-url = `{ $url }` is not a PostgreSQL URL: { $detail }
msg-is-empty = is empty
msg-passphrase-nul = contains a NUL character
msg-passphrase-short = is shorter than { $min } characters; choose a longer one
msg-register-busy = the register at { $path } is open in another window or program; close it and try again
msg-register-damaged = Kundvakt cannot read all of it (the database says: { $detail }). Nothing was saved halfway. Restore its latest backup (Settings → Backups), and keep the damaged file until the restore is done.
msg-backup-damaged = the backup { $file } is damaged and cannot be restored (the database says: { $detail }); nothing was changed: choose another backup
msg-restore-over-damaged = the register { $register } is damaged where a restore reads what it carries over into the backup: the erasures, requests, vouchers and the rest recorded since (the database says: { $detail }); nothing was changed. To restore all the same, move the damaged file to another folder, with Kundvakt closed, and restore the backup in its place: what the register recorded since the backup is then not carried over, and the erasures made since, which their confirmations name, must be made again
msg-no-such-setting = `{ $key }` is not a setting; the settings are: { $settings }
msg-controller-nameless = the shop's name is not set: a document given to a person must say who the controller is (GDPR Art. 13(1)(a)); set it under Settings
msg-controller-unreachable = the shop has no e-mail address, postal address or phone number set: a document given to a person must say how to reach the controller (GDPR Art. 13(1)(a)); set one under Settings
msg-not-a-shop-country = `{ $value }` is not a supported country (SE, NO, DK, FI, DE)
msg-not-a-language = `{ $value }` is not a supported language (sv, nb, en)
msg-not-a-time-zone = `{ $value }` is not an IANA time zone such as Europe/Stockholm
msg-not-an-account = `{ $value }` is not an account number of four digits, such as 3001
msg-not-a-number-between = `{ $value }` is not a whole number from { $min } to { $max }
msg-too-long = is longer than { $max } characters
msg-control-characters = contains control characters
msg-not-an-iso-date = `{ $value }` is not a date (YYYY-MM-DD)
msg-not-a-month-end = { $value } is not the last day of a month
msg-not-a-changed-year = `{ $value }` is not a financial year: give its first and last day, as 2025-01-01..2025-04-30
msg-changed-year-bounds = { $value }: a financial year begins on the first day of a month and ends on the last day of a month, after it begins
msg-changed-year-not-next = { $value } does not begin a financial year after the changed year { $after }: the years after it begin on { $next }, and in that month each year
msg-changed-year-too-long = The financial year { $value } is { $months } months long; the law of { $country } allows at most { $longest } ({ $law })
msg-changed-year-in-first = The changed year { $value } lies within the first financial year, which ends on { $end }
msg-first-year-disagrees = The first financial year ends on { $end }, so the years after it begin on { $next } and in that month each year (or a changed year begins that day)
msg-first-year-begun-early = The first order is dated { $first }, before { $earliest }, the earliest day a first financial year that ends on { $end } may begin (at most { $longest } months, { $law }). The first year is counted from that order, so that none is left out of the accountant's export; if the first year ends on another day, set that day.
msg-start-month-after-change = After the changed financial year { $value } the years begin on { $next } and in that month every year: to change the financial year again, add the new changed year to the changed financial years
msg-no-fiscal-year-begins = No financial year begins in { $year }: the financial year { $from }–{ $to } covers it
msg-not-a-full-path = `{ $value }` is not a full folder path
msg-no-such-folder = there is no folder { $value }
msg-number-spaces = a customer number has no spaces
msg-customer-needs-name = a customer needs a name
msg-control-characters-in-line = contains control characters (line breaks, tabs or similar)
msg-not-an-email = `{ $value }` is not a valid e-mail address
msg-phone-characters = `{ $value }` is not a phone number (digits, spaces, + - ( ) only)
msg-phone-digits = `{ $value }` is not a phone number (5 to 15 digits)
msg-phone-not-normal = `{ $value }` is stored as it was typed, not as the number it is: saved again, it is stored as { $normal }
msg-not-erased = customer { $customer } is not erased: there is no erasure to confirm
msg-erasure-plan-missing = the erasure of customer { $customer } was made before Kundvakt kept what an erasure did (or made again by a restore): its confirmation cannot be made again
msg-erasure-plan-altered = what the register kept of the erasure of customer { $customer } no longer matches the audit trail's entry of it: it has been altered, and is not given out as the erasure's proof (run `kundvakt audit verify`)
msg-not-an-org-number = `{ $value }` is not an organisation number: write it as the register of companies does, such as 556677-8899 or 912 345 678
msg-not-a-website = `{ $value }` is not a web address: write it as butik.se or https://www.butik.se
msg-line-needs-description = a line needs a description
msg-at-least-one = must be at least 1
msg-rate-range = must be between 0 and 100 %
msg-amount-too-large = amount too large
msg-total-not-sum = { $total } does not equal the sum of the lines, { $sum }
msg-vat-currency = VAT must be in the order's currency
msg-vat-above-total = VAT cannot exceed the total
msg-vat-sign = VAT has the total's sign: a return's VAT is negative as its total is, a sale's positive
msg-note-no-changes = name at least one part of the note to correct
msg-not-empty = must not be empty
msg-consent-channel-imported = “web_shop” marks the consents a web shop's file brings in; for a consent recorded by hand, say how it was given (web_form, meeting, phone, email, letter, document)
msg-closed-before-contact = the matter cannot close before the contact
msg-in-the-future = { $when } is in the future
msg-event-too-far = { $event_date } is more than ten years away
msg-event-not-yet = the event of { $event_date } has not taken place yet
msg-not-a-whole-number = `{ $value }` is not a whole number
msg-order-needs-total-or-lines = an order needs a total or its lines
msg-customer-restricted-already = customer { $customer } is restricted already
msg-customer-erased = customer { $customer } is erased
msg-told-before-lifting = the person must have been told before the restriction is lifted
msg-no-restriction = customer { $customer } has no restriction in force
msg-step-not-now = request { $request } is { $state }; `{ $step }` is possible when it is { $states }
msg-before-received = { $on } is before the request was received ({ $received })
msg-extended-already = request { $request } is extended already, to { $due }
msg-extension-too-late = an extension must be recorded by the first deadline, { $due }; it is { $on }
msg-breach-people = the number of people concerned cannot be negative
msg-breach-closed = breach { $id } is closed; nothing more can be recorded on it
msg-breach-concerns-nobody = breach { $id } is linked to no customers: add those it concerns first, or write one letter to everyone
msg-customers-needed = name at least one customer (number or id)
msg-breach-before-aware = is before the shop became aware of the breach ({ $aware })
msg-breach-notified-already = the supervisory authority has already been notified of breach { $id }
msg-breach-delay-reason = the notification comes after the { $hours } hours: give the reasons for the delay (GDPR Art. 33(1))
msg-breach-informed-already = breach { $id } already says how the people concerned were told
msg-breach-close-unnotified = breach { $id } may pose a risk to the people concerned: record the notification to the supervisory authority before closing it (GDPR Art. 33(1))
msg-breach-close-uninformed = breach { $id } may pose a high risk: record how the people concerned were told, or why they need not be, before closing it (GDPR Art. 34)
msg-request-not-customers = request { $request } is not customer { $customer }'s
msg-request-kind = request { $request } is a { $kind } request, not { $kinds }
msg-no-notice = request { $request } was neither extended nor refused: there is nothing to give notice of
msg-request-not-open = request { $request } is { $state }: verify the person's identity first, and act while the request is open
msg-request-has-customer = request { $request } is a customer's already: only a request from someone the register had no customer for is linked to one
msg-request-link-closed = request { $request } is answered or closed: only an open request is linked to a customer
msg-answer-without-copy = request { $request } is answered with a copy of the person's data (GDPR { $kind ->
        [portability] Art. 20
       *[other] Art. 15(3)
    }): make customer { $customer }'s { $kind ->
        [portability] portability export
       *[other] access report
    } for the request first, so that it is recorded under it, then answer
msg-answer-erased-without-confirmation = request { $request } asks what is held of customer { $customer }, who is erased: what is left is what the law keeps, which their erasure confirmation says. Make it for the request first (`kundvakt report erased { $customer } --request { $request }`, or on the request's page), so that it is recorded under it; then answer
msg-answer-without-erasure = request { $request } is answered by erasing the person's data (GDPR Art. 17): erase customer { $customer } for the request first (what the law makes the shop keep is kept, and the confirmation lists it), or, where the person asked for some details, notes, sign-ups or their web activity only, remove those on the customer's page while the request is open; then answer. Where nothing may be erased, refuse the request and give the reason (Art. 12(4))
msg-erasure-only-removes = request { $request } asks for erasure (GDPR Art. 17): under it, details are only removed; a new value is a correction, which a request for rectification asks for (Art. 16)
msg-no-consent-purpose = no consent has been given to `{ $purpose }`; the purposes consented to are: { $purposes }
msg-not-yes-or-no = `{ $value }` is neither yes nor no
consent-imported-wording = given in the web shop by this date (its export: “{ $column }”)
msg-no-consents-yet = no consent has been recorded yet, to `{ $purpose }` or anything else
msg-encrypt-postgres = Kundvakt encrypts SQLite registers; a PostgreSQL register is protected by its server (disk encryption, TLS and its own access control)
msg-not-the-passphrase = is not the register's passphrase
msg-give-passphrase = give the register's passphrase
msg-not-encrypted = the register at { $path } is not encrypted
msg-erased-not-edited = customer { $customer } is erased and cannot be edited
msg-give-number = give a number (the setting { $setting } is empty, so none is suggested)
msg-order-status-already = order { $number } is { $status } already
msg-closed-on-already = the matter of note { $id } closed on { $day } already
msg-closed-already = the matter of note { $id } closed already
msg-note-changed-open-again = note { $id } was changed meanwhile by someone else: open it again and make the correction there
msg-note-same = note { $id } says that already
msg-note-held = note { $id } is under a legal hold, which keeps it while the dispute lasts (GDPR Art. 17(3)(e)): refuse that part of the request and give this reason, and have the note erased when the hold is lifted
msg-note-kept-by-law = note { $id } documents a business event, which the bookkeeping law keeps until { $until } (GDPR Art. 17(3)(b)): refuse that part of the request and give this reason; the note is erased when its time is up
msg-note-same-customer = note { $id } is filed under customer { $customer } already
msg-note-held-not-moved = note { $id } is under a legal hold, which keeps it where it is while the dispute lasts (GDPR Art. 17(3)(e)): move it once the hold is lifted
msg-part-erasure-not-erasure = request { $request } is a request for { $kind }: an erasure confirmation is made for a request for erasure
msg-part-erasure-nothing = nothing has been erased for request { $request } yet: remove the details, or erase the notes, sign-ups or web activity the person asked for, on their page first
msg-part-erasure-whole = customer { $customer } was erased whole for request { $request }: their erasure confirmation was made with the erasure
msg-signup-held = sign-up { $id } is under a legal hold, which keeps it while the dispute lasts (GDPR Art. 17(3)(e)): refuse that part of the request and give this reason, and have the sign-up erased when the hold is lifted
msg-not-held-erase-now = { $entity ->
        [interaction] note { $id } is under no legal hold: erase it now
       *[other] sign-up { $id } is under no legal hold: erase it now
    }
msg-held-back-already = { $entity ->
        [interaction] note { $id } is to be erased when the hold is lifted already
       *[other] sign-up { $id } is to be erased when the hold is lifted already
    }
msg-web-activity-held = the web activity of customer { $customer } is under a legal hold (events held: { $events }), which keeps it while the dispute lasts (GDPR Art. 17(3)(e)): refuse that part of the request and give this reason
msg-web-stopped = customer { $customer } objected to the recording of their web activity on { $since } (GDPR Art. 21(1)): none of it is recorded until that is lifted
msg-web-stopped-already = the recording of customer { $customer }'s web activity has been stopped since { $since }
msg-web-not-stopped = the recording of customer { $customer }'s web activity is not stopped
msg-merge-same = customer { $customer } cannot be merged into themselves: choose the other customer
msg-customer-merged-into = customer { $customer } was merged into { $into }: their records, and their requests, are { $into }'s now
msg-merge-held = customer { $customer } is under a legal hold, which keeps their records as they are (GDPR Art. 17(3)(e)): lift it before merging, or keep the two apart
msg-unmerge-not-merged = customer { $customer } was not merged into anyone: there is no merge to undo
msg-unmerge-too-late = the merge of customer { $customer } can no longer be undone: an undo is kept for { $days } days after the merge, and then forgotten; correct the details and move the records by hand
msg-unmerge-merged-on = customer { $customer } was merged into { $later }, which was merged into { $into } since: undo that merge first
msg-unmerge-held = customer { $customer } is under a legal hold, which keeps their records as they are (GDPR Art. 17(3)(e)): lift it before undoing the merge
msg-web-activity-none = the register has no web activity of this customer to erase
msg-web-event-held = web event { $id } is under a legal hold, which keeps it while the dispute lasts (GDPR Art. 17(3)(e)): refuse that part of the request and give this reason
msg-trail-file-not = this is not a file of the audit trail as Kundvakt saves it (UTF-8, `;`, 16 columns): save the trail again from the register
msg-trail-file-unreadable = the file cannot be read as CSV: { $reason }
msg-trail-row-columns = the row has { $found } cells where a row of the trail has { $wanted }
msg-trail-row-seq = not an entry's number
msg-trail-row-time = not a time as the hash covers it (such as 2026-03-14T09:30:00.000000Z)
msg-trail-row-customer = not a customer's id
msg-trail-row-hash = the fields of entry { $seq } do not give its hash: the row was changed after the trail was saved
msg-trail-row-link = entry { $seq } does not follow entry { $previous } as the chain has it: one of them was changed, or an entry put in between
msg-note-changed = note { $id } was changed meanwhile by someone else
msg-signup-status-already = sign-up { $id } is { $status } already
msg-order-exists = order { $number } exists already
msg-order-of-erased = order { $number } is of an erased customer, kept only for the books: no invoice or reminder is issued (a refund is recorded as a credit note)
msg-invoice-exists = invoice { $number } exists already
msg-invoice-before-order = the order is of { $order_date }; it cannot be invoiced before
msg-due-before-issued = an invoice cannot fall due before it is issued
msg-order-currency = the order is in { $currency }
msg-more-than-zero = must be more than zero
msg-give-credited = give the invoice it credits
msg-only-credit-notes-credit = only a credit note credits an invoice
msg-no-invoice = no invoice { $credits }
msg-invoice-of-another-order = invoice { $credits } is of another order
msg-credit-not-an-invoice = { $credits } is not an invoice; only an invoice is credited
msg-credit-before-invoice = invoice { $credits } is of { $issued }; it cannot be credited before
msg-credit-left = at most { $left } is left to credit of invoice { $credits }
msg-order-changed = order { $number } was changed meanwhile by someone else
msg-consent-withdrawn = consent { $id } does not exist or is withdrawn already
msg-consent-stands = consent { $id }, given { $given }, to this purpose and wording stands already: a consent is recorded once until it is withdrawn (a new wording is recorded as a new consent)
msg-customer-not-active = customer { $customer } is { $state }: nothing new may be recorded about them
msg-not-found = no { $entity } { $id } in the register
msg-record-has-no-number = a record of the kind { $entity } has no number of its own: name it by its id
msg-conflict = { $entity } { $id } was changed by someone else (now version { $current }, you edited version { $expected }); reload and try again
msg-moved-copy-open = { $path } is the register open now
msg-english = { $text }
msg-demo-needs-empty = the demo shop needs an empty register
msg-confirm-erasure-number = type the customer number to confirm the erasure
msg-choose-file-first = choose a file first

# Corrections (GDPR Art. 16): the old value kept by the audit trail.
corrected-number = Customer number
corrected-name = Name
corrected-email = E-mail
corrected-phone = Phone
corrected-street = Street
corrected-postal_code = Postal code
corrected-city = City
corrected-country = Country
corrected-language = Language
corrected-summary = Note: summary
corrected-staff = Note: taken by
corrected-channel = Note: channel
corrected-direction = Note: direction
corrected-bookkeeping = Note: kept under the bookkeeping law
corrected-value-true = yes
corrected-value-false = no
col-corrected-on = Corrected
col-corrected-part = Data
col-value-before = Before
col-value-after = After
access-corrections-title = Earlier values of corrected data
access-corrections-intro = When your data was corrected (GDPR Art. 16), our audit trail kept what it said before, to show what we held and when it changed. These earlier values are erased with the rest of your data.
ui-corrections = Corrections
ui-corrections-hint = A correction keeps the old value here, in the audit trail, not in the register (GDPR Art. 16). The old values go when the customer is erased, and the access report lists them. A detail removed at the person's request for erasure is not kept (Art. 17).
ui-value-erased = erased at their request
ui-correction-altered = Changed after it was recorded: not the value the audit trail holds.
ui-correction-recorded-under = Recorded under request { $id } as its answer.
ui-request-corrections = Corrections made for it
ui-request-corrections-hint = A correction saved on the customer's page while this request is open and the identity verified answers it: it is recorded here with the values it replaced.
ui-request-objection-hint = An objection is answered on the customer's page, by what it objects to: withdraw their consent to marketing (GDPR Art. 21(3)), restrict their data while you weigh it (Art. 18(1)(d)), or stop recording their web activity and erase what was recorded (Art. 21(1), 17(1)(c)). Then answer it here, or refuse it with your compelling grounds.
ui-request-no-corrections = No correction has been made for this request yet.
ui-answer-corrected = Corrected: { $parts }
ui-request-removals = Details removed for it
ui-request-notes-erased = Notes erased for it
ui-col-erased-note = The note of
ui-request-signups-erased = Sign-ups erased for it
ui-col-erased-signup = The sign-up for
ui-request-web-erased = Web activity erased for it
ui-request-held-back = Kept by a legal hold, erased when it is lifted
ui-held-back-note = the note of { $date } ({ $channel })
ui-held-back-signup = the sign-up for { $date }
ui-held-back-web =
    { $events ->
        [one] { $events } event of the web activity
       *[other] { $events } events of the web activity
    }
ui-col-erased-web = The web activity of
ui-erased-web-span =
    { $first } to { $last }, { $events ->
        [one] { $events } event
       *[other] { $events } events
    }
ui-erased-web-held =
    { $held ->
        [one] ; { $held } event kept by a legal hold
       *[other] ; { $held } events kept by a legal hold
    }
ui-answer-removed = Removed: { $parts }
ui-answer-notes-erased = Erased: the notes of { $notes }
ui-answer-signups-erased = Erased: the sign-ups for { $dates }
ui-answer-web-erased =
    Erased: the web activity of { $first } to { $last } ({ $events ->
        [one] { $events } event
       *[other] { $events } events
    })
ui-answer-web-visit-erased = Erased: the record of the visit on { $date }
ui-answer-held-back = Not erased while a legal claim is settled (GDPR Art. 17(3)(e)), and erased when it is: { $parts }.
ui-answer-erased = Customer { $customer } has been erased: nothing is left to act on but what the law keeps, which is restricted (GDPR Art. 18(2)) and erased when its time is up.
ui-answer-nothing-held = We searched the register for the name, and for every address and number, you gave us.
