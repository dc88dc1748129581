SELECT reason, refused FROM survey_refusals WHERE survey_id = $1
