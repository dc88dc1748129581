UPDATE postings SET to_date = $2, ended_at = $3, ended_by = $4 WHERE id = $1
