//! The files shops have: Shopify's and WooCommerce's customer and order exports
//! and a generic CSV, each a table from column headers to Kundvakt's fields.
//! The format is recognised by the columns only it has; `--map` overrides.
//!
//! Column sets: Shopify's customer export ("First Name", "Last Name", "Email",
//! "Accepts Email Marketing", "Default Address Address1", ... "Phone"; before
//! 2023 "Accepts Marketing", "Address1", ... "Country Code", still in shops'
//! files and guides) and order
//! export (one row per line item: "Name", "Email", "Financial Status", "Created
//! at", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Amount",
//! "Lineitem quantity", "Lineitem name", "Lineitem price", "Payment Method",
//! "Payment Reference", "Tax 1 Name", ...); WooCommerce's customer and order CSV
//! exports ("customer_id", "first_name", "billing_email", "billing_phone", ...;
//! "order_number", "order_date", "order_total", "tax_total", "order_currency",
//! "payment_method_title", "transaction_id", "item_name", "item_quantity",
//! "item_total", "item_total_tax", ...). Neither platform exports its
//! visitors' activity: web activity comes from the site's own logs, as a
//! generic CSV ("occurred_at", "ip", "action", "user_agent", and the customer's
//! number or e-mail), mapped where its headers differ.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::macros::text_enum;

text_enum! {
    pub enum ImportKind { Customers = "customers", Orders = "orders", WebEvents = "web_events" }
}

text_enum! {
    pub enum ImportFormat { Generic = "generic", Shopify = "shopify", Woocommerce = "woocommerce" }
}

text_enum! {
    /// What a column holds, in Kundvakt's words (the names `--map` takes).
    pub enum Field {
        CustomerNumber = "customer_number",
        Name = "name",
        FirstName = "first_name",
        LastName = "last_name",
        Email = "email",
        Phone = "phone",
        Street = "street",
        Street2 = "street2",
        PostalCode = "postal_code",
        City = "city",
        Country = "country",
        Language = "language",
        EmailMarketing = "email_marketing",
        SmsMarketing = "sms_marketing",
        OrderNumber = "order_number",
        OrderDate = "order_date",
        CustomerEmail = "customer_email",
        Total = "total",
        Currency = "currency",
        Vat = "vat",
        Shipping = "shipping",
        ShippingTax = "shipping_tax",
        Discount = "discount",
        PaymentProvider = "payment_provider",
        PaymentReference = "payment_reference",
        LineDescription = "line_description",
        LineQuantity = "line_quantity",
        LineUnitPrice = "line_unit_price",
        LineTotal = "line_total",
        LineTax = "line_tax",
        LineVatRate = "line_vat_rate",
        TaxName = "tax_name",
        OccurredAt = "occurred_at",
        Ip = "ip",
        Action = "action",
        UserAgent = "user_agent",
        Status = "status",
        Fulfillment = "fulfillment",
    }
}

const SHOPIFY_CUSTOMERS: &[(&str, Field)] = &[
    ("Customer ID", Field::CustomerNumber),
    ("First Name", Field::FirstName),
    ("Last Name", Field::LastName),
    ("Email", Field::Email),
    ("Phone", Field::Phone),
    ("Default Address Phone", Field::Phone),
    ("Address1", Field::Street),
    ("Default Address Address1", Field::Street),
    ("Address2", Field::Street2),
    ("Default Address Address2", Field::Street2),
    ("Zip", Field::PostalCode),
    ("Default Address Zip", Field::PostalCode),
    ("City", Field::City),
    ("Default Address City", Field::City),
    ("Country Code", Field::Country),
    ("Default Address Country Code", Field::Country),
    ("Accepts Email Marketing", Field::EmailMarketing),
    ("Accepts Marketing", Field::EmailMarketing),
    ("Accepts SMS Marketing", Field::SmsMarketing),
];

