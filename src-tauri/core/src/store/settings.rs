//! SQL of the settings rows.

use chrono::{DateTime, Utc};

use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
pub(crate) use crate::settings::SettingChange;

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

/// Records that this transaction set `key` to `value`.
pub(crate) async fn record_now(tx: &mut WriteTx, key: &str, value: &str) -> Result<()> {
    let change =
        SettingChange { key: key.to_owned(), value: value.to_owned(), set_by: tx.actor().to_owned(), set_at: tx.now() };
    record_change(tx, &change).await
}

/// Records a change of a setting with its value (migration 47: the trail keeps only digests).
pub(crate) async fn record_change(tx: &mut WriteTx, change: &SettingChange) -> Result<()> {
    on_tx!(tx, c => sqlx::query("INSERT INTO setting_changes (key, value, set_by, set_at) VALUES ($1, $2, $3, $4)")
        .bind(&change.key).bind(&change.value).bind(&change.set_by).bind(change.set_at)
        .execute(c).await?.rows_affected());
    Ok(())
}

/// The changes made at `since` or later, the oldest first.
pub(crate) async fn changes_since(store: &Store, since: DateTime<Utc>) -> Result<Vec<SettingChange>> {
    // A day more in the statement: the bound is compared as text on SQLite.
    let sql = "SELECT key, value, set_by, set_at FROM setting_changes WHERE set_at >= $1 ORDER BY set_at, id";
    let rows: Vec<SettingChange> =
        on_pool!(store, p => sqlx::query_as(sql).bind(since - chrono::Duration::days(1)).fetch_all(p).await?);
    Ok(rows.into_iter().filter(|c| c.set_at >= since).collect())
}

/// Every change, of `key` or of all settings, the newest first.
pub(crate) async fn changes(tx: &mut impl Within, key: Option<&str>) -> Result<Vec<SettingChange>> {
    let sql = "SELECT key, value, set_by, set_at FROM setting_changes WHERE $1 IS NULL OR key = $1 ORDER BY set_at DESC, id DESC";
    Ok(on_tx!(tx, c => sqlx::query_as(sql).bind(key).fetch_all(c).await?))
}
