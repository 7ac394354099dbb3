//! The query language: parse → `ast::Query`, plan → `Plan`, execute → `Rows`.

pub mod ast;
