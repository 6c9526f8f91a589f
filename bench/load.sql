-- The benchmark's data set, loaded into a migrated, empty database by bench/run.py.
-- psql variable: :password_hash, the argon2id hash every bench user gets.

-- 10,000 movies.
INSERT INTO movies (title, description, duration_minutes, rating, release_date)
SELECT 'Bench Movie ' || g, 'A movie for the benchmark.', 90 + g % 60,
       (ARRAY['G', 'PG', 'PG-13', 'R'])[1 + g % 4], date '2000-01-01' + g
FROM generate_series(1, 10000) AS g;

-- 100 theaters of 300 seats (rows A-O of 20), and 50 screenings in each (5,000), three
-- hours apart, from tomorrow on, each with its 300 seats (1.5 million screening seats).
INSERT INTO theaters (name, city, capacity)
SELECT 'Bench Theater ' || g, 'Bench City', 300
FROM generate_series(1, 100) AS g;
INSERT INTO theater_rows (theater_id, row_index, label, seats)
SELECT t.id, r, row_label(r), 20 FROM theaters t, generate_series(1, 15) AS r;
INSERT INTO theater_seats (theater_id, row_index, number)
SELECT r.theater_id, r.row_index, n FROM theater_rows r, generate_series(1, r.seats) AS n;

INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, child_price,
                        currency, total_seats)
SELECT m.id, t.id, s.starts_at, s.starts_at + make_interval(mins => m.duration_minutes),
       1200, 800, 'EUR', t.capacity
FROM (SELECT id, capacity, row_number() OVER (ORDER BY id) - 1 AS n FROM theaters) AS t
CROSS JOIN generate_series(0, 49) AS k
CROSS JOIN (SELECT min(id) AS first FROM movies) AS f
JOIN movies m ON m.id = f.first + (t.n * 50 + k) % 10000
CROSS JOIN LATERAL (
    SELECT date_trunc('day', now()) + interval '1 day' + k * interval '3 hours' AS starts_at
) AS s;

-- The booking scenarios' halls, larger than any cinema so that a run of the benchmark does
-- not sell them out (seats are reset between runs): 100 screenings of a 5,000-seat hall (50
-- rows of 100) for the spread, one of a 40,000-seat hall (200 rows of 200) for the hot
-- screening. The 500-seat auditorium of the seat-map scenario: rows A-T of 25, premium seats
-- in the middle of rows M-P, wheelchair spaces and companion seats at the ends of row A, two
-- seats blocked. And a 300-seat hall (rows A-O of 20) for the sell-out. The first two bypass
-- the API's layout limits (60 x 60) on purpose.
INSERT INTO theaters (name, city, capacity) VALUES
    ('Bench Spread Hall', 'Bench City', 5000),
    ('Bench Hot Hall', 'Bench City', 10000),
    ('Bench Map Hall', 'Bench City', 498),
    ('Bench Sellout Hall', 'Bench City', 300);
INSERT INTO theater_rows (theater_id, row_index, label, seats)
SELECT t.id, r, row_label(r), d.seats
FROM theaters t
JOIN (VALUES ('Bench Spread Hall', 50, 100), ('Bench Hot Hall', 200, 200),
             ('Bench Map Hall', 20, 25), ('Bench Sellout Hall', 15, 20))
    AS d (name, rows, seats) ON d.name = t.name
CROSS JOIN LATERAL generate_series(1, d.rows) AS r;
INSERT INTO theater_seats (theater_id, row_index, number, category, blocked)
SELECT r.theater_id, r.row_index, n,
       CASE WHEN t.name <> 'Bench Map Hall' THEN 'standard'
            WHEN r.row_index = 1 AND n IN (1, 25) THEN 'wheelchair'
            WHEN r.row_index = 1 AND n IN (2, 24) THEN 'companion'
            WHEN r.row_index BETWEEN 13 AND 16 AND n BETWEEN 6 AND 20 THEN 'premium'
            ELSE 'standard' END::seat_category,
       t.name = 'Bench Map Hall' AND r.row_index = 20 AND n IN (12, 13)
FROM theater_rows r JOIN theaters t ON t.id = r.theater_id
CROSS JOIN LATERAL generate_series(1, r.seats) AS n
WHERE t.name LIKE 'Bench % Hall';
INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, child_price,
                        premium_surcharge, currency, total_seats)
SELECT (SELECT min(id) FROM movies), t.id,
       now() + interval '400 days' + g * interval '3 hours',
       now() + interval '400 days' + g * interval '3 hours' + interval '2 hours',
       1200, 800, 300, 'EUR', (SELECT count(*) FROM theater_seats x
                              WHERE x.theater_id = t.id AND NOT x.blocked)
