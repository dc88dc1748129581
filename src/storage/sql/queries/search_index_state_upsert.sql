INSERT INTO search_index_state (name, version) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET version = excluded.version
