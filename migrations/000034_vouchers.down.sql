-- loses: vouchers (bookings keep what they were paid; their discounts go with the column)
CREATE OR REPLACE FUNCTION record_refunds(items booking_items[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO sales (kind, booking_id, screening_id, movie_id, theater_id,
                       screening_starts_at, ticket_type, payment_method, currency, tickets,
                       gross, refund)
    SELECT 'refund', sold.booking_id, sold.screening_id, sold.movie_id, sold.theater_id,
           sold.screening_starts_at, i.ticket_type, sold.payment_method, sold.currency, -1, 0,
           i.amount
    FROM unnest(items) AS i
    JOIN LATERAL (
        SELECT * FROM sales f WHERE f.booking_id = i.booking_id AND f.kind = 'sale' LIMIT 1
    ) sold ON true;
$$;
CREATE OR REPLACE FUNCTION record_sale(sold_booking bigint, method payment_method) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO sales (kind, booking_id, screening_id, movie_id, theater_id,
                       screening_starts_at, ticket_type, payment_method, currency, tickets,
                       gross, refund)
    SELECT 'sale', b.id, s.id, s.movie_id, s.theater_id, s.starts_at, i.ticket_type, method,
           b.currency, 1, i.amount, 0
    FROM bookings b
    JOIN screenings s ON s.id = b.screening_id
    JOIN booking_items i ON i.booking_id = b.id AND i.released_at IS NULL
    WHERE b.id = sold_booking;
$$;
DROP VIEW bookings_as_read;
CREATE VIEW bookings_as_read AS
SELECT b.id, b.user_id, b.screening_id, b.seats, b.amount, b.currency,
       CASE WHEN b.status = 'pending' AND b.expires_at <= now() THEN 'expired'
            ELSE b.status END AS status,
       b.expires_at, b.created_at,
       coalesce(i.labels, '{}') AS seat_labels,
       coalesce(i.categories, '{}') AS item_categories,
       coalesce(i.ticket_types, '{}') AS item_ticket_types,
       coalesce(i.amounts, '{}') AS item_amounts
FROM bookings b
CROSS JOIN LATERAL (
    SELECT array_agg(seat_label ORDER BY row_index, number) AS labels,
           array_agg(category ORDER BY row_index, number) AS categories,
           array_agg(ticket_type ORDER BY row_index, number) AS ticket_types,
           array_agg(amount ORDER BY row_index, number) AS amounts
    FROM booking_items WHERE booking_id = b.id AND released_at IS NULL
) i;
GRANT SELECT ON bookings_as_read TO boxoffice_app;
DROP TRIGGER bookings_give_voucher_back ON bookings;
DROP FUNCTION booking_gives_voucher_back();
ALTER TABLE booking_items DROP COLUMN discount;
DROP INDEX bookings_voucher_user_idx;
ALTER TABLE bookings DROP COLUMN voucher_id;
DROP TABLE vouchers;
