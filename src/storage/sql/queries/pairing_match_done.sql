UPDATE pairing_matches SET done_at = $2 WHERE id = $1
