-- Away members under the path pattern $1 with their last contact, the households they still hold
-- and their study attendance among activities of their region or an ancestor's opened by $2.
SELECT m.id, r.name, r.phone, COALESCE(o.name, ''), m.away_to, m.region_path,
       (SELECT MAX(c.contact_date) FROM away_contacts c WHERE c.member_id = m.id),
       (SELECT COUNT(*) FROM away_contacts c WHERE c.member_id = m.id),
       (SELECT COUNT(*) FROM contact_links l WHERE l.member_id = m.id),
       (SELECT COUNT(*) FROM study_attendance s WHERE s.member_id = m.id),
       (SELECT COUNT(*) FROM study_activities a
        WHERE m.region_path LIKE a.region_path || '%' AND a.opens_on <= $2)
FROM party_members m
JOIN residents r ON r.id = m.resident_id
LEFT JOIN party_orgs o ON o.id = m.org_id
WHERE m.away = 1 AND m.region_path LIKE $1
ORDER BY r.name, m.id
