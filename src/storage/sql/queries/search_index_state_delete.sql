DELETE FROM search_index_state WHERE name = $1
