INSERT INTO vote_tallies (session_id, choice, votes) VALUES ($1, 1, 0), ($1, 2, 0), ($1, 3, 0)
