SELECT h.id, h.region_path, h.lat, h.lng
FROM households h
