UPDATE agreements SET title = $2, updated_at = $3 WHERE id = $1 AND signed_on IS NULL
