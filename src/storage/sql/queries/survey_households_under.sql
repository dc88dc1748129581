SELECT COUNT(*) FROM households WHERE region_path LIKE $1