FROM theaters t
CROSS JOIN LATERAL generate_series(1, CASE t.name WHEN 'Bench Spread Hall' THEN 100 ELSE 1 END)
    AS g
WHERE t.name LIKE 'Bench % Hall';

INSERT INTO screening_seats (screening_id, row_index, number, category, blocked)
SELECT s.id, ts.row_index, ts.number, ts.category, ts.blocked
FROM screenings s JOIN theater_seats ts ON ts.theater_id = s.theater_id;

-- 1,000 users, each with a EUR wallet funded with 1,000,000.00 from the cash account,
-- through real transfers and entries so that the ledger balances (the entries move the
-- balances themselves: migrations/000009_ledger_guards.up.sql).
INSERT INTO users (username, email, full_name, password_hash)
SELECT format('bench%s', lpad(g::text, 4, '0')), format('bench%s@example.com', g),
       'Bench User ' || g, :'password_hash'
FROM generate_series(1, 1000) AS g;

INSERT INTO accounts (kind, owner_id, currency)
SELECT 'user', id, 'EUR' FROM users WHERE username LIKE 'bench%' ORDER BY id;
-- And empty wallets in two more currencies, as travellers have.
INSERT INTO accounts (kind, owner_id, currency)
SELECT 'user', u.id, c.code
FROM users u CROSS JOIN (VALUES ('USD'), ('GBP')) AS c (code)
WHERE u.username LIKE 'bench%';

WITH cash AS (
    SELECT id FROM accounts WHERE kind = 'cash' AND currency = 'EUR'
), funded AS (
    INSERT INTO transfers (from_account_id, to_account_id, amount, currency)
    SELECT cash.id, a.id, 100000000, 'EUR'
    FROM accounts a, cash
    WHERE a.kind = 'user' AND a.currency = 'EUR'
    RETURNING id, from_account_id, to_account_id, amount
)
INSERT INTO entries (account_id, transfer_id, amount)
SELECT from_account_id, id, -amount FROM funded
UNION ALL
SELECT to_account_id, id, amount FROM funded;

-- History, so that every table the service reads has production-like sizes and statistics
-- (`just vet` plans every named query against this data set). The benchmark's runs start by
-- deleting what they write to (bookings, payments, sessions, idempotency keys).

-- 20,000 sessions, 20 per bench user: one family each, the older ones rotated (revoked).
INSERT INTO sessions (user_id, refresh_token_hash, expires_at, revoked_at, created_at,
                      family_id)
SELECT u.id, sha256(convert_to('bench-session-' || u.id || '-' || k, 'UTF8')),
       now() + (k - 12) * interval '1 day',
       CASE WHEN k < 20 THEN now() - (20 - k) * interval '1 hour' END,
       now() - (20 - k) * interval '1 day',
       nextval('session_families')
FROM users u CROSS JOIN generate_series(1, 20) AS k
WHERE u.username LIKE 'bench%';

-- 20,000 finished bookings of the regular screenings (expired or cancelled holds), each
-- with its items: the seats it had, in row 1 + k % 15.
INSERT INTO bookings (user_id, screening_id, seats, amount, currency, status, expires_at,
                      created_at)
SELECT u.id, s.id, 1 + (u.id + k) % 4, 1200 * (1 + (u.id + k) % 4), 'EUR',
       (ARRAY['expired', 'cancelled']::booking_status[])[1 + k % 2],
       now() - interval '1 day', now() - interval '1 day' - k * interval '1 minute'
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users
      WHERE username LIKE 'bench%') AS u
CROSS JOIN generate_series(1, 20) AS k
JOIN screenings s ON s.id = (SELECT min(id) FROM screenings) + (u.n * 20 + k) % 5000;
INSERT INTO booking_items (booking_id, screening_id, row_index, number, seat_label, category,
                           ticket_type, amount)
SELECT b.id, b.screening_id, 1 + b.id % 15, n, row_label(1 + (b.id % 15)::int) || n, 'standard',
       'adult', 1200
FROM bookings b CROSS JOIN LATERAL generate_series(1, b.seats) AS n;

