//! `sqlx::migrate!` reads the migrations folders while compiling. Cargo does
//! not know that, so without this a migration added to a folder leaves an
//! incremental build with the old list (as sqlx's documentation warns).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
