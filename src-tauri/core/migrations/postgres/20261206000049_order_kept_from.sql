-- The day an order's retention counts from where an invoice, a reminder or a
-- credit note of it was issued after it: the latest such day (NULL where none
-- is later than the order). An order goes with its vouchers (deleting it
-- deletes them), so one invoiced in the next financial year is kept as long
-- as that invoice, a year past its own end (BFL 7 kap. 2 §). The due list,
-- the forecast and the sweep read COALESCE(kept_from, order_date) through
-- the index below: they asked, order by order, whether a later invoice kept
-- it, and so the forecast never counted such an order and the due list gave
-- it its own end. Kept by the trigger: an issued voucher is never changed.
ALTER TABLE orders ADD COLUMN kept_from DATE;
UPDATE orders o SET kept_from = i.latest
FROM (SELECT order_id, MAX(issued_on) AS latest FROM invoices GROUP BY order_id) i
WHERE i.order_id = o.id AND i.latest > o.order_date;
-- The two columns included, so that the index covers the expression (and
-- the hold check's customer): a count of what falls due reads no order's row.
CREATE INDEX orders_kept ON orders ((COALESCE(kept_from, order_date)), id, customer_id) INCLUDE (kept_from, order_date);
CREATE FUNCTION invoices_keep_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders SET kept_from = NEW.issued_on
    WHERE id = NEW.order_id AND NEW.issued_on > COALESCE(kept_from, order_date);
    RETURN NULL;
END
$$;
CREATE TRIGGER invoices_keep_order AFTER INSERT ON invoices
FOR EACH ROW EXECUTE FUNCTION invoices_keep_order();
