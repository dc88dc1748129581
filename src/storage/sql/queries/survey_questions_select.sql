SELECT kind, body, options, required, max_picks FROM survey_questions
WHERE survey_id = $1 ORDER BY position
