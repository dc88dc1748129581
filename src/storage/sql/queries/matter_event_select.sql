SELECT e.id, e.matter_id, e.kind, e.at, e.user_id, e.user_name, e.from_unit_id, e.to_unit_id,
       e.text, e.internal, e.attachment_ids
FROM matter_events e
WHERE e.matter_id = $1
ORDER BY e.at, e.id
