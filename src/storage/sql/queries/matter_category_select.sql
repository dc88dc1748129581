SELECT c.id, c.parent_id, c.name, c.keywords, c.default_unit_id, c.response_hours,
       c.completion_days, c.active
FROM matter_categories c
