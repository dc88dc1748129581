-- Coverage of region $1 over its subtree; $2 is its path pattern.
SELECT c.id, c.name,
       (SELECT COUNT(*) FROM households h WHERE h.region_path LIKE $2),
       (SELECT COUNT(*) FROM households h JOIN contact_links l ON l.household_id = h.id
        WHERE h.region_path LIKE $2),
       (SELECT COUNT(*) FROM party_members m WHERE m.region_path LIKE $2),
       (SELECT COUNT(*) FROM party_members m
        WHERE m.region_path LIKE $2
          AND EXISTS (SELECT 1 FROM contact_links l WHERE l.member_id = m.id)),
       (SELECT COUNT(*) FROM party_members m
        WHERE m.region_path LIKE $2 AND m.can_take_households = 1 AND m.away = 0)
FROM regions c
WHERE c.id = $1
