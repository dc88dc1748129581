SELECT a.id, a.matter_id, a.event_id, a.file_name, a.content_type, a.size, a.sha256,
       a.uploaded_at, a.uploaded_by
FROM matter_attachments a
