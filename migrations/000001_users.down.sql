-- loses: users, sessions
DROP TABLE sessions;
DROP TABLE users;
DROP TYPE user_role;
