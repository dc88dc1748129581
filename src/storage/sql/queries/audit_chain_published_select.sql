SELECT day, seq, hash, published_at FROM audit_chain_published
