-- One delivery per household under the notice's region ($2 is its path pattern), expected from
-- the household's linked member at publication.
INSERT INTO notice_deliveries (notice_id, household_id, member_id, delivered_at, delivered_by,
                               opinion)
SELECT n.id, h.id, l.member_id, NULL, NULL, ''
FROM notices n
JOIN households h ON h.region_path LIKE $2
LEFT JOIN contact_links l ON l.household_id = h.id
WHERE n.id = $1
