SELECT m.id FROM matters m
