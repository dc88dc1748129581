SELECT k.id, k.name, k.prefix, k.owner_id, u.display_name, u.username, k.created_at,
       k.last_used_at, k.request_count, k.revoked_at
FROM open311_keys k
JOIN users u ON u.id = k.owner_id
