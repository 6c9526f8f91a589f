--: WaitingListEntry(position?, booking_id?, offer_expires_at?)
--: WaitingScreening()
--: WaitingParty()
--: ScreeningAwaitingOffers()
--: EntryToCancel(booking_id?)

--! waiting_screening : WaitingScreening
-- What joining the list and making an offer need of a screening: whether it has started,
-- and the adult price an offer's seats are held at (screenings_pkey). No row when it does
-- not exist.
-- vet: not null: started: a comparison of a NOT NULL column with now()
SELECT starts_at <= now() AS started, price
FROM screenings
WHERE id = :screening_id;

--! insert_waiting_list_entry : WaitingListEntry
-- A new entry at the end of the screening's queue, with its position (1 for the first).
-- A customer with an open entry for the screening fails waiting_list_entries_open_key.
-- vet: not null: status: the column's default
WITH entry AS (
    INSERT INTO waiting_list_entries (screening_id, user_id, seats)
    VALUES (:screening_id, :user_id, :seats)
    RETURNING id, screening_id, seats, status, booking_id, offer_expires_at, created_at
)
SELECT e.id, e.screening_id, e.seats,
       (SELECT count(*) + 1 FROM waiting_list_entries w
        WHERE w.screening_id = e.screening_id AND w.status = 'waiting') AS position,
       e.status, e.booking_id, e.offer_expires_at, e.created_at
FROM entry e;

--! list_waiting_list_entries : WaitingListEntry
-- A keyset page of the user's entries, newest last, as the API reads them
-- (waiting_list_entries_as_read, over waiting_list_entries_user_idx). `limit` is the page
-- size plus one.
-- vet: not null: status: a CASE of a NOT NULL column and a literal
-- vet: not null: id, screening_id, seats, created_at: NOT NULL columns through the view
SELECT id, screening_id, seats, position, status, booking_id, offer_expires_at, created_at
FROM waiting_list_entries_as_read
WHERE user_id = :user_id AND id > :after
ORDER BY id
LIMIT :limit;

--! get_waiting_list_entry : WaitingListEntry
-- One of the user's entries as the API reads it (waiting_list_entries_as_read, primary key);
-- another user's entry is no row.
-- vet: not null: status: a CASE of a NOT NULL column and a literal
-- vet: not null: id, screening_id, seats, created_at: NOT NULL columns through the view
SELECT id, screening_id, seats, position, status, booking_id, offer_expires_at, created_at
FROM waiting_list_entries_as_read
WHERE id = :id AND user_id = :user_id;

--! entry_to_cancel : EntryToCancel
-- What cancelling one of the user's entries acts on (primary key): the entry while waiting;
-- the pending booking of its offer while it holds the seats. No row for another user's entry.
-- vet: not null: open: a comparison of NOT NULL columns and now()
SELECT e.status, e.booking_id,
       e.status = 'waiting' OR e.status = 'offered' AND e.offer_expires_at > now() AS open
FROM waiting_list_entries e
WHERE e.id = :id AND e.user_id = :user_id;

--! cancel_waiting_entry
-- Takes a waiting entry off the queue (primary key). No row when it is no longer waiting (an
-- offer was made to it meanwhile).
UPDATE waiting_list_entries SET status = 'cancelled'
WHERE id = :id AND user_id = :user_id AND status = 'waiting'
RETURNING id;

--! lock_waiting_parties : WaitingParty
-- The screening's queue, earliest first, locked (waiting_list_entries_queue_idx) in that order
-- by whoever offers freed seats: two transactions that free seats of one screening offer them
-- one after the other, and an entry gets one offer.
SELECT id, user_id, seats
FROM waiting_list_entries
WHERE screening_id = :screening_id AND status = 'waiting'
ORDER BY id
FOR UPDATE;

--! mark_offered
-- The entry is offered the booking just made for it, held until `offer_expires_at`
-- (primary key); waiting_list_entries_offered writes waiting_list.offered.
UPDATE waiting_list_entries
SET status = 'offered', booking_id = :booking_id, offer_expires_at = :offer_expires_at
WHERE id = :id AND status = 'waiting';

--! screenings_awaiting_offers : ScreeningAwaitingOffers
-- Screenings yet to start whose queue is not empty, with their smallest party
-- (waiting_list_entries_queue_idx): the sweep looks whether seats freed by any path fit one.
-- vet: not null: smallest: min() of a NOT NULL column over a non-empty group
SELECT e.screening_id, min(e.seats) AS smallest
FROM waiting_list_entries e
JOIN screenings s ON s.id = e.screening_id
WHERE e.status = 'waiting' AND s.starts_at > now()
GROUP BY e.screening_id
ORDER BY e.screening_id;

--! has_waiting_parties
-- Whether the screening's queue is not empty (waiting_list_entries_queue_idx).
-- vet: not null: waiting: EXISTS is never null
SELECT EXISTS (
    SELECT 1 FROM waiting_list_entries
    WHERE screening_id = :screening_id AND status = 'waiting'
) AS waiting;
