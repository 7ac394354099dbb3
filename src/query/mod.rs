//! The query language: parse → `ast::Query`, plan → `Plan`, execute → `Rows`.
//! NOTE(skeleton): filled by the query work.
