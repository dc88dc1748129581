SELECT choice, votes FROM vote_tallies WHERE session_id = $1
