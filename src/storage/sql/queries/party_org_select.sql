SELECT o.id, o.parent_id, o.kind, o.name, o.region_id, o.region_path, o.leader_member_id,
       (SELECT COUNT(*) FROM party_members m
        WHERE m.org_id = o.id
           OR m.org_id IN (SELECT c.id FROM party_orgs c WHERE c.parent_id = o.id)) AS member_count
FROM party_orgs o
