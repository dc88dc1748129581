SELECT a.id, a.at, a.user_id, a.username, a.action, a.entity, a.entity_id, a.before_json,
       a.after_json, a.channel, a.request_id
FROM audit_log a
