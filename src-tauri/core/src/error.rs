//! The core's one error type.
//!
//! Every error carries a stable `code()` that the command line, the app and its
//! translations key on (never the message text), and says whether it is the
//! user's to fix (`is_user()`: exit code 1) or ours (exit code 2).

use std::fmt;

use crate::message::Message;

/// The result type of every fallible core function.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<sqlx::Error> for Error {
    /// A database's error, or [`Error::Damaged`] where it says the data
    /// cannot be read whole: that is the shop's to mend, from a backup.
    fn from(e: sqlx::Error) -> Self {
        match damage(&e) {
            Some(detail) => Error::Damaged { detail },
            None => Error::Database(e),
        }
    }
}

/// What the database said of damage to its data, if that is what `e` is:
/// SQLite's SQLITE_CORRUPT (11, with its extended codes) and SQLITE_NOTADB
/// (26: a page, the first among them, that is no database's; at opening, a
/// file that is no register or the wrong passphrase, which `cipher::open_error`
/// tells apart before this), PostgreSQL's `data_corrupted` and `index_corrupted`.
pub(crate) fn damage(e: &sqlx::Error) -> Option<String> {
    let sqlx::Error::Database(d) = e else { return None };
    let code = d.code()?;
    let damaged = match code.parse::<i32>() {
        Ok(sqlite) => matches!(sqlite & 0xff, 11 | 26),
        Err(_) => matches!(code.as_ref(), "XX001" | "XX002"),
    };
    damaged.then(|| d.message().to_owned())
}

