SELECT h.id, h.region_id, h.lat, h.lng, h.address
FROM households h
WHERE h.region_path LIKE $1
ORDER BY h.id
