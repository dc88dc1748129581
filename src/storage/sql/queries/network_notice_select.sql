SELECT n.id, n.region_id, n.region_path, n.kind, n.title, n.body, n.published_by,
       n.published_at, n.due_at,
       (SELECT COUNT(*) FROM notice_deliveries d WHERE d.notice_id = n.id) AS households,
       (SELECT COUNT(*) FROM notice_deliveries d
        WHERE d.notice_id = n.id AND d.delivered_at IS NOT NULL) AS delivered
FROM notices n
