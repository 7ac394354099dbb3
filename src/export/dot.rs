//! Graphviz DOT: the picture of who said what about whom.
//!
//! By default a `Statement` node with its `SAID` speakers and `ABOUT` targets is collapsed into
//! speaker → target edges labelled with a short quote and its date, because that is the
//! question the picture answers; `DotOptions::statements` keeps statements as nodes instead.
//! Output is deterministic: nodes by ascending id, collapsed edges by (speaker, target), other
//! edges by ascending id, so that golden files and diffs of pictures stay readable.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::export::subgraph::Subgraph;
use crate::graph::{EdgeId, Graph, Node, NodeId, Value, label, rel};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// Keep `Statement` nodes (with `SAID`, `ABOUT`, `TO`, `IN` edges) instead of collapsing them.
    pub statements: bool,
    /// Draw `Document` nodes and the edges into them. Off by default: every collapsed edge
    /// already names its document in the tooltip, and documents pull the picture into a star.
    pub documents: bool,
    /// Keep only the speakers with the most statements and what they talk about (collapsed
    /// view only); `None` keeps everybody.
    pub top_speakers: Option<usize>,
    /// Keep only each speaker's most talked-about targets (collapsed view only).
    pub top_targets: Option<usize>,
    /// Draw relations between entities (roles, memberships, places, meetings, ...). Off makes
    /// a picture of statements alone.
    pub relations: bool,
    /// Longest quote shown on an edge, in characters, before it is cut with an ellipsis.
    pub quote_chars: usize,
    /// Lay out top to bottom instead of left to right: better for pictures with a few
    /// speakers and long chains, which left to right makes very wide.
    pub top_to_bottom: bool,
    /// Draw the legend.
    pub legend: bool,
    /// A caption under the picture.
    pub title: Option<String>,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            statements: false,
            documents: false,
            top_speakers: None,
            top_targets: None,
            relations: true,
            quote_chars: 48,
            top_to_bottom: false,
            legend: true,
            title: None,
        }
    }
}

/// How a node label looks. The order is the precedence when a node has several labels.
const STYLES: [(&str, &str, &str); 7] = [
    (label::PERSON, "ellipse", "#cfe2ff"),
    (label::ORGANIZATION, "box", "#ffe5b4"),
    (label::COUNTRY, "hexagon", "#c8f0c8"),
    (label::LOCATION, "house", "#e0f4d0"),
    (label::EVENT, "octagon", "#f8d0e0"),
    (label::STATEMENT, "note", "#fff8c4"),
    (label::DOCUMENT, "folder", "#e4e4e4"),
];
const OTHER_STYLE: (&str, &str, &str) = ("Other", "box", "#ffffff");
const SAID_COLOR: &str = "#1f4e9c";
const TO_COLOR: &str = "#7a3e9d";

fn style_of(n: &Node) -> (&'static str, &'static str, &'static str) {
    STYLES
        .iter()
        .find(|(l, _, _)| n.has_label(l))
        .copied()
        .unwrap_or(OTHER_STYLE)
}

/// Escapes text for a double-quoted DOT string. Backslashes and quotes are escaped, a line
/// break becomes Graphviz's centred line break `\n`, and other control characters become
/// spaces because Graphviz has no way to show them.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Cuts `s` to at most `max` characters at a word boundary where one is near, adding `…`.
/// Runs of white space (line breaks inside a quote) become single spaces.
pub fn shorten(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i >= cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

fn node_text(n: &Node, id: NodeId, quote_chars: usize) -> String {
    if let Some(name) = n.name() {
        return name.to_string();
    }
    if let Some(Value::String(t)) = n.prop("text").as_deref() {
        return format!("„{}“", shorten(t, quote_chars));
    }
    format!("{} {}", n.labels.join(":"), id.index())
}

fn prop_str<'a>(props: &'a crate::graph::Props, key: &str) -> Option<&'a str> {
    props.get(key).and_then(|v| v.as_str())
}

