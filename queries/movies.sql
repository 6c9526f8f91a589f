--: Movie(release_date?)

--! list_movies (q?) : Movie
-- A keyset page of movies by id, optionally only those whose title contains `q`
-- case-insensitively (movies_title_trgm_idx). `limit` is the page size plus one.
SELECT id, title, description, duration_minutes, rating, release_date
FROM movies
WHERE id > :after
  AND (:q::text IS NULL
       OR title ILIKE '%' || replace(replace(replace(:q, '\', '\\'), '%', '\%'), '_', '\_') || '%')
ORDER BY id
LIMIT :limit;

--! get_movie : Movie
-- One movie by id (primary key).
SELECT id, title, description, duration_minutes, rating, release_date
FROM movies
WHERE id = :id;

--! insert_movie (release_date?) : Movie
INSERT INTO movies (title, description, duration_minutes, rating, release_date)
VALUES (:title, :description, :duration_minutes, :rating, :release_date)
RETURNING id, title, description, duration_minutes, rating, release_date;

--! update_movie (title?, description?, duration_minutes?, rating?, release_date?) : Movie
-- Partial update: a null parameter keeps the column, except release_date, which is replaced
-- whenever `set_release_date` is true (so it can be cleared).
UPDATE movies
SET title            = coalesce(:title, title),
    description      = coalesce(:description, description),
    duration_minutes = coalesce(:duration_minutes, duration_minutes),
    rating           = coalesce(:rating, rating),
    release_date     = CASE WHEN :set_release_date THEN :release_date ELSE release_date END
WHERE id = :id
RETURNING id, title, description, duration_minutes, rating, release_date;

--! delete_movie
-- Fails with a foreign-key violation while the movie has screenings.
DELETE FROM movies WHERE id = :id;
