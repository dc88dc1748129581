INSERT INTO errand_documents (errand_id, seq, name, copies, received_at, returned_at)
VALUES ($1, $2, $3, $4, $5, $6)
