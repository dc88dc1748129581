SELECT COUNT(*) FROM postings p
