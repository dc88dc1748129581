SELECT a.id, a.at, a.user_id, a.username, a.action, a.entity, a.entity_id, a.before_json,
       a.after_json, a.channel, a.request_id, a.chain_seq, a.prev_hash, a.entry_hash, a.proof
FROM audit_log a
