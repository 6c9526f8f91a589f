-- loses: staff_theaters
-- Staff may check tickets in at every theater again.
DROP TABLE staff_theaters;
