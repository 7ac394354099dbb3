//! Query results as text: aligned tables for people, CSV, JSON and Markdown for tools.
//!
//! A result is a `ResultTable` of JSON cells. Nodes are `{"id","labels","properties"}`,
//! relationships `{"id","type","start","end","properties"}` and paths
//! `{"nodes":[..],"relationships":[..]}`, the same shapes `query --format json` prints, so that
//! every front end formats results the same way.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value as Json};

/// Column names and rows of JSON cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResultTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Json>>,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    pub const NAMES: [&'static str; 4] = ["table", "csv", "json", "markdown"];

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "markdown" | "md" => Format::Markdown,
            _ => return None,
        })
    }
}

/// Settings for human-readable output.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Rows printed at most; the footer says how many there were.
    pub max_rows: usize,
    /// Terminal width the table must fit into.
    pub width: u16,
    /// Characters a cell shows at most before it is cut with `…`; long German statements
    /// would otherwise make every row a screen high.
    pub max_cell: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            max_rows: 1000,
            width: 120,
            max_cell: 240,
        }
    }
}

/// Prints a result in the given format. Table and Markdown end with a footer line
/// (`3 rows` or `1200 rows, 1000 shown`); CSV and JSON print every row, for tools.
pub fn render(t: &ResultTable, format: Format, layout: &Layout) -> String {
    match format {
        Format::Table => table(t, layout),
        Format::Csv => csv(t),
        Format::Json => json(t),
        Format::Markdown => markdown(t, layout),
    }
}

fn footer(total: usize, shown: usize) -> String {
    let noun = if total == 1 { "row" } else { "rows" };
    if shown < total {
        format!("{total} {noun}, {shown} shown")
    } else {
        format!("{total} {noun}")
    }
}

fn table(t: &ResultTable, layout: &Layout) -> String {
    let shown = t.rows.len().min(layout.max_rows);
    let mut out = String::new();
    if !t.columns.is_empty() {
        let mut tab = Table::new();
        tab.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(layout.width)
            .force_no_tty()
            .set_header(t.columns.clone());
        for row in &t.rows[..shown] {
            tab.add_row(
                row.iter()
                    .map(|c| truncate(&display(c), layout.max_cell))
                    .collect::<Vec<_>>(),
            );
        }
        out.push_str(&tab.to_string());
        out.push('\n');
    }
    out.push_str(&footer(t.rows.len(), shown));
    out.push('\n');
    out
}

