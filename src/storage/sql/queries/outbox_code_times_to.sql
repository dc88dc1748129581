SELECT created_at FROM sms_outbox
WHERE phone = $1 AND created_at > $2
  AND kind IN ('signoff_code', 'visit_code', 'activation', 'signup_code', 'login_code',
               'report_code', 'vote_code')
ORDER BY created_at
