//! One export request, as `whosaid export` and the REPL's `:dot` state it: a format, which part
//! of the graph, options and where the output goes. `run` checks the combination, selects,
//! writes and renders, so a command line only has to fill in a `Request`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::export::dot::{self, DotOptions};
use crate::export::neo4j_csv::{self, CsvExportError, ExportStats};
use crate::export::render::{RenderError, RenderFormat, Renderer, format_for_path};
use crate::export::subgraph::{SelectError, Subgraph};
use crate::export::{graphml, jsonl};
use crate::graph::{EdgeId, Graph, NodeId};
use crate::query::Value as QValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Dot,
    Graphml,
    Neo4jCsv,
}

impl FromStr for Format {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" => Ok(Format::Jsonl),
            "dot" | "graphviz" => Ok(Format::Dot),
            "graphml" => Ok(Format::Graphml),
            "neo4j-csv" | "neo4j" | "csv" => Ok(Format::Neo4jCsv),
            _ => Err(ExportError::UnknownFormat(s.to_string())),
        }
    }
}

/// Which part of the graph to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Whole,
    /// The neighbourhood of an entity named by name or alias; see `Subgraph::around`.
    Around {
        name: String,
        depth: usize,
    },
    /// What a query result holds. Edges between the given nodes come along, so a result of
    /// nodes only still draws connected.
    Ids {
        nodes: Vec<NodeId>,
        edges: Vec<EdgeId>,
    },
}

#[derive(Debug, Clone)]
pub struct Request {
    pub format: Format,
    pub selection: Selection,
    pub dot: DotOptions,
    /// Render the DOT with Graphviz into `output`; with `None`, an output file ending in
    /// `.svg`, `.png` or `.pdf` still asks for rendering.
    pub render: Option<RenderFormat>,
    /// A file (a folder for neo4j-csv); `None` writes to the given stdout.
    pub output: Option<PathBuf>,
}

impl Selection {
    /// Every node, relationship and path a query result holds, looking inside lists and maps,
    /// for `--query` and the REPL's `:dot`.
    pub fn of_rows(rows: &crate::query::Rows) -> Selection {
        Selection::of_values(rows.rows.iter().flatten())
    }

    /// Like `of_rows`, for any values.
    pub fn of_values<'a>(values: impl IntoIterator<Item = &'a QValue>) -> Selection {
        fn walk(v: &QValue, nodes: &mut Vec<NodeId>, edges: &mut Vec<EdgeId>) {
            match v {
                QValue::Node(n) => nodes.push(*n),
                QValue::Relationship(e) => edges.push(*e),
                QValue::Path(p) => {
                    nodes.extend(&p.nodes);
                    edges.extend(&p.rels);
                }
                QValue::List(items) => items.iter().for_each(|i| walk(i, nodes, edges)),
                QValue::Map(m) => m.values().for_each(|i| walk(i, nodes, edges)),
                _ => {}
            }
        }
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        for v in values {
            walk(v, &mut nodes, &mut edges);
        }
        Selection::Ids { nodes, edges }
    }
}

impl Request {
    pub fn new(format: Format) -> Self {
        Request {
            format,
            selection: Selection::Whole,
            dot: DotOptions::default(),
            render: None,
            output: None,
        }
    }
}

/// What `run` wrote, for the caller's closing message.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    Stdout,
    File(PathBuf),
    Folder(ExportStats),
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown export format {0:?}; expected dot, graphml, neo4j-csv or jsonl")]
    UnknownFormat(String),
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Csv(#[from] CsvExportError),
    #[error("the neo4j-csv export writes a folder of files: give one with -o DIR")]
    NeedsFolder,
    #[error("rendering needs the dot format (--format dot --render {0})")]
    RenderNeedsDot(RenderFormat),
    #[error("rendering to {0} needs an output file (-o FILE)")]
    RenderNeedsFile(RenderFormat),
    #[error(
        "the jsonl export writes the whole graph; use dot, graphml or neo4j-csv for a part of it"
    )]
    JsonlWholeOnly,
    #[error("could not write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("could not write to standard output: {0}")]
    Stdout(io::Error),
}

/// Checks the request, selects, writes and, if asked, renders.
pub fn run(g: &Graph, req: &Request, stdout: &mut dyn Write) -> Result<Written, ExportError> {
    // `-o picture.svg` asks for a picture, not for DOT text in a file called .svg.
    let render = req.render.or_else(|| match req.format {
        Format::Dot => req.output.as_deref().and_then(format_for_path),
        _ => None,
    });
    if let Some(r) = render {
        if req.format != Format::Dot {
            return Err(ExportError::RenderNeedsDot(r));
        }
        if req.output.is_none() {
            return Err(ExportError::RenderNeedsFile(r));
        }
    }
    if req.format == Format::Neo4jCsv && req.output.is_none() {
        return Err(ExportError::NeedsFolder);
    }
    if req.format == Format::Jsonl && req.selection != Selection::Whole {
        return Err(ExportError::JsonlWholeOnly);
    }
    let sel = match &req.selection {
        Selection::Whole => Subgraph::whole(g),
        Selection::Around { name, depth } => Subgraph::around(g, name, *depth)?,
        Selection::Ids { nodes, edges } => {
            Subgraph::from_ids(g, nodes.iter().copied(), edges.iter().copied())
                .with_induced_edges(g)
        }
    };
    let text = match req.format {
        Format::Neo4jCsv => {
            let dir = req.output.as_ref().expect("checked above");
            return Ok(Written::Folder(neo4j_csv::write_dir(g, &sel, dir)?));
        }
        Format::Dot => dot::to_string(g, &sel, &req.dot),
        // These two stream: a whole graph of millions of nodes never sits in memory as text.
        Format::Graphml => {
            return emit(req.output.as_deref(), stdout, |w| {
                graphml::write(g, &sel, &mut &mut *w)
            });
        }
        Format::Jsonl => {
            return emit(req.output.as_deref(), stdout, |w| {
                jsonl::write(g, &mut &mut *w)
            });
        }
    };
    match (&req.output, render) {
        (Some(path), Some(format)) => {
            Renderer::new().render_to_file(&text, format, path)?;
            Ok(Written::File(path.clone()))
        }
        (path, _) => emit(path.as_deref(), stdout, |w| w.write_all(text.as_bytes())),
    }
}

/// Writes to a file, or to `stdout` when there is none. A file is written under a temporary
/// name and renamed when complete, so a failed export never leaves half a file where an
/// earlier good one was.
fn emit(
    path: Option<&Path>,
    stdout: &mut dyn Write,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, ExportError> {
    let Some(path) = path else {
        body(stdout)
            .and_then(|_| stdout.flush())
            .map_err(ExportError::Stdout)?;
        return Ok(Written::Stdout);
    };
    let err = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".partial");
    let tmp = path.with_file_name(tmp_name);
    let result = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = io::BufWriter::with_capacity(1 << 20, f);
        body(&mut w)?;
        w.flush()
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    std::fs::rename(&tmp, path).map_err(err)?;
    Ok(Written::File(path.to_path_buf()))
}
