-- loses: waiting_list_entries (offers already made stay pending bookings)
DROP TRIGGER waiting_list_entries_offered ON waiting_list_entries;
DROP FUNCTION waiting_list_offer_event();
DROP TRIGGER bookings_settle_waiting_list_offer ON bookings;
DROP FUNCTION booking_settles_waiting_list_offer();
DROP VIEW waiting_list_entries_as_read;
DROP TABLE waiting_list_entries;
DROP TYPE waiting_list_status;
