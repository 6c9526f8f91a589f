-- Vouchers: promotion codes for a share or an amount off the seats they cover, limited to a
-- movie, a screening or ticket types, valid between two instants, with a number of uses in
-- all and per customer. A booking made with one counts a use in its own transaction; the
-- count can never pass max_uses (the CHECK), and a booking that lapses or is cancelled gives
-- its use back (the trigger below).
CREATE TABLE vouchers (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Unique case-insensitively (vouchers_code_key); letters, digits and dashes.
    code              text          NOT NULL CHECK (code ~ '^[A-Za-z0-9-]{4,32}$'),
    -- Exactly one of: a percentage off each covered seat, or an amount off each (in minor
    -- units of `currency`, never more than the seat's price).
    percent_off       integer       CHECK (percent_off BETWEEN 1 AND 100),
    amount_off        bigint        CHECK (amount_off > 0),
    currency          text          CHECK (currency ~ '^[A-Z]{3}$'),
    -- What it covers: null is everything.
    ticket_types      ticket_type[],
    movie_id          bigint        REFERENCES movies (id) ON DELETE CASCADE,
    screening_id      bigint        REFERENCES screenings (id) ON DELETE CASCADE,
    valid_from        timestamptz,
    valid_until       timestamptz,
    max_uses          integer       NOT NULL CHECK (max_uses > 0),
    max_uses_per_user integer       CHECK (max_uses_per_user > 0),
    -- Bookings that hold a use now: pending or confirmed.
    uses              integer       NOT NULL DEFAULT 0,
    disabled_at       timestamptz,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT vouchers_one_discount CHECK ((percent_off IS NULL) <> (amount_off IS NULL)),
    CONSTRAINT vouchers_amount_has_currency CHECK ((amount_off IS NULL) = (currency IS NULL)),
    CONSTRAINT vouchers_valid_period CHECK (valid_until > valid_from),
    CONSTRAINT vouchers_uses_within_max CHECK (uses BETWEEN 0 AND max_uses)
);
CREATE UNIQUE INDEX vouchers_code_key ON vouchers (upper(code));

-- The voucher a booking was made with, and each seat's discount (in minor units of the
-- booking's currency; the booking's amount is what is paid: Σ(amount − discount)).
-- squawk-ignore adding-foreign-key-constraint
ALTER TABLE bookings ADD COLUMN voucher_id bigint REFERENCES vouchers (id);
-- A customer's bookings with a voucher, for its limit per customer.
CREATE INDEX bookings_voucher_user_idx ON bookings (voucher_id, user_id)
    WHERE voucher_id IS NOT NULL;
ALTER TABLE booking_items ADD COLUMN discount bigint NOT NULL DEFAULT 0;
-- ADD COLUMN took booking_items' ACCESS EXCLUSIVE lock, held to the end of this migration's
-- transaction either way, so NOT VALID and a later VALIDATE would shorten nothing; and every
-- row has the discount 0 the column was added with.
ALTER TABLE booking_items
    -- squawk-ignore constraint-missing-not-valid
    ADD CONSTRAINT booking_items_discount_check CHECK (discount >= 0 AND discount <= amount);

-- A booking that stops holding its seats (it lapses, or is cancelled, or a paid one is
-- cancelled) gives its voucher's use back, in the same transaction.
CREATE FUNCTION booking_gives_voucher_back() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE vouchers SET uses = uses - 1 WHERE id = NEW.voucher_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER bookings_give_voucher_back AFTER UPDATE OF status ON bookings
    FOR EACH ROW WHEN (NEW.voucher_id IS NOT NULL
                       AND OLD.status IN ('pending', 'confirmed')
                       AND NEW.status IN ('cancelled', 'expired'))
    EXECUTE FUNCTION booking_gives_voucher_back();

-- The read model shows each seat's discount.
CREATE OR REPLACE VIEW bookings_as_read AS
SELECT b.id, b.user_id, b.screening_id, b.seats, b.amount, b.currency,
       CASE WHEN b.status = 'pending' AND b.expires_at <= now() THEN 'expired'
            ELSE b.status END AS status,
       b.expires_at, b.created_at,
       coalesce(i.labels, '{}') AS seat_labels,
       coalesce(i.categories, '{}') AS item_categories,
       coalesce(i.ticket_types, '{}') AS item_ticket_types,
       coalesce(i.amounts, '{}') AS item_amounts,
       coalesce(i.discounts, '{}') AS item_discounts
FROM bookings b
CROSS JOIN LATERAL (
    SELECT array_agg(seat_label ORDER BY row_index, number) AS labels,
           array_agg(category ORDER BY row_index, number) AS categories,
           array_agg(ticket_type ORDER BY row_index, number) AS ticket_types,
           array_agg(amount ORDER BY row_index, number) AS amounts,
           array_agg(discount ORDER BY row_index, number) AS discounts
    FROM booking_items WHERE booking_id = b.id AND released_at IS NULL
) i;

-- Sales carry the discounts (migration 000033 wrote 0); a seat given back refunds what was
-- paid for it.
CREATE OR REPLACE FUNCTION record_sale(sold_booking bigint, method payment_method) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO sales (kind, booking_id, screening_id, movie_id, theater_id,
                       screening_starts_at, ticket_type, payment_method, currency, tickets,
                       gross, discount, refund)
    SELECT 'sale', b.id, s.id, s.movie_id, s.theater_id, s.starts_at, i.ticket_type, method,
           b.currency, 1, i.amount, i.discount, 0
    FROM bookings b
    JOIN screenings s ON s.id = b.screening_id
    JOIN booking_items i ON i.booking_id = b.id AND i.released_at IS NULL
    WHERE b.id = sold_booking;
$$;

CREATE OR REPLACE FUNCTION record_refunds(items booking_items[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO sales (kind, booking_id, screening_id, movie_id, theater_id,
                       screening_starts_at, ticket_type, payment_method, currency, tickets,
                       gross, refund)
    SELECT 'refund', sold.booking_id, sold.screening_id, sold.movie_id, sold.theater_id,
           sold.screening_starts_at, i.ticket_type, sold.payment_method, sold.currency, -1, 0,
           i.amount - i.discount
    FROM unnest(items) AS i
    JOIN LATERAL (
        SELECT * FROM sales f WHERE f.booking_id = i.booking_id AND f.kind = 'sale' LIMIT 1
    ) sold ON true;
$$;

GRANT SELECT, INSERT ON vouchers TO boxoffice_app;
GRANT UPDATE (uses, disabled_at) ON vouchers TO boxoffice_app;
