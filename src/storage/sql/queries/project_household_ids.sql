SELECT h.id FROM households h
