SELECT (SELECT COUNT(*) FROM households WHERE region_path LIKE $1) AS households,
       (SELECT COUNT(*) FROM residents WHERE region_path LIKE $1) AS residents,
       (SELECT COUNT(*) FROM party_members WHERE region_path LIKE $1) AS party_members,
       (SELECT COUNT(*) FROM regions WHERE path LIKE $1 AND level = 3) AS villages
