DROP INDEX bookings_pending_screening_idx;
DROP TRIGGER booking_items_release_seat ON booking_items;
DROP FUNCTION booking_item_releases_seat();
DROP TRIGGER bookings_release_seats ON bookings;
DROP FUNCTION booking_releases_seats();
DROP VIEW bookings_as_read;
