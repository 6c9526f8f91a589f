--: Screening(child_price?, senior_price?, student_price?)

--! list_screenings_of_movie (theater_id?, starts_from?, starts_before?) : Screening
-- A keyset page of one movie's screenings by id, with optional filters, from
-- screenings_movie_id_idx (movie_id, id). The movie is not optional here, unlike in
-- list_screenings, so that the plan PostgreSQL caches for the prepared statement uses that
-- index instead of being planned again at every call (BENCHMARKS.md). `limit` is the page
-- size plus one.
-- vet: not null: available_seats: an integer minus a count
-- vet: not null: id, movie_id, theater_id, starts_at, ends_at, price, premium_surcharge, currency, total_seats, version: screenings' NOT NULL columns through screenings_with_availability
SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price,
       student_price, premium_surcharge, currency, total_seats, available_seats, version
FROM screenings_with_availability
WHERE movie_id = :movie_id AND id > :after
  AND (:theater_id::bigint IS NULL OR theater_id = :theater_id)
  AND (:starts_from::timestamptz IS NULL OR starts_at >= :starts_from)
  AND (:starts_before::timestamptz IS NULL OR starts_at < :starts_before)
ORDER BY id
LIMIT :limit;

--! list_screenings_in_theater (starts_from?, starts_before?) : Screening
-- As list_screenings_of_movie, for one theater's screenings, from screenings_theater_id_idx
-- (theater_id, id).
-- vet: not null: available_seats: an integer minus a count
-- vet: not null: id, movie_id, theater_id, starts_at, ends_at, price, premium_surcharge, currency, total_seats, version: screenings' NOT NULL columns through screenings_with_availability
SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price,
       student_price, premium_surcharge, currency, total_seats, available_seats, version
FROM screenings_with_availability
WHERE theater_id = :theater_id AND id > :after
  AND (:starts_from::timestamptz IS NULL OR starts_at >= :starts_from)
  AND (:starts_before::timestamptz IS NULL OR starts_at < :starts_before)
ORDER BY id
LIMIT :limit;

--! list_screenings (starts_from?, starts_before?) : Screening
-- A keyset page of every screening by id (the primary key), optionally starting within
-- [starts_from, starts_before). `limit` is the page size plus one.
-- vet: not null: available_seats: an integer minus a count
-- vet: not null: id, movie_id, theater_id, starts_at, ends_at, price, premium_surcharge, currency, total_seats, version: screenings' NOT NULL columns through screenings_with_availability
-- vet: allow optional filter: the whole programme in id order, a page at a time; a time range only thins it (screenings_starts_at_idx cannot give id order). Browsing by movie or theater has its own indexed query
SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price,
       student_price, premium_surcharge, currency, total_seats, available_seats, version
FROM screenings_with_availability
WHERE id > :after
  AND (:starts_from::timestamptz IS NULL OR starts_at >= :starts_from)
  AND (:starts_before::timestamptz IS NULL OR starts_at < :starts_before)
ORDER BY id
LIMIT :limit;

--! get_screening : Screening
-- One screening by id, its seats counted as in the lists.
-- vet: not null: available_seats: an integer minus a count
-- vet: not null: id, movie_id, theater_id, starts_at, ends_at, price, premium_surcharge, currency, total_seats, version: screenings' NOT NULL columns through screenings_with_availability
SELECT id, movie_id, theater_id, starts_at, ends_at, price, child_price, senior_price,
       student_price, premium_surcharge, currency, total_seats, available_seats, version
FROM screenings_with_availability
WHERE id = :id;

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
