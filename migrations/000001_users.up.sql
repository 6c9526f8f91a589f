-- Users and their login sessions.

CREATE TYPE user_role AS ENUM ('customer', 'admin');

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text        NOT NULL CHECK (username ~ '^[A-Za-z0-9_.-]{3,32}$'),
    email         text        NOT NULL CHECK (length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+$'),
    full_name     text        NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
    -- Only argon2id PHC strings are ever stored, never a password.
    password_hash text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    role          user_role   NOT NULL DEFAULT 'customer',
    login_count   bigint      NOT NULL DEFAULT 0 CHECK (login_count >= 0),
    last_login_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Usernames and emails are unique case-insensitively; login looks users up through the first.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- One row per refresh token. The token itself is never stored, only its SHA-256 digest.
-- Refreshing revokes the row and inserts its successor (rotation).
CREATE TABLE sessions (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id            bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    refresh_token_hash bytea       NOT NULL CHECK (length(refresh_token_hash) = 32),
    expires_at         timestamptz NOT NULL,
    -- The revoked flag: set on logout and when the token is rotated.
    revoked_at         timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);

-- Refresh looks a session up by the digest of the presented token.
CREATE UNIQUE INDEX sessions_refresh_token_hash_key ON sessions (refresh_token_hash);
-- Serves the ON DELETE CASCADE from users.
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
