-- The role stays: roles belong to the whole server, and other databases may use it.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM boxoffice_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM boxoffice_app;
REVOKE USAGE ON SCHEMA public FROM boxoffice_app;
