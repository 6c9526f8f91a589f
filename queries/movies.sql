--: Movie(release_date?, average_rating?)

--! list_movies : Movie
-- vet: not null: id, title, description, duration_minutes, rating, review_count, version: movies_rated passes movies' NOT NULL columns through, and count(*) is never null
-- A keyset page of movies by id (primary key), with their review statistics (movies_rated).
-- `limit` is the page size plus one.
SELECT id, title, description, duration_minutes, rating, release_date, review_count,
       average_rating, version
FROM movies_rated
WHERE id > :after
ORDER BY id
LIMIT :limit;

--! search_movies : Movie
-- vet: not null: id, title, description, duration_minutes, rating, review_count, version: movies_rated passes movies' NOT NULL columns through, and count(*) is never null
-- As list_movies, only those whose title contains `q` case-insensitively: a selective
-- pattern is found through movies_title_trgm_idx, a common one by walking the primary key
-- until a page is filled (PostgreSQL plans a search for its pattern). A query of its own
-- rather than an optional filter of list_movies, whose plan has no filter to evaluate.
SELECT id, title, description, duration_minutes, rating, release_date, review_count,
       average_rating, version
FROM movies_rated
WHERE title ILIKE '%' || replace(replace(replace(:q, '\', '\\'), '%', '\%'), '_', '\_') || '%'
  AND id > :after
ORDER BY id
LIMIT :limit;

--! get_movie : Movie
-- vet: not null: id, title, description, duration_minutes, rating, review_count, version: movies_rated passes movies' NOT NULL columns through, and count(*) is never null
-- One movie by id (primary key), with its review statistics (movies_rated).
SELECT id, title, description, duration_minutes, rating, release_date, review_count,
       average_rating, version
FROM movies_rated
WHERE id = :id;

--! insert_movie (release_date?) : Movie
-- vet: not null: review_count: a literal 0
-- A new movie has no reviews yet.
INSERT INTO movies (title, description, duration_minutes, rating, release_date)
VALUES (:title, :description, :duration_minutes, :rating, :release_date)
RETURNING id, title, description, duration_minutes, rating, release_date,
          0::bigint AS review_count, NULL::float8 AS average_rating, version;

--! update_movie (title?, description?, duration_minutes?, rating?, release_date?) : Movie
-- vet: not null: review_count: count(*) is never null
-- Partial update: a null parameter keeps the column, except release_date, which is replaced
-- whenever `set_release_date` is true (so it can be cleared). Returns the movie as
-- movies_rated shows it.
WITH updated AS (
    UPDATE movies
    SET title            = coalesce(:title, title),
        description      = coalesce(:description, description),
        duration_minutes = coalesce(:duration_minutes, duration_minutes),
        rating           = coalesce(:rating, rating),
        release_date     = CASE WHEN :set_release_date THEN :release_date ELSE release_date END
    WHERE id = :id
    RETURNING id, title, description, duration_minutes, rating, release_date, version
)
SELECT u.id, u.title, u.description, u.duration_minutes, u.rating, u.release_date,
       stats.review_count, stats.average_rating, u.version
FROM updated u
CROSS JOIN LATERAL (
    SELECT count(*) AS review_count, avg(r.rating)::float8 AS average_rating
    FROM reviews r WHERE r.movie_id = u.id
) stats;

--! movie_version
-- A movie's version (primary key), to answer a conditional GET without reading the movie:
-- it changes whenever the movie or its reviews do (migrations/000017).
SELECT version FROM movies WHERE id = :id;

--! delete_movie
-- Fails with a foreign-key violation while the movie has screenings; its reviews go with it.
DELETE FROM movies WHERE id = :id;

--! set_film_hire
-- Sets a movie's film hire terms, replacing any it had (film_hire_terms_pkey).
INSERT INTO film_hire_terms (movie_id, percent_hundredths, minimum_per_screening)
VALUES (:movie_id, :percent_hundredths, :minimum_per_screening)
ON CONFLICT (movie_id) DO UPDATE
SET percent_hundredths = EXCLUDED.percent_hundredths,
    minimum_per_screening = EXCLUDED.minimum_per_screening;

--! clear_film_hire
-- Removes a movie's film hire terms, if it has any (film_hire_terms_pkey).
DELETE FROM film_hire_terms WHERE movie_id = :movie_id;
