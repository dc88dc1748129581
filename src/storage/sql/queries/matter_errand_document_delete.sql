DELETE FROM errand_documents WHERE errand_id = $1
