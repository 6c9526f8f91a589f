DROP TRIGGER movies_announce_version ON movies;
DROP FUNCTION announce_movie_version();
