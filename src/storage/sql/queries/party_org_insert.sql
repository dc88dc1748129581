INSERT INTO party_orgs (id, parent_id, kind, name, region_id, region_path, leader_member_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
