-- loses: reviews, messages
DROP VIEW movies_rated;
DROP TABLE messages;
DROP TABLE reviews;
