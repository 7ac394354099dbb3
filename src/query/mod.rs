//! The query language: parse → `ast::Query`, plan → `Plan`, execute → `Rows`.

pub mod ast;
pub mod error;
pub mod parser;
pub mod sugar;

pub use error::SyntaxError;
