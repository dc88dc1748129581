SELECT failures, last_failed_at FROM login_pair_failures WHERE pair_key = $1
