-- Tests run the service as a plain role, as production should; it gets what the service needs.
GRANT USAGE ON SCHEMA public TO deltacrown_app;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO deltacrown_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO deltacrown_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO deltacrown_app;
