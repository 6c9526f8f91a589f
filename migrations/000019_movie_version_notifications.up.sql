-- Announces every change of a movie's version (migrations/000017) on the channel
-- `movie_versions`, so that each replica of the service can answer a conditional GET of a
-- movie from memory (platform::version_cache) and still learn of a change within
-- milliseconds. Payload: "<id> <version>", or "<id> deleted". PostgreSQL sends it when the
-- writing transaction commits, and never for one that rolls back.
CREATE FUNCTION announce_movie_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('movie_versions', OLD.id || ' deleted');
    ELSE
        PERFORM pg_notify('movie_versions', NEW.id || ' ' || NEW.version);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER movies_announce_version AFTER UPDATE OR DELETE ON movies
    FOR EACH ROW EXECUTE FUNCTION announce_movie_version();