-- 2,000 paid bookings of distinct screenings, each of seat A1 with its item, and its payment
-- through a real ledger transfer.
WITH paid AS (
    INSERT INTO bookings (user_id, screening_id, seats, amount, currency, status, expires_at)
    SELECT u.id, (SELECT min(id) FROM screenings) + (u.n * 2 + k) % 5000, 1, 1200, 'EUR',
           'confirmed', now() + interval '10 minutes'
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users
          WHERE username LIKE 'bench%') AS u
    CROSS JOIN generate_series(1, 2) AS k
    RETURNING id, user_id, screening_id, amount
), sold AS (
    UPDATE screening_seats x SET booking_id = paid.id
    FROM paid
    WHERE x.screening_id = paid.screening_id AND x.row_index = 1 AND x.number = 1
), items AS (
    INSERT INTO booking_items (booking_id, screening_id, row_index, number, seat_label,
                               category, ticket_type, amount)
    SELECT id, screening_id, 1, 1, 'A1', 'standard', 'adult', amount FROM paid
), moved AS (
    SELECT paid.id AS booking_id, a.id AS account_id, paid.amount, t.id AS transfer_id
    FROM paid
    JOIN accounts a ON a.owner_id = paid.user_id AND a.currency = 'EUR'
    CROSS JOIN LATERAL post_transfer(
        a.id, (SELECT id FROM accounts WHERE kind = 'revenue' AND currency = 'EUR'),
        paid.amount, 'EUR') AS t
)
INSERT INTO payments (booking_id, account_id, transfer_id, amount, currency)
SELECT booking_id, account_id, transfer_id, amount, 'EUR' FROM moved;

-- Tickets: one per seat of each paid booking, and of the cancelled history bookings (as if
-- paid, then given back: void), about 27,000.
INSERT INTO tickets (booking_id, row_index, number, screening_id, seat_label, ticket_type,
                     voided_at)
SELECT i.booking_id, i.row_index, i.number, i.screening_id, i.seat_label, i.ticket_type,
       CASE WHEN b.status = 'cancelled' THEN now() - interval '1 day' END
FROM booking_items i
JOIN bookings b ON b.id = i.booking_id
WHERE b.status IN ('confirmed', 'cancelled');

-- 20,000 idempotency keys of the last two days.
INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, response_status,
                              response_body, created_at)
SELECT u.id, 'bench-key-' || k, '\x00', 201, '{}', now() - k * interval '2 hours'
FROM users u CROSS JOIN generate_series(1, 20) AS k
WHERE u.username LIKE 'bench%';

-- Concessions: the products on sale, and 20,000 orders.
INSERT INTO products (sku, name, price, currency) VALUES
    ('BENCH-POPCORN', 'Popcorn', 650, 'EUR'), ('BENCH-SODA', 'Soda', 350, 'EUR');
INSERT INTO orders (user_id, product_id, sku, quantity, note, unit_price, currency, status)
SELECT u.id, p.id, p.sku, 1 + k % 3, '', p.price, 'EUR',
       (ARRAY['pending', 'confirmed', 'cancelled']::order_status[])[1 + k % 3]
FROM users u CROSS JOIN generate_series(1, 20) AS k
JOIN products p ON p.sku = (ARRAY['BENCH-POPCORN', 'BENCH-SODA'])[1 + k % 2]
WHERE u.username LIKE 'bench%';

-- 20,000 reviews (each bench user reviews 20 movies) and a message under each.
INSERT INTO reviews (movie_id, user_id, rating, body)
SELECT (SELECT min(id) FROM movies) + (u.n * 20 + k) % 10000, u.id, 1 + (u.n + k) % 5,
       'A review for the benchmark.'
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users
      WHERE username LIKE 'bench%') AS u
CROSS JOIN generate_series(1, 20) AS k;
INSERT INTO messages (review_id, user_id, body)
SELECT id, user_id, 'A reply for the benchmark.' FROM reviews;

-- The reports' history (the paid bookings above wrote their own sales, by trigger): the
-- finished bookings' seats as if sold over the past year, every tenth given back, so that
-- the reports' plans meet a sales table of some size.
INSERT INTO sales (kind, at, booking_id, screening_id, movie_id, theater_id,
                   screening_starts_at, ticket_type, payment_method, currency, tickets, gross,
                   refund)
SELECT 'sale', now() - (b.id % 365) * interval '1 day', b.id, s.id, s.movie_id, s.theater_id,
       s.starts_at, i.ticket_type, (ARRAY['wallet', 'card']::payment_method[])[1 + b.id % 2],
       b.currency, 1, i.amount, 0
FROM bookings b
JOIN screenings s ON s.id = b.screening_id
JOIN booking_items i ON i.booking_id = b.id
WHERE b.status <> 'confirmed';
INSERT INTO sales (kind, at, booking_id, screening_id, movie_id, theater_id,
                   screening_starts_at, ticket_type, payment_method, currency, tickets, gross,
                   refund)
SELECT 'refund', at + interval '1 hour', booking_id, screening_id, movie_id, theater_id,
       screening_starts_at, ticket_type, payment_method, currency, -1, 0, gross
FROM sales
WHERE kind = 'sale' AND id % 10 = 0;

VACUUM ANALYZE;
