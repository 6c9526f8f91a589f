--: Voucher(percent_off?, amount_off?, currency?, ticket_types?, movie_id?, screening_id?, valid_from?, valid_until?, max_uses_per_user?, disabled_at?)
--: VoucherForBooking(percent_off?, amount_off?, currency?, ticket_types?, max_uses_per_user?)

--! insert_voucher (percent_off?, amount_off?, currency?, ticket_types?, movie_id?, screening_id?, valid_from?, valid_until?, max_uses_per_user?) : Voucher
-- A new voucher; a code taken already (in any case) fails vouchers_code_key.
INSERT INTO vouchers (code, percent_off, amount_off, currency, ticket_types, movie_id,
                      screening_id, valid_from, valid_until, max_uses, max_uses_per_user)
VALUES (:code, :percent_off, :amount_off, :currency, :ticket_types, :movie_id, :screening_id,
        :valid_from, :valid_until, :max_uses, :max_uses_per_user)
RETURNING id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id,
          valid_from, valid_until, max_uses, max_uses_per_user, uses, disabled_at, created_at;

--! list_vouchers : Voucher
-- A keyset page of vouchers by id (primary key); `limit` is the page size plus one.
SELECT id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id,
       valid_from, valid_until, max_uses, max_uses_per_user, uses, disabled_at, created_at
FROM vouchers
WHERE id > :after
ORDER BY id
LIMIT :limit;

--! get_voucher : Voucher
-- One voucher (primary key).
SELECT id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id,
       valid_from, valid_until, max_uses, max_uses_per_user, uses, disabled_at, created_at
FROM vouchers
WHERE id = :id;

--! disable_voucher : Voucher
-- Disables a voucher (once: the first time is kept); bookings made with it keep their
-- discounts (primary key).
UPDATE vouchers SET disabled_at = coalesce(disabled_at, now())
WHERE id = :id
RETURNING id, code, percent_off, amount_off, currency, ticket_types, movie_id, screening_id,
          valid_from, valid_until, max_uses, max_uses_per_user, uses, disabled_at, created_at;

--! voucher_for_booking : VoucherForBooking
-- The voucher a code names, case-insensitively (vouchers_code_key), and whether it may be
-- used now for a screening (its dates, its screening or movie, its currency); no row for an
-- unknown code.
-- vet: not null: usable, applies: comparisons and IS NULL tests
SELECT v.id, v.percent_off, v.amount_off, v.currency, v.ticket_types, v.max_uses_per_user,
       v.disabled_at IS NULL AS usable,
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
