-- Reviews of movies, and the discussion under each.

CREATE TABLE reviews (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    movie_id   bigint      NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating     smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One review per user per movie.
CREATE UNIQUE INDEX reviews_movie_id_user_id_key ON reviews (movie_id, user_id);
-- Serves a movie's reviews newest first (keyset on id), and its count and average rating
-- from the index alone.
CREATE INDEX reviews_movie_id_idx ON reviews (movie_id, id) INCLUDE (rating);
-- Serves the ON DELETE CASCADE from users.
CREATE INDEX reviews_user_id_idx ON reviews (user_id);

CREATE TABLE messages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    review_id  bigint      NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Serves a review's discussion oldest first (keyset on id) and the cascade from reviews.
CREATE INDEX messages_review_id_idx ON messages (review_id, id);
-- Serves the ON DELETE CASCADE from users.
CREATE INDEX messages_user_id_idx ON messages (user_id);

-- Movies as clients see them: with the number of reviews and their average rating (null
-- without reviews), read from reviews_movie_id_idx alone.
CREATE VIEW movies_rated AS
SELECT m.id, m.title, m.description, m.duration_minutes, m.rating, m.release_date,
       stats.review_count, stats.average_rating
FROM movies m
CROSS JOIN LATERAL (
    SELECT count(*) AS review_count, avg(r.rating)::float8 AS average_rating
    FROM reviews r
    WHERE r.movie_id = m.id
) stats;
