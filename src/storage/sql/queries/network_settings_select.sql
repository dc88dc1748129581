SELECT region_id, households_per_member, members_per_leader, max_walk_metres,
       stability_bonus_metres, small_village_households, large_village_quota_percent
FROM network_settings
WHERE region_id = $1
