// Statements by date: everything said between two publication dates (inclusive), with speaker
// and targets, oldest first. Dates are ISO strings, which sort like dates.
// @param from: first date, 'YYYY-MM-DD'
// @param to: last date, 'YYYY-MM-DD'
MATCH (speaker)-[:SAID]->(s:Statement)
WHERE s.published >= $from AND s.published <= $to
OPTIONAL MATCH (s)-[:ABOUT]->(t)
RETURN s.published AS date, speaker.name AS speaker, s.text AS statement,
       collect(DISTINCT t.name) AS about, s.doc AS doc, s.start AS span_start, s.end AS span_end
ORDER BY date, doc, span_start
