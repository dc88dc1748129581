DELETE FROM matter_search WHERE rowid = $1
