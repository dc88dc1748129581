INSERT INTO vote_refusals (session_id, reason, refused) VALUES ($1, $2, 1)
ON CONFLICT (session_id, reason) DO UPDATE SET refused = vote_refusals.refused + 1