const SHOPIFY_ORDERS: &[(&str, Field)] = &[
    ("Name", Field::OrderNumber),
    ("Email", Field::CustomerEmail),
    ("Created at", Field::OrderDate),
    ("Currency", Field::Currency),
    ("Total", Field::Total),
    ("Taxes", Field::Vat),
    ("Shipping", Field::Shipping),
    ("Discount Amount", Field::Discount),
    ("Payment Method", Field::PaymentProvider),
    ("Payment Reference", Field::PaymentReference),
    ("Lineitem name", Field::LineDescription),
    ("Lineitem quantity", Field::LineQuantity),
    ("Lineitem price", Field::LineUnitPrice),
    ("Tax 1 Name", Field::TaxName),
    ("Financial Status", Field::Status),
    ("Fulfillment Status", Field::Fulfillment),
];

const WOO_CUSTOMERS: &[(&str, Field)] = &[
    ("customer_id", Field::CustomerNumber),
    ("first_name", Field::FirstName),
    ("last_name", Field::LastName),
    ("email", Field::Email),
    ("billing_phone", Field::Phone),
    ("billing_address_1", Field::Street),
    ("billing_address_2", Field::Street2),
    ("billing_postcode", Field::PostalCode),
    ("billing_city", Field::City),
    ("billing_country", Field::Country),
];

const WOO_ORDERS: &[(&str, Field)] = &[
    ("order_number", Field::OrderNumber),
    ("order_date", Field::OrderDate),
    ("customer_id", Field::CustomerNumber),
    ("billing_email", Field::CustomerEmail),
    ("order_total", Field::Total),
    ("tax_total", Field::Vat),
    ("shipping_total", Field::Shipping),
    ("shipping_tax_total", Field::ShippingTax),
    ("discount_total", Field::Discount),
    ("order_currency", Field::Currency),
    ("payment_method_title", Field::PaymentProvider),
    ("transaction_id", Field::PaymentReference),
    ("item_name", Field::LineDescription),
    ("item_quantity", Field::LineQuantity),
    ("item_total", Field::LineTotal),
    ("item_total_tax", Field::LineTax),
    ("status", Field::Status),
    ("order_status", Field::Status),
];

/// PRODUCT.md section 7's generic headers, matched without regard to case,
/// and the names a Swedish or Norwegian shop's own spreadsheet gives the same
/// columns (`--map` and the window's mapping take care of the rest).
const GENERIC_CUSTOMERS: &[(&str, Field)] = &[
    ("customer_number", Field::CustomerNumber),
    ("name", Field::Name),
    ("first_name", Field::FirstName),
    ("last_name", Field::LastName),
    ("email", Field::Email),
    ("phone", Field::Phone),
    ("street", Field::Street),
    ("postal_code", Field::PostalCode),
    ("city", Field::City),
    ("country", Field::Country),
    ("language", Field::Language),
    ("email_marketing", Field::EmailMarketing),
    ("sms_marketing", Field::SmsMarketing),
    // Swedish
    ("kundnummer", Field::CustomerNumber),
    ("kundnr", Field::CustomerNumber),
    ("namn", Field::Name),
    ("förnamn", Field::FirstName),
    ("efternamn", Field::LastName),
    ("e-post", Field::Email),
    ("epost", Field::Email),
    ("e-postadress", Field::Email),
    ("telefon", Field::Phone),
    ("telefonnummer", Field::Phone),
    ("mobil", Field::Phone),
    ("mobilnummer", Field::Phone),
    ("adress", Field::Street),
    ("gatuadress", Field::Street),
    ("postnummer", Field::PostalCode),
    ("postnr", Field::PostalCode),
    ("ort", Field::City),
    ("postort", Field::City),
    ("land", Field::Country),
    ("språk", Field::Language),
    // Norwegian (where it differs)
    ("kundenummer", Field::CustomerNumber),
    ("kundenr", Field::CustomerNumber),
    ("navn", Field::Name),
    ("fornavn", Field::FirstName),
    ("etternavn", Field::LastName),
    ("e-postadresse", Field::Email),
    ("adresse", Field::Street),
    ("gateadresse", Field::Street),
    ("poststed", Field::City),
    // English, as spreadsheets and other shops' and mailing services' exports
    // write it (WooCommerce's Analytics, Mailchimp): a country left unmapped
    // would become the shop's own.
    ("e-mail", Field::Email),
    ("email address", Field::Email),
    ("e-mail address", Field::Email),
    ("full name", Field::Name),
    ("surname", Field::LastName),
    ("mobile", Field::Phone),
    ("phone number", Field::Phone),
    ("address", Field::Street),
    ("address1", Field::Street),
    ("address 1", Field::Street),
    ("address line 1", Field::Street),
    ("address2", Field::Street2),
    ("address 2", Field::Street2),
    ("address line 2", Field::Street2),
    ("zip", Field::PostalCode),
    ("zip code", Field::PostalCode),
    ("postcode", Field::PostalCode),
    ("zip/postal code", Field::PostalCode),
    ("town", Field::City),
    ("country / region", Field::Country),
    ("country/region", Field::Country),
    ("country code", Field::Country),
];

