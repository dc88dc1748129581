SELECT version FROM schema_migrations WHERE version = $1
