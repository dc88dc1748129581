INSERT INTO matter_search (rowid, text) VALUES ($1, $2)
