-- Staff belong to theaters and check tickets in only there (admins anywhere): a door's
-- scanner account cannot admit tickets of another cinema's screenings.
CREATE TABLE staff_theaters (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    theater_id bigint NOT NULL REFERENCES theaters (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, theater_id)
);
-- Deleting a theater finds its staff through this.
CREATE INDEX staff_theaters_theater_id_idx ON staff_theaters (theater_id);

GRANT SELECT, INSERT, DELETE ON staff_theaters TO boxoffice_app;
