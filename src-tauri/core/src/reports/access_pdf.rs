//! The access report printed for people: the same content as the JSON, in the
//! customer's language.

use super::access::{AccessReport, ContactDetails, RecipientInfo, Section};
use super::document::{Block, Clock, Doc, Table};
use crate::audit::corrections::Corrected;
use crate::i18n::Translator;
use crate::register::phone;
use crate::retention::Retention;
use crate::values::ShopCountry;

pub(crate) fn kept_until(tr: &Translator, r: &Retention) -> String {
    match (r.retain_until, r.open_reason) {
        (Some(d), _) => match r.kept_past {
            Some(why) => tr.t_args(why.text_key(), &[("date", tr.date(d))]),
            None => tr.date(d),
        },
        (None, Some(reason)) => tr.t(&format!(
            "kept-open-{}",
            serde_json::to_value(reason).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
        )),
        (None, None) => String::new(),
    }
}

/// Controller identity as label/value pairs, leaving out what is not set.
pub(crate) fn controller_fields(tr: &Translator, c: &super::access::Controller) -> Block {
    let pairs = [
        ("doc-controller", &c.name),
        ("doc-org-number", &c.org_number),
        ("doc-address", &c.address),
        ("doc-email", &c.email),
        ("doc-phone", &c.phone),
        ("doc-website", &c.website),
    ];
    Block::Fields(pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (tr.t(k), (*v).clone())).collect())
}

pub(crate) fn describe<T>(tr: &Translator, s: &Section<T>, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading(s.title.clone()));
    let recipients = if s.recipients.is_empty() { tr.t("recipients-none") } else { s.recipients.join(", ") };
    let transfers = if s.transfers_outside_eea.is_empty() {
        tr.t("transfers-none")
    } else {
        let list: Vec<String> = s
            .transfers_outside_eea
            .iter()
            .map(|t| match &t.safeguards {
                Some(g) => format!("{} ({g})", t.recipient),
                None => t.recipient.clone(),
            })
            .collect();
        tr.t_args("transfers-yes", &[("recipients", list.join("; "))])
    };
    let mut fields =
        vec![(tr.t("section-purpose"), s.purpose.clone()), (tr.t("section-legal-basis"), s.legal_basis_text.clone())];
    if !s.legitimate_interests.is_empty() {
        fields.push((tr.t("section-interest"), s.legitimate_interests.join("; ")));
    }
    fields.extend([
        (tr.t("section-source"), s.source_text.clone()),
        (tr.t("section-recipients"), recipients),
        (tr.t("section-retention"), s.retention_text.clone()),
        (tr.t("section-transfers"), transfers),
    ]);
    blocks.push(Block::Fields(fields));
}

/// Every processor and recipient, with their role, country, purpose and
/// any transfer outside the EU/EEA (Art. 13(1)(e)-(f), 15(1)(c)).
pub(crate) fn recipients_table(tr: &Translator, recipients: &[RecipientInfo], b: &mut Vec<Block>) {
    b.push(Block::Heading(tr.t("recipients-title")));
    if recipients.is_empty() {
        b.push(Block::Paragraph(tr.t("recipients-nobody")));
        return;
    }
    b.push(Block::Paragraph(tr.t("recipients-intro")));
    let mut t = columns(
        tr,
        &[("col-name", 2.0), ("col-role", 2.0), ("col-country", 1.3), ("col-purpose", 2.2), ("col-outside-eea", 2.1)],
    );
    for p in recipients {
        let outside = match (p.outside_eea, &p.safeguards) {
            (true, Some(g)) => format!("{}: {g}", tr.t("doc-yes")),
            (true, None) => tr.t("doc-yes"),
            (false, _) => tr.t("doc-no"),
        };
        t.rows.push(vec![
            p.name.clone(),
            tr.t(&format!("role-{}", p.role)),
            tr.country(&p.country),
            p.purpose.clone(),
            outside,
        ]);
    }
    table_or_empty(tr, t, b);
}

/// The person's rights, where to use them, and where to complain (Art.
/// 13(2)(b)-(d), 15(1)(e)-(f), 77).
pub(crate) fn rights_and_authority(
    tr: &Translator,
    rights: &[String],
    email: &str,
    authority: &super::access::Authority,
    b: &mut Vec<Block>,
) {
    b.push(Block::Heading(tr.t("rights-title")));
    b.push(Block::Paragraph(tr.t("rights-intro")));
    b.push(Block::Bullets(rights.to_vec()));
    if !email.is_empty() {
        b.push(Block::Paragraph(tr.t_args("rights-contact", &[("email", email.to_owned())])));
    }
    b.push(Block::Heading(tr.t("authority-title")));
    b.push(Block::Paragraph(tr.t("authority-intro")));
    b.push(Block::Fields(vec![
        (tr.t("col-name"), authority.name.clone()),
        (tr.t("doc-address"), authority.address.clone()),
    ]));
    b.push(Block::Paragraph(tr.t("authority-where-you-live")));
}

