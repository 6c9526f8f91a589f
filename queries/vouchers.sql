--: Voucher(percent_off?, amount_off?, currency?, ticket_types?, movie_id?, screening_id?, valid_from?, valid_until?, max_uses_per_user?, reserved_seats?, disabled_at?)
--: VoucherForBooking(percent_off?, amount_off?, currency?, ticket_types?, max_uses_per_user?)

--! insert_voucher (percent_off?, amount_off?, currency?, ticket_types?, movie_id?, screening_id?, valid_from?, valid_until?, max_uses_per_user?, reserved_seats?) : Voucher
-- A new voucher; a code taken already (in any case) fails vouchers_code_key.
INSERT INTO vouchers (code, percent_off, amount_off, currency, ticket_types, movie_id,
                      screening_id, valid_from, valid_until, max_uses, max_uses_per_user,
                      reserved_seats)
VALUES (:code, :percent_off, :amount_off, :currency, :ticket_types, :movie_id, :screening_id,
        :valid_from, :valid_until, :max_uses, :max_uses_per_user, :reserved_seats)
RETURNING id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id,
          valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats, uses,
          disabled_at, created_at;

--! list_vouchers : Voucher
-- A keyset page of vouchers by id (primary key); `limit` is the page size plus one.
SELECT id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id,
       valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats, uses, disabled_at,
       created_at
FROM vouchers
WHERE id > :after
ORDER BY id
LIMIT :limit;

--! get_voucher : Voucher
-- One voucher (primary key).
SELECT id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id,
       valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats, uses, disabled_at,
       created_at
FROM vouchers
WHERE id = :id;

--! disable_voucher : Voucher
-- Disables a voucher (once: the first time is kept); bookings made with it keep their
-- discounts (primary key).
UPDATE vouchers SET disabled_at = coalesce(disabled_at, now())
WHERE id = :id
RETURNING id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id,
          valid_from, valid_until, max_uses, max_uses_per_user, reserved_seats, uses,
          disabled_at, created_at;

--! voucher_for_booking : VoucherForBooking
-- The voucher a code names, case-insensitively (vouchers_code_key), and whether it may be
-- used now for a screening (its dates, its screening or movie, its currency); no row for an
-- unknown code.
-- vet: not null: usable, applies, reserves: comparisons and IS NULL tests
SELECT v.id, v.percent_off, v.amount_off, v.currency, v.ticket_types, v.max_uses_per_user,
       v.disabled_at IS NULL AS usable,
       v.reserved_seats IS NOT NULL AND v.screening_id = s.id AS reserves,
       (v.valid_from IS NULL OR v.valid_from <= now())
       AND (v.valid_until IS NULL OR now() < v.valid_until)
       AND (v.screening_id IS NULL OR v.screening_id = s.id)
       AND (v.movie_id IS NULL OR v.movie_id = s.movie_id)
       AND (v.currency IS NULL OR v.currency = s.currency) AS applies
FROM vouchers v, screenings s
WHERE upper(v.code) = upper(:code) AND s.id = :screening_id;

--! customer_voucher_uses
-- The bookings of a customer that hold a use of a voucher now (bookings_voucher_user_idx).
-- Run after bookable_screening has locked the customer, so that the customer's concurrent
-- bookings are counted one after the other.
-- vet: not null: count: count(*)
SELECT count(*)::int FROM bookings
WHERE voucher_id = :voucher_id AND user_id = :user_id AND status IN ('pending', 'confirmed');

--! claim_voucher_use
-- Counts a use of a voucher that is enabled and has one left, in one statement (primary
-- key): concurrent bookings wait on the row, and none passes max_uses (vouchers_uses_within
-- _max too). No row when none is left.
UPDATE vouchers SET uses = uses + 1
WHERE id = :id AND disabled_at IS NULL AND uses < max_uses
RETURNING id;

--! reserve_seats
-- Keeps these seats of the voucher's screening for it, if they are free and kept for no one
-- (screening_seats_pkey); their rows are locked already. screening_seats_mark_rows takes them
-- out of the free bitmaps. Affects as many rows as seats only if all were free.
UPDATE screening_seats x SET reserved_for = :voucher_id
FROM unnest(:row_indexes::smallint[], :numbers::smallint[]) AS w (row_index, number)
WHERE x.screening_id = :screening_id AND x.row_index = w.row_index AND x.number = w.number
  AND x.booking_id IS NULL AND x.reserved_for IS NULL AND NOT x.blocked;

--! lock_rows_of_reserved_seats
-- The rows holding seats kept for a voucher, locked in row order
-- (screening_seats_reserved_idx, screening_rows_pkey): what gives them back does this first.
SELECT r.row_index
FROM screening_rows r
WHERE r.screening_id = :screening_id AND r.row_index IN (
    SELECT x.row_index FROM screening_seats x
    WHERE x.screening_id = :screening_id AND x.reserved_for = :voucher_id)
ORDER BY r.row_index
FOR UPDATE OF r;

--! release_reserved_seats
-- Gives a disabled voucher's seats back to the sale (screening_seats_reserved_idx): those
-- no booking holds become free (screening_seats_mark_rows), those sold stay sold.
UPDATE screening_seats SET reserved_for = NULL
WHERE screening_id = :screening_id AND reserved_for = :voucher_id;

--! voucher_reserving
-- The enabled voucher a code names, case-insensitively (vouchers_code_key), if it keeps seats
-- of this screening: whose seats its holders see available on the seat map. No row otherwise.
SELECT id FROM vouchers
WHERE upper(code) = upper(:code) AND screening_id = :screening_id
  AND reserved_seats IS NOT NULL AND disabled_at IS NULL;
