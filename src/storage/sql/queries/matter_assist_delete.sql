DELETE FROM matter_assists WHERE matter_id = $1 AND unit_id = $2
