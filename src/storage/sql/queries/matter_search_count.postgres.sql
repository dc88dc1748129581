SELECT COUNT(*) FROM (SELECT 1 FROM matter_search_text f JOIN matters m ON m.id = f.matter_id
