UPDATE link_requests SET reason = $2, status = $3, decided_by = $4, decided_at = $5 WHERE id = $1
