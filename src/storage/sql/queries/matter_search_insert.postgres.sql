INSERT INTO matter_search (matter_id, tsv) VALUES ($1, to_tsvector('simple', $2))
