UPDATE audit_chain_head SET started_at = $1, seq = $2, hash = $3 WHERE id = 1
