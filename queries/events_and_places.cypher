// Events and where they took place: each event with its locations and who took part,
// and the number of articles that mention it.
MATCH (e:Event)
OPTIONAL MATCH (e)-[:LOCATED_IN]->(place)
OPTIONAL MATCH (participant)-[:PARTICIPATES_IN]->(e)
OPTIONAL MATCH (e)-[:MENTIONED_IN]->(d:Document)
RETURN e.name AS event, collect(DISTINCT place.name) AS places,
       collect(DISTINCT participant.name) AS participants, count(DISTINCT d) AS articles
ORDER BY articles DESC, event
