-- An empty region path ($3) is taken from the household.
INSERT INTO visits (id, household_id, region_path, visitor_user_id, visitor_kind, member_id, kind,
                    visited_at, learned, problems, help, matter_ids, corrects_id,
                    household_event_id, notice_id, confirmed_at, confirmed_via, created_at, grade,
                    review_comment, reviewed_by, way)
VALUES ($1, $2, COALESCE(NULLIF($3, ''), (SELECT h.region_path FROM households h WHERE h.id = $2)),
        $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
