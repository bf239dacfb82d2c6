-- A voucher number is issued once (BFL 5 kap. 6 §; an invoice's number
-- "uniquely identifies" it, VAT Directive art. 226(2)). A series goes on
-- from the highest number the register holds; once the sweep has deleted a
-- series' vouchers, or a restore has brought back a register from before
-- the last of them, that would be a number already issued. Here, for each
-- prefix a series has used (a number without its trailing digits), the
-- highest number that the register no longer holds (register/series.rs).
CREATE TABLE series_highest (
    series TEXT NOT NULL CHECK (series IN ('orders', 'invoices')),
    prefix TEXT NOT NULL,
    number TEXT NOT NULL,
    PRIMARY KEY (series, prefix)
);
