INSERT INTO audit_log (id, at, user_id, username, action, entity, entity_id, before_json,
                       after_json, channel, request_id, chain_seq, prev_hash, entry_hash, proof)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
