//! Just enough Gherkin for the openCypher TCK: Feature, Background, Scenario, Scenario
//! Outline with Examples (expanded here), steps with doc strings and tables.

/// One step: its keyword-less text, and an optional doc string or table.
#[derive(Debug, Clone)]
pub struct Step {
    pub text: String,
    pub doc: Option<String>,
    pub table: Vec<Vec<String>>,
}

/// A scenario after outline expansion; `index` counts scenarios in the file from 0, in the
/// same way as the `skip` lines of SUBSET.txt.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub index: usize,
    pub name: String,
    pub steps: Vec<Step>,
}

const KEYWORDS: [&str; 5] = ["Given ", "When ", "Then ", "And ", "But "];

/// Splits a table row into cells, undoing Gherkin's cell escapes (`\|`, `\\`, `\n`).
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('|') => cur.push('|'),
                Some('\\') => cur.push('\\'),
                Some('n') => cur.push('\n'),
                Some(o) => {
                    cur.push('\\');
                    cur.push(o);
                }
                None => cur.push('\\'),
            },
            '|' => {
                out.push(cur.trim().to_string());
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    out
}

struct RawScenario {
    name: String,
    steps: Vec<Step>,
    examples: Vec<Vec<Vec<String>>>,
    outline: bool,
}

pub fn parse(text: &str) -> Vec<Scenario> {
    let lines: Vec<&str> = text.lines().collect();
    let mut background: Vec<Step> = Vec::new();
    let mut raws: Vec<RawScenario> = Vec::new();
    // Where steps go: the background (None) or the last scenario.
    let mut in_background = false;
    let mut in_examples = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        i += 1;
        if line.is_empty() || line.starts_with('#') || line.starts_with('@') {
            continue;
        }
        if line.starts_with("Feature:") {
            continue;
        }
        if line.starts_with("Background:") {
            in_background = true;
            continue;
        }
        if let Some(rest) = line
            .strip_prefix("Scenario Outline:")
            .or_else(|| line.strip_prefix("Scenario Template:"))
        {
            in_background = false;
            in_examples = false;
            raws.push(RawScenario {
                name: rest.trim().to_string(),
                steps: Vec::new(),
                examples: Vec::new(),
                outline: true,
            });
            continue;
        }
        if let Some(rest) = line.strip_prefix("Scenario:") {
            in_background = false;
            in_examples = false;
            raws.push(RawScenario {
                name: rest.trim().to_string(),
                steps: Vec::new(),
                examples: Vec::new(),
                outline: false,
            });
            continue;
        }
        if line.starts_with("Examples:") || line.starts_with("Scenarios:") {
            in_examples = true;
            if let Some(r) = raws.last_mut() {
                r.examples.push(Vec::new());
            }
            continue;
        }
        if line.starts_with('|') {
            if in_examples {
                if let Some(t) = raws.last_mut().and_then(|r| r.examples.last_mut()) {
                    t.push(cells(line));
                }
            } else {
                let steps = if in_background {
                    &mut background
                } else {
                    match raws.last_mut() {
                        Some(r) => &mut r.steps,
                        None => continue,
                    }
                };
                if let Some(s) = steps.last_mut() {
                    s.table.push(cells(line));
                }
            }
            continue;
        }
        if line.starts_with("\"\"\"") {
            // A doc string: its lines lose the indentation of the opening quotes.
            let indent = lines[i - 1].len() - lines[i - 1].trim_start().len();
            let mut doc = Vec::new();
            while i < lines.len() && lines[i].trim() != "\"\"\"" {
                let l = lines[i];
                let cut = l.len() - l.trim_start().len();
                doc.push(&l[cut.min(indent)..]);
                i += 1;
            }
            i += 1;
            let steps = if in_background {
                &mut background
            } else {
                match raws.last_mut() {
                    Some(r) => &mut r.steps,
                    None => continue,
                }
            };
            if let Some(s) = steps.last_mut() {
                s.doc = Some(doc.join("\n"));
            }
            continue;
        }
        if let Some(k) = KEYWORDS.iter().find(|k| line.starts_with(*k)) {
            let step = Step {
                text: line[k.len()..].trim().to_string(),
                doc: None,
                table: Vec::new(),
            };
            if in_background {
                background.push(step);
            } else if let Some(r) = raws.last_mut() {
                r.steps.push(step);
            }
        }
    }

    let mut out = Vec::new();
    for r in raws {
        let mut steps = background.clone();
        steps.extend(r.steps.iter().cloned());
        if !r.outline {
            out.push(Scenario {
                index: out.len(),
                name: r.name,
                steps,
            });
            continue;
        }
        for table in &r.examples {
            let Some((head, rows)) = table.split_first() else {
                continue;
            };
            for row in rows {
                let subst = |s: &str| {
                    let mut s = s.to_string();
                    for (k, v) in head.iter().zip(row) {
                        s = s.replace(&format!("<{k}>"), v);
                    }
                    s
                };
                let steps = steps
                    .iter()
                    .map(|st| Step {
                        text: subst(&st.text),
                        doc: st.doc.as_deref().map(subst),
                        table: st
                            .table
                            .iter()
                            .map(|r| r.iter().map(|c| subst(c)).collect())
                            .collect(),
                    })
                    .collect();
                out.push(Scenario {
                    index: out.len(),
                    name: subst(&r.name),
                    steps,
                });
            }
        }
    }
    out
}
