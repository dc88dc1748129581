SELECT ph.project_id, ph.household_id, h.number, h.address, h.region_path, ph.consent,
  ph.consent_visit_id, ph.consent_at, ph.added_at,
  (SELECT COUNT(*) FROM project_visits v
   WHERE v.project_id = ph.project_id AND v.household_id = ph.household_id)
FROM project_households ph
JOIN households h ON h.id = ph.household_id
