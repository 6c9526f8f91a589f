--: User()
--: Credentials()
--: UserSession()

--! insert_user : User
-- Registers a user. Unique violations on users_username_key / users_email_key mean taken.
INSERT INTO users (username, email, full_name, password_hash, role)
VALUES (:username, :email, :full_name, :password_hash, :role)
RETURNING id, username, email, full_name, role, created_at;

--! get_user : User
-- One user by id (primary key).
SELECT id, username, email, full_name, role, created_at
FROM users
WHERE id = :id;

--! find_credentials : Credentials
-- The password hash of a user by username, case-insensitively (users_username_key).
SELECT id, password_hash
FROM users
WHERE lower(username) = lower(:username);

--! start_session : UserSession
-- After a successful password check: counts the login and opens a session for the
-- refresh token's digest, in one statement.
WITH logged_in AS (
    UPDATE users
    SET login_count = login_count + 1, last_login_at = now()
    WHERE id = :user_id
    RETURNING id, username, email, full_name, role, created_at
), session AS (
    INSERT INTO sessions (user_id, refresh_token_hash, expires_at)
    SELECT id, :refresh_token_hash, now() + make_interval(secs => :ttl_seconds)
    FROM logged_in
    RETURNING id, expires_at
)
SELECT session.id AS session_id, session.expires_at AS session_expires_at,
       u.id AS user_id, u.username, u.email, u.full_name, u.role, u.created_at
FROM session, logged_in u;

--! rotate_session : UserSession
-- Refresh-token rotation: revokes the live, unexpired session whose token digest matches and
-- opens its successor in the same family, in one statement. A token can be rotated once; a
-- second use finds it revoked and returns no row (sessions_refresh_token_hash_key).
WITH old AS (
    UPDATE sessions
    SET revoked_at = now()
    WHERE refresh_token_hash = :old_token_hash AND revoked_at IS NULL AND expires_at > now()
    RETURNING user_id, family_id
), session AS (
    INSERT INTO sessions (user_id, refresh_token_hash, expires_at, family_id)
    SELECT user_id, :new_token_hash, now() + make_interval(secs => :ttl_seconds), family_id
    FROM old
    RETURNING id, user_id, expires_at
)
SELECT session.id AS session_id, session.expires_at AS session_expires_at,
       u.id AS user_id, u.username, u.email, u.full_name, u.role, u.created_at
FROM session JOIN users u ON u.id = session.user_id;

--! revoke_reused_family
-- After a failed rotation: if the token was a real one that had already been rotated (or
-- logged out), someone is replaying it; revoke every live session of its family, so the
-- thief's and the victim's successors both stop working (sessions_family_idx).
UPDATE sessions
SET revoked_at = now()
WHERE revoked_at IS NULL
  AND family_id = (
      SELECT family_id FROM sessions
      WHERE refresh_token_hash = :token_hash AND revoked_at IS NOT NULL
  );

--! revoke_session
-- Logout: revokes the family of the caller's session, its latest refresh token included,
-- even if the access token predates the last rotation (sessions_family_idx).
UPDATE sessions
SET revoked_at = now()
WHERE revoked_at IS NULL
  AND family_id = (SELECT family_id FROM sessions WHERE id = :session_id AND user_id = :user_id);

--! purge_expired_sessions
-- The housekeeping sweep: forgets up to `batch` sessions whose refresh token has expired
-- (sessions_expires_at_idx). Revoked sessions stay until then, so that a replayed refresh
-- token is still recognised as reused and revokes its family.
DELETE FROM sessions
WHERE id = ANY(ARRAY(
    SELECT id FROM sessions WHERE expires_at < now() ORDER BY expires_at LIMIT :batch));
