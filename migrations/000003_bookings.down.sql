-- loses: bookings
DROP VIEW screenings_now;
DROP TABLE bookings;
DROP TYPE booking_status;
