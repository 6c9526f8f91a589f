-- loses: movies, theaters, screenings
DROP TABLE screenings;
DROP TABLE theaters;
DROP TABLE movies;
-- The extensions stay: other objects in the database may use them.
