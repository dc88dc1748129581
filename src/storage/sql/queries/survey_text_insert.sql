INSERT INTO survey_texts (id, survey_id, village_id, question, body) VALUES ($1, $2, $3, $4, $5)
