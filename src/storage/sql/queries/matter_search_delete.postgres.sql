DELETE FROM matter_search WHERE matter_id = $1
