SELECT COUNT(*) FROM callback_tasks t JOIN matters m ON m.id = t.matter_id
