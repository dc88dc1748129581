UPDATE surveys SET title = $2, description = $3, subject = $4, subject_text = $5,
                   subject_user_id = $6, opens_on = $7, closes_on = $8, state = $9,
                   updated_at = $10
WHERE id = $1
