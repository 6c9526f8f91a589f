-- The reports' data set, loaded into a migrated, empty database by bench/reports.py: :days
-- days of sales, up to yesterday, of 20 screens showing 5 screenings a day (36,500 screenings
-- in a year) of 150 movies, each screening selling 10-100 seats (about 55 on average: some
-- 2 million seats a year) in bookings of up to 10, one seat in 30 given back later. The
-- sales are written straight into `sales`, as its triggers would have written them; the
-- bookings exist for the foreign key.

INSERT INTO movies (title, description, duration_minutes, rating)
SELECT 'Report Movie ' || g, 'A movie for the reports benchmark.', 90 + g % 60, 'PG'
FROM generate_series(1, 150) AS g;

-- Screens without seat rows: the reports read sales, not seats.
INSERT INTO theaters (name, city, capacity)
SELECT 'Report Screen ' || g, 'Bench City', 120
FROM generate_series(1, 20) AS g;

INSERT INTO film_hire_terms (movie_id, percent_hundredths, minimum_per_screening)
SELECT id, 3500 + (id % 4) * 500, 5000 FROM movies WHERE id % 3 <> 0;

INSERT INTO users (username, email, full_name, password_hash)
VALUES ('reportbuyer', 'reportbuyer@example.com', 'Report Buyer', '$argon2id$unusable');

-- Five a day per screen, at 11:00, 14:00, 17:00, 20:00 and 23:00 UTC, for :days days.
INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, child_price,
                        currency, total_seats)
SELECT m.first + (d * 7 + t.n * 3 + k) % 150, t.id, s.starts_at,
       s.starts_at + interval '150 minutes', 1200, 800, 'EUR', 120
FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM theaters
      WHERE name LIKE 'Report Screen %') AS t
CROSS JOIN generate_series(1, :days) AS d
CROSS JOIN generate_series(0, 4) AS k
CROSS JOIN (SELECT min(id) AS first FROM movies WHERE title LIKE 'Report Movie %') AS m
CROSS JOIN LATERAL (
    SELECT date_trunc('day', now()) - d * interval '1 day' + interval '11 hours'
           + k * interval '3 hours' AS starts_at
) AS s;

-- Each screening's sales, in bookings of up to 10 seats.
CREATE TEMPORARY TABLE sold AS
SELECT s.id AS screening_id, s.movie_id, s.theater_id, s.starts_at,
       10 + (hashint4(s.id::int) & 2147483647) % 91 AS seats
FROM screenings s JOIN theaters t ON t.id = s.theater_id
WHERE t.name LIKE 'Report Screen %';

CREATE TEMPORARY TABLE report_bookings AS
SELECT screening_id, movie_id, theater_id, starts_at, b AS part,
       least(10, seats - b * 10) AS seats
FROM sold CROSS JOIN LATERAL generate_series(0, (seats - 1) / 10) AS b;

ALTER TABLE report_bookings ADD COLUMN booking_id bigint;
WITH made AS (
    INSERT INTO bookings (user_id, screening_id, seats, amount, currency, status, expires_at,
                          created_at)
    SELECT (SELECT id FROM users WHERE username = 'reportbuyer'), screening_id, seats,
           seats * 1200, 'EUR', 'confirmed', starts_at, starts_at - interval '2 days'
    FROM report_bookings
    ORDER BY screening_id, part
    RETURNING id, screening_id, created_at
)
UPDATE report_bookings r SET booking_id = made.id
FROM (SELECT id, screening_id, row_number() OVER (PARTITION BY screening_id ORDER BY id) - 1
             AS part
      FROM made) AS made
WHERE made.screening_id = r.screening_id AND made.part = r.part;

-- A sale per seat, from two weeks to an hour before the start; an adult in three, children
-- and seniors the rest; a third paid by card.
INSERT INTO sales (kind, at, booking_id, screening_id, movie_id, theater_id,
                   screening_starts_at, ticket_type, payment_method, currency, tickets, gross,
                   refund)
SELECT 'sale',
       r.starts_at - interval '1 hour'
           - ((hashint4((r.booking_id * 16 + n)::int) & 2147483647) % 336) * interval '1 hour',
       r.booking_id, r.screening_id, r.movie_id, r.theater_id, r.starts_at,
       (ARRAY['adult', 'adult', 'child', 'senior']::ticket_type[])[1 + n % 4],
       (ARRAY['wallet', 'wallet', 'card']::payment_method[])[1 + r.booking_id % 3],
       'EUR', 1, CASE n % 4 WHEN 2 THEN 800 WHEN 3 THEN 950 ELSE 1200 END, 0
FROM report_bookings r CROSS JOIN LATERAL generate_series(1, r.seats) AS n;

-- One seat in 30 given back a day after its sale.
INSERT INTO sales (kind, at, booking_id, screening_id, movie_id, theater_id,
                   screening_starts_at, ticket_type, payment_method, currency, tickets, gross,
                   refund)
SELECT 'refund', at + interval '1 day', booking_id, screening_id, movie_id, theater_id,
       screening_starts_at, ticket_type, payment_method, currency, -1, 0, gross
FROM sales
WHERE kind = 'sale' AND id % 30 = 0;

VACUUM ANALYZE;
