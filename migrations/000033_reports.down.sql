-- loses: film_hire_terms (sales: the up migration writes them again from the payments)
DROP TRIGGER bookings_refunded ON bookings;
DROP TRIGGER booking_items_refunded ON booking_items;
DROP TRIGGER card_payments_sold ON card_payments;
DROP TRIGGER payments_sold ON payments;
DROP FUNCTION booking_refunded();
DROP FUNCTION booking_items_refunded();
DROP FUNCTION card_sale();
DROP FUNCTION wallet_sale();
DROP FUNCTION record_refunds(booking_items[]);
DROP FUNCTION record_sale(bigint, payment_method);
DROP TABLE sales;
DROP TYPE payment_method;
DROP TYPE sale_kind;
DROP TABLE film_hire_terms;
