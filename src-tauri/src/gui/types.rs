//! The JSON Schema of every type the page and the commands exchange. The UI's
//! TypeScript types (`ui/src/generated/app-types.ts`) are generated from it, so
//! the two sides are never written twice; a test keeps the committed schema current.

use schemars::JsonSchema;

#[cfg_attr(not(test), allow(dead_code))]
pub fn app_types_schema() -> serde_json::Value {
    let mut generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut properties = serde_json::Map::new();
    macro_rules! add {
        ($($t:ty),+ $(,)?) => {$(
            let schema = generator.subschema_for::<$t>();
            properties.insert(<$t as JsonSchema>::schema_name().into_owned(), serde_json::to_value(schema).unwrap_or_default());
        )+};
    }
    add!(
        super::commands::AppInfo,
        kundvakt_core::requests::Step,
        super::commands::Progress,
        super::error::CommandError,
        kundvakt_core::register::Customer,
        kundvakt_core::register::CustomerInput,
        kundvakt_core::register::CustomerPage,
        kundvakt_core::register::Found,
        kundvakt_core::register::Page<kundvakt_core::register::Customer>,
        kundvakt_core::requests::RequestView,
        kundvakt_core::requests::RequestDetail,
        kundvakt_core::requests::RequestKind,
        kundvakt_core::processing::Catalogue,
        kundvakt_core::settings::SettingProblem,
        kundvakt_core::settings::SettingChange,
        kundvakt_core::fiscal_years::YearsShown,
        kundvakt_core::processing::CategoryChanges,
        kundvakt_core::retention::due::DueView,
        kundvakt_core::reports::access::AccessReport,
        kundvakt_core::demo::DemoSummary,
        kundvakt_core::reports::Format,
        kundvakt_core::reports::privacy::NoticeFormat,
        kundvakt_core::reports::privacy::NoticeState,
        kundvakt_core::reports::DocumentKind,
        kundvakt_core::processing::NewProcessor,
        kundvakt_core::assessments::NewAssessment,
        kundvakt_core::values::Language,
        kundvakt_core::retention::erasure::ErasurePlan,
        kundvakt_core::retention::erasure::ErasedCustomer,
        kundvakt_core::register::restriction::Restriction,
        kundvakt_core::processing::InformedRecipient,
        kundvakt_core::register::restriction::RestrictionGround,
        kundvakt_core::register::web_objection::WebObjection,
        kundvakt_core::register::merge::Merged,
        kundvakt_core::register::merge::MergePlan,
        kundvakt_core::register::unmerge::Unmerged,
        kundvakt_core::register::Consent,
        kundvakt_core::register::NewConsent,
        kundvakt_core::register::Interaction,
        kundvakt_core::register::NewInteraction,
        kundvakt_core::register::InteractionChanges,
        kundvakt_core::retention::note_erasure::NoteErasure,
        kundvakt_core::retention::record_erasure::SignUpErasure,
        kundvakt_core::retention::record_erasure::WebActivity,
        kundvakt_core::retention::held_back::HeldBack,
        kundvakt_core::retention::record_erasure::WebActivityErasure,
        kundvakt_core::register::InvoiceDraft,
        kundvakt_core::register::OrderDraft,
        kundvakt_core::register::OrderTotals,
        kundvakt_core::register::Series,
        super::sharing::RegisterPlace,
        kundvakt_core::register::OrderStatus,
        kundvakt_core::register::OrderSheet,
        kundvakt_core::register::InvoiceKind,
        kundvakt_core::register::EventRegistration,
        kundvakt_core::register::NewEventRegistration,
        kundvakt_core::register::RegistrationStatus,
        kundvakt_core::backup::Backups,
        kundvakt_core::backup::RestoreReport,
        kundvakt_core::audit::Verification,
        kundvakt_core::audit::trail::TrailQuery,
        kundvakt_core::audit::trail::TrailPage,
        kundvakt_core::export::trail::TrailExportSummary,
        kundvakt_core::export::requests::RequestsExportSummary,
        kundvakt_core::store::backup::LoggedBackup,
        kundvakt_core::retention::holds::Hold,
        kundvakt_core::retention::holds::HoldView,
        kundvakt_core::retention::holds::LiftedHold,
        kundvakt_core::breaches::BreachView,
        kundvakt_core::breaches::NewBreach,
        kundvakt_core::breaches::BreachStep,
        kundvakt_core::breaches::BreachRisk,
        kundvakt_core::breaches::ConcernChange,
        kundvakt_core::breaches::LettersWritten,
        kundvakt_core::breaches::ConcernedPage,
        kundvakt_core::retention::due::RecordKind,
        kundvakt_core::retention::sweep::SweepPreview,
        super::rights::SweepDone,
        kundvakt_core::retention::sweep::SweepListed,
        super::commands::DocumentChoice,
        kundvakt_core::import::ImportReport,
        kundvakt_core::audit::file_check::TrailFileCheck,
        kundvakt_core::import::ImportKind,
        kundvakt_core::import::ImportFormat,
        kundvakt_core::import::Field,
        kundvakt_core::export::ExportFormat,
        kundvakt_core::export::ExportSummary,
        kundvakt_core::export::invoices::InvoiceExportSummary,
        kundvakt_core::export::consents::ConsentPurpose,
        kundvakt_core::export::consents::ConsentListSummary,
    );
    let definitions = generator.take_definitions(true);
    serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "KundvaktApp",
        "description": "Every type the window and the commands exchange. Generated from the Rust types; do not edit.",
        "type": "object",
        "properties": properties,
        "definitions": definitions,
    })
}

#[cfg(test)]
mod tests {
    /// The committed schema is the one the Rust types give; with
    /// KUNDVAKT_UPDATE_TYPES=1 the test writes it instead (then run `npm run types` in ui/).
    #[test]
    fn the_ui_types_are_generated_from_the_rust_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/generated/app-types.schema.json");
        let mut generated = serde_json::to_string_pretty(&super::app_types_schema()).expect("JSON");
        generated.push('\n');
        if std::env::var_os("KUNDVAKT_UPDATE_TYPES").is_some() {
            std::fs::write(&path, &generated).expect("write the schema");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is out of date: run `KUNDVAKT_UPDATE_TYPES=1 cargo test -p kundvakt --bins` and `npm run types` in ui/",
            path.display()
        );
    }
}
