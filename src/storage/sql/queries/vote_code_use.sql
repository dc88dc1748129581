UPDATE vote_codes SET used = 1 WHERE code_hash = $1 AND session_id = $2 AND used = 0
