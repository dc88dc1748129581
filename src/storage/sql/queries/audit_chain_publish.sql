INSERT INTO audit_chain_published (day, seq, hash, published_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (day) DO NOTHING