/// What the user gave, and where: a field name, or `file:line: column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place(pub String);

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Place {
    fn from(s: &str) -> Self {
        Place(s.to_owned())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value the user gave is not acceptable.
    #[error("{place}: {message}")]
    Invalid { place: Place, message: Message },

    /// Several values the user gave together (a customer's fields) are not
    /// acceptable: each with its place, so that all are mended at once.
    #[error("{}", .0.iter().map(|(place, message)| format!("{place}: {message}")).collect::<Vec<_>>().join("; "))]
    InvalidFields(Vec<(Place, Message)>),

    #[error("{}", not_found(.entity, .id))]
    NotFound { entity: &'static str, id: String },

    /// The same thing exists already (a customer number, an e-mail, an order number).
    #[error("{place}: {message}")]
    Duplicate { place: Place, message: Message },

    /// Optimistic versioning: someone saved the record since it was read.
    #[error("{}", conflict(.entity, .id, *.expected, *.current))]
    Conflict { entity: &'static str, id: String, expected: i64, current: i64 },

    #[error("{0}")]
    Refused(Message),

    /// `audit verify` found an entry that does not hold.
    #[error("the audit trail is broken at entry {seq}: {reason}")]
    AuditBroken { seq: i64, reason: String },

    #[error("no register at {0}: create one with `kundvakt init`")]
    NoRegister(String),

    #[error("{path} is not a Kundvakt register{detail}")]
    NotARegister { path: String, detail: String },

    /// An encrypted register was opened without its passphrase.
    #[error("the register at {0} is encrypted: give its passphrase (at the prompt, or in KUNDVAKT_PASSPHRASE)")]
    Locked(String),

    /// SQLCipher could not read the first page under the key given.
    #[error("wrong passphrase for the register at {0} (nothing was changed)")]
    WrongPassphrase(String),

    #[error("the register at {0} was made by a newer version of Kundvakt; upgrade Kundvakt to open it")]
    TooNew(String),

    /// The register was moved into a shared one; its file is kept as it was, and not written to.
    #[error("the register at {here} was moved to the shared register at {to}: it is kept as it was and nothing more is recorded in it; work in the shared register")]
    Moved { here: String, to: String },

    #[error("cannot reach the database server {server}: {reason}")]
    Unreachable { server: String, reason: String },

    #[error("{path}: {reason}")]
    File { path: String, reason: String },

    /// The register's database cannot be read whole: a page of its file is
    /// damaged (a disk, a power cut, a copy cut short), or the server says
    /// its data or an index is corrupt. Statements touching it fail, and
    /// their transactions roll back (a sweep keeps the batches it committed
    /// before, as after a crash).
    #[error(
        "the register is damaged: Kundvakt cannot read all of it ({detail}). Nothing was saved halfway. Restore \
         its latest backup, and keep the damaged file until the restore is done"
    )]
    Damaged { detail: String },

    #[error("database error: {0}")]
    Database(sqlx::Error),

    #[error("database upgrade failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),

    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn invalid(place: impl Into<Place>, message: Message) -> Self {
        Error::Invalid { place: place.into(), message }
    }

    /// Problems found together in what one person typed: one as it is,
    /// several as [`Error::InvalidFields`] when each is a field's; `None`
    /// when there are none.
    pub fn together(problems: Vec<Error>) -> Option<Error> {
        if problems.len() < 2 {
            return problems.into_iter().next();
        }
        if problems.iter().all(|e| matches!(e, Error::Invalid { .. })) {
            let fields = problems.into_iter().filter_map(|e| match e {
                Error::Invalid { place, message } => Some((place, message)),
                _ => None,
            });
            return Some(Error::InvalidFields(fields.collect()));
        }
        // Something other than a field's problem comes first: it is the one to act on.
        problems.into_iter().find(|e| !matches!(e, Error::Invalid { .. }))
    }

    pub fn duplicate(place: impl Into<Place>, message: Message) -> Self {
        Error::Duplicate { place: place.into(), message }
    }

    /// What went wrong, to be said in the reader's language; `None` where
    /// the code's own sentence is all a person can act on and the rest is
    /// technical detail (a path, the database's or the system's words).
    pub fn message(&self) -> Option<Message> {
        match self {
            Error::Invalid { message, .. } | Error::Duplicate { message, .. } | Error::Refused(message) => {
                Some(message.clone())
            }
            Error::InvalidFields(fields) => fields.first().map(|(_, message)| message.clone()),
            Error::NotFound { entity, id } => Some(not_found(entity, id)),
            Error::Conflict { entity, id, expected, current } => Some(conflict(entity, id, *expected, *current)),
            Error::Damaged { detail } => Some(crate::msg!("msg-register-damaged", detail)),
            _ => None,
        }
    }

    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound { entity, id: id.to_string() }
    }

    /// Every code [`Error::code`] gives, for those who key on them (the
    /// window's translations and its checks of a failure's kind).
    pub const CODES: [&'static str; 18] = [
        "invalid",
        "not_found",
        "duplicate",
        "conflict",
        "refused",
        "audit_broken",
        "no_register",
        "not_a_register",
        "register_too_new",
        "register_moved",
        "register_locked",
        "wrong_passphrase",
        "unreachable",
        "file",
        "register_damaged",
        "database",
        "migrate",
        "internal",
    ];

    /// A stable, machine-readable code; the UI translates by it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } | Error::InvalidFields(_) => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Duplicate { .. } => "duplicate",
            Error::Conflict { .. } => "conflict",
            Error::Refused(_) => "refused",
            Error::AuditBroken { .. } => "audit_broken",
            Error::NoRegister(_) => "no_register",
            Error::NotARegister { .. } => "not_a_register",
            Error::TooNew(_) => "register_too_new",
            Error::Moved { .. } => "register_moved",
            Error::Locked(_) => "register_locked",
            Error::WrongPassphrase(_) => "wrong_passphrase",
            Error::Unreachable { .. } => "unreachable",
            Error::File { .. } => "file",
            Error::Damaged { .. } => "register_damaged",
            Error::Database(_) => "database",
            Error::Migrate(_) => "migrate",
            Error::Internal(_) => "internal",
        }
    }

    /// True where the user can fix the cause; false for our own faults.
    pub fn is_user(&self) -> bool {
        !matches!(self, Error::Database(_) | Error::Migrate(_) | Error::Internal(_))
    }

    /// The number was taken: found taken before the insert, or refused by
    /// the unique index when another writer took it in the meantime.
    pub(crate) fn is_number_taken(&self) -> bool {
        match self {
            Error::Duplicate { place, .. } => place.0 == "number",
            Error::Database(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

/// The checks of what one person typed, every one made before any is told,
/// so that a form is mended at once: `take` each check's value, then `done`.
#[derive(Debug, Default)]
pub struct Checks(Vec<Error>);

impl Checks {
    /// `checked`'s value; where it failed, its problem is kept and a stand-in
    /// given, which no caller sees, since [`Checks::done`] then fails.
    pub fn take<T: Default>(&mut self, checked: Result<T>) -> T {
        checked.unwrap_or_else(|problem| {
            self.0.push(problem);
            T::default()
        })
    }

    /// A problem found without a check that gives a value.
    pub fn fail(&mut self, problem: Error) {
        self.0.push(problem);
    }

    /// Every problem kept, together (see [`Error::together`]); `Ok` when none.
    pub fn done(self) -> Result<()> {
        Error::together(self.0).map_or(Ok(()), Err)
    }

    /// Checks that give no value, each made.
    pub fn all(checks: impl IntoIterator<Item = Result<()>>) -> Result<()> {
        let mut c = Checks::default();
        checks.into_iter().for_each(|checked| c.take(checked));
        c.done()
    }
}

fn not_found(entity: &str, id: &str) -> Message {
    crate::msg!("msg-not-found", entity, id)
}

fn conflict(entity: &str, id: &str, expected: i64, current: i64) -> Message {
    crate::msg!("msg-conflict", entity, id, expected, current)
}

impl From<String> for Place {
    fn from(s: String) -> Self {
        Place(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_tell_every_problem_in_the_order_made() {
        let mut c = Checks::default();
        let name: String = c.take(Err(Error::invalid("name", crate::msg!("msg-not-empty"))));
        let city = c.take(Ok::<_, Error>("Umeå".to_owned()));
        c.fail(Error::invalid("email", crate::msg!("msg-not-empty")));
        assert_eq!((name.as_str(), city.as_str()), ("", "Umeå"));
        match c.done() {
            Err(Error::InvalidFields(fields)) => {
                let places: Vec<&str> = fields.iter().map(|(p, _)| p.0.as_str()).collect();
                assert_eq!(places, ["name", "email"]);
            }
            other => panic!("expected both fields, got {other:?}"),
        }
        assert!(Checks::all([Ok(()), Ok(())]).is_ok());
        assert_eq!(
            Checks::all([Ok(()), Err(Error::invalid("x", crate::msg!("msg-not-empty")))])
                .expect_err("one failed")
                .code(),
            "invalid"
        );
    }

    /// One of each kind of error: their codes are the list, all of it.
    #[test]
    fn every_code_is_listed() {
        let m = || crate::msg!("msg-customer-needs-name");
        let all = [
            Error::invalid("name", m()),
            Error::InvalidFields(vec![(Place::from("name"), m())]),
            Error::not_found("customer", 1),
            Error::duplicate("email", m()),
            Error::Conflict { entity: "customer", id: "1".into(), expected: 1, current: 2 },
            Error::Refused(m()),
            Error::AuditBroken { seq: 1, reason: String::new() },
            Error::NoRegister(String::new()),
            Error::NotARegister { path: String::new(), detail: String::new() },
            Error::Locked(String::new()),
            Error::WrongPassphrase(String::new()),
            Error::TooNew(String::new()),
            Error::Moved { here: String::new(), to: String::new() },
            Error::Unreachable { server: String::new(), reason: String::new() },
            Error::File { path: String::new(), reason: String::new() },
            Error::Damaged { detail: String::new() },
            Error::Database(sqlx::Error::RowNotFound),
            Error::Migrate(sqlx::migrate::MigrateError::VersionMissing(1)),
            Error::Internal(String::new()),
        ];
        let mut codes: Vec<&str> = all.iter().map(Error::code).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut listed = Error::CODES.to_vec();
        listed.sort_unstable();
        assert_eq!(codes, listed);
    }
}