/// `doc start–end` for an edge's or statement's provenance, if it has one.
fn provenance(props: &crate::graph::Props) -> Option<String> {
    let doc = prop_str(props, "doc")?;
    let start = props.get("start").and_then(|v| v.as_int());
    let end = props.get("end").and_then(|v| v.as_int());
    Some(match (start, end) {
        (Some(s), Some(e)) => format!("{doc} {s}–{e}"),
        _ => doc.to_string(),
    })
}

/// One drawn speaker → target edge standing for one or more statements.
struct Collapsed {
    statements: Vec<NodeId>,
}

/// Which statements become which edges, and what is left out.
struct Plan {
    nodes: BTreeSet<NodeId>,
    /// (speaker, target, addressed) → statements; `addressed` marks `TO` rather than `ABOUT`.
    collapsed: BTreeMap<(NodeId, NodeId, bool), Collapsed>,
    edges: Vec<EdgeId>,
    /// Statements left out because they lack a speaker or a target in the selection.
    unanchored: usize,
}

fn plan(g: &Graph, sel: &Subgraph, opts: &DotOptions) -> Plan {
    let is = |n: NodeId, l: &str| g.node(n).is_some_and(|n| n.has_label(l));
    let mut nodes: BTreeSet<NodeId> = sel
        .nodes
        .iter()
        .copied()
        .filter(|&n| opts.documents || !is(n, label::DOCUMENT))
        .filter(|&n| opts.statements || !is(n, label::STATEMENT))
        .collect();
    let mut collapsed: BTreeMap<(NodeId, NodeId, bool), Collapsed> = BTreeMap::new();
    let mut unanchored = 0;
    if !opts.statements {
        for &s in sel.nodes.iter().filter(|&&n| is(n, label::STATEMENT)) {
            let picked = |it: Vec<(EdgeId, NodeId)>, ty: &str| -> Vec<NodeId> {
                it.into_iter()
                    .filter(|(e, n)| {
                        sel.edges.contains(e)
                            && nodes.contains(n)
                            && g.edge(*e).is_some_and(|e| e.rel_type == ty)
                    })
                    .map(|(_, n)| n)
                    .collect()
            };
            let speakers = picked(g.in_edges(s).collect(), rel::SAID);
            let about = picked(g.out_edges(s).collect(), rel::ABOUT);
            let to = picked(g.out_edges(s).collect(), rel::TO);
            if speakers.is_empty() || (about.is_empty() && to.is_empty()) {
                unanchored += 1;
                continue;
            }
            for &sp in &speakers {
                let targets = about.iter().map(|&t| (t, false));
                for (t, addressed) in targets.chain(to.iter().map(|&t| (t, true))) {
                    collapsed
                        .entry((sp, t, addressed))
                        .or_insert(Collapsed {
                            statements: Vec::new(),
                        })
                        .statements
                        .push(s);
                }
            }
        }
        if let Some(k) = opts.top_speakers {
            let mut per_speaker: BTreeMap<NodeId, BTreeSet<NodeId>> = BTreeMap::new();
            for ((sp, _, _), c) in &collapsed {
                per_speaker
                    .entry(*sp)
                    .or_default()
                    .extend(c.statements.iter().copied());
            }
            let mut ranked: Vec<(usize, NodeId)> =
                per_speaker.iter().map(|(sp, s)| (s.len(), *sp)).collect();
            // Most statements first; ties go to the lower (older) id so the choice is stable.
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let keep: BTreeSet<NodeId> = ranked.iter().take(k).map(|&(_, sp)| sp).collect();
            collapsed.retain(|(sp, _, _), _| keep.contains(sp));
        }
        if let Some(k) = opts.top_targets {
            // Per speaker, the targets with the most statements; ties to the lower id.
            let mut per_speaker: BTreeMap<NodeId, Vec<(usize, NodeId, bool)>> = BTreeMap::new();
            for (&(sp, t, addressed), c) in &collapsed {
                per_speaker
                    .entry(sp)
                    .or_default()
                    .push((c.statements.len(), t, addressed));
            }
            let mut keep = BTreeSet::new();
            for (sp, mut targets) in per_speaker {
                targets.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                keep.extend(targets.into_iter().take(k).map(|(_, t, a)| (sp, t, a)));
            }
            collapsed.retain(|key, _| keep.contains(key));
        }
        if opts.top_speakers.is_some() || opts.top_targets.is_some() {
            nodes = collapsed.keys().flat_map(|&(a, b, _)| [a, b]).collect();
        }
    }
    let edges = sel
        .edges
        .iter()
        .copied()
        .filter(|&e| {
            g.endpoints(e)
                .is_some_and(|(a, b)| nodes.contains(&a) && nodes.contains(&b))
        })
        .filter(|&e| {
            opts.relations
                || g.edge(e).is_some_and(|e| {
                    [rel::SAID, rel::ABOUT, rel::TO, rel::IN].contains(&e.rel_type.as_str())
                })
        })
        .collect();
    Plan {
        nodes,
        collapsed,
        edges,
        unanchored,
    }
}

