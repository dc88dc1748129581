UPDATE meeting_decisions SET state = $2, result_note = $3, matter_id = $4, done_by = $5,
  done_at = $6
WHERE id = $1 AND state = $7
