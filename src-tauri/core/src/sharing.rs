//! One register for several computers: a shop that began on one computer's
//! SQLite file moves its register into a PostgreSQL database that every
//! computer then opens, and the open window goes on with the register where
//! it is now.

use crate::audit::Action;
use crate::error::{Error, Result};
use crate::store::{self, Location, OpenMode, Store};
use crate::Register;

/// The shared register at `url`: a PostgreSQL address, or the error that says so.
pub fn shared_location(url: &str) -> Result<Location> {
    match Location::parse(url) {
        shared @ Location::Postgres(_) => Ok(shared),
        Location::Sqlite(_) => Err(not_a_shared_address()),
    }
}

fn not_a_shared_address() -> Error {
    Error::invalid("url", crate::msg!("msg-give-postgres-address"))
}

impl Register {
    /// Opens the register that `location` holds, for the window to go on
    /// with it ([`Register::go_on_with`]). Refused where there is no register
    /// yet: a new shared database is filled by [`Register::move_into`].
    pub async fn open_shared(location: &Location, actor: &str) -> Result<Register> {
        let reg = match Register::open(location, OpenMode::Existing, actor).await {
            Err(Error::NoRegister(place)) => return Err(no_register_there(&place)),
            other => other?,
        };
        if !reg.is_initialised().await? {
            reg.store().close().await;
            return Err(no_register_there(&location.display()));
        }
        Ok(reg)
    }

    /// Copies this register, whole, into the empty PostgreSQL database at
    /// `location`: every table, the audit trail with it, read from one
    /// consistent copy. The copy's audit trail is checked before it is
    /// handed back. Refused where the database holds a register already (it
    /// is never overwritten: connect to it instead). This register keeps its
    /// data as it was, and is marked as moved: from the copy on, its writers
    /// (another window, the command line) wait, and then are refused
    /// ([`crate::Error::Moved`]), so that nothing is recorded in it that the
    /// shared register would lack. [`Register::take_back`] undoes the mark.
    pub async fn move_into(&self, location: &Location) -> Result<Register> {
        self.move_from(location, Source::Pool).await
    }

    /// [`Register::move_into`] for the window, and the window goes on with
    /// the moved register. The window's other commands wait from the start,
    /// and the ones under way finish before the copy is taken, so that
    /// nothing written meanwhile stays behind in the file. If the move
    /// fails, the window goes on with its register as it was.
    pub async fn move_and_go_on(&self, location: &Location) -> Result<()> {
        let rewrite = self.store().rewrite().await;
        self.store().close().await;
        let moved = self.move_from(location, Source::File).await;
        let result = match moved {
            Ok(moved) => {
                self.store().adopt(moved.store());
                Ok(())
            }
            Err(e) => self.store().reopen(self.store().key().as_ref()).await.and(Err(e)),
        };
        drop(rewrite);
        result
    }

    async fn move_from(&self, location: &Location, source: Source) -> Result<Register> {
        let Location::Postgres(_) = location else { return Err(not_a_shared_address()) };
        if let Location::Postgres(_) = self.store().location() {
            return Err(Error::Refused(crate::msg!("msg-shared-already")));
        }
        let target = Register::open(location, OpenMode::Create, self.actor()).await?;
        let result = self.copy_into(&target, source).await;
        if result.is_err() {
            target.store().close().await;
        }
        result.map(|()| target)
    }

    async fn copy_into(&self, target: &Register, source: Source) -> Result<()> {
        if target.is_initialised().await? {
            return Err(Error::Refused(crate::msg!("msg-register-there", place = target.store().location().display())));
        }
        let key = self.store().key();
        // This register's writers wait from before the copy until it is marked
        // as moved, and are refused after: its write lock, held on a pool of
        // its own (the window's pool is closed during the window's move).
        let held = Store::open_keyed(&self.store().location(), OpenMode::Existing, key.as_ref()).await?;
        let moved = async {
            let mut lock = held.begin(self.actor()).await?;
            self.copy_to(target, source, key.as_ref()).await?;
            let to = target.store().location().display();
            store::audit::set_moved_to(&mut lock, Some(&to)).await?;
            let about = crate::audit::to_json(&serde_json::json!({ "to": to }))?;
            lock.audit(Action::RegisterMovedAway, "register", "1", None, None, Some(&about)).await?;
            lock.commit().await
        }
        .await;
        held.close().await;
        moved
    }

    /// The copy into `target`, its audit trail checked, and its entry of the move.
    async fn copy_to(&self, target: &Register, source: Source, key: Option<&store::cipher::Passphrase>) -> Result<()> {
        let staged = std::env::temp_dir().join(format!(
            "kundvakt-move-{}-{}.db",
            std::process::id(),
            store::now().timestamp_micros()
        ));
        let copied = async {
            match (source, self.store().location()) {
                (Source::File, Location::Sqlite(path)) => store::backup::copy_file(&path, key, &staged).await?,
                _ => store::backup::backup(self.store(), &staged, key).await?,
            }
            store::backup::load_into_postgres(target.store(), &staged, key).await
        }
        .await;
        store::cipher::discard(&staged);
        copied?;
        let verified = crate::audit::verify(target.store()).await?;
        if let Some(broken) = verified.broken {
            return Err(Error::Internal(format!(
                "the moved register's audit trail does not hold at entry {}",
                broken.seq
            )));
        }
        let mut tx = target.store().begin(self.actor()).await?;
        let from = serde_json::json!({ "from": self.store().location().display() });
        tx.audit(Action::RegisterMoved, "register", "1", None, None, Some(&crate::audit::to_json(&from)?)).await?;
        tx.commit().await
    }

    /// Takes a register that was moved away back into use: what is written
    /// to it from now on is recorded again (it holds what it held at the
    /// move, nothing of the shared register's since). True when it had been
    /// moved; audited.
    pub async fn take_back(&self) -> Result<bool> {
        let mut tx = self.store().begin_even_if_moved(self.actor()).await?;
        let Some(to) = tx.moved_to().map(str::to_owned) else {
            tx.rollback().await?;
            return Ok(false);
        };
        store::audit::set_moved_to(&mut tx, None).await?;
        let about = crate::audit::to_json(&serde_json::json!({ "was_moved_to": to }))?;
        tx.audit(Action::RegisterTakenBack, "register", "1", None, None, Some(&about)).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Makes this register, and every clone of it (the window's commands),
    /// go on with `other`: its connections are closed and `other`'s taken
    /// over. Commands that come meanwhile wait.
    pub async fn go_on_with(&self, other: Register) {
        let rewrite = self.store().rewrite().await;
        self.store().close().await;
        self.store().adopt(other.store());
        drop(rewrite);
    }
}

/// Where a move reads the register from: the store's pool, or (once the
/// window's move has closed the pool) the file on a connection of its own.
#[derive(Debug, Clone, Copy)]
enum Source {
    Pool,
    File,
}

fn no_register_there(place: &str) -> Error {
    Error::Refused(crate::msg!("msg-no-register-there", place))
}
