//! The privacy notice (GDPR Art. 13 and 14): what the shop tells everyone
//! whose personal data it collects, when it collects it (on the web shop's
//! privacy page, at the counter, beside a course's sign-up form). Made from
//! the catalogue and the settings that the access report and the records of
//! processing are made from, so that the three never say different things:
//! each category's purpose, legal basis (with the legitimate interest
//! where that is the basis), source, recipients, retention and transfers;
//! the processors and recipients; what is required and why; that no
//! decision is automated; the person's rights and where to complain.
//!
//! As PDF, to hand out or attach; as HTML, for the web shop's own page. It
//! holds nobody's personal data, so it is not recorded as a document given
//! to someone.

use chrono::{DateTime, Utc};

use super::access::{self, Authority};
use super::access_pdf::{controller_fields, describe, recipients_table, rights_and_authority};
use super::document::{Block, Clock, Doc};
use super::{html, pdf};
use crate::error::Result;
use crate::i18n::Translator;
use crate::macros::text_enum;
use crate::processing::{Catalogue, Category};
use crate::settings::Settings;
use crate::values::Language;
use crate::Register;

text_enum! {
    /// How the privacy notice is written out.
    pub enum NoticeFormat { Pdf = "pdf", Html = "html" }
}

impl Register {
    /// The privacy notice in `language` (default: the register's), as the
    /// catalogue and settings stand now.
    pub async fn privacy_notice(&self, language: Option<Language>, format: NoticeFormat) -> Result<Vec<u8>> {
        let mut snapshot = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let catalogue = crate::processing::catalogue_in(&mut snapshot).await?;
        snapshot.end().await?;
        let tr = Translator::new(language.unwrap_or(settings.language()));
        let doc = notice(&settings, &catalogue, &tr, crate::store::now());
        match format {
            NoticeFormat::Pdf => pdf::render(&doc),
            NoticeFormat::Html => Ok(html::render(&doc).into_bytes()),
        }
    }
}

/// The notice as a document, dated `now` on the shop's clock.
pub(crate) fn notice(settings: &Settings, catalogue: &Catalogue, tr: &Translator, now: DateTime<Utc>) -> Doc {
    let controller = access::controller(settings);
    let title = if controller.name.trim().is_empty() {
        tr.t("privacy-title-nameless")
    } else {
        tr.t_args("privacy-title", &[("controller", controller.name.clone())])
    };
    let updated = tr.t_args("privacy-updated", &[("date", tr.date(Clock(settings.time_zone()).day(&now)))]);
    let mut b = vec![
        Block::Title(title.clone()),
        Block::Subtitle(tr.t("privacy-subject")),
        controller_fields(tr, &controller),
        Block::Paragraph(tr.t("privacy-intro")),
        Block::Paragraph(tr.t_args("privacy-whom", &[("subjects", tr.t("records-subjects"))])),
    ];
    for &category in Category::ALL {
        describe(tr, &access::processing_section::<()>(settings, catalogue, tr, category, vec![]), &mut b);
        // What the category holds, first (Art. 14(1)(d)): the person reads no records of theirs here.
        if let Some(Block::Fields(fields)) = b.last_mut() {
            fields.insert(0, (tr.t("section-data"), tr.t(&format!("privacy-data-{category}"))));
        }
    }
    // Art. 13(2)(e): whether the data is required, and what follows if it is not given.
    b.push(Block::Heading(tr.t("privacy-required-title")));
    b.push(Block::Paragraph(tr.t("privacy-required")));
    recipients_table(tr, &access::recipients(catalogue, tr), &mut b);
    b.push(Block::Heading(tr.t("automated-title")));
    b.push(Block::Paragraph(tr.t("automated-none")));
    // The access report's wording of the first right points at itself; the notice's at the copy.
    let rights: Vec<String> = access::RIGHTS
        .iter()
        .map(|(right, _, key)| if *right == "access" { tr.t("privacy-right-access") } else { tr.t(key) })
        .collect();
    let (name, address) = settings.authority(tr);
    rights_and_authority(tr, &rights, &controller.email, &Authority { name, address }, &mut b);
    b.push(Block::Note(updated.clone()));
    Doc {
        title,
        subject: tr.t("privacy-subject"),
        author: controller.name,
        language: tr.language(),
        created: now,
        footer_note: updated,
        page_label: tr.t_args("doc-page", &[("page", "{page}".into()), ("pages", "{pages}".into())]),
        blocks: b,
    }
}
