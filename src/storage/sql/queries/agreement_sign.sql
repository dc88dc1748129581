UPDATE agreements SET signed_on = $2, signed_by = $3, signed_at = $4, updated_at = $4
WHERE id = $1 AND signed_on IS NULL
