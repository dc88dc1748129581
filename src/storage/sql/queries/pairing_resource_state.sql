UPDATE pairing_resources SET state = $2 WHERE id = $1
