-- loses: nothing (screening_rows is kept from screening_seats)
DROP INDEX bookings_pending_user_idx;
DROP FUNCTION expire_bookings(bigint[]);
CREATE OR REPLACE FUNCTION booking_releases_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE screening_seats SET booking_id = NULL, held_until = NULL
    WHERE booking_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE OR REPLACE FUNCTION booking_item_releases_seat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE screening_seats SET booking_id = NULL, held_until = NULL
    WHERE screening_id = NEW.screening_id AND row_index = NEW.row_index
      AND number = NEW.number AND booking_id = NEW.booking_id;
    RETURN NULL;
END;
$$;
DROP FUNCTION lock_rows_of_bookings(bigint[]);
DROP TRIGGER screening_seats_mark_rows ON screening_seats;
DROP FUNCTION screening_seats_mark_rows();
DROP FUNCTION seat_bitmap_apply(bytea, integer[], integer[]);
DROP TRIGGER screening_seats_make_rows ON screening_seats;
DROP FUNCTION screening_rows_from_seats();
DROP TABLE screening_rows;
DROP FUNCTION seat_bitmap(integer, integer[]);
