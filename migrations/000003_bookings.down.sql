DROP TABLE bookings;
DROP TYPE booking_status;
