INSERT INTO matter_attachments (id, matter_id, event_id, file_name, content_type, size, sha256,
                                uploaded_at, uploaded_by, data)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
