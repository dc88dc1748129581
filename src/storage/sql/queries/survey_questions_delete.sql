DELETE FROM survey_questions WHERE survey_id = $1
