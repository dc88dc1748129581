UPDATE vote_sessions
SET assessed_user_id = $2, posting_id = $3, title = $4, year = $5, report = $6, scorecard = $7,
    opens_at = $8, closes_at = $9, state = $10, issued_at = $11, printed = $12, texted = $13,
    updated_at = $14, published_at = $15
WHERE id = $1
