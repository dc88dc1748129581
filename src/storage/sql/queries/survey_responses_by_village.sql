SELECT village_id, COUNT(*) FROM survey_responses WHERE survey_id = $1 GROUP BY village_id
