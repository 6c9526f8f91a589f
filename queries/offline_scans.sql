--: StoredScan(ticket_id?, checked_in_at?)
--: ScannedTicket(checked_in_at?, voided_at?)

--! lock_scanner
-- Uploads of one scanner apply one after the other (a transaction-scoped advisory lock on
-- the scanner's id), so that a nonce is looked up and recorded without a race. Taken before
-- any ticket's lock.
-- vet: not null: locked: a constant
SELECT true AS locked FROM pg_advisory_xact_lock(hashtextextended(:scanner_id, 0));

--! stored_scans : StoredScan
-- The results already recorded for these nonces of the scanner (checkin_scans_pkey).
SELECT nonce, outcome, ticket_id, checked_in_at, conflict
FROM checkin_scans
WHERE scanner_id = :scanner_id AND nonce = ANY (:nonces::text[]);

--! lock_scanned_tickets : ScannedTicket
-- The tickets the new scans name, locked in id order (tickets_pkey), so that concurrent
-- uploads and online check-ins of one ticket apply one after the other and never deadlock.
SELECT id, screening_id, checked_in_at, voided_at
FROM tickets
WHERE id = ANY (:ids::bigint[])
ORDER BY id
FOR UPDATE;

--! admit_scanned
-- Admits a ticket, or moves its admission earlier, to an offline scan's time; locked by
-- lock_scanned_tickets (tickets_pkey).
UPDATE tickets SET checked_in_at = :at, checked_in_by = :staff_id WHERE id = :id;

--! record_scans (ticket_ids[?], checked_in_at[?])
-- The new scans of an upload with their results, from parallel arrays.
INSERT INTO checkin_scans (scanner_id, nonce, staff_id, screening_id, ticket_id, scanned_at,
                           outcome, checked_in_at, conflict)
SELECT :scanner_id, s.nonce, :staff_id, s.screening_id, s.ticket_id, s.scanned_at,
       s.outcome, s.checked_in_at, s.conflict
FROM unnest(:nonces::text[], :screening_ids::bigint[], :ticket_ids::bigint[],
            :scanned_at::timestamptz[], :outcomes::scan_outcome[],
            :checked_in_at::timestamptz[], :conflicts::boolean[])
     AS s (nonce, screening_id, ticket_id, scanned_at, outcome, checked_in_at, conflict);
