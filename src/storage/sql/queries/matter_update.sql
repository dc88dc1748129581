UPDATE matters
SET number = $2, type = $3, category_id = $4, channel = $5, urgency = $6, status = $7,
    household_id = $8, resident_id = $9, caller_name = $10, caller_phone = $11, region_id = $12,
    region_path = $13, title = $14, content = $15, address = $16, lat = $17, lng = $18,
    accepted_by = $19, accepted_at = $20, unit_id = $21, handler_id = $22, first_unit_id = $23,
    response_due_at = $24, due_at = $25, responded_at = $26, replied_at = $27, closed_at = $28,
    reply = $29, escalation_level = $30, supervised = $31, merged_into_id = $32,
    public_token = $33, solved = $34, rating = $35, rating_comment = $36, confirmed_via = $37,
    reopen_count = $38, updated_at = $39
WHERE id = $1
