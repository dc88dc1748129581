SELECT started_at, seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE
