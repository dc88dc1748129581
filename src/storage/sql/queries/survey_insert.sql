INSERT INTO surveys (id, title, description, subject, subject_text, subject_user_id, region_id,
                     region_path, opens_on, closes_on, state, token_key, created_by, created_at,
                     updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