const GENERIC_ORDERS: &[(&str, Field)] = &[
    ("order_number", Field::OrderNumber),
    ("order_date", Field::OrderDate),
    ("customer_number", Field::CustomerNumber),
    ("customer_email", Field::CustomerEmail),
    ("total", Field::Total),
    ("currency", Field::Currency),
    ("vat", Field::Vat),
    ("payment_provider", Field::PaymentProvider),
    ("payment_reference", Field::PaymentReference),
    ("line_description", Field::LineDescription),
    ("line_quantity", Field::LineQuantity),
    ("line_unit_price", Field::LineUnitPrice),
    ("line_vat_rate", Field::LineVatRate),
    ("status", Field::Status),
    // Swedish
    ("ordernummer", Field::OrderNumber),
    ("ordernr", Field::OrderNumber),
    ("orderdatum", Field::OrderDate),
    ("datum", Field::OrderDate),
    ("kundnummer", Field::CustomerNumber),
    ("kundnr", Field::CustomerNumber),
    ("e-post", Field::CustomerEmail),
    ("epost", Field::CustomerEmail),
    ("belopp", Field::Total),
    ("totalt", Field::Total),
    ("summa", Field::Total),
    ("valuta", Field::Currency),
    ("moms", Field::Vat),
    ("betalsätt", Field::PaymentProvider),
    ("betalningssätt", Field::PaymentProvider),
    ("orderstatus", Field::Status),
    // Norwegian (where it differs)
    ("ordrenummer", Field::OrderNumber),
    ("ordrenr", Field::OrderNumber),
    ("ordredato", Field::OrderDate),
    ("dato", Field::OrderDate),
    ("kundenummer", Field::CustomerNumber),
    ("kundenr", Field::CustomerNumber),
    ("beløp", Field::Total),
    ("sum", Field::Total),
    ("mva", Field::Vat),
    ("betalingsmåte", Field::PaymentProvider),
    ("ordrestatus", Field::Status),
    // English, as spreadsheets write it
    ("date", Field::OrderDate),
    ("email", Field::CustomerEmail),
    ("e-mail", Field::CustomerEmail),
    ("payment method", Field::PaymentProvider),
];

/// A web site's log of what its signed-in visitors did, with the usual other names of its columns.
const GENERIC_WEB_EVENTS: &[(&str, Field)] = &[
    ("occurred_at", Field::OccurredAt),
    ("timestamp", Field::OccurredAt),
    ("time", Field::OccurredAt),
    ("ip", Field::Ip),
    ("ip_address", Field::Ip),
    ("action", Field::Action),
    ("event", Field::Action),
    ("user_agent", Field::UserAgent),
    ("customer_number", Field::CustomerNumber),
    ("customer_email", Field::CustomerEmail),
    ("email", Field::CustomerEmail),
];

