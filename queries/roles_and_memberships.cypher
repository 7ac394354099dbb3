// Roles and memberships of an entity: offices it holds or held (HOLDS_ROLE), what it is a
// member or citizen of, each with the source span that says so.
// @param name: name or alias of the person or organisation, any case
MATCH (p)-[r:HOLDS_ROLE|MEMBER_OF|CITIZEN_OF]->(o)
WHERE toLower(p.name) = toLower($name)
   OR toLower($name) IN [a IN coalesce(p.aliases, []) | toLower(a)]
RETURN p.name AS name, type(r) AS relation, r.role AS role, r.former AS former,
       o.name AS of, labels(o) AS of_labels, r.doc AS doc, r.start AS span_start, r.end AS span_end
ORDER BY relation, of, doc, span_start