fn table_or_empty(tr: &Translator, table: Table, blocks: &mut Vec<Block>) {
    if table.rows.is_empty() {
        blocks.push(Block::Paragraph(tr.t("access-category-empty")));
    } else {
        blocks.push(Block::Table(table));
    }
}

fn columns(tr: &Translator, cols: &[(&str, f32)]) -> Table {
    Table::with_titles(cols.iter().map(|(k, w)| (tr.t(k), *w)).collect())
}

/// A corrected part's value as people read it: a country, a language, a
/// note's channel and direction by their names, a phone number as the
/// customer page writes it; an empty part as a dash.
fn corrected_value(
    tr: &Translator,
    field: Corrected,
    value: Option<&str>,
    country: Option<&str>,
    shop: ShopCountry,
) -> String {
    let Some(v) = value else { return "–".to_owned() };
    match field {
        Corrected::Country => tr.country(v),
        Corrected::Language => tr.t(&format!("language-{v}")),
        Corrected::Channel => tr.t(&format!("channel-{v}")),
        Corrected::Direction => tr.t(&format!("direction-{v}")),
        Corrected::Bookkeeping => tr.t(&format!("corrected-value-{v}")),
        Corrected::Phone => phone::of_customer(v, country, shop),
        _ => v.to_owned(),
    }
}

/// "Your personal data at" the shop, or without the shop while the settings
/// give it no name: the window's banner and the command line's warning say
/// that the name is missing; the title does not print a sentence cut short.
fn title(tr: &Translator, controller: &str) -> String {
    if controller.trim().is_empty() {
        tr.t("access-title-nameless")
    } else {
        tr.t_args("access-title", &[("controller", controller.to_owned())])
    }
}

