//! Relations between entity mentions. NOTE(skeleton): replaced by the entities work.

use super::{Mention, Relation};
use crate::text::Document;

pub fn find(_doc: &Document, _mentions: &[Mention]) -> Vec<Relation> {
    Vec::new()
}