/// Writes the selection as a DOT digraph.
pub fn write(g: &Graph, sel: &Subgraph, opts: &DotOptions, out: &mut impl Write) -> io::Result<()> {
    out.write_all(to_string(g, sel, opts).as_bytes())
}

/// The selection as DOT text; see `write`.
pub fn to_string(g: &Graph, sel: &Subgraph, opts: &DotOptions) -> String {
    let p = plan(g, sel, opts);
    let mut s = String::new();
    s.push_str("digraph whosaid {\n");
    let _ = write!(
        s,
        "  graph [charset=\"UTF-8\", rankdir={}, overlap=false, fontname=\"Helvetica\"",
        if opts.top_to_bottom { "TB" } else { "LR" }
    );
    if let Some(t) = &opts.title {
        let _ = write!(s, ", label=\"{}\", labelloc=t, fontsize=18", escape(t));
    }
    s.push_str("];\n");
    s.push_str("  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n");
    s.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let mut used_styles = BTreeSet::new();
    for &id in &p.nodes {
        let n = g.node(id).expect("selected node exists");
        let (l, shape, fill) = style_of(n);
        used_styles.insert(l);
        let mut tooltip = n.labels.join(":");
        if let Some(pr) = provenance(&n.props) {
            let _ = write!(tooltip, " ({pr})");
        }
        // Aliases tell a reader which spellings of the text this node stands for.
        let aliases = crate::graph::string_list(n.prop("aliases"));
        if !aliases.is_empty() {
            let _ = write!(tooltip, "; also: {}", aliases.join(", "));
        }
        let _ = writeln!(
            s,
            "  n{} [label=\"{}\", shape={shape}, fillcolor=\"{fill}\", tooltip=\"{}\"];",
            id.index(),
            escape(&node_text(n, id, opts.quote_chars)),
            escape(&tooltip),
        );
    }
    for ((sp, t, addressed), c) in &p.collapsed {
        let first = g.node(c.statements[0]).expect("statement exists");
        let mut text = match prop_str(&first.props, "text") {
            Some(q) => format!("„{}“", shorten(q, opts.quote_chars)),
            None => String::from("(statement)"),
        };
        if *addressed {
            text = format!("to: {text}");
        }
        if let Some(d) = prop_str(&first.props, "published") {
            let _ = write!(text, "\n{d}");
        }
        if c.statements.len() > 1 {
            let _ = write!(text, "\n(+{} more)", c.statements.len() - 1);
        }
        let tooltip: Vec<String> = c
            .statements
            .iter()
            .filter_map(|&st| g.node(st).and_then(|n| provenance(&n.props)))
            .collect();
        let color = if *addressed { TO_COLOR } else { SAID_COLOR };
        let width = 1.0 + (c.statements.len() as f64).log2().min(4.0);
        let _ = writeln!(
            s,
            "  n{} -> n{} [label=\"{}\", tooltip=\"{}\", color=\"{color}\", fontcolor=\"{color}\", penwidth={width:.1}{}];",
            sp.index(),
            t.index(),
            escape(&text),
            escape(&tooltip.join("; ")),
            if *addressed { ", style=dashed" } else { "" },
        );
    }
    for &e in &p.edges {
        let edge = g.edge(e).expect("selected edge exists");
        let (a, b) = g.endpoints(e).expect("selected edge has endpoints");
        let mut text = edge.rel_type.to_string();
        if let Some(r) = prop_str(edge.props, "role") {
            let _ = write!(text, "\n{r}");
            if edge.prop("former").as_deref() == Some(&Value::Bool(true)) {
                text.push_str(" (former)");
            }
        }
        let tooltip = provenance(edge.props).unwrap_or_default();
        let _ = writeln!(
            s,
            "  n{} -> n{} [label=\"{}\", tooltip=\"{}\", color=\"#777777\", fontcolor=\"#555555\"];",
            a.index(),
            b.index(),
            escape(&text),
            escape(&tooltip),
        );
    }
    if opts.legend {
        legend(&mut s, &used_styles, &p);
    }
    s.push_str("}\n");
    s
}

