UPDATE regions SET name = $2, code = $3, lat = $4, lng = $5 WHERE id = $1
