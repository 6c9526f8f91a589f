--: SalesRow()
--: ScreeningFigures()
--: TicketTypeFigures()
--: FilmHireRow(percent_hundredths?, minimum_per_screening?)

--! currencies_sold
-- The currencies of the sales between two instants (sales_at_idx; over a long period a scan
-- of the narrow sales table, as sales_report).
-- vet: allow seq scan: a year of sales is read whole either way; sales is narrow
SELECT DISTINCT currency FROM sales
WHERE at >= :since AND at < :until
ORDER BY currency;

--! sales_report : SalesRow
-- What was sold between two instants in one currency, grouped by `group_by` (`day` in UTC,
-- `movie`, `screening`, `theater`, `ticket_type` or `payment_method`): seats sold net of
-- those given back, their list prices, discounts and refunds, in minor units. Each group's
-- key, and a label to show (a movie's title, a screening's movie, theater and start, a
-- theater's name; the key itself otherwise). A week is found through sales_at_idx; a year
-- is most of the table, which PostgreSQL then reads whole.
-- vet: allow seq scan: a year of sales is read whole either way; sales is narrow
-- vet: not null: key, label: a CASE whose every branch is a NOT NULL column or its text
-- vet: not null: tickets, gross, discounts, refunds: sums over the groups' rows, never empty
WITH grouped AS (
    SELECT CASE :group_by::text
               WHEN 'day' THEN to_char(f.at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
               WHEN 'movie' THEN f.movie_id::text
               WHEN 'screening' THEN f.screening_id::text
               WHEN 'theater' THEN f.theater_id::text
               WHEN 'ticket_type' THEN f.ticket_type::text
               ELSE f.payment_method::text
           END AS key,
           sum(f.tickets)::bigint AS tickets, sum(f.gross)::bigint AS gross,
           sum(f.discount)::bigint AS discounts, sum(f.refund)::bigint AS refunds
    FROM sales f
    WHERE f.currency = :currency AND f.at >= :since AND f.at < :until
    GROUP BY 1
)
SELECT g.key,
       coalesce(CASE :group_by::text
           WHEN 'movie' THEN (SELECT m.title FROM movies m WHERE m.id = g.key::bigint)
           WHEN 'theater' THEN (SELECT t.name FROM theaters t WHERE t.id = g.key::bigint)
           WHEN 'screening' THEN (
               SELECT m.title || ', ' || t.name || ', '
                      || to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'
               FROM screenings s
               JOIN movies m ON m.id = s.movie_id
               JOIN theaters t ON t.id = s.theater_id
               WHERE s.id = g.key::bigint)
       END, g.key) AS label,
       g.tickets, g.gross, g.discounts, g.refunds
FROM grouped g
ORDER BY CASE WHEN :group_by::text IN ('movie', 'screening', 'theater')
              THEN lpad(g.key, 20, '0') ELSE g.key END;

--! screening_figures : ScreeningFigures
-- A screening's seats now (screening_seats_pkey: sold are held with no end, held are held
-- until later), its admissions (tickets_screening_changed_idx), and its sales (
-- sales_screening_id_idx), in minor units of its currency. No row when there is no such
-- screening.
-- vet: not null: sold, held, checked_in, gross, discounts, refunds, sold_net: counts and coalesced sums
SELECT s.id, s.total_seats AS capacity, s.currency,
       (SELECT count(*) FROM screening_seats x
        WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL AND x.held_until IS NULL
       )::int AS sold,
       (SELECT count(*) FROM screening_seats x
        WHERE x.screening_id = s.id AND x.booking_id IS NOT NULL AND x.held_until > now()
       )::int AS held,
       (SELECT count(*) FROM tickets k
        WHERE k.screening_id = s.id AND k.checked_in_at IS NOT NULL AND k.voided_at IS NULL
       )::int AS checked_in,
       coalesce(f.gross, 0)::bigint AS gross, coalesce(f.discounts, 0)::bigint AS discounts,
       coalesce(f.refunds, 0)::bigint AS refunds, coalesce(f.tickets, 0)::int AS sold_net
FROM screenings s
LEFT JOIN LATERAL (
    SELECT sum(gross) AS gross, sum(discount) AS discounts, sum(refund) AS refunds,
           sum(tickets) AS tickets
    FROM sales WHERE screening_id = s.id
) f ON true
WHERE s.id = :screening_id;

--! screening_ticket_types : TicketTypeFigures
-- A screening's seats sold net of those given back, and their net, per ticket type
-- (sales_screening_id_idx), in ticket type order.
-- vet: not null: tickets, net: sums over the groups' rows, never empty
SELECT ticket_type, sum(tickets)::int AS tickets,
       sum(gross - discount - refund)::bigint AS net
FROM sales
WHERE screening_id = :screening_id
GROUP BY ticket_type
ORDER BY ticket_type;

--! film_hire_report : FilmHireRow
-- Per movie and ISO week (UTC) of the screenings that started between two instants in one
-- currency (screenings_starts_at_idx): the screenings, their seats sold net of those given
-- back and their net box office, whenever sold (sales_screening_id_idx), with the movie's
-- film hire terms if it has any.
-- vet: not null: week, title: to_char of a NOT NULL column; movies' NOT NULL column
-- vet: not null: screenings, tickets, net: counts and coalesced sums
SELECT s.movie_id, m.title, to_char(s.starts_at AT TIME ZONE 'UTC', 'IYYY-"W"IW') AS week,
       count(*)::int AS screenings, coalesce(sum(f.tickets), 0)::bigint AS tickets,
       coalesce(sum(f.net), 0)::bigint AS net,
       t.percent_hundredths, t.minimum_per_screening
FROM screenings s
JOIN movies m ON m.id = s.movie_id
LEFT JOIN film_hire_terms t ON t.movie_id = s.movie_id
LEFT JOIN LATERAL (
    SELECT sum(tickets) AS tickets, sum(gross - discount - refund) AS net
    FROM sales WHERE screening_id = s.id
) f ON true
WHERE s.currency = :currency AND s.starts_at >= :since AND s.starts_at < :until
GROUP BY s.movie_id, m.title, 3, t.percent_hundredths, t.minimum_per_screening
ORDER BY 3, s.movie_id;

--! screening_currencies
-- The currencies of the screenings that started between two instants
-- (screenings_starts_at_idx).
SELECT DISTINCT currency FROM screenings
WHERE starts_at >= :since AND starts_at < :until
ORDER BY currency;
