INSERT INTO survey_questions (survey_id, position, kind, body, options, required, max_picks)
VALUES ($1, $2, $3, $4, $5, $6, $7)
