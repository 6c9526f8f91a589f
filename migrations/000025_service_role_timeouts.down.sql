-- The role's timeouts stay, as the role itself does (000010): roles belong to the whole
-- server, and other databases of the service may rely on them.
SELECT 1;
