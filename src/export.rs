//! Writers for the graph and query results. NOTE(skeleton): jsonl, dot, graphml, neo4j-csv to come.
