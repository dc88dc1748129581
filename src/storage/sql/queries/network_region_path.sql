SELECT path FROM regions WHERE id = $1
