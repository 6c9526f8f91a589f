-- The benchmark's data set, loaded into a migrated, empty database by bench/run.py.
-- psql variable: :password_hash, the argon2id hash every bench user gets.

-- 10,000 movies.
INSERT INTO movies (title, description, duration_minutes, rating, release_date)
SELECT 'Bench Movie ' || g, 'A movie for the benchmark.', 90 + g % 60,
       (ARRAY['G', 'PG', 'PG-13', 'R'])[1 + g % 4], date '2000-01-01' + g
FROM generate_series(1, 10000) AS g;

-- 100 theaters, and 200 screenings in each (20,000), three hours apart, from tomorrow on.
INSERT INTO theaters (name, city, capacity)
SELECT 'Bench Theater ' || g, 'Bench City', 10000
FROM generate_series(1, 100) AS g;

INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, currency,
                        total_seats, available_seats)
SELECT m.id, t.id, s.starts_at, s.starts_at + make_interval(mins => m.duration_minutes),
       1200, 'EUR', t.capacity, t.capacity
FROM (SELECT id, capacity, row_number() OVER (ORDER BY id) - 1 AS n FROM theaters) AS t
CROSS JOIN generate_series(0, 199) AS k
CROSS JOIN (SELECT min(id) AS first FROM movies) AS f
JOIN movies m ON m.id = f.first + (t.n * 200 + k) % 10000
CROSS JOIN LATERAL (
    SELECT date_trunc('day', now()) + interval '1 day' + k * interval '3 hours' AS starts_at
) AS s;

-- The booking scenarios' screenings, in a theater of their own: 100 with a million seats
-- each for the spread, one with a hundred million for the hot one (seats are reset between
-- runs). They bypass the theater's capacity on purpose: a run books more than 10,000 seats.
INSERT INTO theaters (name, city, capacity) VALUES ('Bench Booking Hall', 'Bench City', 10000);
INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, currency,
                        total_seats, available_seats)
SELECT (SELECT min(id) FROM movies), t.id,
       now() + interval '400 days' + g * interval '3 hours',
       now() + interval '400 days' + g * interval '3 hours' + interval '2 hours',
       1200, 'EUR', seats, seats
FROM (SELECT id FROM theaters WHERE name = 'Bench Booking Hall') AS t,
     generate_series(1, 101) AS g,
     LATERAL (SELECT CASE WHEN g = 101 THEN 100000000 ELSE 1000000 END AS seats) AS s;

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

-- 20,000 finished bookings of the regular screenings (expired or cancelled holds).
INSERT INTO bookings (user_id, screening_id, seats, amount, currency, status, expires_at,
                      created_at)
SELECT u.id, s.id, 1 + (u.id + k) % 4, 1200 * (1 + (u.id + k) % 4), 'EUR',
       (ARRAY['expired', 'cancelled']::booking_status[])[1 + k % 2],
       now() - interval '1 day', now() - interval '1 day' - k * interval '1 minute'
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users
      WHERE username LIKE 'bench%') AS u
CROSS JOIN generate_series(1, 20) AS k
JOIN screenings s ON s.id = (SELECT min(id) FROM screenings) + (u.n * 20 + k) % 20000;

-- 2,000 paid bookings, each with its payment through a real ledger transfer.
WITH paid AS (
    INSERT INTO bookings (user_id, screening_id, seats, amount, currency, status, expires_at)
    SELECT u.id, (SELECT min(id) FROM screenings) + (u.n * 2 + k) % 20000, 1, 1200, 'EUR',
           'confirmed', now() + interval '10 minutes'
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users
          WHERE username LIKE 'bench%') AS u
    CROSS JOIN generate_series(1, 2) AS k
    RETURNING id, user_id, amount
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

VACUUM ANALYZE;
