SELECT id FROM matters
WHERE accepted_at >= $2 AND accepted_by = $1 AND channel = 1
ORDER BY accepted_at DESC, id DESC
LIMIT 1