fn markdown(t: &ResultTable, layout: &Layout) -> String {
    let shown = t.rows.len().min(layout.max_rows);
    let cell = |s: String| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    if !t.columns.is_empty() {
        let _ = writeln!(
            out,
            "| {} |",
            t.columns
                .iter()
                .map(|c| cell(c.clone()))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(out, "|{}", "---|".repeat(t.columns.len()));
        for row in &t.rows[..shown] {
            let cells: Vec<String> = row
                .iter()
                .map(|c| cell(truncate(&display(c), layout.max_cell)))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    out.push('\n');
    out.push_str(&footer(t.rows.len(), shown));
    out.push('\n');
    out
}

fn csv(t: &ResultTable) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| {
        cells
            .into_iter()
            .map(|c| csv_field(&c))
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&line(t.columns.clone()));
    out.push('\n');
    for row in &t.rows {
        out.push_str(&line(row.iter().map(csv_text).collect()));
        out.push('\n');
    }
    out
}

/// A CSV cell: strings as they are, null as empty, everything else as compact JSON.
fn csv_text(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn json(t: &ResultTable) -> String {
    let rows: Vec<Json> = t
        .rows
        .iter()
        .map(|row| {
            let mut m = Map::new();
            for (c, v) in t.columns.iter().zip(row) {
                m.insert(c.clone(), v.clone());
            }
            Json::Object(m)
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&Json::Array(rows)).expect("JSON values serialise");
    s.push('\n');
    s
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A cell as a person reads it: strings bare, graph elements in Cypher notation.
pub fn display(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::String(s) => s.clone(),
        Json::Object(m) if is_node(m) => {
            let labels: String = labels_of(m).iter().map(|l| format!(":{l}")).collect();
            format!("({labels}{})", props_text(m.get("properties")))
        }
        Json::Object(m) if is_rel(m) => {
            let ty = m.get("type").and_then(Json::as_str).unwrap_or("");
            format!("[:{ty}{}]", props_text(m.get("properties")))
        }
        Json::Object(m) if m.contains_key("nodes") && m.contains_key("relationships") => {
            let nodes = m["nodes"].as_array().cloned().unwrap_or_default();
            let rels = m["relationships"].as_array().cloned().unwrap_or_default();
            let mut s = String::from("<");
            for (i, n) in nodes.iter().enumerate() {
                if i > 0 {
                    s.push_str(&format!(
                        "-{}-",
                        rels.get(i - 1).map(display).unwrap_or_default()
                    ));
                }
                s.push_str(&display(n));
            }
            s.push('>');
            s
        }
        Json::Array(items) => format!(
            "[{}]",
            items.iter().map(literal).collect::<Vec<_>>().join(", ")
        ),
        Json::Object(_) => literal(v),
        other => other.to_string(),
    }
}

fn is_node(m: &Map<String, Json>) -> bool {
    m.contains_key("labels") && m.contains_key("properties") && m.contains_key("id")
}
fn is_rel(m: &Map<String, Json>) -> bool {
    m.contains_key("type") && m.contains_key("start") && m.contains_key("end")
}
fn labels_of(m: &Map<String, Json>) -> Vec<String> {
    m.get("labels")
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|l| l.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Cypher-style map text of a properties object; `name` first, as it identifies entities.
fn props_text(p: Option<&Json>) -> String {
    let Some(Json::Object(m)) = p else {
        return String::new();
    };
    if m.is_empty() {
        return String::new();
    }
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort_by_key(|k| (k.as_str() != "name", k.as_str()));
    let parts: Vec<String> = keys
        .iter()
        .map(|k| format!("{k}: {}", literal(&m[*k])))
        .collect();
    format!(" {{{}}}", parts.join(", "))
}

/// A value in Cypher literal notation (strings quoted).
fn literal(v: &Json) -> String {
    match v {
        Json::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Json::Array(items) => format!(
            "[{}]",
            items.iter().map(literal).collect::<Vec<_>>().join(", ")
        ),
        Json::Object(m) if is_node(m) || is_rel(m) => display(v),
        Json::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{k}: {}", literal(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> ResultTable {
        ResultTable {
            columns: vec!["speaker".into(), "text".into(), "n".into()],
            rows: vec![
                vec![
                    json!({"id": "1", "labels": ["Person"], "properties": {"name": "Anna Muster", "aliases": ["Muster"]}}),
                    json!("Wir müssen reden, \"sofort\"."),
                    json!(2),
                ],
                vec![json!(null), json!("zweite Zeile"), json!(1.5)],
            ],
        }
    }

    #[test]
    fn csv_quotes_fields_and_prints_nodes_as_json() {
        let s = render(&sample(), Format::Csv, &Layout::default());
        let mut lines = s.lines();
        assert_eq!(lines.next(), Some("speaker,text,n"));
        let first = lines.next().unwrap();
        assert!(first.starts_with("\"{\"\"id\"\":\"\"1\"\""), "{first}");
        assert!(
            first.ends_with(",\"Wir müssen reden, \"\"sofort\"\".\",2"),
            "{first}"
        );
        assert_eq!(lines.next(), Some(",zweite Zeile,1.5"));
    }

    #[test]
    fn json_is_an_array_of_objects_keyed_by_column() {
        let s = render(&sample(), Format::Json, &Layout::default());
        let v: Json = serde_json::from_str(&s).unwrap();
        assert_eq!(v[0]["n"], json!(2));
        assert_eq!(v[1]["speaker"], Json::Null);
        assert_eq!(v[0]["speaker"]["labels"], json!(["Person"]));
    }

    #[test]
    fn table_shows_nodes_in_cypher_notation_and_counts_rows() {
        let layout = Layout {
            max_rows: 1,
            width: 200,
            max_cell: 100,
        };
        let s = render(&sample(), Format::Table, &layout);
        assert!(
            s.contains("(:Person {name: 'Anna Muster', aliases: ['Muster']})"),
            "{s}"
        );
        assert!(!s.contains("zweite Zeile"), "{s}");
        assert!(s.ends_with("2 rows, 1 shown\n"), "{s}");
    }

    #[test]
    fn long_cells_are_cut_and_tables_fit_the_width() {
        let long = "Das ist ein sehr langer deutscher Satz ".repeat(20);
        let t = ResultTable {
            columns: vec!["text".into()],
            rows: vec![vec![json!(long)]],
        };
        let layout = Layout {
            max_rows: 10,
            width: 60,
            max_cell: 100,
        };
        let s = render(&t, Format::Table, &layout);
        assert!(s.lines().all(|l| l.chars().count() <= 60), "{s}");
        assert!(s.contains('…'), "{s}");
        assert!(s.ends_with("1 row\n"));
    }

    #[test]
    fn markdown_escapes_pipes() {
        let t = ResultTable {
            columns: vec!["a|b".into()],
            rows: vec![vec![json!("x|y")]],
        };
        let s = render(&t, Format::Markdown, &Layout::default());
        assert!(s.starts_with("| a\\|b |\n|---|\n| x\\|y |\n"), "{s}");
    }
}
