SELECT village_id, question, choice, answers FROM survey_counts WHERE survey_id = $1
