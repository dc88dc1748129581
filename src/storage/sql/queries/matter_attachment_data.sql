SELECT a.data FROM matter_attachments a WHERE a.id = $1
