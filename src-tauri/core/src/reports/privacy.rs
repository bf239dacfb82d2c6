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
//! to someone; a notice saved to a file is recorded in the audit trail
//! (what was published, and when: Art. 5(2)).
//!
//! It is dated by the last change to what it is made from, not by the day it
//! is written out: a reader compares that date with the notice they were
//! given. A notice saved before such a change no longer says what the shop
//! does, and the shop is told so ([`NoticeState::outdated`]): the people are
//! to be told of a change (Art. 12(1), 13(3)).

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::access::{self, Authority};
use super::access_pdf::{controller_fields, describe, recipients_table, rights_and_authority};
use super::document::{Block, Clock, Doc};
use super::{html, pdf};
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::macros::text_enum;
use crate::processing::{Catalogue, Category};
use crate::settings::Settings;
use crate::values::Language;
use crate::{store, Register};

text_enum! {
    /// How the privacy notice is written out.
    pub enum NoticeFormat { Pdf = "pdf", Html = "html" }
}

/// The records of processing the notice is made from, by the names the
/// audit trail gives them.
const SOURCES: &[&str] = crate::processing::CATALOGUE_ENTITIES;

/// What the audit trail calls a notice saved.
const SAVED: &str = "privacy_notice";

/// Whether the notice is made from setting `key`: who the controller is, the
/// supervisory authority, the retention periods, and the country (whose law
/// keeps the accounting records, and whose authority is named).
fn from_setting(key: &str) -> bool {
    key == "country" || ["controller.", "authority.", "retention."].iter().any(|p| key.starts_with(p))
}

/// Where the shop's privacy notice stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct NoticeState {
    /// When what the notice is made from last changed: the date it carries.
    /// The register's creation (or the oldest entry the trail still holds)
    /// when nothing changed since.
    pub changed_at: DateTime<Utc>,
    /// The last notice saved, if the audit trail still holds its entry.
    pub saved: Option<NoticeSaved>,
    /// What the notice is made from changed after the last one was saved.
    pub outdated: bool,
}

/// A notice saved to a file: when, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct NoticeSaved {
    pub at: DateTime<Utc>,
    pub by: String,
}

impl Register {
    /// The privacy notice in `language` (default: the register's), as the
    /// catalogue and settings stand now.
    pub async fn privacy_notice(&self, language: Option<Language>, format: NoticeFormat) -> Result<Vec<u8>> {
        Ok(self.made_notice(language, format).await?.0)
    }

    /// The privacy notice written to `path` whole, and recorded in the audit
    /// trail with its digest; where the notice then stands.
    pub async fn save_privacy_notice(
        &self,
        language: Option<Language>,
        format: NoticeFormat,
        path: &Path,
    ) -> Result<NoticeState> {
        let (bytes, language, state) = self.made_notice(language, format).await?;
        crate::files::write_whole(path, &bytes)?;
        let digest = hex::encode(Sha256::digest(&bytes));
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let about = serde_json::json!({
            "file": file, "format": format, "language": language, "digest": digest, "changed_at": state.changed_at,
        });
        let mut tx = self.store().begin(self.actor()).await?;
        tx.audit(Action::PrivacyNoticeSave, SAVED, &digest[..16], None, None, Some(&about)).await?;
        tx.commit().await?;
        self.privacy_notice_state().await
    }

    /// When what the notice is made from last changed, and whether the last
    /// notice saved says it as it stands.
    pub async fn privacy_notice_state(&self) -> Result<NoticeState> {
        Ok(store::in_snapshot!(self.store(), s => notice_state(&mut s).await?))
    }

    /// The notice's bytes, the language it is written in, and where it stands, all read at one moment.
    async fn made_notice(
        &self,
        language: Option<Language>,
        format: NoticeFormat,
    ) -> Result<(Vec<u8>, Language, NoticeState)> {
        let mut snapshot = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let catalogue = crate::processing::catalogue_in(&mut snapshot).await?;
        let state = notice_state(&mut snapshot).await?;
        snapshot.end().await?;
        let language = language.unwrap_or(settings.language());
        let tr = Translator::new(language);
        let doc = notice(&settings, &catalogue, &tr, crate::store::now(), state.changed_at);
        let bytes = match format {
            NoticeFormat::Pdf => pdf::render(&doc)?,
            NoticeFormat::Html => html::render(&doc).into_bytes(),
        };
        Ok((bytes, language, state))
    }
}

async fn notice_state(s: &mut impl store::Within) -> Result<NoticeState> {
    let keys: Vec<&str> = crate::settings::keys().filter(|k| from_setting(k)).collect();
    let changed = store::audit::newest_about(s, SOURCES, &keys).await?;
    let saved = store::audit::newest_about(s, &[SAVED], &[]).await?;
    let changed_at = match &changed {
        Some((_, at, _)) => *at,
        None => store::audit::oldest_at(s).await?.ok_or_else(|| Error::Internal("an empty audit trail".into()))?,
    };
    // Compared by their places in the chain: two entries may share a second.
    let outdated = matches!((&changed, &saved), (Some((c, ..)), Some((s, ..))) if c > s);
    let saved = saved.map(|(_, at, by)| NoticeSaved { at, by });
    Ok(NoticeState { changed_at, saved, outdated })
}

/// The notice as a document, made `now` and dated by `changed` (the last
/// change to what it is made from) on the shop's clock.
pub(crate) fn notice(
    settings: &Settings,
    catalogue: &Catalogue,
    tr: &Translator,
    now: DateTime<Utc>,
    changed: DateTime<Utc>,
) -> Doc {
    let controller = access::controller(settings);
    let title = if controller.name.trim().is_empty() {
        tr.t("privacy-title-nameless")
    } else {
        tr.t_args("privacy-title", &[("controller", controller.name.clone())])
    };
    let updated = tr.t_args("privacy-updated", &[("date", tr.date(Clock(settings.time_zone()).day(&changed)))]);
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
