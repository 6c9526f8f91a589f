-- Screenings with the seats available now: those on sale less those held or sold, counted
-- from screening_seats_taken_idx (a lapsed hold counts as free before the sweep clears it).
-- One definition for every query that gets or lists screenings; the planner inlines it, and
-- the count runs only for the rows a query returns.
CREATE VIEW screenings_with_availability AS
SELECT s.id, s.movie_id, s.theater_id, s.starts_at, s.ends_at, s.price, s.child_price,
       s.senior_price, s.student_price, s.premium_surcharge, s.currency, s.total_seats,
       s.total_seats - (
           SELECT count(*) FROM screening_seats x
           WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL
             AND (x.held_until IS NULL OR x.held_until > now()))::int AS available_seats,
       s.version
FROM screenings s;

GRANT SELECT ON screenings_with_availability TO boxoffice_app;
