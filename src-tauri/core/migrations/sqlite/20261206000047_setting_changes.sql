-- Each change of a setting, with the value set, when and by whom. The audit
-- trail holds digests, not values; a restore needs the values to make again
-- the changes made after its backup, each in its place among the erasures and
-- sweeps (backup/settings.rs): a retention sweep made again must delete what
-- the register's deleted under the periods then in force (Art. 5(1)(e)), and
-- a retention period or the controller's details changed since must not go
-- back to the backup's. Kept for as long as the register.
CREATE TABLE setting_changes (
    id     INTEGER PRIMARY KEY,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
);
CREATE INDEX setting_changes_at ON setting_changes (set_at);
