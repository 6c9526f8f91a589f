-- Versions of the catalog, for HTTP caching: every movie, theater and screening carries a
-- version that the database raises whenever what the API shows of it changes, so an ETag made
-- from it changes exactly then. A row's own updates raise it (bump_version); so do the changes
-- the API shows through it: a movie's reviews (its count and average rating) and a theater's
-- layout (touch_movie, touch_theater).

ALTER TABLE movies ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE theaters ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE screenings ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- Movies as clients see them, now with their version (a new last column keeps the view's
-- grants).
CREATE OR REPLACE VIEW movies_rated AS
SELECT m.id, m.title, m.description, m.duration_minutes, m.rating, m.release_date,
       stats.review_count, stats.average_rating, m.version
FROM movies m
CROSS JOIN LATERAL (
    SELECT count(*) AS review_count, avg(r.rating)::float8 AS average_rating
    FROM reviews r
    WHERE r.movie_id = m.id
) stats;

-- Any UPDATE raises the version by one, whatever it sets: a statement cannot forget to, or
-- set it back.
CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER movies_bump_version BEFORE UPDATE ON movies
    FOR EACH ROW EXECUTE FUNCTION bump_version();
CREATE TRIGGER theaters_bump_version BEFORE UPDATE ON theaters
    FOR EACH ROW EXECUTE FUNCTION bump_version();
CREATE TRIGGER screenings_bump_version BEFORE UPDATE ON screenings
    FOR EACH ROW EXECUTE FUNCTION bump_version();

-- A review written, changed or removed changes its movie's statistics. SECURITY DEFINER: the
-- service role may not update movies.version itself. (When the movie is being deleted, the
-- cascade finds no row to touch.)
CREATE FUNCTION touch_movie() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE movies SET version = version WHERE id = coalesce(NEW.movie_id, OLD.movie_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER reviews_touch_movie AFTER INSERT OR UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION touch_movie();

-- Rows or seats added, changed or removed change their theater's layout. Statement triggers
-- over the transition table `changed`: replacing a layout of hundreds of seats raises the
-- version once per statement, not once per seat.
CREATE FUNCTION touch_theaters() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE theaters SET version = version WHERE id IN (SELECT theater_id FROM changed);
    RETURN NULL;
END
$$;

CREATE TRIGGER theater_rows_inserted AFTER INSERT ON theater_rows
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION touch_theaters();
CREATE TRIGGER theater_rows_updated AFTER UPDATE ON theater_rows
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION touch_theaters();
CREATE TRIGGER theater_rows_deleted AFTER DELETE ON theater_rows
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION touch_theaters();
CREATE TRIGGER theater_seats_inserted AFTER INSERT ON theater_seats
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION touch_theaters();
CREATE TRIGGER theater_seats_updated AFTER UPDATE ON theater_seats
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION touch_theaters();
CREATE TRIGGER theater_seats_deleted AFTER DELETE ON theater_seats
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION touch_theaters();
