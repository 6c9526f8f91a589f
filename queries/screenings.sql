--: Screening()

--! list_screenings (movie_id?, theater_id?, starts_from?, starts_before?) : Screening
-- vet: not null: id, movie_id, theater_id, starts_at, ends_at, price, currency, total_seats, available_seats: screenings_now passes screenings' NOT NULL columns through, and adds a coalesce(…, 0)
-- A keyset page of screenings by id with optional filters (screenings_movie_id_idx,
-- screenings_theater_id_idx, screenings_starts_at_idx), seats counted as in screenings_now.
-- `limit` is the page size plus one.
SELECT id, movie_id, theater_id, starts_at, ends_at, price, currency, total_seats, available_seats
FROM screenings_now
WHERE id > :after
  AND (:movie_id::bigint IS NULL OR movie_id = :movie_id)
  AND (:theater_id::bigint IS NULL OR theater_id = :theater_id)
  AND (:starts_from::timestamptz IS NULL OR starts_at >= :starts_from)
  AND (:starts_before::timestamptz IS NULL OR starts_at < :starts_before)
ORDER BY id
LIMIT :limit;

--! get_screening : Screening
-- vet: not null: id, movie_id, theater_id, starts_at, ends_at, price, currency, total_seats, available_seats: screenings_now passes screenings' NOT NULL columns through, and adds a coalesce(…, 0)
-- One screening by id, seats counted as in screenings_now.
SELECT id, movie_id, theater_id, starts_at, ends_at, price, currency, total_seats, available_seats
FROM screenings_now
WHERE id = :id;

--! insert_screening : Screening
-- Schedules a movie in a theater: ends_at follows from the movie's duration and the seats from
-- the theater's capacity. No row when the movie or the theater does not exist; an overlap with
-- another screening of the theater violates screenings_no_overlap.
INSERT INTO screenings (movie_id, theater_id, starts_at, ends_at, price, currency,
                        total_seats, available_seats)
SELECT m.id, t.id, :starts_at::timestamptz, :starts_at::timestamptz + make_interval(mins => m.duration_minutes),
       :price, :currency, t.capacity, t.capacity
FROM movies m, theaters t
WHERE m.id = :movie_id AND t.id = :theater_id
RETURNING id, movie_id, theater_id, starts_at, ends_at, price, currency, total_seats,
          available_seats;
