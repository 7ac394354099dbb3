//! Rendering DOT to SVG, PNG or PDF with Graphviz's `dot` program.
//!
//! We do not lay out graphs ourselves: Graphviz does it well and is one package away on every
//! system, so a missing `dot` is a typed error that says how to install it.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    Svg,
    Png,
    Pdf,
}

impl RenderFormat {
    /// The argument `dot -T` takes, also the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            RenderFormat::Svg => "svg",
            RenderFormat::Png => "png",
            RenderFormat::Pdf => "pdf",
        }
    }
}

impl fmt::Display for RenderFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RenderFormat {
    type Err = RenderError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "svg" => Ok(RenderFormat::Svg),
            "png" => Ok(RenderFormat::Png),
            "pdf" => Ok(RenderFormat::Pdf),
            _ => Err(RenderError::UnknownFormat(s.to_string())),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(
        "Graphviz is not installed (`{program}` was not found). Install it with \
         `sudo apt-get install graphviz` (Debian/Ubuntu), `sudo dnf install graphviz` (Fedora), \
         `brew install graphviz` (macOS) or `winget install graphviz` (Windows), \
         or write DOT without --render and render it elsewhere"
    )]
    GraphvizMissing { program: PathBuf },
    #[error("unknown render format {0:?}; expected svg, png or pdf")]
    UnknownFormat(String),
    #[error("Graphviz `dot -T{format}` failed ({status}): {stderr}")]
    Failed {
        format: RenderFormat,
        status: String,
        stderr: String,
    },
    #[error("could not run Graphviz `{program}`: {source}")]
    Spawn {
        program: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Runs a Graphviz `dot` program.
#[derive(Debug, Clone)]
pub struct Renderer {
    program: PathBuf,
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer {
            program: PathBuf::from("dot"),
        }
    }
}

impl Renderer {
    /// `dot` from `PATH`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A given `dot` executable, e.g. one outside `PATH`.
    pub fn with_program(program: impl Into<PathBuf>) -> Self {
        Renderer {
            program: program.into(),
        }
    }

    /// Whether the program runs at all (`dot -V`).
    pub fn available(&self) -> bool {
        Command::new(&self.program)
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Lays out DOT text and returns the rendered bytes.
    pub fn render(&self, dot: &str, format: RenderFormat) -> Result<Vec<u8>, RenderError> {
        let mut child = Command::new(&self.program)
            .arg(format!("-T{}", format.as_str()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| self.spawn_error(e))?;
        // Feed stdin from a thread: a large graph fills the pipe buffers both ways, and writing
        // all input before reading any output would then block forever.
        let mut stdin = child.stdin.take().expect("stdin was piped");
        let input = dot.as_bytes().to_vec();
        let feeder = std::thread::spawn(move || stdin.write_all(&input));
        let out = child.wait_with_output().map_err(|e| self.spawn_error(e))?;
        let fed = feeder.join().expect("stdin feeder does not panic");
        if !out.status.success() {
            return Err(RenderError::Failed {
                format,
                status: out.status.to_string(),
                stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        fed.map_err(|e| self.spawn_error(e))?;
        Ok(out.stdout)
    }

    /// Lays out DOT text into a file. The file is written only when Graphviz succeeded.
    pub fn render_to_file(
        &self,
        dot: &str,
        format: RenderFormat,
        path: &Path,
    ) -> Result<(), RenderError> {
        let bytes = self.render(dot, format)?;
        std::fs::write(path, bytes).map_err(|source| RenderError::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    fn spawn_error(&self, e: std::io::Error) -> RenderError {
        if e.kind() == std::io::ErrorKind::NotFound {
            RenderError::GraphvizMissing {
                program: self.program.clone(),
            }
        } else {
            RenderError::Spawn {
                program: self.program.clone(),
                source: e,
            }
        }
    }
}

/// The render format a file name asks for by its extension (`picture.svg` → SVG).
pub fn format_for_path(path: &Path) -> Option<RenderFormat> {
    path.extension()?.to_str()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_says_how_to_install_graphviz() {
        let r = Renderer::with_program("/nonexistent/whosaid-test/dot");
        assert!(!r.available());
        let err = r.render("digraph {}", RenderFormat::Svg).unwrap_err();
        assert!(
            matches!(err, RenderError::GraphvizMissing { .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("apt-get install graphviz"));
    }

    #[test]
    fn formats_parse_from_names_and_extensions() {
        assert_eq!("SVG".parse::<RenderFormat>().unwrap(), RenderFormat::Svg);
        assert!("gif".parse::<RenderFormat>().is_err());
        assert_eq!(
            format_for_path(Path::new("a/b.png")),
            Some(RenderFormat::Png)
        );
        assert_eq!(format_for_path(Path::new("a/b")), None);
    }
}
