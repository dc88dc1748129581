SELECT g.id, g.category_id, g.region_id, g.title, g.materials, g.steps, g.place, g.window_name,
       g.fees, g.office_hours, g.phone, g.published, g.updated_at, g.updated_by, r.name, r.path
FROM service_guides g
JOIN regions r ON r.id = g.region_id
