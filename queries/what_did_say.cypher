// What did someone say: every statement of a speaker with what it is about and to whom it was
// addressed, by date and then in source order.
// @param speaker: name or alias of the speaker, any case (e.g. 'Annalena Baerbock')
MATCH (p)-[:SAID]->(s:Statement)
WHERE toLower(p.name) = toLower($speaker)
   OR toLower($speaker) IN [a IN coalesce(p.aliases, []) | toLower(a)]
OPTIONAL MATCH (s)-[:ABOUT]->(t)
OPTIONAL MATCH (s)-[:TO]->(addressee)
RETURN s.text AS statement, s.kind AS kind, collect(DISTINCT t.name) AS about,
       addressee.name AS addressee, s.published AS date, s.doc AS doc, s.start AS span_start, s.end AS span_end
ORDER BY date, doc, span_start
