INSERT INTO vote_sessions (id, region_id, region_path, assessed_user_id, posting_id, title, year,
                           report, scorecard, opens_at, closes_at, state, issued_at, printed,
                           texted, created_by, created_at, updated_at, published_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
