SELECT d.name, d.copies, d.received_at, d.returned_at
FROM errand_documents d
WHERE d.errand_id = $1
ORDER BY d.seq