fn table(format: ImportFormat, kind: ImportKind) -> &'static [(&'static str, Field)] {
    match (format, kind) {
        (_, ImportKind::WebEvents) => GENERIC_WEB_EVENTS,
        (ImportFormat::Shopify, ImportKind::Customers) => SHOPIFY_CUSTOMERS,
        (ImportFormat::Shopify, ImportKind::Orders) => SHOPIFY_ORDERS,
        (ImportFormat::Woocommerce, ImportKind::Customers) => WOO_CUSTOMERS,
        (ImportFormat::Woocommerce, ImportKind::Orders) => WOO_ORDERS,
        (ImportFormat::Generic, ImportKind::Customers) => GENERIC_CUSTOMERS,
        (ImportFormat::Generic, ImportKind::Orders) => GENERIC_ORDERS,
    }
}

/// A header as it is matched: without case, and with spaces, hyphens and
/// underscores alike (`E-post`, `e_post`; `First Name`, `first_name`).
fn norm(header: &str) -> String {
    header.trim().trim_start_matches('\u{feff}').to_lowercase().replace([' ', '-'], "_")
}

/// The format whose telltale columns the header has.
pub fn detect(header: &[String]) -> ImportFormat {
    let has = |name: &str| header.iter().any(|h| norm(h) == norm(name));
    let shopify_customers = has("First Name") && (has("Accepts Email Marketing") || has("Accepts Marketing"));
    if shopify_customers || (has("Financial Status") && has("Lineitem name")) {
        ImportFormat::Shopify
    } else if (has("billing_email") || has("date_registered") || has("billing_phone"))
        && (has("customer_id") || has("order_number"))
    {
        ImportFormat::Woocommerce
    } else {
        ImportFormat::Generic
    }
}

/// Which field each column holds: by the format's table, then `overrides`
/// (`COLUMN=FIELD`, the column by its header, case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Mapping {
    /// For each column of the file, the field it holds (`None`: not imported).
    pub columns: Vec<(String, Option<Field>)>,
}

impl Mapping {
    pub fn new(
        header: &[String],
        format: ImportFormat,
        kind: ImportKind,
        overrides: &[(String, Option<Field>)],
    ) -> Result<Self> {
        let platform = match format {
            ImportFormat::Shopify => "Shopify",
            ImportFormat::Woocommerce => "WooCommerce",
            ImportFormat::Generic => "",
        };
        if kind == ImportKind::WebEvents && !platform.is_empty() {
            return Err(Error::invalid("--format", crate::msg!("msg-no-web-activity-format", platform)));
        }
        let table = table(format, kind);
        let mut columns: Vec<(String, Option<Field>)> = header
            .iter()
            .map(|h| {
                let field = table.iter().find(|(name, _)| norm(name) == norm(h)).map(|(_, f)| *f);
                (h.trim().trim_start_matches('\u{feff}').to_owned(), field)
            })
            .collect();
        for (column, field) in overrides {
            let slot = columns
                .iter_mut()
                .find(|(h, _)| norm(h) == norm(column))
                .ok_or_else(|| Error::invalid("--map", crate::msg!("msg-no-such-column", column)))?;
            slot.1 = *field;
        }
        Ok(Mapping { columns })
    }

    pub(crate) fn has(&self, f: Field) -> bool {
        self.columns.iter().any(|(_, x)| *x == Some(f))
    }

    /// Whether the columns hold what `kind` needs; the error names the missing field.
    pub fn check(&self, kind: ImportKind) -> Result<()> {
        let need: &[&[Field]] = match kind {
            ImportKind::Customers => {
                &[&[Field::Name, Field::FirstName, Field::LastName], &[Field::Email, Field::CustomerNumber]]
            }
            ImportKind::Orders => &[
                &[Field::OrderNumber],
                &[Field::OrderDate],
                &[Field::CustomerNumber, Field::CustomerEmail],
                &[Field::Total],
            ],
            ImportKind::WebEvents => {
                &[&[Field::OccurredAt], &[Field::Ip], &[Field::Action], &[Field::CustomerNumber, Field::CustomerEmail]]
            }
        };
        for alternatives in need {
            if !alternatives.iter().any(|f| self.has(*f)) {
                let names: Vec<&str> = alternatives.iter().map(|f| f.as_str()).collect();
                let fields = names.join(" / ");
                return Err(Error::invalid("header", crate::msg!("msg-no-column-holds", fields, first = names[0])));
            }
        }
        Ok(())
    }

