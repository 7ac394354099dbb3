// Who said what about a person, country, organisation, event or place: every statement about
// it with speaker, kind, date and the exact source span, newest first (undated last).
// @param name: name or alias of the entity the statements are about, any case (e.g. 'Olaf Scholz')
MATCH (speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(target)
WHERE toLower(target.name) = toLower($name)
   OR toLower($name) IN [a IN coalesce(target.aliases, []) | toLower(a)]
RETURN speaker.name AS speaker, s.text AS statement, s.kind AS kind, s.published AS date,
       s.doc AS doc, s.start AS span_start, s.end AS span_end
ORDER BY coalesce(date, '') DESC, doc, span_start
