INSERT INTO survey_counts (survey_id, village_id, question, choice, answers)
VALUES ($1, $2, $3, $4, 1)
ON CONFLICT (survey_id, village_id, question, choice)
DO UPDATE SET answers = survey_counts.answers + 1