    /// The value of `field` in `record`: a field mapped twice takes its first
    /// column with a value (Shopify's two phone columns).
    pub fn get<'r>(&self, record: &'r csv::StringRecord, field: Field) -> Option<(&'r str, &str)> {
        self.columns.iter().enumerate().filter(|(_, (_, f))| *f == Some(field)).find_map(|(i, (header, _))| {
            let v = record.get(i)?.trim();
            (!v.is_empty()).then_some((v, header.as_str()))
        })
    }

    /// The header of the column that holds `field`, for messages.
    pub fn column(&self, field: Field) -> String {
        self.columns
            .iter()
            .find(|(_, f)| *f == Some(field))
            .map(|(h, _)| h.clone())
            .unwrap_or_else(|| field.to_string())
    }
}

/// `COLUMN=FIELD` as `--map` takes it; `COLUMN=` leaves the column out.
pub fn parse_override(text: &str) -> Result<(String, Option<Field>)> {
    let (column, field) =
        text.rsplit_once('=').ok_or_else(|| Error::invalid("--map", crate::msg!("msg-map-form", text)))?;
    if field.trim().is_empty() {
        return Ok((column.trim().to_owned(), None));
    }
    let field = field
        .trim()
        .parse::<Field>()
        .map_err(|_| Error::invalid("--map", crate::msg!("msg-no-such-field", field = field.trim())))?;
    Ok((column.trim().to_owned(), Some(field)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window's column mapping names each field in the window's language
    /// (`import-field-*`), never by its code.
    #[test]
    fn every_field_has_a_label_in_every_language() {
        for &language in crate::values::Language::ALL {
            let tr = crate::i18n::Translator::new(language);
            for field in Field::ALL {
                let label = tr.t(&format!("import-field-{field}"));
                assert!(!label.starts_with('['), "{language:?} has no label for {field}");
            }
        }
    }

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn formats_are_recognised_by_their_columns() {
        assert_eq!(
            detect(&header(&["First Name", "Last Name", "Email", "Accepts Email Marketing"])),
            ImportFormat::Shopify
        );
        let before_2023 = ["First Name", "Last Name", "Email", "Accepts Marketing", "Company", "Address1", "Zip"];
        assert_eq!(detect(&header(&before_2023)), ImportFormat::Shopify);
        assert_eq!(detect(&header(&["Name", "Email", "Financial Status", "Lineitem name"])), ImportFormat::Shopify);
        assert_eq!(detect(&header(&["customer_id", "first_name", "billing_email"])), ImportFormat::Woocommerce);
        assert_eq!(
            detect(&header(&["order_id", "order_number", "billing_email", "item_name"])),
            ImportFormat::Woocommerce
        );
        assert_eq!(detect(&header(&["\u{feff}Customer_Number", "Name", "EMAIL"])), ImportFormat::Generic);
    }

    #[test]
    fn a_shop_s_own_column_names_are_known_in_its_language() {
        let fields = |names: &[&str], kind| {
            let m = Mapping::new(&header(names), ImportFormat::Generic, kind, &[]).expect("mapping");
            assert!(m.check(kind).is_ok(), "{m:?}");
            m.columns.into_iter().map(|(_, f)| f).collect::<Vec<_>>()
        };
        use Field::*;
        let sv =
            ["Kundnr", "Förnamn", "Efternamn", "E-post", "Mobil", "Gatuadress", "Postnummer", "Ort", "Land", "Språk"];
        let want = [CustomerNumber, FirstName, LastName, Email, Phone, Street, PostalCode, City, Country, Language];
        assert_eq!(fields(&sv, ImportKind::Customers), want.map(Some));
        let nb = ["Kundenummer", "Navn", "E-postadresse", "Telefon", "Adresse", "Postnummer", "Poststed", "Land"];
        let want = [CustomerNumber, Name, Email, Phone, Street, PostalCode, City, Country];
        assert_eq!(fields(&nb, ImportKind::Customers), want.map(Some));
        let en = ["Full Name", "E-mail", "Zip Code", "Notes"];
        assert_eq!(fields(&en, ImportKind::Customers), [Some(Name), Some(Email), Some(PostalCode), None]);
        let woo_analytics = ["Name", "Username", "Email", "Country / Region", "City", "Region", "Postal code"];
        let want = [Some(Name), None, Some(Email), Some(Country), Some(City), None, Some(PostalCode)];
        assert_eq!(fields(&woo_analytics, ImportKind::Customers), want);
        let mailchimp =
            ["Email Address", "First Name", "Last Name", "Address line 1", "Address line 2", "Phone Number"];
        let want = [Email, FirstName, LastName, Street, Street2, Phone];
        assert_eq!(fields(&mailchimp, ImportKind::Customers), want.map(Some));
        let orders = ["Ordrenummer", "Dato", "E-post", "Beløp", "Valuta", "MVA", "Betalingsmåte"];
        let want = [OrderNumber, OrderDate, CustomerEmail, Total, Currency, Vat, PaymentProvider];
        assert_eq!(fields(&orders, ImportKind::Orders), want.map(Some));
    }

    #[test]
    fn a_mapping_names_what_is_missing_and_takes_overrides() {
        let h = header(&["Kundnr", "Kontaktperson", "Utskick"]);
        let m = Mapping::new(&h, ImportFormat::Generic, ImportKind::Customers, &[]).expect("mapping");
        let e = m.check(ImportKind::Customers).expect_err("no name column");
        assert!(e.to_string().contains("--map"), "{e}");
        let o = vec![parse_override("Kontaktperson=name").expect("map"), parse_override("utskick=email").expect("map")];
        let m = Mapping::new(&h, ImportFormat::Generic, ImportKind::Customers, &o).expect("mapping");
        assert_eq!(m.columns[1].1, Some(Field::Name));
        assert!(m.check(ImportKind::Customers).is_ok());
        assert!(parse_override("Namn=nickname").is_err());
        assert_eq!(parse_override("Namn=").expect("clear"), ("Namn".to_owned(), None));
        // A column the format knows is left out with `COLUMN=`.
        let m = Mapping::new(
            &header(&["Namn", "E-post", "Land"]),
            ImportFormat::Generic,
            ImportKind::Customers,
            &[parse_override("Land=").expect("clear")],
        )
        .expect("mapping");
        assert_eq!(m.columns[2].1, None);
        assert!(Mapping::new(
            &h,
            ImportFormat::Generic,
            ImportKind::Customers,
            &[("Telefon".into(), Some(Field::Phone))]
        )
        .is_err());
    }

    #[test]
    fn a_web_log_is_a_generic_file() {
        let h = header(&["Timestamp", "IP_Address", "Event", "User_Agent", "Email"]);
        let m = Mapping::new(&h, ImportFormat::Generic, ImportKind::WebEvents, &[]).expect("mapping");
        assert!(m.check(ImportKind::WebEvents).is_ok(), "{m:?}");
        assert_eq!(m.columns[4].1, Some(Field::CustomerEmail));
        let e = Mapping::new(&h, ImportFormat::Shopify, ImportKind::WebEvents, &[]).expect_err("Shopify has no log");
        assert!(e.to_string().contains("generic"), "{e}");
        let m = Mapping::new(
            &header(&["when", "ip", "action", "email"]),
            ImportFormat::Generic,
            ImportKind::WebEvents,
            &[],
        )
        .expect("mapping");
        assert!(m.check(ImportKind::WebEvents).expect_err("no time").to_string().contains("occurred_at"));
    }
}
