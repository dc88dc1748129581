SELECT text FROM matter_search_text WHERE matter_id = $1
