DELETE FROM login_pair_failures WHERE pair_key = $1
