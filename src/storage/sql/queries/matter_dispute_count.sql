SELECT COUNT(*) FROM matter_disputes d JOIN matters m ON m.id = d.matter_id
