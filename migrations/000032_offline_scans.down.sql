-- loses: checkin_scans
DROP TABLE checkin_scans;
DROP FUNCTION checkin_conflict_event();
DROP TYPE scan_outcome;
