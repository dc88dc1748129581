UPDATE party_orgs
SET parent_id = $2, kind = $3, name = $4, region_id = $5, region_path = $6, leader_member_id = $7
WHERE id = $1
