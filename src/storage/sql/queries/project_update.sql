UPDATE projects SET name = $2, kind = $3, description = $4, state = $5, updated_at = $6
WHERE id = $1
