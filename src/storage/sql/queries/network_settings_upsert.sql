INSERT INTO network_settings (region_id, households_per_member, members_per_leader,
                              max_walk_metres, stability_bonus_metres, small_village_households,
                              large_village_quota_percent)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (region_id) DO UPDATE SET
  households_per_member = excluded.households_per_member,
  members_per_leader = excluded.members_per_leader,
  max_walk_metres = excluded.max_walk_metres,
  stability_bonus_metres = excluded.stability_bonus_metres,
  small_village_households = excluded.small_village_households,
  large_village_quota_percent = excluded.large_village_quota_percent
