//! SQL of the settings rows.

use super::{on_tx, Within, WriteTx};
use crate::error::Result;

pub(crate) async fn all(tx: &mut impl Within) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, c => sqlx::query_as("SELECT key, value FROM settings").fetch_all(c).await?))
}

pub(crate) async fn get(tx: &mut WriteTx, key: &str) -> Result<Option<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(c).await?),
    )
}

pub(crate) async fn set(tx: &mut WriteTx, key: &str, value: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key).bind(value).execute(c).await?.rows_affected());
    Ok(())
}
