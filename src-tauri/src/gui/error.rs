//! What a failed command returns to the page: a stable code the UI translates,
//! what went wrong (in English, and as a message the page says in the
//! window's language), and the field it concerns (for a message at the field).

use kundvakt_core::Message;
use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CommandError {
    pub code: &'static str,
    /// In English, as the command line would say it.
    pub message: String,
    /// The same for the page to translate; absent where only technical
    /// detail follows the code's own sentence (a path, the system's words).
    pub detail: Option<Message>,
    pub field: Option<String>,
    /// The other fields found wrong with `field` (a customer's), each with
    /// its message, for the page to show them all at once.
    pub also: Box<[FieldProblem]>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct FieldProblem {
    pub field: String,
    pub detail: Message,
}

impl From<kundvakt_core::Error> for CommandError {
    fn from(e: kundvakt_core::Error) -> Self {
        let (field, also) = match &e {
            kundvakt_core::Error::Invalid { place, .. } | kundvakt_core::Error::Duplicate { place, .. } => {
                (Some(place.0.clone()), Box::default())
            }
            kundvakt_core::Error::InvalidFields(fields) => (
                fields.first().map(|(place, _)| place.0.clone()),
                fields
                    .iter()
                    .skip(1)
                    .map(|(place, m)| FieldProblem { field: place.0.clone(), detail: m.clone() })
                    .collect(),
            ),
            _ => (None, Box::default()),
        };
        let detail = e.message();
        let message = match &detail {
            Some(m) if field.is_some() => m.to_string(),
            _ => e.to_string(),
        };
        CommandError { code: e.code(), message, detail, field, also }
    }
}

/// Input the page sent that a command refuses before the core sees it.
pub fn invalid(field: &str, message: Message) -> CommandError {
    CommandError {
        code: "invalid",
        message: message.to_string(),
        detail: Some(message),
        field: Some(field.into()),
        also: Box::default(),
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

/// What only a fault of the page itself can send (a page size out of range,
/// a document without its subject): English, after the code's sentence.
pub fn from_page(field: &str, what: &str) -> CommandError {
    CommandError {
        code: "invalid",
        message: what.into(),
        detail: None,
        field: Some(field.into()),
        also: Box::default(),
    }
}
