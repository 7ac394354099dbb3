#!/bin/sh
# Written by `whosaid export --format neo4j-csv`. Run it from this folder with
# Neo4j stopped; DATABASE defaults to neo4j.
neo4j-admin database import full \
  --nodes="nodes_Country.csv" \
  --nodes="nodes_Document.csv" \
  --nodes="nodes_Event.csv" \
  --nodes="nodes_Location_Capital.csv" \
  --nodes="nodes_Organization.csv" \
  --nodes="nodes_Person.csv" \
  --nodes="nodes_Statement.csv" \
  --relationships="rels_ABOUT.csv" \
  --relationships="rels_HOLDS_ROLE.csv" \
  --relationships="rels_IN.csv" \
  --relationships="rels_LOCATED_IN.csv" \
  --relationships="rels_MEMBER_OF.csv" \
  --relationships="rels_MENTIONED_IN.csv" \
  --relationships="rels_MET.csv" \
  --relationships="rels_PARTICIPATES_IN.csv" \
  --relationships="rels_SAID.csv" \
  --relationships="rels_TO.csv" \
  --array-delimiter="|" --multiline-fields=true \
  "${DATABASE:-neo4j}"
