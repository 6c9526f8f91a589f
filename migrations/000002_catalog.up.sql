-- The catalog: movies, theaters and the screenings of movies in theaters.

-- Exclusion constraints mixing = on bigint with && on ranges need btree_gist;
-- the substring search on titles uses trigram indexes.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE movies (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title            text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description      text        NOT NULL CHECK (length(description) <= 5000),
    duration_minutes integer     NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
    -- MPAA ratings, plus NR for "not rated".
    rating           text        NOT NULL CHECK (rating IN ('G', 'PG', 'PG-13', 'R', 'NC-17', 'NR')),
    release_date     date,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- Serves `GET /v1/movies?q=`: case-insensitive substring match on the title.
CREATE INDEX movies_title_trgm_idx ON movies USING gin (title gin_trgm_ops);

CREATE TABLE theaters (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    city       text        NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
    capacity   integer     NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE screenings (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- No ON DELETE: a movie or theater with screenings cannot be deleted.
    movie_id        bigint      NOT NULL REFERENCES movies (id),
    theater_id      bigint      NOT NULL REFERENCES theaters (id),
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    -- Price of one seat in minor units of `currency` (ISO 4217).
    price           bigint      NOT NULL CHECK (price > 0),
    currency        text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total_seats     integer     NOT NULL CHECK (total_seats > 0),
    available_seats integer     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT screenings_ends_after_start CHECK (ends_at > starts_at),
    -- The last line of defence against overselling: seats never go below 0 or above the total.
    CONSTRAINT screenings_available_seats_check CHECK (available_seats BETWEEN 0 AND total_seats),
    -- A theater shows one screening at a time: no two screenings of a theater overlap.
    CONSTRAINT screenings_no_overlap
        EXCLUDE USING gist (theater_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
);

-- Serve the `movie_id` and `theater_id` filters of `GET /v1/screenings` (keyset on id), and
-- the foreign keys when a movie or theater is deleted.
CREATE INDEX screenings_movie_id_idx ON screenings (movie_id, id);
CREATE INDEX screenings_theater_id_idx ON screenings (theater_id, id);
-- Serves the `from` / `to` filters.
CREATE INDEX screenings_starts_at_idx ON screenings (starts_at);
