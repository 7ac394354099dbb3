// Co-mentions: the entities that appear in the same articles as a given one, ranked by the
// number of shared articles.
// @param name: name or alias of the entity, any case
MATCH (x)-[:MENTIONED_IN]->(d:Document)<-[:MENTIONED_IN]-(other)
WHERE (toLower(x.name) = toLower($name)
       OR toLower($name) IN [a IN coalesce(x.aliases, []) | toLower(a)])
  AND other <> x
RETURN other.name AS entity, labels(other) AS labels, count(DISTINCT d) AS shared_articles,
       collect(DISTINCT d.name)[..5] AS some_articles
ORDER BY shared_articles DESC, entity
LIMIT 50
