-- Where a 流动党员 (a member working away from home) is: the party roster's 流动去向 column
-- (issue 14). Empty when the member is at home or the destination is not known.
ALTER TABLE party_members ADD COLUMN away_to TEXT NOT NULL DEFAULT '';
