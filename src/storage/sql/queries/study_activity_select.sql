SELECT a.id, a.org_id, a.region_path, a.title, a.material, a.link, a.opens_on, a.closes_on,
       a.created_by, a.created_at, COALESCE(o.name, ''),
       (SELECT COUNT(*) FROM study_attendance s WHERE s.activity_id = a.id)
FROM study_activities a
LEFT JOIN party_orgs o ON o.id = a.org_id