/// The report for people; `shop` decides whether a phone number is written in
/// its national form ([`phone::of_customer`]).
pub fn to_doc(r: &AccessReport, tr: &Translator, clock: Clock, shop: ShopCountry) -> Doc {
    let mut b = vec![
        Block::Title(title(tr, &r.controller.name)),
        Block::Subtitle(tr.t("access-subject")),
        controller_fields(tr, &r.controller),
    ];
    let mut head = vec![tr.t_args("access-customer", &[("number", r.customer_number.clone())])];
    head.push(match &r.request {
        Some(q) => tr.t_args("access-request", &[("id", q.id.to_string()), ("received", tr.date(q.received))]),
        None => tr.t("access-no-request"),
    });
    head.push(tr.t_args("doc-generated", &[("date", tr.date(clock.day(&r.generated_at)))]));
    b.push(Block::Paragraph(head.join(" · ")));
    b.push(Block::Paragraph(tr.t("access-intro")));
    b.push(Block::Note(tr.t_args("doc-times-zone", &[("zone", clock.0.name().to_owned())])));
    b.push(Block::Note(tr.t("access-free-copy")));
    if r.records_past_due() > 0 {
        b.push(Block::Note(tr.t("access-past-due")));
    }

    let c = &r.categories;
    // Identity and contact details: one customer, as label/value pairs.
    describe(tr, &c.identity_contact, &mut b);
    for who in &c.identity_contact.records {
        let mut fields = vec![(tr.t("field-customer-number"), who.customer_number.clone())];
        fields.extend(contact_fields(tr, shop, &who.contact));
        fields.extend([
            (tr.t("field-created"), tr.date(clock.day(&who.customer_since))),
            (tr.t("field-last-activity"), tr.date(clock.day(&who.last_activity))),
            (tr.t("field-state"), tr.t(&format!("state-{}", who.state))),
            (tr.t("col-kept-until"), kept_until(tr, &who.retention)),
        ]);
        if !who.shop_numbers.is_empty() {
            fields.insert(1, (tr.t("field-shop-numbers"), who.shop_numbers.join(", ")));
        }
        b.push(Block::Fields(fields));
        for m in &r.merged {
            let args = [("number", m.customer_number.clone()), ("date", tr.date(m.merged_on))];
            b.push(Block::Paragraph(tr.t_args("access-merged", &args)));
            if let Some(k) = &m.kept_to_undo {
                let args = [("number", m.customer_number.clone()), ("date", tr.date(k.until))];
                b.push(Block::Paragraph(tr.t_args("access-merged-kept", &args)));
                // Those given: a detail the other account lacked is not kept either.
                let given = contact_fields(tr, shop, &k.contact).into_iter().filter(|(_, v)| !v.is_empty());
                b.push(Block::Fields(given.collect()));
            }
        }
    }

    describe(tr, &c.purchase_history, &mut b);
    let mut t = columns(
        tr,
        &[
            ("col-order", 1.1),
            ("col-date", 1.2),
            ("col-items", 3.4),
            ("col-total", 1.4),
            ("col-vat", 1.2),
            ("col-payment", 1.1),
            ("col-kept-until", 1.3),
        ],
    );
    for o in &c.purchase_history.records {
        let items: Vec<String> = o.lines.iter().map(|l| format!("{} × {}", l.quantity, l.description)).collect();
        t.rows.push(vec![
            o.number.clone(),
            tr.date(o.date),
            items.join("; "),
            tr.money(&o.total),
            tr.money(&o.vat),
            o.payment_provider.clone().unwrap_or_default(),
            kept_until(tr, &o.retention),
        ]);
    }
    table_or_empty(tr, t, &mut b);

    describe(tr, &c.invoices, &mut b);
    let mut t = columns(
        tr,
        &[
            ("col-number", 1.2),
            ("col-kind", 1.1),
            ("col-order", 1.1),
            ("col-date", 1.3),
            ("col-amount", 1.5),
            ("col-kept-until", 1.3),
        ],
    );
    for i in &c.invoices.records {
        t.rows.push(vec![
            i.number.clone(),
            match &i.credits {
                Some(credited) => tr.t_args("invoice-credits", &[("invoice", credited.clone())]),
                None => tr.t(&format!("invoice-kind-{}", i.kind)),
            },
            i.order_number.clone().unwrap_or_default(),
            tr.date(i.issued),
            tr.money(&i.amount),
            kept_until(tr, &i.retention),
        ]);
    }
    table_or_empty(tr, t, &mut b);

    describe(tr, &c.communications, &mut b);
    let mut t = columns(
        tr,
        &[
            ("col-time", 2.0),
            ("col-channel", 1.0),
            ("col-direction", 0.9),
            ("col-summary", 4.0),
            ("col-kept-until", 1.3),
        ],
    );
    for i in &c.communications.records {
        t.rows.push(vec![
            clock.time(tr, &i.time),
            tr.t(&format!("channel-{}", i.channel)),
            tr.t(&format!("direction-{}", i.direction)),
            i.summary.clone(),
            kept_until(tr, &i.retention),
        ]);
    }
    table_or_empty(tr, t, &mut b);

    describe(tr, &c.web_activity, &mut b);
    let mut t = columns(
        tr,
        &[("col-time", 2.0), ("col-ip", 1.4), ("col-action", 1.3), ("col-user-agent", 2.6), ("col-kept-until", 1.3)],
    );
    for w in &c.web_activity.records {
        t.rows.push(vec![
            clock.time(tr, &w.time),
            w.ip_address.clone(),
            tr.web_action(&w.action),
            w.user_agent.clone().unwrap_or_default(),
            kept_until(tr, &w.retention),
        ]);
    }
    table_or_empty(tr, t, &mut b);
    if let Some(since) = r.web_activity_stopped {
        b.push(Block::Paragraph(tr.t_args("web-activity-stopped", &[("since", tr.date(since))])));
    }

    describe(tr, &c.consents, &mut b);
    let mut t = columns(
        tr,
        &[
            ("col-purpose", 1.3),
            ("col-text-version", 2.0),
            ("col-given", 2.0),
            ("col-channel", 1.4),
            ("col-withdrawn", 2.0),
            ("col-kept-until", 1.5),
        ],
    );
    for x in &c.consents.records {
        t.rows.push(vec![
            tr.named("consent-purpose-", &x.purpose),
            x.text_version.clone(),
            clock.time(tr, &x.given_at),
            tr.named("channel-", &x.channel),
            match (&x.withdrawn_at, &x.replaced_by) {
                (Some(w), _) => clock.time(tr, w),
                (None, Some(r)) => tr.t_args(
                    "consent-replaced",
                    &[("version", r.text_version.clone()), ("date", clock.time(tr, &r.given_at))],
                ),
                (None, None) => String::new(),
            },
            kept_until(tr, &x.retention),
        ]);
    }
    table_or_empty(tr, t, &mut b);

    describe(tr, &c.events, &mut b);
    let mut t = columns(tr, &[("col-event", 3.0), ("col-date", 1.3), ("col-status", 1.2), ("col-kept-until", 1.3)]);
    for e in &c.events.records {
        t.rows.push(vec![
            e.event.clone(),
            tr.date(e.date),
            tr.t(&format!("registration-{}", e.status)),
            kept_until(tr, &e.retention),
        ]);
    }
    table_or_empty(tr, t, &mut b);

    describe(tr, &c.requests, &mut b);
    let mut t = columns(
        tr,
        &[
            ("col-number", 0.8),
            ("col-kind", 2.2),
            ("col-received", 1.3),
            ("col-state", 1.5),
            ("col-answered", 1.3),
            ("col-kept-until", 1.3),
        ],
    );
    for q in &c.requests.records {
        t.rows.push(vec![
            q.id.to_string(),
            q.kind.name(tr),
            tr.date(q.received),
            q.state.name(tr),
            q.answered_on.map(|d| tr.date(d)).unwrap_or_default(),
            kept_until(tr, &q.retention),
        ]);
    }
    table_or_empty(tr, t, &mut b);

    if !r.corrections.is_empty() {
        let country = c.identity_contact.records.first().and_then(|who| who.contact.country.clone());
        b.push(Block::Heading(tr.t("access-corrections-title")));
        b.push(Block::Paragraph(tr.t("access-corrections-intro")));
        let mut t = columns(
            tr,
            &[
                ("col-corrected-on", 1.3),
                ("col-corrected-part", 2.2),
                ("col-value-before", 2.4),
                ("col-value-after", 2.4),
            ],
        );
        for x in &r.corrections {
            let part = match x.note_time {
                Some(at) => format!("{} ({})", tr.t(&format!("corrected-{}", x.field)), clock.time(tr, &at)),
                None => tr.t(&format!("corrected-{}", x.field)),
            };
            let value = |v: &Option<String>| corrected_value(tr, x.field, v.as_deref(), country.as_deref(), shop);
            t.rows.push(vec![tr.date(clock.day(&x.corrected_at)), part, value(&x.before), value(&x.after)]);
        }
        b.push(Block::Table(t));
    }

    if !r.breaches.is_empty() {
        b.push(Block::Heading(tr.t("access-breaches-title")));
        b.push(Block::Paragraph(tr.t("access-breaches-intro")));
        for x in &r.breaches {
            let categories: Vec<String> = x.categories.iter().map(|c| c.name(tr)).collect();
            let mut fields = vec![
                (tr.t("breach-letter-what"), x.nature.clone()),
                (tr.t("breach-letter-aware"), tr.date(clock.day(&x.aware_at))),
                (tr.t("breach-letter-data"), categories.join(", ")),
                (tr.t("breach-letter-consequences"), x.consequences.clone()),
                (tr.t("breach-letter-measures"), x.measures.clone()),
            ];
            if let Some(at) = x.informed_at {
                fields.push((tr.t("access-breaches-told"), tr.date(clock.day(&at))));
            }
            fields.retain(|(_, v)| !v.is_empty());
            b.push(Block::Fields(fields));
        }
    }

    recipients_table(tr, &r.recipients, &mut b);
    b.push(Block::Heading(tr.t("automated-title")));
    b.push(Block::Paragraph(r.automated_decision_making.text.clone()));
    let rights: Vec<String> = r.rights.iter().map(|x| x.text.clone()).collect();
    rights_and_authority(tr, &rights, &r.controller.email, &r.supervisory_authority, &mut b);

    Doc {
        title: title(tr, &r.controller.name),
        subject: tr.t("access-subject"),
        author: r.controller.name.clone(),
        language: tr.language(),
        created: r.generated_at,
        footer_note: tr
            .t_args("doc-audit-head", &[("seq", r.audit_head.seq.to_string()), ("hash", r.audit_head.hash.clone())]),
        page_label: tr.t_args("doc-page", &[("page", "{page}".into()), ("pages", "{pages}".into())]),
        blocks: b,
    }
}

/// A person's name and contact details as label/value pairs, the phone
/// written as the shop writes it (national at home, else international).
fn contact_fields(tr: &Translator, shop: ShopCountry, c: &ContactDetails) -> Vec<(String, String)> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let town = format!("{} {}", opt(&c.postal_code), opt(&c.city));
    let address = [opt(&c.street), town.trim().to_owned()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
    vec![
        (tr.t("field-name"), opt(&c.name)),
        (tr.t("field-email"), opt(&c.email)),
        (
            tr.t("field-phone"),
            c.phone.as_deref().map(|p| phone::of_customer(p, c.country.as_deref(), shop)).unwrap_or_default(),
        ),
        (tr.t("field-address"), address.join(", ")),
        (tr.t("field-country"), c.country.as_deref().map(|c| tr.country(c)).unwrap_or_default()),
        (tr.t("field-language"), tr.t(&format!("language-{}", c.language))),
    ]
}
