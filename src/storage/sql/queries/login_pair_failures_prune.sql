DELETE FROM login_pair_failures WHERE last_failed_at <= $1
