SELECT village_id, question, body FROM survey_texts WHERE survey_id = $1 ORDER BY id
