--: Screening(child_price?, senior_price?, student_price?)

--! list_screenings (movie_id?, theater_id?, starts_from?, starts_before?) : Screening
-- A keyset page of screenings by id with optional filters (screenings_movie_id_idx,
-- screenings_theater_id_idx, screenings_starts_at_idx). The seats available are those on
-- sale less those held or sold now, counted from screening_seats_taken_idx: a lapsed hold
-- counts as free before the sweep clears it. `limit` is the page size plus one.
-- vet: not null: available_seats: an integer minus a count
SELECT s.id, s.movie_id, s.theater_id, s.starts_at, s.ends_at, s.price, s.child_price,
       s.senior_price, s.student_price, s.premium_surcharge, s.currency, s.total_seats,
       s.total_seats - (
           SELECT count(*) FROM screening_seats x
           WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL
             AND (x.held_until IS NULL OR x.held_until > now()))::int AS available_seats,
       s.version
FROM screenings s
WHERE s.id > :after
  AND (:movie_id::bigint IS NULL OR s.movie_id = :movie_id)
  AND (:theater_id::bigint IS NULL OR s.theater_id = :theater_id)
  AND (:starts_from::timestamptz IS NULL OR s.starts_at >= :starts_from)
  AND (:starts_before::timestamptz IS NULL OR s.starts_at < :starts_before)
ORDER BY s.id
LIMIT :limit;

--! get_screening : Screening
-- One screening by id, its seats counted as in list_screenings.
-- vet: not null: available_seats: an integer minus a count
SELECT s.id, s.movie_id, s.theater_id, s.starts_at, s.ends_at, s.price, s.child_price,
       s.senior_price, s.student_price, s.premium_surcharge, s.currency, s.total_seats,
       s.total_seats - (
           SELECT count(*) FROM screening_seats x
           WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL
             AND (x.held_until IS NULL OR x.held_until > now()))::int AS available_seats,
       s.version
FROM screenings s
WHERE s.id = :id;

--! insert_screening (child_price?, senior_price?, student_price?) : Screening
-- Schedules a movie in a theater and gives the screening its own copy of the theater's seats,
-- in one statement: ends_at follows from the movie's duration, the seats on sale from the
-- theater's capacity. No row when the movie or the theater does not exist; an overlap with
-- another screening of the theater violates screenings_no_overlap.
-- vet: not null: available_seats: a new screening has every seat on sale
WITH screening AS (
    INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, child_price,
                            senior_price, student_price, premium_surcharge, currency,
                            total_seats)
    SELECT m.id, t.id, :starts_at::timestamptz,
           :starts_at::timestamptz + make_interval(mins => m.duration_minutes),
           :price, :child_price, :senior_price, :student_price, :premium_surcharge,
           :currency, t.capacity
    FROM movies m, theaters t
    WHERE m.id = :movie_id AND t.id = :theater_id
    RETURNING id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price,
              student_price, premium_surcharge, currency, total_seats, version
), seats AS (
    INSERT INTO screening_seats (screening_id, row_index, number, category, blocked)
    SELECT s.id, ts.row_index, ts.number, ts.category, ts.blocked
    FROM screening s JOIN theater_seats ts ON ts.theater_id = s.theater_id
)
SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price,
       student_price, premium_surcharge, currency, total_seats, total_seats AS available_seats,
       version
FROM screening;
