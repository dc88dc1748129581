-- Linked households per member, over the links of households in the subtree.
SELECT l.member_id, COUNT(*)
FROM contact_links l
JOIN households h ON h.id = l.household_id
WHERE h.region_path LIKE $1
GROUP BY l.member_id
ORDER BY l.member_id
