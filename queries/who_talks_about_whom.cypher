// Who talks about whom most: speaker and target pairs ranked by the number of statements,
// with the number of articles they come from.
// @param limit: how many pairs to list (e.g. 25)
MATCH (speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(target)
WHERE speaker <> target
RETURN speaker.name AS speaker, target.name AS target, labels(target) AS target_labels,
       count(DISTINCT s) AS statements, count(DISTINCT s.doc) AS articles
ORDER BY statements DESC, speaker, target
LIMIT $limit