/// The legend is one node with an HTML-like table: it stays compact wherever the layout
/// puts it, unlike a cluster of sample nodes that the layout spreads over a whole rank.
/// Every text in it is fixed or a number, so nothing needs HTML escaping.
fn legend(s: &mut String, used: &BTreeSet<&str>, p: &Plan) {
    let mut rows = Vec::new();
    for (l, shape, fill) in STYLES.iter().chain([&OTHER_STYLE]) {
        if used.contains(l) {
            rows.push(format!(
                "<TR><TD BGCOLOR=\"{fill}\">{l}</TD><TD>{shape}</TD></TR>"
            ));
        }
    }
    if !p.collapsed.is_empty() {
        rows.push(format!(
            "<TR><TD COLSPAN=\"2\"><FONT COLOR=\"{SAID_COLOR}\">speaker → what it is about: „quote“, date</FONT></TD></TR>"
        ));
        rows.push("<TR><TD COLSPAN=\"2\">thicker: more statements (+N more)</TD></TR>".to_string());
    }
    if p.collapsed.keys().any(|&(_, _, addressed)| addressed) {
        rows.push(format!(
            "<TR><TD COLSPAN=\"2\"><FONT COLOR=\"{TO_COLOR}\">dashed: speaker → addressee (to:)</FONT></TD></TR>"
        ));
    }
    if p.unanchored > 0 {
        rows.push(format!(
            "<TR><TD COLSPAN=\"2\">{} statement(s) without speaker or target not drawn</TD></TR>",
            p.unanchored
        ));
    }
    if rows.is_empty() {
        return;
    }
    s.push_str("  legend [shape=plaintext, style=\"\", fontsize=10, label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">");
    s.push_str("<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>");
    for r in rows {
        s.push_str(&r);
    }
    s.push_str("</TABLE>>];\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_and_line_breaks() {
        assert_eq!(
            escape("Er sagte: \"Nein\\Ja\"\r\nEnde\t."),
            "Er sagte: \\\"Nein\\\\Ja\\\"\\nEnde ."
        );
        assert_eq!(escape("Ärger über „Zölle“"), "Ärger über „Zölle“");
    }

    #[test]
    fn shortens_at_a_word_boundary() {
        assert_eq!(shorten("Wir schaffen das", 40), "Wir schaffen das");
        assert_eq!(
            shorten("Die Lage ist ernst, aber nicht hoffnungslos", 22),
            "Die Lage ist ernst…"
        );
        assert_eq!(shorten("Überübergrößenwörter", 6), "Überü…");
        assert_eq!(shorten("zwei\n  Zeilen", 40), "zwei Zeilen");
    }
}
