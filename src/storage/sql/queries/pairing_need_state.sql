UPDATE pairing_needs SET state = $2 WHERE id = $1
