--! caller_role
-- The role of the user an access token names, while the session the token was issued for is
-- alive: its family (the session and every rotation of it) still has a live refresh token,
-- or was revoked (logout, reuse) less than `grace_seconds` ago. No row for a user that does
-- not exist or a session that has ended. Admin operations check this, not the token's claim
-- (sessions_pkey, sessions_family_idx).
SELECT u.role
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.id = :session_id AND s.user_id = :user_id
  AND EXISTS (
      SELECT 1 FROM sessions f
      WHERE f.family_id = s.family_id
        AND f.expires_at > now()
        AND (f.revoked_at IS NULL OR f.revoked_at > now() - make_interval(secs => :grace_seconds))
  );
