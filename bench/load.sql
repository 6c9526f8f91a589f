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
SELECT 'user', id, 'EUR' FROM users WHERE username LIKE 'bench%';

WITH cash AS (
    SELECT id FROM accounts WHERE kind = 'cash' AND currency = 'EUR'
), funded AS (
    INSERT INTO transfers (from_account_id, to_account_id, amount, currency)
    SELECT cash.id, a.id, 100000000, 'EUR'
    FROM accounts a, cash
    WHERE a.kind = 'user'
    RETURNING id, from_account_id, to_account_id, amount
)
INSERT INTO entries (account_id, transfer_id, amount)
SELECT from_account_id, id, -amount FROM funded
UNION ALL
SELECT to_account_id, id, amount FROM funded;

VACUUM ANALYZE;
