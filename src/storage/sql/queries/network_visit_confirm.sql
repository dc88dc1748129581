UPDATE visits SET confirmed_at = $2, confirmed_via = $3 WHERE id = $1
