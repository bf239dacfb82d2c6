//! What a failed command returns to the page: a stable code the UI translates,
//! the message, and the field it concerns (for a message at the field).

use serde::Serialize;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl From<kundvakt_core::Error> for CommandError {
    fn from(e: kundvakt_core::Error) -> Self {
        let field = match &e {
            kundvakt_core::Error::Invalid { place, .. } | kundvakt_core::Error::Duplicate { place, .. } => {
                Some(place.0.clone())
            }
            _ => None,
        };
        let message = match &e {
            kundvakt_core::Error::Invalid { message, .. } | kundvakt_core::Error::Duplicate { message, .. } => {
                message.clone()
            }
            other => other.to_string(),
        };
        CommandError { code: e.code().to_owned(), message, field }
    }
}

/// Input the page sent that a command refuses before the core sees it.
pub fn invalid(field: &str, message: &str) -> CommandError {
    CommandError { code: "invalid".into(), message: message.into(), field: Some(field.into()) }
}

pub type CmdResult<T> = Result<T, CommandError>;
