-- Integrations: a role that reads the event feed and manages webhooks, and nothing else of
-- an admin's (an admin can also deposit money), for the service account of a connected
-- system.
ALTER TYPE user_role ADD VALUE 'integrations' AFTER 'staff';
