UPDATE sms_outbox SET text = '述职评议投票码（已清除）', params = '{}'
WHERE kind = 'vote_code' AND state <> 'queued' AND params <> '{}'
