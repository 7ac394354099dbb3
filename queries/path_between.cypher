// The path between two entities: the shortest chain of relationships linking them (at most
// six steps, in either direction), e.g. speaker, statement, target, statement, target.
// @param from: name or alias of the first entity, any case
// @param to: name or alias of the second entity, any case
MATCH (a)
WHERE toLower(a.name) = toLower($from)
   OR toLower($from) IN [x IN coalesce(a.aliases, []) | toLower(x)]
MATCH (b)
WHERE (toLower(b.name) = toLower($to)
       OR toLower($to) IN [x IN coalesce(b.aliases, []) | toLower(x)])
  AND a <> b
MATCH p = shortestPath((a)-[*..6]-(b))
RETURN [n IN nodes(p) | coalesce(n.name, n.text)] AS steps,
       [r IN relationships(p) | type(r)] AS relations, length(p) AS length
ORDER BY length
LIMIT 1
