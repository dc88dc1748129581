UPDATE vote_tallies SET votes = votes + 1 WHERE session_id = $1 AND choice = $2
