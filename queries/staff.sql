--: StaffTheaters()

--! lock_staff_member
-- The user's role, locked so that two changes of one staff member's theaters apply one
-- after the other (users_pkey). No row: no such user.
SELECT role FROM users WHERE id = :user_id FOR UPDATE;

--! replace_staff_theaters : StaffTheaters
-- Makes `theater_ids` the theaters a staff member checks tickets in at: the others are
-- removed, the new added (staff_theaters_pkey; an unknown theater violates
-- staff_theaters_theater_id_fkey). Returns the set as it now is.
-- vet: not null: user_id, theater_ids: a parameter, and a coalesce to the empty array
WITH removed AS (
    DELETE FROM staff_theaters
    WHERE user_id = :user_id AND theater_id <> ALL (:theater_ids::bigint[])
), added AS (
    INSERT INTO staff_theaters (user_id, theater_id)
    SELECT :user_id, id FROM unnest(:theater_ids::bigint[]) AS wanted (id)
    ON CONFLICT DO NOTHING
)
SELECT :user_id::bigint AS user_id,
       coalesce(array_agg(DISTINCT id ORDER BY id), '{}') AS theater_ids
FROM unnest(:theater_ids::bigint[]) AS wanted (id);
