UPDATE visits SET grade = $2, review_comment = $3, reviewed_by = $4 WHERE id = $1
