DELETE FROM leader_links WHERE id = $1
