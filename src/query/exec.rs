//! Execution of a plan: each operator turns a table (names + rows) into the next one.
//!
//! Tables are materialised between operators; this keeps every operator simple and lets
//! writes see a stable input. Every loop checks the cancellation flag, the deadline and the
//! row budget, so a runaway query stops with a clear error instead of hanging.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::Ordering as AtomicOrdering;

use regex::Regex;

use super::ast::{self, Direction, Expr, PathKind, PatternElement, PatternPart, SetItem};
use super::eval::{Ctx, Env, truth, type_error};
use super::plan::{Op, PartPlan, Pipeline, Plan, ProjectPlan, Start};
use super::value::{Equiv, FastMap, FastSet, Path, Value};
use super::view::{GraphView, GraphWrite};
use super::{ErrorClass, Options, Params, QueryError, Rows, SideEffects};
use crate::graph::{self, EdgeId, NodeId};

/// A node's relationships of one type: outgoing and incoming slices of the adjacency.
/// With the label bits every far end of these relationships carries.
type TypedEdges<'g> = (&'g [(EdgeId, NodeId)], &'g [(EdgeId, NodeId)], u32);

/// A node's relationships of one type in a direction, as `TypedEdges` without the bits.
type Runs<'g> = (&'g [(EdgeId, NodeId)], &'g [(EdgeId, NodeId)]);

/// Rows under variable names.
#[derive(Debug, Clone, Default)]
struct Table {
    names: Vec<String>,
    rows: Vec<Vec<Value>>,
}

impl Table {
    fn col(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// Budget and cancellation checks shared by all loops of one run.
struct Guard<'a> {
    opts: &'a Options,
    produced: Cell<u64>,
    ticks: Cell<u64>,
}

impl Guard<'_> {
    /// Called once per unit of work; checks the flags every 1024 calls.
    #[inline]
    fn tick(&self) -> Result<(), QueryError> {
        let t = self.ticks.get() + 1;
        self.ticks.set(t);
        if t.is_multiple_of(1024) {
            return self.check(t);
        }
        Ok(())
    }

    /// The checks `tick` makes every 1024 calls, out of line so that `tick` inlines.
    #[cold]
    #[inline(never)]
    fn check(&self, t: u64) -> Result<(), QueryError> {
        if t > self.opts.max_expansions {
            return Err(QueryError::ExpansionLimitExceeded {
                limit: self.opts.max_expansions,
            });
        }
        if self.opts.cancel.load(AtomicOrdering::Relaxed) {
            return Err(QueryError::Cancelled);
        }
        if self
            .opts
            .deadline
            .is_some_and(|d| std::time::Instant::now() > d)
        {
            return Err(QueryError::TimedOut);
        }
        Ok(())
    }
    /// The accounting of a loop that walked `ticks` units of work and produced `rows` rows
    /// at once, as that many `tick` and `produce(1)` calls would (the checks come at the
    /// end of the batch instead of in its middle, with the same errors).
    #[inline]
    fn bulk(&self, ticks: u64, rows: u64) -> Result<(), QueryError> {
        let p = self.produced.get() + rows;
        self.produced.set(p);
        if p > self.opts.max_rows {
            return Err(QueryError::LimitExceeded {
                limit: self.opts.max_rows,
            });
        }
        let before = self.ticks.get();
        let t = before + ticks;
        self.ticks.set(t);
        if t / 1024 != before / 1024 {
            return self.check(t);
        }
        Ok(())
    }

    #[inline]
    fn produce(&self, n: u64) -> Result<(), QueryError> {
        let p = self.produced.get() + n;
        self.produced.set(p);
        if p > self.opts.max_rows {
            return Err(QueryError::LimitExceeded {
                limit: self.opts.max_rows,
            });
        }
        self.tick()
    }
}

pub fn execute<G: GraphView + GraphWrite>(
    g: &mut G,
    plan: &Plan,
    params: &Params,
    opts: &Options,
) -> Result<Rows, QueryError> {
    let mut ex = Exec {
        g,
        params,
        guard: Guard {
            opts,
            produced: Cell::new(0),
            ticks: Cell::new(0),
        },
        regexes: RefCell::new(HashMap::new()),
        const_maps: RefCell::new(HashMap::new()),
        edge_bufs: RefCell::new(Vec::new()),
        rows_hint: Cell::new(0),
        effects: SideEffects::default(),
        touched: HashMap::new(),
        created_nodes: HashSet::new(),
        created_edges: HashSet::new(),
    };
    let labels_before = ex.g.label_names();
    let mut out: Option<Table> = None;
    for p in &plan.parts {
        let t = ex.pipeline(p)?;
        out = Some(match out {
            None => t,
            Some(mut acc) => {
                acc.rows.extend(t.rows);
                acc
            }
        });
    }
    let mut t = out.unwrap_or_default();
    if plan.parts.len() > 1 && !plan.union_all {
        let mut seen = HashSet::new();
        t.rows
            .retain(|r| seen.insert(r.iter().cloned().map(Equiv).collect::<Vec<_>>()));
    }
    ex.settle_effects(&labels_before);
    Ok(Rows {
        columns: plan
            .parts
            .first()
            .map(|p| p.columns.clone())
            .unwrap_or_default(),
        rows: t.rows,
        effects: ex.effects,
        warnings: Vec::new(),
        timings: Default::default(),
    })
}

/// A projected row with the input row it came from (ORDER BY and WITH ... WHERE may read
/// variables the projection dropped).
type Projected = (Vec<Value>, Vec<Value>);

struct Exec<'a, G> {
    g: &'a mut G,
    params: &'a Params,
    guard: Guard<'a>,
    regexes: RefCell<HashMap<String, Regex>>,
    /// Pattern property maps without variables, evaluated once (keyed by the expression's
    /// address in the plan, which lives as long as the run); `None` marks a map that
    /// depends on the row.
    const_maps: RefCell<HashMap<usize, Option<BTreeMap<String, Value>>>>,
    /// Adjacency vectors for reuse (see `edges_of`).
    edge_bufs: RefCell<Vec<Vec<(EdgeId, NodeId)>>>,
    /// How many rows the match under way expects to emit, when its first step walks many
    /// relationships that each complete about one match: a `Projector` sizes its rows'
    /// vector once by it (see `Projector::flush`). Only a hint; 0 when there is none.
    rows_hint: Cell<usize>,
    effects: SideEffects,
    /// The value each written property had before the query, keyed by (is_node, id, key):
    /// property side effects are the difference between before and after, as in the TCK.
    touched: HashMap<(bool, usize, String), Option<graph::Value>>,
    created_nodes: HashSet<NodeId>,
    created_edges: HashSet<EdgeId>,
}

fn runtime(class: ErrorClass, code: &'static str, message: impl Into<String>) -> QueryError {
    QueryError::Runtime {
        class,
        code,
        message: message.into(),
    }
}

/// Matching state for one pattern: the row being filled, which slots are bound, and the
/// relationships already used (openCypher matches each relationship at most once per
/// pattern).
struct MState {
    row: Vec<Value>,
    bound: Vec<bool>,
    used: Vec<EdgeId>,
    /// Answers about the patterns being matched, kept between rows.
    memo: RefCell<PatMemo>,
}

impl MState {
    /// The state for matching a pattern of `width` variables against one input row: the
    /// row's own columns are bound, the pattern's new variables start unbound as nulls.
    fn for_row(r: &[Value], width: usize, memo: RefCell<PatMemo>) -> MState {
        let mut row = Vec::with_capacity(width);
        row.extend_from_slice(r);
        let mut bound = vec![true; r.len()];
        row.resize(width, Value::Null);
        bound.resize(width, false);
        MState {
            row,
            bound,
            used: Vec::new(),
            memo,
        }
    }
}

/// Per-pattern answers that every row would otherwise compute again: the slot of a
/// variable and the interned form of a label or type. Matching a head entity visits each
/// pattern element hundreds of thousands of times, and string comparisons were a large
/// share of that work; interned symbols compare by address.
///
/// Entries are keyed by the address of the pattern's `String`. That is sound because a
/// memo lives no longer than the `MState` it belongs to (or the `match_op` call that
/// hands it from row to row), and the patterns matched with it outlive both, so no
/// address can be reused for another text while the memo remembers it. The slots also
/// depend on `names`, which is fixed for the same span.
#[derive(Default)]
struct PatMemo {
    slots: Vec<(*const String, usize)>,
    syms: Vec<(*const String, graph::Sym)>,
    /// Per pattern step (keyed by its address, like the entries above): what walking it
    /// needs, worked out once instead of once per relationship walked.
    steps: Vec<(*const ast::PatternStep, StepInfo)>,
}

/// How many relationships ahead a walk asks for the next step's adjacency entries (and
/// twice as far ahead for the entries that locate them): far enough for a cache miss to
/// complete, near enough that the lines are still cached when the walk gets there.
const PREFETCH_AHEAD: usize = 8;

/// How many walked relationships `match_chain` sums before it tells
/// `GraphView::note_adjacency_demand`: an adjacency wanted mid-query is then built at most
/// this many relationships later than if every walk were told at once.
const DEMAND_BATCH: usize = 1024;

/// What a single-length pattern step needs at every relationship it walks, resolved once
/// per pattern (see `Exec::step_info`): the slots of its variables, where its relationships
/// are found, and which label bits its far node must carry.
#[derive(Clone, Copy)]
struct StepInfo {
    /// Whether the graph's adjacency was ready when this was worked out: it can appear in
    /// the middle of a query (built on demand), and then the step is worked out again.
    adjacency: bool,
    /// Slot of the relationship variable (`usize::MAX`: none, or not in the row).
    rel_slot: usize,
    /// Slot of the far node's variable (`usize::MAX`: none, or not in the row).
    node_slot: usize,
    lookup: Lookup,
    /// Label bits the far node must carry (from the adjacency's label bits).
    node_bits: u32,
    /// Whether a label of the far node has no bit, so that its node record decides.
    node_record: bool,
    /// The far node's label when it has exactly one: checked against the record with no
    /// lookup of the label's symbol per node.
    node_label: Option<graph::Sym>,
}

/// One step of a counting walk (`Exec::count_walk`): the adjacency's type index of its
/// relationships, their direction, the label bits the far node must show beyond those the
/// type implies, and whether an earlier step has the same type (so that a relationship
/// could come round twice, which a match may not use).
struct WalkStep {
    ti: u16,
    dir: Direction,
    need: u32,
    unique: bool,
}

impl WalkStep {
    /// The step's relationships from `cur`: for an undirected step the outgoing ones and
    /// the incoming ones, in which the caller skips self loops (listed as outgoing).
    #[inline(always)]
    fn runs<'g>(&self, adj: &'g graph::Adjacency, cur: NodeId) -> Runs<'g> {
        match self.dir {
            Direction::Right => (adj.edges_of_type(cur, true, self.ti), &[]),
            Direction::Left => (adj.edges_of_type(cur, false, self.ti), &[]),
            Direction::Both => (
                adj.edges_of_type(cur, true, self.ti),
                adj.edges_of_type(cur, false, self.ti),
            ),
        }
    }

    /// Whether relationship `e` to `other` continues a walk that used `used`.
    #[inline(always)]
    fn fits(&self, adj: &graph::Adjacency, e: EdgeId, other: NodeId, used: &[EdgeId]) -> bool {
        (self.need == 0 || adj.label_bits(other) & self.need == self.need)
            && !(self.unique && used.contains(&e))
    }
}

/// The last step of a counting walk from `cur`: counts a row for every far node that fits.
/// Returns how many relationships it walked and how many rows it counted.
#[inline(always)]
fn count_last(
    adj: &graph::Adjacency,
    s: &WalkStep,
    cur: NodeId,
    used: &[EdgeId],
    pn: &mut PerNode,
) -> (u64, u64) {
    let (first, second) = s.runs(adj, cur);
    let mut rows = 0u64;
    for &(e, other) in first.iter().chain(second.iter().filter(|x| x.1 != cur)) {
        if s.fits(adj, e, other, used) {
            rows += 1;
            pn.bump(other);
        }
    }
    ((first.len() + second.len()) as u64, rows)
}

/// The last step of a match when `match_chain` walks it right in the step before it, for
/// each node that step binds, instead of in a general call of its own.
enum LastStep<'a> {
    /// A plain walk of the adjacency's run of one type (see `Exec::emit_last`).
    Adjacency(&'a graph::Adjacency, &'a ast::PatternStep, StepInfo, u16),
    /// Without an adjacency, a walk of one type in one direction through petgraph's lists
    /// (see `Exec::emit_listed`): `buf` is reused for every list, and `walked` counts the
    /// relationships walked since `note_adjacency_demand` was last told.
    Listed {
        step: &'a ast::PatternStep,
        info: StepInfo,
        rel_type: graph::Sym,
        outgoing: bool,
        buf: Vec<(EdgeId, NodeId)>,
        walked: usize,
    },
}

/// Where a step's relationships come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lookup {
    /// Every relationship in the step's direction, type checked one by one: without an
    /// adjacency, for several types, and for no type (which keeps the graph's own order).
    Scan,
    /// The adjacency's run of one type (an index into its types).
    Typed(u16),
    /// The step's single type is carried by no relationship: nothing to walk.
    Absent,
}

impl PatMemo {
    /// The slot of variable `v` in `names` (`usize::MAX` when absent).
    fn slot(&mut self, names: &[String], v: &String) -> usize {
        let key = v as *const String;
        if let Some(&(_, i)) = self.slots.iter().find(|(k, _)| *k == key) {
            return i;
        }
        let i = names.iter().position(|x| x == v).unwrap_or(usize::MAX);
        self.slots.push((key, i));
        i
    }

    /// The interned symbol of a label or relationship type. Interning a text no element
    /// has yet costs one small entry for the rest of the process, as any label does.
    fn sym(&mut self, s: &String) -> graph::Sym {
        let key = s as *const String;
        if let Some(&(_, y)) = self.syms.iter().find(|(k, _)| *k == key) {
            return y;
        }
        let y = graph::Sym::new(s);
        self.syms.push((key, y));
        y
    }
}

impl<G: GraphView + GraphWrite> Exec<'_, G> {
    fn pipeline(&mut self, p: &Pipeline) -> Result<Table, QueryError> {
        let mut t = Table {
            names: Vec::new(),
            rows: vec![Vec::new()],
        };
        let mut returned = false;
        let mut i = 0;
        while i < p.ops.len() {
            let op = &p.ops[i];
            // A MATCH feeding a projection streams its rows into it instead of
            // materialising them: a head entity has hundreds of thousands of matches, and
            // an aggregation few groups.
            if let (
                Op::Match {
                    optional,
                    parts,
                    where_,
                    distinct_on,
                },
                Some(Op::Project(pp)),
            ) = (op, p.ops.get(i + 1))
            {
                let names = match_names(&t.names, parts);
                let (where_, distinct_on) = (where_.as_ref(), distinct_on.as_ref());
                let out = if pp.has_aggregates() {
                    let mut groups = Grouper::new(pp, &names);
                    if pp.count_walk && self.count_walk(&t, &names, parts, &mut groups)? {
                        t = self.finish_projection(groups.finish(self)?, &names, pp)?;
                        returned = pp.is_return;
                        i += 2;
                        continue;
                    }
                    self.match_into(
                        &t,
                        &names,
                        parts,
                        where_,
                        *optional,
                        distinct_on,
                        &mut |r| groups.add(self, r),
                    )?;
                    groups.finish(self)?
                } else {
                    let mut rows = Projector::new(pp, &names);
                    self.match_into(
                        &t,
                        &names,
                        parts,
                        where_,
                        *optional,
                        distinct_on,
                        &mut |r| rows.add(self, r),
                    )?;
                    let (rows, sources) = rows.finish(self);
                    t = self.finish_rows(rows, sources, &names, pp)?;
                    returned = pp.is_return;
                    i += 2;
                    continue;
                };
                t = self.finish_projection(out, &names, pp)?;
                returned = pp.is_return;
                i += 2;
                continue;
            }
            t = self.op(op, t)?;
            if let Op::Project(pp) = op {
                returned = pp.is_return;
            }
            i += 1;
        }
        if !returned {
            t.rows.clear();
        }
        Ok(t)
    }

    fn op(&mut self, op: &Op, input: Table) -> Result<Table, QueryError> {
        match op {
            Op::Match {
                optional,
                parts,
                where_,
                distinct_on,
            } => self.match_op(
                input,
                parts,
                where_.as_ref(),
                *optional,
                distinct_on.as_ref(),
            ),
            Op::Unwind {
                expr,
                variable,
                drop_source,
            } => {
                let mut names = input.names.clone();
                let source = drop_source.as_ref().and_then(|v| input.col(v));
                let slot = match input.col(variable) {
                    Some(i) => i,
                    None => {
                        names.push(variable.clone());
                        names.len() - 1
                    }
                };
                let mut rows = Vec::new();
                for r in &input.rows {
                    let v = self.with_ctx(|cx| cx.eval(expr, &Env::new(&input.names, r)))?;
                    // The list is no longer needed in the rows: copy each row without it.
                    let mut r = r.clone();
                    if let Some(s) = source {
                        r[s] = Value::Null;
                    }
                    let items = match v {
                        Value::Null => Vec::new(),
                        Value::List(l) => l,
                        other => vec![other],
                    };
                    for it in items {
                        self.guard.produce(1)?;
                        let mut row = r.clone();
                        if slot == row.len() {
                            row.push(it);
                        } else {
                            row[slot] = it;
                        }
                        rows.push(row);
                    }
                }
                Ok(Table { names, rows })
            }
            Op::Project(p) => self.project(input, p),
            Op::Create { parts } => self.create(input, parts),
            Op::Merge { part, actions } => self.merge(input, part, actions),
            Op::Set(items) => {
                for r in &input.rows {
                    self.set_items(&input.names, r, items)?;
                }
                Ok(input)
            }
            Op::Remove(items) => {
                for r in &input.rows {
                    self.remove_items(&input.names, r, items)?;
                }
                Ok(input)
            }
            Op::Delete { detach, exprs } => {
                self.delete(&input, exprs, *detach)?;
                Ok(input)
            }
        }
    }

    /// Runs `f` with an evaluation context over the current graph.
    fn with_ctx<R>(&self, f: impl FnOnce(&Ctx<G>) -> R) -> R {
        let g: &G = self.g;
        let matcher = |p: &PatternElement, env: &Env| self.match_element_from_env(p, env);
        let cx = Ctx {
            g,
            params: self.params,
            regexes: &self.regexes,
            matcher: &matcher,
        };
        f(&cx)
    }

    fn eval(&self, e: &Expr, names: &[String], row: &[Value]) -> Result<Value, QueryError> {
        self.with_ctx(|cx| cx.eval(e, &Env::new(names, row)))
    }

    // ----- MATCH -----------------------------------------------------------------------

    fn match_op(
        &self,
        input: Table,
        parts: &[PartPlan],
        where_: Option<&Expr>,
        optional: bool,
        distinct_on: Option<&Vec<String>>,
    ) -> Result<Table, QueryError> {
        let names = match_names(&input.names, parts);
        let mut rows = Vec::new();
        self.match_into(
            &input,
            &names,
            parts,
            where_,
            optional,
            distinct_on,
            &mut |row| {
                rows.push(row.to_vec());
                Ok(())
            },
        )?;
        Ok(Table { names, rows })
    }

    /// Matches from every input row, handing each result row (under `names`, from
    /// `match_names`) to `sink`.
    #[allow(clippy::too_many_arguments)]
    fn match_into(
        &self,
        input: &Table,
        names: &[String],
        parts: &[PartPlan],
        where_: Option<&Expr>,
        optional: bool,
        distinct_on: Option<&Vec<String>>,
        sink: &mut dyn FnMut(&[Value]) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        // Only distinct combinations of these variables matter to the next operator.
        let mut pre = distinct_on.map(|v| PreDistinct::new(Some(v.clone()), names));
        self.rows_hint.set(0);
        // The names and patterns stay the same for every input row, so one memo serves all.
        let mut memo = RefCell::default();
        for r in &input.rows {
            let mut found = false;
            let mut st = MState::for_row(r, names.len(), std::mem::take(&mut memo));
            self.match_parts(parts, 0, names, &mut st, &mut |st| {
                if let Some(w) = where_ {
                    let v = self.eval(w, names, &st.row)?;
                    if truth(&v)? != Some(true) {
                        return Ok(());
                    }
                }
                if let Some(pre) = &mut pre
                    && !pre.fresh(&st.row)
                {
                    return Ok(());
                }
                self.guard.produce(1)?;
                found = true;
                sink(&st.row)
            })?;
            memo = st.memo;
            if optional && !found {
                let mut row = r.clone();
                row.resize(names.len(), Value::Null);
                sink(&row)?;
            }
        }
        self.rows_hint.set(0);
        Ok(())
    }

    /// The MATCH of a `count_walk` projection (see `plan::counted_walk`): its start node is
    /// matched as usual for every input row, then each step walks the adjacency's run of its
    /// type, checks the far node's label bits (and, where an earlier step has the same type,
    /// that the relationship is not used yet), and the last step bumps its far node's
    /// counter. The rows are those `match_into` would hand the grouper, in the same order,
    /// without being bound one by one. Returns `false`, having done nothing, when the walk
    /// cannot be taken (no adjacency yet, or a label without a bit); the caller then matches
    /// row by row.
    fn count_walk(
        &self,
        input: &Table,
        names: &[String],
        parts: &[PartPlan],
        groups: &mut Grouper<'_>,
    ) -> Result<bool, QueryError> {
        let (Some(adj), [part], Some(pn)) = (self.g.adjacency(), parts, groups.per_node.as_mut())
        else {
            return Ok(false);
        };
        let mut steps: Vec<WalkStep> = Vec::with_capacity(part.element.chain.len());
        // A type no relationship has: every walk ends there, after the start node matched.
        let mut absent = false;
        for s in &part.element.chain {
            let [t] = s.rel.types.as_slice() else {
                return Ok(false);
            };
            let Some(ti) = adj.type_index(graph::Sym::new(t)) else {
                absent = true;
                continue;
            };
            let mut need = 0;
            for l in &s.node.labels {
                match adj.label_bit(graph::Sym::new(l)) {
                    Some(b) => need |= b,
                    None => return Ok(false),
                }
            }
            let known = match s.rel.direction {
                Direction::Right => adj.implied_labels(ti, true),
                Direction::Left => adj.implied_labels(ti, false),
                Direction::Both => adj.implied_labels(ti, true) & adj.implied_labels(ti, false),
            };
            steps.push(WalkStep {
                ti,
                dir: s.rel.direction,
                need: need & !known,
                unique: steps.iter().any(|x| x.ti == ti),
            });
        }
        let e = &part.element;
        let mut used = Vec::with_capacity(steps.len());
        let mut memo = RefCell::default();
        for r in &input.rows {
            let mut st = MState::for_row(r, names.len(), std::mem::take(&mut memo));
            let pre = self.start_props(&e.start, names, &st, None)?;
            for n in self.start_candidates(part, names, &st, pre.as_ref())? {
                self.guard.tick()?;
                let mut undo = Undo::default();
                if self.bind_node_pre(
                    &e.start,
                    n,
                    names,
                    &mut st,
                    None,
                    &mut undo,
                    pre.as_ref(),
                    0,
                )? && !absent
                {
                    // A start with many relationships will count many nodes: count them in
                    // an array by node id from the first, instead of in the map first.
                    if let Some(s) = steps.first() {
                        let (a, b) = s.runs(adj, n);
                        if (a.len() + b.len()) * DENSE_FAN >= adj.node_bound() {
                            pn.counts.make_dense(adj.node_bound());
                        }
                    }
                    self.walk_counting(adj, &steps, n, &mut used, pn)?;
                }
                unbind(&mut st, undo);
            }
            memo = st.memo;
        }
        Ok(true)
    }

    /// One step of `count_walk` from node `cur`: the last step counts its far nodes, the
    /// others walk on from theirs; the step before the last counts the last step's nodes
    /// in place, without a call per node.
    fn walk_counting(
        &self,
        adj: &graph::Adjacency,
        steps: &[WalkStep],
        cur: NodeId,
        used: &mut Vec<EdgeId>,
        pn: &mut PerNode,
    ) -> Result<(), QueryError> {
        let Some((s, rest)) = steps.split_first() else {
            return Ok(());
        };
        let Some(next) = rest.first() else {
            // Per relationship walked a tick, per row one for the match and one for the
            // grouper, as matching row by row counts them.
            let (walked, rows) = count_last(adj, s, cur, used, pn);
            return self.guard.bulk(walked + 2 * rows, rows);
        };
        let (first, second) = s.runs(adj, cur);
        // Ask for the next step's entries of the far nodes a few relationships ahead, as
        // `match_chain` does, so that their cache misses overlap.
        let ahead = match next.dir {
            Direction::Right => Some(true),
            Direction::Left => Some(false),
            Direction::Both => None,
        };
        let edges = first.iter().chain(second.iter().filter(|x| x.1 != cur));
        for (i, &(e, other)) in edges.enumerate() {
            if let Some(outgoing) = ahead {
                if let Some(&(_, n)) = first.get(i + 2 * PREFETCH_AHEAD) {
                    adj.prefetch_index(n, outgoing);
                }
                if let Some(&(_, n)) = first.get(i + PREFETCH_AHEAD) {
                    adj.prefetch_run(n, outgoing);
                }
            }
            if !s.fits(adj, e, other, used) {
                self.guard.tick()?;
                continue;
            }
            used.push(e);
            if rest.len() == 1 {
                let (walked, rows) = count_last(adj, next, other, used, pn);
                self.guard.bulk(1 + walked + 2 * rows, rows)?;
            } else {
                self.guard.tick()?;
                self.walk_counting(adj, rest, other, used, pn)?;
            }
            used.pop();
        }
        Ok(())
    }

    /// Matches a pattern used as an expression (a predicate or comprehension) from the row
    /// an expression sees; returns the bindings of every match.
    fn match_element_from_env(
        &self,
        p: &PatternElement,
        env: &Env,
    ) -> Result<Vec<Vec<(String, Value)>>, QueryError> {
        let mut names: Vec<String> = Vec::new();
        let mut row = Vec::new();
        let mut bound = Vec::new();
        let mut vars = Vec::new();
        super::plan::element_variables(p, &mut vars);
        for v in &vars {
            names.push(v.clone());
            match env.lookup(v) {
                Some(x) => {
                    row.push(x.clone());
                    bound.push(true);
                }
                None => {
                    row.push(Value::Null);
                    bound.push(false);
                }
            }
        }
        let is_bound =
            |n: &ast::NodePattern| n.variable.as_ref().is_some_and(|v| env.lookup(v).is_some());
        let reversed = !is_bound(&p.start) && p.chain.last().is_some_and(|s| is_bound(&s.node));
        let element = if reversed {
            super::plan::reverse_element(p)
        } else {
            p.clone()
        };
        let start = if is_bound(&element.start) {
            Start::Bound(element.start.variable.clone().unwrap_or_default())
        } else if let Some(k) = super::plan::index_key(&element.start) {
            Start::IndexSeek(k.to_string())
        } else if let Some(l) = element.start.labels.first() {
            Start::LabelScan(l.clone())
        } else {
            Start::AllNodes
        };
        let part = PartPlan {
            variable: None,
            kind: PathKind::All,
            element,
            reversed,
            start,
        };
        let mut st = MState {
            row,
            bound,
            used: Vec::new(),
            memo: RefCell::default(),
        };
        let mut out = Vec::new();
        // Property maps inside the pattern may refer to outer variables, so evaluation sees
        // the pattern's own bindings first and the outer row behind them.
        self.match_parts_env(
            std::slice::from_ref(&part),
            0,
            &names,
            &mut st,
            Some(env),
            &mut |st| {
                out.push(names.iter().cloned().zip(st.row.iter().cloned()).collect());
                Ok(())
            },
        )?;
        Ok(out)
    }

    fn match_parts(
        &self,
        parts: &[PartPlan],
        i: usize,
        names: &[String],
        st: &mut MState,
        emit: &mut dyn FnMut(&MState) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        self.match_parts_env(parts, i, names, st, None, emit)
    }

    fn match_parts_env(
        &self,
        parts: &[PartPlan],
        i: usize,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        emit: &mut dyn FnMut(&MState) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        let Some(part) = parts.get(i) else {
            return emit(st);
        };
        if part.kind != PathKind::All {
            return self.match_shortest(parts, i, names, st, outer, emit);
        }
        let e = &part.element;
        let pre = self.start_props(&e.start, names, st, outer)?;
        let candidates = self.start_candidates(part, names, st, pre.as_ref())?;
        for n in candidates {
            self.guard.tick()?;
            let mut undo = Undo::default();
            if self.bind_node_pre(&e.start, n, names, st, outer, &mut undo, pre.as_ref(), 0)? {
                let mut nodes = vec![n];
                let mut rels = Vec::new();
                self.match_chain(
                    parts, i, 0, n, &mut nodes, &mut rels, names, st, outer, emit,
                )?;
            }
            unbind(st, undo);
        }
        Ok(())
    }

    /// Where matching a part may start: its bound start node, the nodes an index lookup
    /// finds, the nodes of its first label, or every node. `pre` is the start node's property
    /// map evaluated in advance (`start_props`), which an index lookup needs.
    fn start_candidates(
        &self,
        part: &PartPlan,
        names: &[String],
        st: &MState,
        pre: Option<&BTreeMap<String, Value>>,
    ) -> Result<Vec<NodeId>, QueryError> {
        Ok(match &part.start {
            Start::Bound(v) => {
                let slot = names.iter().position(|n| n == v);
                match slot.map(|s| (&st.row[s], st.bound[s])) {
                    Some((Value::Node(n), true)) => vec![*n],
                    Some((Value::Null, true)) => Vec::new(),
                    Some((other, true)) => {
                        return Err(type_error(format!(
                            "variable `{v}` is a {}, not a node",
                            other.type_name()
                        )));
                    }
                    _ => self.g.node_ids(),
                }
            }
            Start::IndexSeek(k) => match pre.map(|m| m.get(k.as_str())) {
                Some(Some(v)) => self.index_lookup(k, v).unwrap_or_else(|| self.g.node_ids()),
                // A missing map (it reads the row in a way only a scan can follow) or key.
                _ => self.g.node_ids(),
            },
            Start::LabelScan(l) => self.g.nodes_with_label(l),
            Start::AllNodes => self.g.node_ids(),
        })
    }

    /// The nodes whose property `key` equals `v` by the graph's index, or `None` when the
    /// graph has no index for it. Null equals nothing, so it finds no node.
    fn index_lookup(&self, key: &str, v: &Value) -> Option<Vec<NodeId>> {
        match v {
            Value::Null => Some(Vec::new()),
            Value::String(s) => self
                .g
                .nodes_with_prop(key, &graph::Value::String(s.as_str().into())),
            _ => None,
        }
    }

    /// The start node's property map, evaluated once for all candidates of a scan, unless it
    /// refers to the start node itself (then it must be evaluated per candidate).
    fn start_props(
        &self,
        np: &ast::NodePattern,
        names: &[String],
        st: &MState,
        outer: Option<&Env>,
    ) -> Result<Option<BTreeMap<String, Value>>, QueryError> {
        let Some(props) = &np.properties else {
            return Ok(None);
        };
        let mut self_ref = false;
        super::plan::walk(props, &mut |x| {
            if let Expr::Variable(v) = x
                && np.variable.as_ref() == Some(v)
            {
                self_ref = true;
            }
        });
        if self_ref {
            return Ok(None);
        }
        let env = Env {
            names,
            row: &st.row,
            parent: outer,
        };
        match self.with_ctx(|cx| cx.eval(props, &env))? {
            Value::Map(m) => Ok(Some(m)),
            _ => Err(type_error("property map expected in pattern")),
        }
    }

    /// Checks a node against a node pattern and binds its variable; records bound slots in
    /// `undo`. Returns whether the node fits.
    fn bind_node(
        &self,
        np: &ast::NodePattern,
        n: NodeId,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        undo: &mut Undo,
    ) -> Result<bool, QueryError> {
        self.bind_node_pre(np, n, names, st, outer, undo, None, 0)
    }

    /// `bind_node` with the pattern's property map possibly evaluated in advance.
    #[allow(clippy::too_many_arguments)]
    fn bind_node_pre(
        &self,
        np: &ast::NodePattern,
        n: NodeId,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        undo: &mut Undo,
        pre: Option<&BTreeMap<String, Value>>,
        known: u32,
    ) -> Result<bool, QueryError> {
        // Cheap rejections first: most candidates of a scan fail on labels or properties.
        if !np.labels.is_empty() && !self.has_labels(n, &np.labels, st, known) {
            return Ok(false);
        }
        if let Some(m) = pre
            && !m
                .iter()
                .all(|(k, want)| prop_equals(self.g.node_prop(n, k).as_deref(), want))
        {
            return Ok(false);
        }
        if let Some(v) = &np.variable {
            let slot = st.memo.borrow_mut().slot(names, v);
            if slot < st.row.len() && st.bound[slot] {
                match &st.row[slot] {
                    Value::Node(m) if *m == n => {}
                    Value::Node(_) | Value::Null => return Ok(false),
                    other => {
                        return Err(type_error(format!(
                            "variable `{v}` is a {}, not a node",
                            other.type_name()
                        )));
                    }
                }
            } else if slot < st.row.len() {
                put(&mut st.row[slot], Value::Node(n));
                st.bound[slot] = true;
                undo.push(slot);
            }
        }
        if pre.is_some() {
            return Ok(true);
        }
        if let Some(props) = &np.properties
            && !self.props_match(props, names, st, outer, |k| self.g.node_prop(n, k))?
        {
            return Ok(false);
        }
        Ok(true)
    }

    fn props_match<'g>(
        &self,
        props: &Expr,
        names: &[String],
        st: &MState,
        outer: Option<&Env>,
        get: impl Fn(&str) -> Option<graph::PropRef<'g>>,
    ) -> Result<bool, QueryError> {
        // A map of literals and parameters is the same for every candidate: evaluate it once.
        let key = props as *const Expr as usize;
        if let Some(Some(m)) = self.const_maps.borrow().get(&key) {
            return Ok(m
                .iter()
                .all(|(k, want)| prop_equals(get(k).as_deref(), want)));
        }
        let env = Env {
            names,
            row: &st.row,
            parent: outer,
        };
        let m = self.with_ctx(|cx| cx.eval(props, &env))?;
        let Value::Map(m) = m else {
            return Err(type_error("property map expected in pattern"));
        };
        let ok = m
            .iter()
            .all(|(k, want)| prop_equals(get(k).as_deref(), want));
        if self.const_maps.borrow().contains_key(&key) {
            return Ok(ok);
        }
        let mut constant = true;
        super::plan::walk(props, &mut |x| {
            if matches!(
                x,
                Expr::Variable(_)
                    | Expr::Pattern(_)
                    | Expr::PatternComprehension { .. }
                    | Expr::FunctionCall { .. }
            ) {
                constant = false;
            }
        });
        self.const_maps
            .borrow_mut()
            .insert(key, constant.then_some(m));
        Ok(ok)
    }

    /// The edges leaving `n` in a direction with their far ends; self loops appear once.
    /// The vector comes from a pool: give it back with `recycle` when done, so that walking
    /// a million nodes does not allocate a million vectors.
    /// The relationships of `n` that fit the step's single type in a direction, as
    /// contiguous slices of the graph's adjacency (outgoing, then incoming minus self loops
    /// for an undirected step), and for a step without a type too (every relationship,
    /// grouped by type); `None` when the graph has no adjacency ready or the step names
    /// several types. A type no relationship has gives empty slices.
    fn adjacent(
        &self,
        n: NodeId,
        rp: &ast::RelPattern,
        dir: Direction,
        st: &MState,
    ) -> Option<TypedEdges<'_>> {
        let adj = self.g.adjacency()?;
        let ti = match rp.types.as_slice() {
            [] => None,
            [t] => match adj.type_index(st.memo.borrow_mut().sym(t)) {
                Some(ti) => Some(ti),
                None => return Some((&[], &[], 0)),
            },
            _ => return None,
        };
        Some(adjacency_runs(adj, n, ti, dir))
    }

    /// Whether node `n` carries every label of a pattern, from the adjacency's label bits
    /// when it has bits for them, else from the node record. `known` are label bits the
    /// caller knows `n` has (from `Adjacency::implied_labels`): those need no look at `n`.
    fn has_labels(&self, n: NodeId, labels: &[String], st: &MState, known: u32) -> bool {
        let mut memo = st.memo.borrow_mut();
        if let Some(adj) = self.g.adjacency() {
            let mut bits = None;
            let mut rest = false;
            for l in labels {
                match adj.label_bit(memo.sym(l)) {
                    Some(b) if known & b != 0 => {}
                    Some(b) if *bits.get_or_insert_with(|| adj.label_bits(n)) & b == 0 => {
                        return false;
                    }
                    Some(_) => {}
                    None => rest = true,
                }
            }
            if !rest {
                return true;
            }
        }
        let have = self.g.labels(n);
        labels.iter().all(|l| have.contains(&memo.sym(l)))
    }

    fn edges_of(&self, n: NodeId, dir: Direction) -> Vec<(EdgeId, NodeId)> {
        self.edges_of_type(n, dir, None)
    }

    /// `edges_of`, keeping only relationships of type `rel_type` when it is given.
    fn edges_of_type(
        &self,
        n: NodeId,
        dir: Direction,
        rel_type: Option<graph::Sym>,
    ) -> Vec<(EdgeId, NodeId)> {
        let mut v = self.edge_bufs.borrow_mut().pop().unwrap_or_default();
        let mut walked = 0;
        let mut side = |outgoing: bool, v: &mut Vec<(EdgeId, NodeId)>| match rel_type {
            Some(t) => walked += self.g.edges_of_type_into(n, outgoing, t, v),
            None => {
                let before = v.len();
                self.g.edges_into(n, outgoing, v);
                walked += v.len() - before;
            }
        };
        match dir {
            Direction::Right => side(true, &mut v),
            Direction::Left => side(false, &mut v),
            Direction::Both => {
                side(true, &mut v);
                let outs = v.len();
                side(false, &mut v);
                // A self loop was listed as outgoing already.
                let mut k = outs;
                for i in outs..v.len() {
                    if v[i].1 != n {
                        v[k] = v[i];
                        k += 1;
                    }
                }
                v.truncate(k);
            }
        }
        self.g.note_adjacency_demand(walked);
        v
    }

    fn recycle(&self, mut v: Vec<(EdgeId, NodeId)>) {
        v.clear();
        self.edge_bufs.borrow_mut().push(v);
    }

    fn rel_fits(
        &self,
        rp: &ast::RelPattern,
        e: EdgeId,
        names: &[String],
        st: &MState,
        outer: Option<&Env>,
    ) -> Result<bool, QueryError> {
        self.rel_fits_typed(rp, e, false, names, st, outer)
    }

    /// `rel_fits`, skipping the type check when the caller took `e` from a slice of the
    /// right type (`typed`).
    fn rel_fits_typed(
        &self,
        rp: &ast::RelPattern,
        e: EdgeId,
        typed: bool,
        names: &[String],
        st: &MState,
        outer: Option<&Env>,
    ) -> Result<bool, QueryError> {
        if !typed && !rp.types.is_empty() {
            let Some(t) = self.g.edge_type_sym(e) else {
                return Ok(false);
            };
            let mut memo = st.memo.borrow_mut();
            if !rp.types.iter().any(|x| memo.sym(x) == t) {
                return Ok(false);
            }
        }
        if let Some(props) = &rp.properties
            && !self.props_match(props, names, st, outer, |k| self.g.edge_prop(e, k))?
        {
            return Ok(false);
        }
        Ok(true)
    }

    /// The step's `StepInfo`, from the pattern memo or worked out now.
    fn step_info(
        &self,
        step: &ast::PatternStep,
        adj: Option<&graph::Adjacency>,
        names: &[String],
        st: &MState,
    ) -> StepInfo {
        let key = step as *const ast::PatternStep;
        let mut memo = st.memo.borrow_mut();
        if let Some((_, info)) = memo.steps.iter().find(|(k, _)| *k == key)
            && info.adjacency == adj.is_some()
        {
            return *info;
        }
        let mut slot = |v: &Option<String>| v.as_ref().map_or(usize::MAX, |v| memo.slot(names, v));
        let (rel_slot, node_slot) = (slot(&step.rel.variable), slot(&step.node.variable));
        let (lookup, node_bits, node_record) = match adj {
            None => (Lookup::Scan, 0, !step.node.labels.is_empty()),
            Some(adj) => {
                // Untyped steps keep the graph's own order of relationships (a scan).
                let lookup = match step.rel.types.as_slice() {
                    [t] => adj
                        .type_index(memo.sym(t))
                        .map_or(Lookup::Absent, Lookup::Typed),
                    _ => Lookup::Scan,
                };
                let (mut bits, mut record) = (0, false);
                for l in &step.node.labels {
                    match adj.label_bit(memo.sym(l)) {
                        Some(b) => bits |= b,
                        None => record = true,
                    }
                }
                (lookup, bits, record)
            }
        };
        let node_label = match step.node.labels.as_slice() {
            [l] => Some(memo.sym(l)),
            _ => None,
        };
        let info = StepInfo {
            adjacency: adj.is_some(),
            rel_slot,
            node_slot,
            lookup,
            node_bits,
            node_record,
            node_label,
        };
        memo.steps.retain(|(k, _)| *k != key);
        memo.steps.push((key, info));
        info
    }

    /// `bind_node` for the far node of a step, with its label bits and slot from `info`
    /// (`adj` is the adjacency `info` was worked out with) and `known` the label bits the
    /// relationship's type guarantees.
    #[allow(clippy::too_many_arguments)]
    fn bind_far(
        &self,
        np: &ast::NodePattern,
        info: &StepInfo,
        adj: Option<&graph::Adjacency>,
        n: NodeId,
        known: u32,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        undo: &mut Undo,
    ) -> Result<bool, QueryError> {
        if !np.labels.is_empty() {
            let need = info.node_bits & !known;
            if let Some(adj) = adj
                && need != 0
                && adj.label_bits(n) & need != need
            {
                return Ok(false);
            }
            if info.node_record {
                let have = self.g.labels(n);
                let fits = match info.node_label {
                    Some(l) => have.contains(&l),
                    None => {
                        let mut memo = st.memo.borrow_mut();
                        np.labels.iter().all(|l| have.contains(&memo.sym(l)))
                    }
                };
                if !fits {
                    return Ok(false);
                }
            }
        }
        let slot = info.node_slot;
        if slot < st.row.len() {
            if st.bound[slot] {
                match &st.row[slot] {
                    Value::Node(m) if *m == n => {}
                    Value::Node(_) | Value::Null => return Ok(false),
                    other => {
                        return Err(type_error(format!(
                            "variable `{}` is a {}, not a node",
                            np.variable.as_deref().unwrap_or_default(),
                            other.type_name()
                        )));
                    }
                }
            } else {
                put(&mut st.row[slot], Value::Node(n));
                st.bound[slot] = true;
                undo.push(slot);
            }
        }
        if let Some(props) = &np.properties
            && !self.props_match(props, names, st, outer, |k| self.g.node_prop(n, k))?
        {
            return Ok(false);
        }
        Ok(true)
    }

    #[allow(clippy::too_many_arguments)]
    fn match_chain(
        &self,
        parts: &[PartPlan],
        pi: usize,
        si: usize,
        cur: NodeId,
        nodes: &mut Vec<NodeId>,
        rels: &mut Vec<EdgeId>,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        emit: &mut dyn FnMut(&MState) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        let part = &parts[pi];
        let Some(step) = part.element.chain.get(si) else {
            // The part is complete: bind its path variable, then match the next part.
            let mut undo = Undo::default();
            if let Some(pv) = &part.variable {
                let (mut ns, mut rs) = (nodes.clone(), rels.clone());
                if part.reversed {
                    ns.reverse();
                    rs.reverse();
                }
                let slot = names.iter().position(|x| x == pv).unwrap_or(usize::MAX);
                if slot < st.row.len() {
                    st.row[slot] = Value::Path(Box::new(Path {
                        nodes: ns,
                        rels: rs,
                    }));
                    st.bound[slot] = true;
                    undo.push(slot);
                }
            }
            let r = self.match_parts_env(parts, pi + 1, names, st, outer, emit);
            unbind(st, undo);
            return r;
        };
        let rp = &step.rel;
        let adj = self.g.adjacency();
        let info = self.step_info(step, adj, names, st);
        let rel_slot = (info.rel_slot < st.row.len()).then_some(info.rel_slot);
        let Some(len) = rp.length else {
            // From the adjacency's run of the step's type when the graph has it, else from
            // a pooled vector of every relationship in the step's direction.
            let mut pooled = None;
            let (first, second, typed, known) = match (adj, info.lookup) {
                (_, Lookup::Absent) => (&[][..], &[][..], true, 0),
                (Some(adj), Lookup::Typed(ti)) => {
                    let (a, b, known) = adjacency_runs(adj, cur, Some(ti), rp.direction);
                    (a, b, true, known)
                }
                // Without an adjacency, a step of one type keeps only that type while it
                // walks the lists, and need not check it again below.
                _ => {
                    let t = match rp.types.as_slice() {
                        [t] => Some(st.memo.borrow_mut().sym(t)),
                        _ => None,
                    };
                    (
                        &pooled.insert(self.edges_of_type(cur, rp.direction, t))[..],
                        &[][..],
                        t.is_some(),
                        0,
                    )
                }
            };
            // Without an adjacency, the far nodes' records are read for their labels and
            // relationships (a head entity's 157,000 statements, all over the node array),
            // then the first relationship in the next step's direction: ask for the records
            // a batch of relationships ahead, and read the next batch's first relationships
            // in one tight loop, so that those misses overlap instead of following each
            // other.
            let hints = match adj {
                None if first.len() >= 2 * PREFETCH_AHEAD
                    && (part.element.chain.get(si + 1).is_some()
                        || !step.node.labels.is_empty()
                        || step.node.properties.is_some()) =>
                {
                    self.g.node_hints()
                }
                _ => None,
            };
            let touch = match part.element.chain.get(si + 1).map(|s| s.rel.direction) {
                Some(Direction::Right) => Some(true),
                Some(Direction::Left) => Some(false),
                _ => None,
            };
            // When the next step walks one type of the adjacency in one direction, ask for
            // the far nodes' entries a few relationships ahead: a head entity's 157,000
            // statements each cost a cache miss there, and those misses then overlap.
            let ahead = match (adj, part.element.chain.get(si + 1)) {
                (Some(adj), Some(next)) if next.rel.length.is_none() => {
                    let ni = self.step_info(next, Some(adj), names, st);
                    match (ni.lookup, next.rel.direction) {
                        (Lookup::Typed(_), Direction::Right) if ni.adjacency => Some((adj, true)),
                        (Lookup::Typed(_), Direction::Left) if ni.adjacency => Some((adj, false)),
                        _ => None,
                    }
                }
                _ => None,
            };
            // The last step of the last part, without a path variable, completes a match
            // at every relationship that fits: emit the row at once, without recording the
            // relationship and node for steps and a path that do not follow.
            let ends = |i: usize| {
                i + 1 == part.element.chain.len()
                    && pi + 1 == parts.len()
                    && part.variable.is_none()
            };
            let completes = ends(si);
            // When the next step completes the match that way and is a plain walk of one
            // type in the adjacency (no relationship variable or properties), it is walked
            // right here for each node this step binds (`emit_last`), which spares a head
            // entity's 157,000 statements a full `match_chain` call each.
            let mut last = match (adj, part.element.chain.get(si + 1)) {
                (adj, Some(next))
                    if ends(si + 1)
                        && next.rel.length.is_none()
                        && next.rel.variable.is_none()
                        && next.rel.properties.is_none() =>
                {
                    let ni = self.step_info(next, adj, names, st);
                    match (
                        adj,
                        ni.lookup,
                        next.rel.types.as_slice(),
                        next.rel.direction,
                    ) {
                        (Some(adj), Lookup::Typed(ti), _, _) if ni.adjacency => {
                            Some(LastStep::Adjacency(adj, next, ni, ti))
                        }
                        // Without an adjacency, a last step of one type in one direction:
                        // each bound node's list is walked into `buf`, and the far nodes
                        // are bound and emitted right here.
                        (None, _, [t], Direction::Left | Direction::Right) => {
                            Some(LastStep::Listed {
                                step: next,
                                info: ni,
                                rel_type: st.memo.borrow_mut().sym(t),
                                outgoing: next.rel.direction == Direction::Right,
                                buf: Vec::new(),
                                walked: 0,
                            })
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            // A long first walk whose relationships each complete a match (or lead to the
            // last step, usually one relationship away) tells the projection how many rows
            // to expect: a head entity's 157,000 rows then go into one vector sized once,
            // instead of one doubled and copied six times, which faulted in a third of the
            // answer's fresh pages.
            if pi == 0 && si == 0 && first.len() >= PROJECT_BATCH && (completes || last.is_some()) {
                self.rows_hint.set(first.len());
            }
            let edges = first.iter().chain(second.iter().filter(|x| x.1 != cur));
            for (i, &(e, other)) in edges.enumerate() {
                if let Some(h) = &hints
                    && i % PREFETCH_AHEAD == 0
                {
                    let ahead = first.get(i + PREFETCH_AHEAD..).unwrap_or_default();
                    for &(_, n) in ahead.iter().take(PREFETCH_AHEAD) {
                        h.hint(n);
                    }
                    // These records were asked for one batch ago (the first batch's just
                    // now, so its reads still overlap each other).
                    if let Some(outgoing) = touch {
                        let batch = first.get(i..).unwrap_or_default();
                        for &(_, n) in batch.iter().take(PREFETCH_AHEAD) {
                            if let Some(far) = self.g.touch_first_edge(n, outgoing) {
                                h.hint(far);
                            }
                        }
                    }
                }
                if let Some((adj, outgoing)) = ahead {
                    if let Some(&(_, n)) = first.get(i + 2 * PREFETCH_AHEAD) {
                        adj.prefetch_index(n, outgoing);
                    }
                    if let Some(&(_, n)) = first.get(i + PREFETCH_AHEAD) {
                        adj.prefetch_run(n, outgoing);
                    }
                }
                self.guard.tick()?;
                if st.used.contains(&e) {
                    continue;
                }
                // A relationship from the run of the step's type fits unless the step has
                // properties to check.
                let check = rp.properties.is_some() || !typed && !rp.types.is_empty();
                if check && !self.rel_fits_typed(rp, e, typed, names, st, outer)? {
                    continue;
                }
                let mut undo = Undo::default();
                if let Some(s) = rel_slot {
                    if st.bound[s] {
                        match &st.row[s] {
                            Value::Relationship(x) if *x == e => {}
                            Value::Relationship(_) | Value::Null => continue,
                            other => {
                                return Err(type_error(format!(
                                    "variable is a {}, not a relationship",
                                    other.type_name()
                                )));
                            }
                        }
                    } else {
                        put(&mut st.row[s], Value::Relationship(e));
                        st.bound[s] = true;
                        undo.push(s);
                    }
                }
                if self.bind_far(
                    &step.node, &info, adj, other, known, names, st, outer, &mut undo,
                )? {
                    if completes {
                        emit(st)?;
                    } else if let Some(last) = &mut last {
                        st.used.push(e);
                        match last {
                            LastStep::Adjacency(adj, next, ni, ti) => {
                                self.emit_last(next, ni, adj, *ti, other, names, st, outer, emit)?
                            }
                            LastStep::Listed {
                                step,
                                info,
                                rel_type,
                                outgoing,
                                buf,
                                walked,
                            } => {
                                buf.clear();
                                *walked +=
                                    self.g.edges_of_type_into(other, *outgoing, *rel_type, buf);
                                // The walks' lengths are told in sums rather than once per
                                // bound node (an atomic add each).
                                if *walked >= DEMAND_BATCH {
                                    self.g.note_adjacency_demand(std::mem::take(walked));
                                }
                                self.emit_listed(step, info, buf, names, st, outer, emit)?;
                            }
                        }
                        st.used.pop();
                    } else {
                        st.used.push(e);
                        nodes.push(other);
                        rels.push(e);
                        self.match_chain(
                            parts,
                            pi,
                            si + 1,
                            other,
                            nodes,
                            rels,
                            names,
                            st,
                            outer,
                            emit,
                        )?;
                        nodes.pop();
                        rels.pop();
                        st.used.pop();
                    }
                }
                unbind(st, undo);
            }
            if let Some(LastStep::Listed { walked, .. }) = last
                && walked > 0
            {
                self.g.note_adjacency_demand(walked);
            }
            if let Some(v) = pooled {
                self.recycle(v);
            }
            return Ok(());
        };
        // Variable length: walk paths of min..=max relationships depth first.
        let min = len.min.unwrap_or(1) as usize;
        let max = len.max.map_or(usize::MAX, |m| m as usize);
        let bound_list: Option<Vec<EdgeId>> = match rel_slot {
            Some(s) if st.bound[s] => match &st.row[s] {
                Value::List(l) => Some(
                    l.iter()
                        .filter_map(|v| match v {
                            Value::Relationship(r) => Some(*r),
                            _ => None,
                        })
                        .collect(),
                ),
                Value::Null => return Ok(()),
                other => {
                    return Err(type_error(format!(
                        "variable-length relationship variable is a {}",
                        other.type_name()
                    )));
                }
            },
            _ => None,
        };
        let start_len = rels.len();
        self.var_expand(
            parts,
            pi,
            si,
            cur,
            min,
            max,
            start_len,
            &bound_list,
            rel_slot,
            nodes,
            rels,
            names,
            st,
            outer,
            emit,
        )
    }

    /// The last step of a match from node `cur`, when `match_chain` found it to be a plain
    /// walk of the adjacency's run of type `ti` (`info` worked out with `adj`): what
    /// `match_chain` would do for it, without the work of a general step.
    #[allow(clippy::too_many_arguments)]
    fn emit_last(
        &self,
        step: &ast::PatternStep,
        info: &StepInfo,
        adj: &graph::Adjacency,
        ti: u16,
        cur: NodeId,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        emit: &mut dyn FnMut(&MState) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        let (first, second, known) = adjacency_runs(adj, cur, Some(ti), step.rel.direction);
        for &(e, other) in first.iter().chain(second.iter().filter(|x| x.1 != cur)) {
            self.guard.tick()?;
            if st.used.contains(&e) {
                continue;
            }
            let mut undo = Undo::default();
            if self.bind_far(
                &step.node,
                info,
                Some(adj),
                other,
                known,
                names,
                st,
                outer,
                &mut undo,
            )? {
                emit(st)?;
            }
            unbind(st, undo);
        }
        Ok(())
    }

    /// The last step of a match, without an adjacency, when `match_chain` found it to be a
    /// plain walk of one type in one direction: `edges` are the relationships of that type
    /// from the bound node (as `edges_of_type` lists them), and each far node that fits is
    /// bound and emitted, as `match_chain` would, without the work of a general step.
    #[allow(clippy::too_many_arguments)]
    fn emit_listed(
        &self,
        step: &ast::PatternStep,
        info: &StepInfo,
        edges: &[(EdgeId, NodeId)],
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        emit: &mut dyn FnMut(&MState) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        for &(e, other) in edges {
            self.guard.tick()?;
            if st.used.contains(&e) {
                continue;
            }
            let mut undo = Undo::default();
            if self.bind_far(
                &step.node, info, None, other, 0, names, st, outer, &mut undo,
            )? {
                emit(st)?;
            }
            unbind(st, undo);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn var_expand(
        &self,
        parts: &[PartPlan],
        pi: usize,
        si: usize,
        cur: NodeId,
        min: usize,
        max: usize,
        start_len: usize,
        bound_list: &Option<Vec<EdgeId>>,
        rel_slot: Option<usize>,
        nodes: &mut Vec<NodeId>,
        rels: &mut Vec<EdgeId>,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        emit: &mut dyn FnMut(&MState) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        // An explicit stack instead of recursion: paths can be as long as the graph is big,
        // and a deep recursion would overflow the thread's stack.
        let step = &parts[pi].element.chain[si];
        let mut stack: Vec<(Vec<(EdgeId, NodeId)>, usize)> = Vec::new();
        let mut at = cur;
        loop {
            // Arrived at `at` with `rels[start_len..]` walked: report it, then queue its edges.
            self.guard.tick()?;
            let depth = rels.len() - start_len;
            if depth >= min {
                let walked = &rels[start_len..];
                if bound_list.as_ref().is_none_or(|b| b.as_slice() == walked) {
                    let mut undo = Undo::default();
                    if let Some(s) = rel_slot
                        && !st.bound[s]
                    {
                        let mut list: Vec<Value> =
                            walked.iter().map(|r| Value::Relationship(*r)).collect();
                        if parts[pi].reversed {
                            list.reverse();
                        }
                        st.row[s] = Value::List(list);
                        st.bound[s] = true;
                        undo.push(s);
                    }
                    if self.bind_node(&step.node, at, names, st, outer, &mut undo)? {
                        self.match_chain(
                            parts,
                            pi,
                            si + 1,
                            at,
                            nodes,
                            rels,
                            names,
                            st,
                            outer,
                            emit,
                        )?;
                    }
                    unbind(st, undo);
                }
            }
            let next = if depth < max {
                self.edges_of(at, step.rel.direction)
            } else {
                Vec::new()
            };
            stack.push((next, 0));
            // Find the next edge to walk, backtracking over exhausted levels.
            let mut advanced = false;
            while let Some((edges, i)) = stack.last_mut() {
                if *i >= edges.len() {
                    if let Some((edges, _)) = stack.pop() {
                        self.recycle(edges);
                    }
                    if !stack.is_empty() {
                        rels.pop();
                        nodes.pop();
                        st.used.pop();
                    }
                    continue;
                }
                let (e, other) = edges[*i];
                *i += 1;
                if st.used.contains(&e) || !self.rel_fits(&step.rel, e, names, st, outer)? {
                    continue;
                }
                st.used.push(e);
                nodes.push(other);
                rels.push(e);
                at = other;
                advanced = true;
                break;
            }
            if !advanced {
                return Ok(());
            }
        }
    }

    /// shortestPath / allShortestPaths over a single (usually variable-length) step: both
    /// ends are matched first, then a breadth-first search finds the shortest connections.
    fn match_shortest(
        &self,
        parts: &[PartPlan],
        i: usize,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        emit: &mut dyn FnMut(&MState) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        let part = &parts[i];
        let e = &part.element;
        let [step] = e.chain.as_slice() else {
            return Err(runtime(
                ErrorClass::SyntaxError,
                "InvalidArgumentType",
                "shortestPath needs a pattern with exactly one relationship",
            ));
        };
        let pre = self.start_props(&e.start, names, st, outer)?;
        let starts = self.start_candidates(part, names, st, pre.as_ref())?;
        // With the far end already bound, the search can stop once it has reached it.
        let bound_target: Option<NodeId> = step
            .node
            .variable
            .as_ref()
            .and_then(|v| names.iter().position(|x| x == v))
            .and_then(|s| match (&st.row[s], st.bound[s]) {
                (Value::Node(n), true) => Some(*n),
                _ => None,
            });
        // A far end the name index can find is searched for one candidate at a time, each
        // search stopping when it arrives, instead of exploring everything within reach.
        let targets: Vec<Option<NodeId>> = match bound_target {
            Some(b) => vec![Some(b)],
            None => self
                .far_end_candidates(&step.node, names, st, outer)?
                .map_or_else(|| vec![None], |c| c.into_iter().map(Some).collect()),
        };
        for a in starts {
            for &target in &targets {
                self.shortest_from(parts, i, a, target, pre.as_ref(), names, st, outer, emit)?;
            }
        }
        Ok(())
    }

    /// The candidates for the far end of a shortest path by the name index, or `None` when
    /// the node pattern names no indexed key (or the graph keeps no index for its value).
    fn far_end_candidates(
        &self,
        np: &ast::NodePattern,
        names: &[String],
        st: &MState,
        outer: Option<&Env>,
    ) -> Result<Option<Vec<NodeId>>, QueryError> {
        let Some(k) = super::plan::index_key(np) else {
            return Ok(None);
        };
        let Some(m) = self.start_props(np, names, st, outer)? else {
            return Ok(None);
        };
        Ok(m.get(k).and_then(|v| self.index_lookup(k, v)))
    }

    /// The shortest paths of part `i` from `a`, to `target` when it is known, else to every
    /// node within reach that fits the far end.
    #[allow(clippy::too_many_arguments)]
    fn shortest_from(
        &self,
        parts: &[PartPlan],
        i: usize,
        a: NodeId,
        target: Option<NodeId>,
        pre: Option<&BTreeMap<String, Value>>,
        names: &[String],
        st: &mut MState,
        outer: Option<&Env>,
        emit: &mut dyn FnMut(&MState) -> Result<(), QueryError>,
    ) -> Result<(), QueryError> {
        let part = &parts[i];
        let e = &part.element;
        let [step] = e.chain.as_slice() else {
            return Ok(());
        };
        {
            let mut undo_a = Undo::default();
            if !self.bind_node_pre(&e.start, a, names, st, outer, &mut undo_a, pre, 0)? {
                unbind(st, undo_a);
                return Ok(());
            }
            // Breadth-first search recording every shortest predecessor.
            let max = step
                .rel
                .length
                .and_then(|l| l.max)
                .map_or(usize::MAX, |m| m as usize);
            let min = step.rel.length.map_or(1, |l| l.min.unwrap_or(1) as usize);
            let mut dist: HashMap<NodeId, usize> = HashMap::from([(a, 0)]);
            let mut preds: HashMap<NodeId, Vec<(EdgeId, NodeId)>> = HashMap::new();
            let mut frontier = vec![a];
            let mut d = 0;
            if let Some(b) = target
                && part.kind == PathKind::Shortest
                && b != a
                && min <= 1
            {
                // One path between two known ends: search from both ends, which visits far
                // fewer nodes when hubs sit in between.
                if let Some(path) = self.bidirectional(a, b, &step.rel, max, names, st, outer)? {
                    let mut prev = a;
                    for (e, next) in &path {
                        preds.insert(*next, vec![(*e, prev)]);
                        prev = *next;
                    }
                    dist = HashMap::from([(b, path.len())]);
                }
                frontier.clear();
            }
            while !frontier.is_empty() && d < max && target.is_none_or(|t| !dist.contains_key(&t)) {
                d += 1;
                let mut next = Vec::new();
                for &n in &frontier {
                    self.guard.tick()?;
                    let edges = self.edges_of(n, step.rel.direction);
                    for &(edge, o) in &edges {
                        if !self.rel_fits(&step.rel, edge, names, st, outer)? {
                            continue;
                        }
                        match dist.get(&o) {
                            Some(&od) if od < d => continue,
                            Some(_) => {}
                            None => {
                                dist.insert(o, d);
                                next.push(o);
                            }
                        }
                        preds.entry(o).or_default().push((edge, n));
                    }
                    self.recycle(edges);
                }
                frontier = next;
            }
            let mut targets: Vec<(NodeId, usize)> = dist.iter().map(|(n, d)| (*n, *d)).collect();
            targets.sort();
            for (b, d) in targets {
                if d < min.max(1) && !(min == 0 && b == a) || target.is_some_and(|t| t != b) {
                    continue;
                }
                let mut undo_b = Undo::default();
                if self.bind_node(&step.node, b, names, st, outer, &mut undo_b)? {
                    let limit = if part.kind == PathKind::Shortest {
                        1
                    } else {
                        usize::MAX
                    };
                    let paths = collect_paths(&preds, a, b, limit);
                    for rels_rev in paths {
                        let mut rels = rels_rev.clone();
                        rels.reverse();
                        let mut nodes = vec![a];
                        for r in &rels {
                            let (s, t) = self.g.endpoints(*r).unwrap_or((a, a));
                            let last = *nodes.last().unwrap_or(&a);
                            nodes.push(if s == last { t } else { s });
                        }
                        let mut undo = Undo::default();
                        if let Some(rv) = &step.rel.variable
                            && let Some(s) = names.iter().position(|x| x == rv)
                        {
                            st.row[s] = if step.rel.length.is_some() {
                                Value::List(rels.iter().map(|r| Value::Relationship(*r)).collect())
                            } else {
                                rels.first()
                                    .map_or(Value::Null, |r| Value::Relationship(*r))
                            };
                            st.bound[s] = true;
                            undo.push(s);
                        }
                        if let Some(pv) = &part.variable
                            && let Some(s) = names.iter().position(|x| x == pv)
                        {
                            st.row[s] = Value::Path(Box::new(Path { nodes, rels }));
                            st.bound[s] = true;
                            undo.push(s);
                        }
                        self.match_parts_env(parts, i + 1, names, st, outer, emit)?;
                        unbind(st, undo);
                    }
                }
                unbind(st, undo_b);
            }
            unbind(st, undo_a);
        }
        Ok(())
    }

    fn count_edge_deletion(&mut self, e: EdgeId) {
        if self.created_edges.remove(&e) {
            self.effects.relationships_created -= 1;
        } else {
            self.effects.relationships_deleted += 1;
        }
    }

    fn note_edge_props(&mut self, e: EdgeId) {
        if let Some(p) = self.g.edge_props(e) {
            let old: Vec<(String, graph::Value)> = p
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_value()))
                .collect();
            for (k, v) in old {
                self.touched.entry((false, e.index(), k)).or_insert(Some(v));
            }
        }
    }

    /// Turns the record of touched properties and the label sets into side-effect counts.
    fn settle_effects(&mut self, labels_before: &[String]) {
        for ((is_node, id, key), old) in &self.touched {
            let now = if *is_node {
                self.g.node_prop(NodeId::new(*id), key)
            } else {
                self.g.edge_prop(EdgeId::new(*id), key)
            };
            match (old, now) {
                (None, Some(_)) => self.effects.properties_set += 1,
                (Some(_), None) => self.effects.properties_removed += 1,
                (Some(a), Some(b)) if *a != *b => {
                    self.effects.properties_set += 1;
                    self.effects.properties_removed += 1;
                }
                _ => {}
            }
        }
        let after = self.g.label_names();
        self.effects.labels_added =
            after.iter().filter(|l| !labels_before.contains(l)).count() as u64;
        self.effects.labels_removed =
            labels_before.iter().filter(|l| !after.contains(l)).count() as u64;
    }

    /// A shortest path from `a` to `b` as (relationship, node reached) steps, searching
    /// breadth-first from both ends and always growing the smaller frontier. With the
    /// graph's adjacency ready, relationships come from its slices and the visited nodes
    /// are marked in arrays reused between searches (`Marks`) instead of hash maps.
    #[allow(clippy::too_many_arguments)]
    fn bidirectional(
        &self,
        a: NodeId,
        b: NodeId,
        rp: &ast::RelPattern,
        max: usize,
        names: &[String],
        st: &MState,
        outer: Option<&Env>,
    ) -> Result<Option<Vec<(EdgeId, NodeId)>>, QueryError> {
        if let Some(adj) = self.g.adjacency() {
            // A search inside a search (a pattern in a relationship's property map) finds
            // the marks taken and uses maps.
            let found = MARKS.with(|m| {
                let mut m = m.try_borrow_mut().ok()?;
                let [ma, mb] = &mut *m;
                ma.begin(adj.node_bound());
                mb.begin(adj.node_bound());
                let (mut sa, mut sb) = (Seen::Marks(ma), Seen::Marks(mb));
                Some(self.bidirectional_with(a, b, rp, max, names, st, outer, &mut sa, &mut sb))
            });
            if let Some(found) = found {
                return found;
            }
        }
        let (mut sa, mut sb) = (Seen::Map(FastMap::default()), Seen::Map(FastMap::default()));
        self.bidirectional_with(a, b, rp, max, names, st, outer, &mut sa, &mut sb)
    }

    #[allow(clippy::too_many_arguments)]
    fn bidirectional_with<'m>(
        &self,
        a: NodeId,
        b: NodeId,
        rp: &ast::RelPattern,
        max: usize,
        names: &[String],
        st: &MState,
        outer: Option<&Env>,
        from_a: &mut Seen<'m>,
        from_b: &mut Seen<'m>,
    ) -> Result<Option<Vec<(EdgeId, NodeId)>>, QueryError> {
        let back_dir = match rp.direction {
            Direction::Right => Direction::Left,
            Direction::Left => Direction::Right,
            Direction::Both => Direction::Both,
        };
        // Parent pointers: node -> (edge, node one step closer to the side's root).
        from_a.insert(a, None);
        from_b.insert(b, None);
        let (mut fa, mut fb) = (vec![a], vec![b]);
        let mut length = 0;
        while !fa.is_empty() && !fb.is_empty() && length < max {
            length += 1;
            let grow_a = fa.len() <= fb.len();
            let (frontier, seen, other, dir) = if grow_a {
                (&mut fa, &mut *from_a, &*from_b, rp.direction)
            } else {
                (&mut fb, &mut *from_b, &*from_a, back_dir)
            };
            let mut next = Vec::new();
            let mut meet = None;
            for &n in frontier.iter() {
                self.guard.tick()?;
                let mut pooled = None;
                let (first, second, typed) = match self.adjacent(n, rp, dir, st) {
                    Some((x, y, _)) => (x, y, true),
                    None => (&pooled.insert(self.edges_of(n, dir))[..], &[][..], false),
                };
                for &(e, o) in first.iter().chain(second.iter().filter(|x| x.1 != n)) {
                    if seen.contains(o) || !self.rel_fits_typed(rp, e, typed, names, st, outer)? {
                        continue;
                    }
                    seen.insert(o, Some((e, n)));
                    if other.contains(o) {
                        meet = Some(o);
                        break;
                    }
                    next.push(o);
                }
                if let Some(v) = pooled {
                    self.recycle(v);
                }
                if meet.is_some() {
                    break;
                }
            }
            *frontier = next;
            if let Some(m) = meet {
                let mut left = Vec::new();
                let mut cur = m;
                while let Some(Some((e, p))) = from_a.get(cur) {
                    left.push((e, cur));
                    cur = p;
                }
                left.reverse();
                let mut cur = m;
                while let Some(Some((e, p))) = from_b.get(cur) {
                    left.push((e, p));
                    cur = p;
                }
                return Ok(Some(left));
            }
        }
        Ok(None)
    }

    // ----- RETURN / WITH ---------------------------------------------------------------

    fn project(&self, input: Table, p: &ProjectPlan) -> Result<Table, QueryError> {
        let out = if p.has_aggregates() {
            let mut groups = Grouper::new(p, &input.names);
            for r in &input.rows {
                groups.add(self, r)?;
            }
            groups.finish(self)?
        } else {
            let mut rows = Projector::new(p, &input.names);
            for r in &input.rows {
                rows.add(self, r)?;
            }
            let (rows, sources) = rows.finish(self);
            return self.finish_rows(rows, sources, &input.names, p);
        };
        self.finish_projection(out, &input.names, p)
    }

    /// `finish_projection` for the rows of a `Projector` and the source rows it kept (none,
    /// or one per row). Without DISTINCT, ORDER BY and WHERE only SKIP and LIMIT apply, and
    /// the rows' vector becomes the result's as it is: pairing every row with its (empty)
    /// source row would take 48 bytes a row instead of 24 and another pass over them, for a
    /// head entity's 157,000 rows.
    fn finish_rows(
        &self,
        mut rows: Vec<Vec<Value>>,
        sources: Vec<Vec<Value>>,
        input_names: &[String],
        p: &ProjectPlan,
    ) -> Result<Table, QueryError> {
        if p.distinct || !p.order_by.is_empty() || p.where_.is_some() {
            let mut src = sources.into_iter();
            let out = (rows.into_iter())
                .map(|vals| (vals, src.next().unwrap_or_default()))
                .collect();
            return self.finish_projection(out, input_names, p);
        }
        let skip = self.count_arg(p.skip.as_ref(), "SKIP")?.unwrap_or(0);
        let limit = self.count_arg(p.limit.as_ref(), "LIMIT")?;
        rows.drain(..skip.min(rows.len()));
        if let Some(limit) = limit {
            rows.truncate(limit);
        }
        Ok(Table {
            names: p.items.iter().map(|(c, _)| c.clone()).collect(),
            rows,
        })
    }

    /// DISTINCT, ORDER BY, SKIP, LIMIT and WITH ... WHERE over projected rows whose source
    /// rows are named by `input_names`.
    fn finish_projection(
        &self,
        mut out: Vec<Projected>,
        input_names: &[String],
        p: &ProjectPlan,
    ) -> Result<Table, QueryError> {
        let columns: Vec<String> = p.items.iter().map(|(c, _)| c.clone()).collect();
        if p.distinct {
            let mut seen: FastSet<Vec<Equiv>> = FastSet::default();
            let mut kept = Vec::with_capacity(out.len());
            for (vals, src) in out {
                let key: Vec<Equiv> = vals.into_iter().map(Equiv).collect();
                if seen.contains(&key) {
                    continue;
                }
                kept.push((key.iter().map(|e| e.0.clone()).collect(), src));
                seen.insert(key);
            }
            out = kept;
        }
        let skip = self.count_arg(p.skip.as_ref(), "SKIP")?.unwrap_or(0);
        let limit = self.count_arg(p.limit.as_ref(), "LIMIT")?;
        if !p.order_by.is_empty() {
            // The sort keys of all rows in one flat vector, `nk` per row, and a permutation
            // of row numbers sorted by them (ties by row number, so the order is stable).
            let nk = p.order_by.len();
            let mut keys: Vec<Value> = Vec::with_capacity(out.len() * nk);
            // A sort key that names a column (`ORDER BY n`, and every key equal to an item,
            // which the plan rewrote to its column) is that column's value: the evaluator
            // would find it by name, first among the columns, row after row.
            let col_of: Vec<Option<usize>> = (p.order_by.iter())
                .map(|(e, _)| match e {
                    Expr::Variable(v) => columns.iter().position(|c| c == v),
                    _ => None,
                })
                .collect();
            for (vals, src) in &out {
                self.guard.tick()?;
                if col_of.iter().all(Option::is_some) {
                    keys.extend(col_of.iter().flatten().map(|&c| vals[c].clone()));
                    continue;
                }
                let parent = Env::new(input_names, src);
                let env = Env {
                    names: &columns,
                    row: vals,
                    parent: Some(&parent),
                };
                for (e, _) in &p.order_by {
                    keys.push(self.with_ctx(|cx| cx.eval(e, &env))?);
                }
            }
            let cmp = |a: &usize, b: &usize| {
                for (j, (_, desc)) in p.order_by.iter().enumerate() {
                    let o = keys[a * nk + j].order(&keys[b * nk + j]);
                    let o = if *desc { o.reverse() } else { o };
                    if o != std::cmp::Ordering::Equal {
                        return o;
                    }
                }
                a.cmp(b)
            };
            let mut order: Vec<usize> = (0..out.len()).collect();
            // With a LIMIT only the first SKIP + LIMIT rows need sorting: select them first.
            match limit.map(|l| skip.saturating_add(l)) {
                Some(want) if want < order.len() => {
                    if want > 0 {
                        order.select_nth_unstable_by(want - 1, cmp);
                    }
                    order.truncate(want);
                    order.sort_unstable_by(cmp);
                }
                _ => order.sort_unstable_by(cmp),
            }
            let mut slots: Vec<Option<Projected>> = out.into_iter().map(Some).collect();
            out = order.iter().filter_map(|&i| slots[i].take()).collect();
        }
        let kept = out.into_iter().skip(skip).take(limit.unwrap_or(usize::MAX));
        if p.where_.is_none() {
            // Collected in place: the projected rows' vector becomes the result's, instead of
            // a second vector of every row's values growing beside it (a head entity's
            // answer has a hundred thousand rows).
            let rows: Vec<Vec<Value>> = kept.map(|(vals, _)| vals).collect();
            return Ok(Table {
                names: columns,
                rows,
            });
        }
        let mut rows = Vec::new();
        for (vals, src) in kept {
            // WITH ... WHERE sees the projected names first and the older variables behind.
            if let Some(w) = &p.where_ {
                let parent = Env::new(input_names, &src);
                let env = Env {
                    names: &columns,
                    row: &vals,
                    parent: Some(&parent),
                };
                if truth(&self.with_ctx(|cx| cx.eval(w, &env))?)? != Some(true) {
                    continue;
                }
            }
            rows.push(vals);
        }
        Ok(Table {
            names: columns,
            rows,
        })
    }

    /// The property `key` of the node or relationship in `row[slot]`, or `None` when the
    /// slot holds anything else (the evaluator then decides, errors included).
    fn slot_prop(&self, row: &[Value], slot: usize, key: graph::Sym) -> Option<Value> {
        Some(match row.get(slot)? {
            Value::Null => Value::Null,
            Value::Node(n) => self
                .g
                .node_prop_sym(*n, key)
                .map_or(Value::Null, |v| Value::from_prop(&v)),
            Value::Relationship(e) => self
                .g
                .edge_prop_sym(*e, key)
                .map_or(Value::Null, |v| Value::from_prop(&v)),
            _ => return None,
        })
    }

    /// Evaluates SKIP or LIMIT: a non-negative integer from literals and parameters.
    fn count_arg(&self, e: Option<&Expr>, what: &str) -> Result<Option<usize>, QueryError> {
        let Some(e) = e else { return Ok(None) };
        match self.eval(e, &[], &[])? {
            Value::Int(i) if i >= 0 => Ok(Some(i as usize)),
            // SKIP and LIMIT are constants (literals or parameters), so a bad value is a
            // compile-time error even though parameters are only seen here.
            Value::Int(_) => Err(QueryError::Semantic {
                class: ErrorClass::SyntaxError,
                code: "NegativeIntegerArgument",
                message: format!("{what} must not be negative"),
                span: None,
            }),
            other => Err(QueryError::Semantic {
                class: ErrorClass::SyntaxError,
                code: "InvalidArgumentType",
                message: format!("{what} must be an integer, got {}", other.type_name()),
                span: None,
            }),
        }
    }

    // ----- writes ----------------------------------------------------------------------

    fn props_from(
        &self,
        e: Option<&Expr>,
        names: &[String],
        row: &[Value],
    ) -> Result<graph::Props, QueryError> {
        let mut props = graph::Props::new();
        let Some(e) = e else { return Ok(props) };
        let Value::Map(m) = self.eval(e, names, row)? else {
            return Err(type_error("property map expected"));
        };
        for (k, v) in m {
            match v.to_prop() {
                Ok(Some(p)) => {
                    props.insert(k, p);
                }
                Ok(None) => {}
                Err(t) => {
                    return Err(runtime(
                        ErrorClass::TypeError,
                        "InvalidPropertyType",
                        format!("a property cannot hold a {t}"),
                    ));
                }
            }
        }
        Ok(props)
    }

    fn create(&mut self, input: Table, parts: &[PatternPart]) -> Result<Table, QueryError> {
        let mut names = input.names.clone();
        for p in parts {
            for v in super::plan::part_variables(p) {
                if !names.contains(&v) {
                    names.push(v);
                }
            }
        }
        let mut rows = Vec::with_capacity(input.rows.len());
        for r in input.rows {
            self.guard.tick()?;
            let mut row = r;
            row.resize(names.len(), Value::Null);
            let mut bound: Vec<bool> = (0..names.len()).map(|i| i < input.names.len()).collect();
            for p in parts {
                self.create_part(p, &names, &mut row, &mut bound)?;
            }
            rows.push(row);
        }
        Ok(Table { names, rows })
    }

    fn create_node(
        &mut self,
        np: &ast::NodePattern,
        names: &[String],
        row: &mut [Value],
        bound: &mut [bool],
    ) -> Result<NodeId, QueryError> {
        let slot = np
            .variable
            .as_ref()
            .and_then(|v| names.iter().position(|x| x == v));
        if let Some(s) = slot
            && bound[s]
        {
            return match &row[s] {
                Value::Node(n) => Ok(*n),
                other => Err(type_error(format!(
                    "cannot create a relationship to a {}",
                    other.type_name()
                ))),
            };
        }
        let props = self.props_from(np.properties.as_deref(), names, row)?;
        self.effects.nodes_created += 1;
        let keys: Vec<String> = props.keys().map(|k| k.to_string()).collect();
        let mut labels: Vec<String> = Vec::new();
        for l in &np.labels {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
        let id = self.g.create_node(labels, props);
        self.created_nodes.insert(id);
        for k in keys {
            self.touched.entry((true, id.index(), k)).or_insert(None);
        }
        if let Some(s) = slot {
            row[s] = Value::Node(id);
            bound[s] = true;
        }
        Ok(id)
    }

    fn create_part(
        &mut self,
        p: &PatternPart,
        names: &[String],
        row: &mut [Value],
        bound: &mut [bool],
    ) -> Result<(), QueryError> {
        let e = &p.element;
        let mut cur = self.create_node(&e.start, names, row, bound)?;
        let mut nodes = vec![cur];
        let mut rels = Vec::new();
        for s in &e.chain {
            let next = self.create_node(&s.node, names, row, bound)?;
            let props = self.props_from(s.rel.properties.as_deref(), names, row)?;
            let (src, dst) = match s.rel.direction {
                Direction::Left => (next, cur),
                _ => (cur, next),
            };
            let t = s.rel.types.first().cloned().unwrap_or_default();
            self.effects.relationships_created += 1;
            let keys: Vec<String> = props.keys().map(|k| k.to_string()).collect();
            let id = self.g.create_edge(src, dst, &t, props);
            self.created_edges.insert(id);
            for k in keys {
                self.touched.entry((false, id.index(), k)).or_insert(None);
            }
            if let Some(v) = &s.rel.variable
                && let Some(slot) = names.iter().position(|x| x == v)
            {
                row[slot] = Value::Relationship(id);
                bound[slot] = true;
            }
            rels.push(id);
            nodes.push(next);
            cur = next;
        }
        if let Some(pv) = &p.variable
            && let Some(slot) = names.iter().position(|x| x == pv)
        {
            row[slot] = Value::Path(Box::new(Path { nodes, rels }));
            bound[slot] = true;
        }
        Ok(())
    }

    fn merge(
        &mut self,
        input: Table,
        part: &PartPlan,
        actions: &[ast::MergeAction],
    ) -> Result<Table, QueryError> {
        let mut names = input.names.clone();
        for v in part_vars(part) {
            if !names.contains(&v) {
                names.push(v);
            }
        }
        let original = PatternPart {
            variable: part.variable.clone(),
            kind: part.kind,
            element: if part.reversed {
                super::plan::reverse_element(&part.element)
            } else {
                part.element.clone()
            },
        };
        let mut rows = Vec::new();
        for r in input.rows {
            // Null property values make MERGE meaningless; openCypher rejects them.
            let mut found = Vec::new();
            {
                let mut st = MState::for_row(&r, names.len(), RefCell::default());
                self.match_parts(std::slice::from_ref(part), 0, &names, &mut st, &mut |st| {
                    self.guard.produce(1)?;
                    found.push(st.row.clone());
                    Ok(())
                })?;
            }
            if found.is_empty() {
                let mut row = r.clone();
                row.resize(names.len(), Value::Null);
                let mut bound: Vec<bool> = (0..names.len()).map(|i| i < r.len()).collect();
                self.check_merge_nulls(&original, &names, &row)?;
                self.create_part(&original, &names, &mut row, &mut bound)?;
                for a in actions.iter().filter(|a| a.on_create) {
                    self.set_items(&names, &row, &a.items)?;
                }
                rows.push(row);
            } else {
                for row in found {
                    for a in actions.iter().filter(|a| !a.on_create) {
                        self.set_items(&names, &row, &a.items)?;
                    }
                    rows.push(row);
                }
            }
        }
        Ok(Table { names, rows })
    }

    fn check_merge_nulls(
        &self,
        p: &PatternPart,
        names: &[String],
        row: &[Value],
    ) -> Result<(), QueryError> {
        let mut maps: Vec<&Expr> = Vec::new();
        maps.extend(p.element.start.properties.as_deref());
        for s in &p.element.chain {
            maps.extend(s.rel.properties.as_deref());
            maps.extend(s.node.properties.as_deref());
        }
        for m in maps {
            if let Value::Map(m) = self.eval(m, names, row)?
                && let Some((k, _)) = m.iter().find(|(_, v)| v.is_null())
            {
                return Err(runtime(
                    ErrorClass::SemanticError,
                    "MergeReadOwnWrites",
                    format!("cannot merge using null property value for `{k}`"),
                ));
            }
        }
        Ok(())
    }

    fn set_prop(
        &mut self,
        target: &Value,
        key: &str,
        v: Option<graph::Value>,
    ) -> Result<(), QueryError> {
        match target {
            Value::Node(n) => {
                let old = self.g.node_prop(*n, key).map(|v| v.to_value());
                self.touched
                    .entry((true, n.index(), key.to_string()))
                    .or_insert(old);
                self.g.set_node_prop(*n, key, v);
            }
            Value::Relationship(r) => {
                let old = self.g.edge_prop(*r, key).map(|v| v.to_value());
                self.touched
                    .entry((false, r.index(), key.to_string()))
                    .or_insert(old);
                self.g.set_edge_prop(*r, key, v);
            }
            Value::Null => {}
            other => {
                return Err(type_error(format!(
                    "cannot set a property on a {}",
                    other.type_name()
                )));
            }
        }
        Ok(())
    }

    fn to_prop(v: &Value) -> Result<Option<graph::Value>, QueryError> {
        v.to_prop().map_err(|t| {
            runtime(
                ErrorClass::TypeError,
                "InvalidPropertyType",
                format!("a property cannot hold a {t}"),
            )
        })
    }

    fn set_items(
        &mut self,
        names: &[String],
        row: &[Value],
        items: &[SetItem],
    ) -> Result<(), QueryError> {
        for it in items {
            match it {
                SetItem::Property { target, value } => {
                    let Expr::Property(obj, key) = target else {
                        return Err(type_error("SET needs a property"));
                    };
                    let o = self.eval(obj, names, row)?;
                    let v = self.eval(value, names, row)?;
                    let p = Self::to_prop(&v)?;
                    self.set_prop(&o, key, p)?;
                }
                SetItem::Replace { variable, value } | SetItem::Extend { variable, value } => {
                    let replace = matches!(it, SetItem::Replace { .. });
                    let o = self.eval(&Expr::Variable(variable.clone()), names, row)?;
                    let v = self.eval(value, names, row)?;
                    let map: Vec<(String, Value)> = match v {
                        Value::Map(m) => m.into_iter().collect(),
                        Value::Node(n) => self
                            .g
                            .node_props(n)
                            .map(|p| {
                                p.iter()
                                    .map(|(k, v)| (k.to_string(), Value::from_prop(&v)))
                                    .collect()
                            })
                            .unwrap_or_default(),
                        Value::Relationship(r) => self
                            .g
                            .edge_props(r)
                            .map(|p| {
                                p.iter()
                                    .map(|(k, v)| (k.to_string(), Value::from_prop(&v)))
                                    .collect()
                            })
                            .unwrap_or_default(),
                        Value::Null if o.is_null() => continue,
                        other => {
                            return Err(type_error(format!(
                                "SET needs a map, got {}",
                                other.type_name()
                            )));
                        }
                    };
                    if replace {
                        let old: Vec<String> = match &o {
                            Value::Node(n) => self
                                .g
                                .node_props(*n)
                                .map(|p| p.keys().map(|k| k.to_string()).collect())
                                .unwrap_or_default(),
                            Value::Relationship(r) => self
                                .g
                                .edge_props(*r)
                                .map(|p| p.keys().map(|k| k.to_string()).collect())
                                .unwrap_or_default(),
                            _ => Vec::new(),
                        };
                        for k in old {
                            if !map.iter().any(|(mk, mv)| *mk == k && !mv.is_null()) {
                                self.set_prop(&o, &k, None)?;
                            }
                        }
                    }
                    for (k, v) in map {
                        let p = Self::to_prop(&v)?;
                        self.set_prop(&o, &k, p)?;
                    }
                }
                SetItem::Labels { variable, labels } => {
                    if let Some(n) = self.label_target(variable, names, row, "set labels on")? {
                        for l in labels {
                            self.g.add_label(n, l);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn remove_items(
        &mut self,
        names: &[String],
        row: &[Value],
        items: &[ast::RemoveItem],
    ) -> Result<(), QueryError> {
        for it in items {
            match it {
                ast::RemoveItem::Property(target) => {
                    let Expr::Property(obj, key) = target else {
                        return Err(type_error("REMOVE needs a property"));
                    };
                    let o = self.eval(obj, names, row)?;
                    self.set_prop(&o, key, None)?;
                }
                ast::RemoveItem::Labels { variable, labels } => {
                    if let Some(n) =
                        self.label_target(variable, names, row, "remove labels from")?
                    {
                        for l in labels {
                            self.g.remove_label(n, l);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The node whose labels a SET or REMOVE item changes: `None` for null, which changes
    /// nothing, and a type error for anything that is not a node.
    fn label_target(
        &mut self,
        variable: &str,
        names: &[String],
        row: &[Value],
        action: &str,
    ) -> Result<Option<NodeId>, QueryError> {
        match self.eval(&Expr::Variable(variable.to_string()), names, row)? {
            Value::Node(n) => Ok(Some(n)),
            Value::Null => Ok(None),
            other => Err(type_error(format!(
                "cannot {action} a {}",
                other.type_name()
            ))),
        }
    }

    /// Deletes everything the expressions name, relationships first, so that deleting a
    /// node together with its relationships in one clause needs no DETACH.
    fn delete(&mut self, input: &Table, exprs: &[Expr], detach: bool) -> Result<(), QueryError> {
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        for r in &input.rows {
            for e in exprs {
                let v = self.eval(e, &input.names, r)?;
                collect_deletions(&v, &mut nodes, &mut edges)?;
            }
        }
        for e in edges {
            self.note_edge_props(e);
            if self.g.delete_edge(e) {
                self.count_edge_deletion(e);
            }
        }
        for n in &nodes {
            if !self.g.node_exists(*n) {
                continue;
            }
            let mut touching: Vec<EdgeId> =
                self.g.out_edges(*n).into_iter().map(|(e, _)| e).collect();
            touching.extend(self.g.in_edges(*n).into_iter().map(|(e, _)| e));
            touching.sort();
            touching.dedup();
            if !touching.is_empty() && !detach {
                return Err(runtime(
                    ErrorClass::ConstraintVerificationFailed,
                    "DeleteConnectedNode",
                    "cannot delete a node that still has relationships; use DETACH DELETE",
                ));
            }
            for e in touching {
                self.note_edge_props(e);
                if self.g.delete_edge(e) {
                    self.count_edge_deletion(e);
                }
            }
        }
        for n in nodes {
            if let Some(p) = self.g.node_props(n) {
                let old: Vec<(String, graph::Value)> = p
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect();
                for (k, v) in old {
                    self.touched.entry((true, n.index(), k)).or_insert(Some(v));
                }
            }
            if self.g.delete_node(n) {
                // A node created and deleted by the same query leaves no trace.
                if self.created_nodes.remove(&n) {
                    self.effects.nodes_created -= 1;
                } else {
                    self.effects.nodes_deleted += 1;
                }
            }
        }
        Ok(())
    }
}

fn collect_deletions(
    v: &Value,
    nodes: &mut Vec<NodeId>,
    edges: &mut Vec<EdgeId>,
) -> Result<(), QueryError> {
    match v {
        Value::Null => {}
        Value::Node(n) => nodes.push(*n),
        Value::Relationship(r) => edges.push(*r),
        Value::Path(p) => {
            edges.extend(&p.rels);
            nodes.extend(&p.nodes);
        }
        Value::List(l) => {
            for x in l {
                collect_deletions(x, nodes, edges)?;
            }
        }
        other => {
            return Err(runtime(
                ErrorClass::TypeError,
                "InvalidArgumentType",
                format!("cannot delete a {}", other.type_name()),
            ));
        }
    }
    Ok(())
}

/// The slot and interned key of an item of the form `variable.key` whose variable is in
/// `names`. Interning a key no element has costs one small entry for the rest of the
/// process, as for labels (see `PatMemo::sym`).
fn prop_of_slot(e: &Expr, names: &[String]) -> Option<(usize, graph::Sym)> {
    let Expr::Property(x, key) = e else {
        return None;
    };
    let Expr::Variable(v) = &**x else {
        return None;
    };
    names
        .iter()
        .position(|n| n == v)
        .map(|i| (i, graph::Sym::new(key)))
}

/// Whether a stored property equals a pattern value (`=` is true), without copying strings.
fn prop_equals(have: Option<&graph::Value>, want: &Value) -> bool {
    match (have, want) {
        (None, _) => false,
        (Some(graph::Value::String(a)), Value::String(b)) => a == b,
        (Some(graph::Value::Int(a)), Value::Int(b)) => a == b,
        (Some(h), w) => Value::from_prop(h).equals(w) == Some(true),
    }
}

#[inline]
fn unbind(st: &mut MState, undo: Undo) {
    for &s in &undo.slots[..undo.len] {
        st.bound[s] = false;
        put(&mut st.row[s], Value::Null);
    }
}

/// Puts a value into a row slot. The slots a match binds and unbinds hold nulls, nodes and
/// relationships, which own nothing: the old value is then forgotten rather than dropped,
/// which skips a call into `Value`'s drop glue at every step of every match.
#[inline]
fn put(slot: &mut Value, v: Value) {
    if matches!(slot, Value::Null | Value::Node(_) | Value::Relationship(_)) {
        std::mem::forget(std::mem::replace(slot, v));
    } else {
        *slot = v;
    }
}

/// A node's relationships in the adjacency in a direction: of one type (`ti`) or of all,
/// with the label bits every far end carries (for one type).
#[inline]
fn adjacency_runs(
    adj: &graph::Adjacency,
    n: NodeId,
    ti: Option<u16>,
    dir: Direction,
) -> TypedEdges<'_> {
    let side = |outgoing: bool| match ti {
        Some(ti) => (
            adj.edges_of_type(n, outgoing, ti),
            adj.implied_labels(ti, outgoing),
        ),
        None => (adj.edges(n, outgoing), 0),
    };
    match dir {
        Direction::Right => {
            let (e, k) = side(true);
            (e, &[], k)
        }
        Direction::Left => {
            let (e, k) = side(false);
            (e, &[], k)
        }
        Direction::Both => {
            let ((o, ko), (i, ki)) = (side(true), side(false));
            (o, i, ko & ki)
        }
    }
}

/// Visited nodes of one side of a shortest-path search, with the relationship and node
/// each was reached from (`None` for the side's root).
enum Seen<'m> {
    Map(FastMap<NodeId, Option<(EdgeId, NodeId)>>),
    Marks(&'m mut Marks),
}

impl Seen<'_> {
    fn contains(&self, n: NodeId) -> bool {
        match self {
            Seen::Map(m) => m.contains_key(&n),
            Seen::Marks(m) => m.get(n).is_some(),
        }
    }
    fn get(&self, n: NodeId) -> Option<Option<(EdgeId, NodeId)>> {
        match self {
            Seen::Map(m) => m.get(&n).copied(),
            Seen::Marks(m) => m.get(n),
        }
    }
    fn insert(&mut self, n: NodeId, from: Option<(EdgeId, NodeId)>) {
        match self {
            Seen::Map(m) => {
                m.insert(n, from);
            }
            Seen::Marks(m) => m.set(n, from),
        }
    }
}

/// Per-node marks indexed by node id, kept between searches: a mark counts only when its
/// stamp is the current search's, so starting a search clears nothing (a million nodes
/// would take longer to clear than a short search takes).
#[derive(Default)]
struct Marks {
    stamp: Vec<u32>,
    from: Vec<(EdgeId, NodeId)>,
    now: u32,
}

impl Marks {
    /// Starts a search over node ids below `bound`.
    fn begin(&mut self, bound: usize) {
        if self.stamp.len() < bound {
            self.stamp.resize(bound, 0);
            self.from.resize(bound, (EdgeId::end(), NodeId::end()));
        }
        self.now = self.now.wrapping_add(1);
        if self.now == 0 {
            // After 2^32 searches the stamps wrap: clear them once.
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.now = 1;
        }
    }
    fn get(&self, n: NodeId) -> Option<Option<(EdgeId, NodeId)>> {
        let i = n.index();
        (self.stamp.get(i) == Some(&self.now))
            .then(|| Some(self.from[i]).filter(|(e, _)| *e != EdgeId::end()))
    }
    fn set(&mut self, n: NodeId, from: Option<(EdgeId, NodeId)>) {
        let i = n.index();
        if i < self.stamp.len() {
            self.stamp[i] = self.now;
            self.from[i] = from.unwrap_or((EdgeId::end(), NodeId::end()));
        }
    }
}

thread_local! {
    /// The two sides' marks of the shortest-path search, reused by every query on the thread.
    static MARKS: RefCell<[Marks; 2]> = RefCell::default();
}

/// The slots one matching step bound, to be cleared when it backtracks. A step binds at
/// most a node, a relationship and a path variable, so a small array does, and the inner
/// loop allocates nothing for it.
#[derive(Default)]
struct Undo {
    slots: [usize; 4],
    len: usize,
}

impl Undo {
    fn push(&mut self, slot: usize) {
        // Every caller binds at most three slots per step; a fourth is a bug, not input.
        assert!(self.len < self.slots.len(), "too many bindings in one step");
        self.slots[self.len] = slot;
        self.len += 1;
    }
}

/// The names of a MATCH's output rows: the input's, then the new pattern variables.
fn match_names(input: &[String], parts: &[PartPlan]) -> Vec<String> {
    let mut names = input.to_vec();
    for p in parts {
        for v in part_vars(p) {
            if !names.contains(&v) {
                names.push(v);
            }
        }
    }
    names
}

fn part_vars(p: &PartPlan) -> Vec<String> {
    let mut v = Vec::new();
    super::plan::element_variables(&p.element, &mut v);
    if let Some(pv) = &p.variable
        && !v.contains(pv)
    {
        v.push(pv.clone());
    }
    v
}

/// Every shortest relationship sequence from `a` to `b` (listed from `b` backwards).
fn collect_paths(
    preds: &HashMap<NodeId, Vec<(EdgeId, NodeId)>>,
    a: NodeId,
    b: NodeId,
    limit: usize,
) -> Vec<Vec<EdgeId>> {
    // Depth-first over the predecessor lists with an explicit stack, since a shortest path
    // can be as long as the graph; `acc` holds one edge per frame above the root.
    let mut out = Vec::new();
    let mut acc: Vec<EdgeId> = Vec::new();
    let mut stack: Vec<(NodeId, usize)> = vec![(b, 0)];
    while let Some((n, i)) = stack.last_mut() {
        if *n == a {
            out.push(acc.clone());
            if out.len() >= limit {
                break;
            }
            stack.pop();
            acc.pop();
            continue;
        }
        let ps = preds.get(n).map_or(&[][..], Vec::as_slice);
        let Some(&(e, p)) = ps.get(*i) else {
            stack.pop();
            acc.pop();
            continue;
        };
        *i += 1;
        if acc.contains(&e) {
            continue;
        }
        acc.push(e);
        stack.push((p, 0));
    }
    out
}

/// Nodes `PreDistinct` keeps in a map before it moves them to an array by node id.
const DENSE_AFTER: usize = 4096;

/// A counting walk whose start has at least one relationship per `DENSE_FAN` nodes of the
/// graph counts in an array by node id from the start: zeroing the array costs less than
/// a map look-up per row would.
const DENSE_FAN: usize = 64;

/// Remembers which combinations of some variables' values were seen (with a number, such
/// as a group's index), so that rows repeating one can be skipped, or grouped, before any
/// expression is evaluated on them.
struct PreDistinct {
    /// Slots of the variables in the row (`None`: not in the row, always null); `None`
    /// altogether when the projection is not a function of its variables.
    slots: Option<Vec<Option<usize>>>,
    /// The common case of one variable holding a node, keyed by the node id alone: in a
    /// map while few nodes were seen, then (`dense`) in an array indexed by node id, which
    /// a large result (tens of thousands of speakers) reads with one access instead of a
    /// hash probe.
    nodes: FastMap<u32, usize>,
    /// The number + 1 per node id (0: not seen), once `nodes` grew past `DENSE_AFTER`.
    dense: Vec<u32>,
    general: FastMap<Vec<Equiv>, usize>,
    buf: Vec<Equiv>,
}

impl PreDistinct {
    fn new(vars: Option<Vec<String>>, names: &[String]) -> PreDistinct {
        PreDistinct {
            slots: vars.map(|v| {
                v.iter()
                    .map(|x| names.iter().position(|n| n == x))
                    .collect()
            }),
            nodes: FastMap::default(),
            dense: Vec::new(),
            general: FastMap::default(),
            buf: Vec::new(),
        }
    }

    fn node_number(&self, n: u32) -> Option<usize> {
        if self.dense.is_empty() {
            return self.nodes.get(&n).copied();
        }
        match self.dense.get(n as usize) {
            Some(&x) if x > 0 => Some(x as usize - 1),
            _ => None,
        }
    }

    fn remember_node(&mut self, n: u32, number: usize) {
        let Ok(x) = u32::try_from(number + 1) else {
            // More groups than fit the array's entries: stay with the map.
            self.dense_to_map();
            self.nodes.insert(n, number);
            return;
        };
        if self.dense.is_empty() {
            if self.nodes.len() < DENSE_AFTER {
                self.nodes.insert(n, number);
                return;
            }
            let top = self.nodes.keys().copied().max().unwrap_or(0).max(n);
            self.dense = vec![0; top as usize + 1];
            for (&k, &v) in &self.nodes {
                self.dense[k as usize] = v as u32 + 1;
            }
            self.nodes = FastMap::default();
        }
        let i = n as usize;
        if i >= self.dense.len() {
            self.dense.resize((i + 1).max(self.dense.len() * 2), 0);
        }
        self.dense[i] = x;
    }

    fn dense_to_map(&mut self) {
        for (k, &v) in self.dense.iter().enumerate() {
            if v > 0 {
                self.nodes.insert(k as u32, v as usize - 1);
            }
        }
        self.dense = Vec::new();
    }

    /// The row's single node, when the key is one variable holding a node.
    fn single_node(&self, row: &[Value]) -> Option<u32> {
        match self.slots.as_deref() {
            Some([Some(i)]) => match row.get(*i) {
                Some(Value::Node(n)) => Some(n.index() as u32),
                _ => None,
            },
            _ => None,
        }
    }

    fn fill(&mut self, row: &[Value]) {
        self.buf.clear();
        for s in self.slots.iter().flatten() {
            let v = s.and_then(|i| row.get(i)).cloned().unwrap_or(Value::Null);
            self.buf.push(Equiv(v));
        }
    }

    /// The number remembered for the row's combination, if it was seen.
    fn find(&mut self, row: &[Value]) -> Option<usize> {
        self.slots.as_ref()?;
        if let Some(n) = self.single_node(row) {
            return self.node_number(n);
        }
        self.fill(row);
        self.general.get(self.buf.as_slice()).copied()
    }

    fn remember(&mut self, row: &[Value], number: usize) {
        if self.slots.is_none() {
            return;
        }
        if let Some(n) = self.single_node(row) {
            self.remember_node(n, number);
            return;
        }
        self.fill(row);
        self.general.insert(self.buf.clone(), number);
    }

    /// Whether the row's combination is new (always true when nothing can be promised).
    fn fresh(&mut self, row: &[Value]) -> bool {
        if self.slots.is_none() {
            return true;
        }
        if self.find(row).is_some() {
            return false;
        }
        self.remember(row, 0);
        true
    }
}

/// The rows of a projection without aggregates, evaluated one input row at a time (from a
/// table or straight from a MATCH).
struct Projector<'p> {
    p: &'p ProjectPlan,
    names: &'p [String],
    /// Under DISTINCT, a row whose variables were all seen before projects to a row seen
    /// before, so only the first row of each combination is evaluated.
    pre: Option<PreDistinct>,
    /// `x.key` is by far the most common item; reading it straight from the slot skips the
    /// evaluator's name lookup for every row.
    direct: Vec<Option<(usize, graph::Sym)>>,
    /// Each output row keeps the input row it came from, for ORDER BY and WITH ... WHERE on
    /// older variables; when they read none, the input row is dropped at once.
    keep_source: bool,
    /// Whether rows are projected in batches (see `flush`): every item is `x.key`, and
    /// nothing needs the input row.
    batched: bool,
    /// The rows waiting in the batch: per row, the element in each item's slot (`None`:
    /// null). Element ids are copied, with no drop or clone glue per row.
    batch: Vec<Option<Element>>,
    out: Vec<Vec<Value>>,
    /// The input row of each output row, when `keep_source`.
    sources: Vec<Vec<Value>>,
}

/// How many rows `Projector` projects together.
const PROJECT_BATCH: usize = 32;

/// A node or relationship waiting in a `Projector` batch.
#[derive(Clone, Copy)]
enum Element {
    Node(NodeId),
    Relationship(EdgeId),
}

impl<'p> Projector<'p> {
    fn new(p: &'p ProjectPlan, names: &'p [String]) -> Projector<'p> {
        let direct: Vec<_> = p
            .items
            .iter()
            .map(|(_, e)| prop_of_slot(e, names))
            .collect();
        let keep_source = super::plan::reads_beyond(p);
        Projector {
            p,
            names,
            pre: p
                .distinct
                .then(|| PreDistinct::new(super::plan::projection_vars(p), names)),
            // The plan promises items of the form `x.key`; the variables are in the row.
            batched: p.batched && direct.iter().all(Option::is_some),
            direct,
            keep_source,
            batch: Vec::new(),
            out: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn add<G: GraphView + GraphWrite>(
        &mut self,
        ex: &Exec<'_, G>,
        r: &[Value],
    ) -> Result<(), QueryError> {
        ex.guard.tick()?;
        if self.batched {
            let fits = self.direct.iter().flatten().all(|&(i, _)| {
                matches!(
                    r.get(i),
                    Some(Value::Node(_) | Value::Relationship(_) | Value::Null)
                )
            });
            if fits {
                for &(i, _) in self.direct.iter().flatten() {
                    self.batch.push(match r[i] {
                        Value::Node(n) => Some(Element::Node(n)),
                        Value::Relationship(e) => Some(Element::Relationship(e)),
                        _ => None,
                    });
                }
                if self.batch.len() >= PROJECT_BATCH * self.direct.len() {
                    self.flush(ex);
                }
                return Ok(());
            }
            // Anything else goes through the evaluator (which reports a wrong type), after
            // the rows before it.
            self.flush(ex);
        }
        if let Some(pre) = &mut self.pre
            && !pre.fresh(r)
        {
            return Ok(());
        }
        // A plain loop into a vector of the right size: this runs once per result row.
        let mut vals = Vec::with_capacity(self.p.items.len());
        for ((_, e), d) in self.p.items.iter().zip(&self.direct) {
            vals.push(match d.and_then(|(i, k)| ex.slot_prop(r, i, k)) {
                Some(v) => v,
                None => ex.eval(e, self.names, r)?,
            });
        }
        if self.keep_source {
            self.sources.push(r.to_vec());
        }
        self.out.push(vals);
        Ok(())
    }

    /// Projects the batch, its properties read together (see `read_staged`).
    fn flush<G: GraphView + GraphWrite>(&mut self, ex: &Exec<'_, G>) {
        if self.batch.is_empty() {
            return;
        }
        let keys: Vec<graph::Sym> = self.direct.iter().flatten().map(|&(_, k)| k).collect();
        let k = keys.len().max(1);
        // The hint is taken, not read: it sizes this projection's rows once, and a later
        // projection in the same query has a walk (and a hint) of its own.
        self.out
            .reserve(ex.rows_hint.take().max(self.batch.len() / k));
        let found = read_staged(ex.g, &self.batch, &keys);
        for row in found.chunks(k) {
            let vals = row
                .iter()
                .map(|v| v.as_deref().map_or(Value::Null, Value::from_prop))
                .collect();
            self.out.push(vals);
            if self.keep_source {
                self.sources.push(Vec::new());
            }
        }
        self.batch.clear();
    }

    /// The projected rows and their source rows (see `sources`), once every input row was
    /// added.
    fn finish<G: GraphView + GraphWrite>(
        mut self,
        ex: &Exec<'_, G>,
    ) -> (Vec<Vec<Value>>, Vec<Vec<Value>>) {
        self.flush(ex);
        (self.out, self.sources)
    }
}

/// The properties `keys[j % keys.len()]` of the elements `elems[j]` (`None`: no element),
/// as `Exec::slot_prop` reads them. A row's properties sit behind a chain of pointers (the
/// element's record, its property array, the string's text), each a likely cache miss when
/// the rows are many; following every element's chain one link at a time lets the
/// processor wait for the misses of a whole batch at once, not one after another.
fn read_staged<'g, G: GraphView>(
    g: &'g G,
    elems: &[Option<Element>],
    keys: &[graph::Sym],
) -> Vec<Option<graph::PropRef<'g>>> {
    let k = keys.len().max(1);
    // First the records, then their property arrays, then the values themselves. The node
    // records are asked for with prefetch hints before they are read: a hint does not hold
    // up the instructions after it as a read that misses does, so the whole batch's misses
    // are under way at once.
    if let Some(h) = g.node_hints() {
        for v in elems {
            if let Some(Element::Node(n)) = v {
                h.hint(*n);
            }
        }
    }
    for v in elems {
        match v {
            Some(Element::Node(n)) => {
                std::hint::black_box(g.node_props(*n).is_some());
            }
            Some(Element::Relationship(e)) => {
                std::hint::black_box(g.edge_props(*e).is_some());
            }
            None => {}
        }
    }
    // The property records are hinted rather than read, for the same reason.
    for v in elems {
        let props = match v {
            Some(Element::Node(n)) => g.node_props(*n),
            Some(Element::Relationship(e)) => g.edge_props(*e),
            None => None,
        };
        if let Some(p) = props {
            p.hint();
        }
    }
    let found: Vec<Option<graph::PropRef<'g>>> = elems
        .iter()
        .enumerate()
        .map(|(j, v)| match v {
            Some(Element::Node(n)) => g.node_prop_sym(*n, keys[j % k]),
            Some(Element::Relationship(e)) => g.edge_prop_sym(*e, keys[j % k]),
            None => None,
        })
        .collect();
    // Then the strings' headers, and once those are in, their chunks' counts, which the
    // projection's copy of each string bumps.
    for v in found.iter().flatten() {
        if let graph::Value::String(s) = &**v {
            s.hint();
        }
    }
    for v in found.iter().flatten() {
        if let graph::Value::String(s) = &**v {
            s.hint_count();
        }
    }
    found
}

/// The groups of an aggregating projection, filled one input row at a time (from a table
/// or straight from a MATCH).
///
/// A head entity's top speakers put 157,000 rows into 25,000 groups, so a new group must be
/// cheap too: groups live side by side in flat vectors (key values, first input rows and
/// accumulators, a fixed number of each per group) and are found by one hash of their key
/// values, with no allocation per group.
struct Grouper<'p> {
    p: &'p ProjectPlan,
    names: &'p [String],
    /// The items that are grouping keys.
    keys: Vec<usize>,
    /// Per key, `variable.key` read straight from the slot (see `Projector::direct`).
    direct: Vec<Option<(usize, graph::Sym)>>,
    /// Grouping keys are functions of a few variables (`p.name` of `p`): rows that agree
    /// on those variables fall in the same group, found without evaluating the keys again.
    by_vars: Option<PreDistinct>,
    /// The first group per hash of key values; groups whose keys hash alike are chained
    /// through `next` (`usize::MAX` ends a chain).
    index: FastMap<u64, usize>,
    next: Vec<usize>,
    /// Per group, its key values (`keys.len()` each).
    key_vals: Vec<Value>,
    /// Per group, its first input row (`names.len()` values each).
    reps: Vec<Value>,
    /// Per group, one accumulator per aggregate.
    accs: Vec<Acc>,
    /// A fresh accumulator per aggregate, cloned for every new group.
    fresh: Vec<Acc>,
    groups: usize,
    /// The key values of the row being added.
    buf: Vec<Value>,
    /// The plan's count-per-node mode (`ProjectPlan::count_per_node`).
    per_node: Option<PerNode>,
}

/// Rows counted per node for `ProjectPlan::count_per_node`: rows whose grouping variable
/// holds a node only bump that node's counter; any other value (null from an OPTIONAL
/// MATCH, a number from UNWIND) goes to the grouper's ordinary groups.
struct PerNode {
    /// The grouping variable's slot in the row.
    slot: usize,
    counts: NodeCounts,
    /// Nodes and ordinary groups in the order of their first row, which is the order of
    /// the merged groups' first rows too.
    order: Vec<Sub>,
}

impl PerNode {
    /// Counts one row for node `n`, noting it in `order` at its first.
    #[inline(always)]
    fn bump(&mut self, n: NodeId) {
        let n = n.index() as u32;
        if self.counts.bump(n) {
            self.order.push(Sub::Node(n));
        }
    }
}

#[derive(Clone, Copy)]
enum Sub {
    Node(u32),
    /// An ordinary group, by its index in the grouper.
    Group(usize),
}

/// A row count per node id: in a map while few nodes were counted, then in an array
/// indexed by node id, which a large result reads with one access per row.
#[derive(Default)]
struct NodeCounts {
    map: FastMap<u32, u64>,
    dense: Vec<u32>,
    /// What a node's count exceeds its `dense` entry by, for counts past `u32::MAX`.
    carry: FastMap<u32, u64>,
}

impl NodeCounts {
    /// Counts one row for node `n`; `true` if it is the node's first.
    #[inline]
    fn bump(&mut self, n: u32) -> bool {
        if let Some(c) = self.dense.get_mut(n as usize)
            && *c < u32::MAX
        {
            *c += 1;
            return *c == 1;
        }
        self.bump_slow(n)
    }

    /// `bump` in the map, past the array's end, or past `u32::MAX`.
    #[inline(never)]
    fn bump_slow(&mut self, n: u32) -> bool {
        let i = n as usize;
        if let Some(c) = self.dense.get_mut(i) {
            if *c == u32::MAX {
                // Keep the entry above zero, so that the node is not taken for a new one.
                *self.carry.entry(n).or_default() += u64::from(u32::MAX - 1);
                *c = 1;
            }
            *c += 1;
            return *c == 1;
        }
        if self.dense.is_empty() {
            if self.map.len() < DENSE_AFTER || self.map.contains_key(&n) {
                let c = self.map.entry(n).or_default();
                *c += 1;
                return *c == 1;
            }
            // Past `DENSE_AFTER` nodes: move the counts into the array.
            let top = self.map.keys().copied().max().unwrap_or(0).max(n);
            self.make_dense(top as usize + 1);
        } else {
            self.dense.resize((i + 1).max(self.dense.len() * 2), 0);
        }
        self.bump_slow(n)
    }

    /// Moves the counts from the map into an array of at least `len` entries (at once,
    /// when many nodes are about to be counted).
    fn make_dense(&mut self, len: usize) {
        if !self.dense.is_empty() {
            return;
        }
        let top = self.map.keys().map(|&k| k as usize + 1).max().unwrap_or(0);
        self.dense = vec![0; len.max(top).max(1)];
        for (k, c) in std::mem::take(&mut self.map) {
            let low = u32::try_from(c).unwrap_or(u32::MAX - 1).max(1);
            self.dense[k as usize] = low;
            if u64::from(low) < c {
                self.carry.insert(k, c - u64::from(low));
            }
        }
    }

    fn get(&self, n: u32) -> u64 {
        if self.dense.is_empty() {
            return self.map.get(&n).copied().unwrap_or(0);
        }
        let low = self.dense.get(n as usize).copied().unwrap_or(0);
        u64::from(low) + self.carry.get(&n).copied().unwrap_or(0)
    }
}

impl<'p> Grouper<'p> {
    fn new(p: &'p ProjectPlan, names: &'p [String]) -> Grouper<'p> {
        let keys: Vec<usize> = (0..p.items.len()).filter(|&i| !p.aggregating[i]).collect();
        let by_vars = p.group_by.clone().map(|v| PreDistinct::new(Some(v), names));
        let per_node = match p.group_by.as_deref() {
            Some([v]) if p.count_per_node => {
                names.iter().position(|n| n == v).map(|slot| PerNode {
                    slot,
                    counts: NodeCounts::default(),
                    order: Vec::new(),
                })
            }
            _ => None,
        };
        Grouper {
            per_node,
            p,
            names,
            direct: keys
                .iter()
                .map(|&i| prop_of_slot(&p.items[i].1, names))
                .collect(),
            keys,
            by_vars,
            index: FastMap::default(),
            next: Vec::new(),
            key_vals: Vec::new(),
            reps: Vec::new(),
            accs: Vec::new(),
            fresh: p.aggregates.iter().map(|(_, e)| Acc::new(e)).collect(),
            groups: 0,
            buf: Vec::new(),
        }
    }

    fn add<G: GraphView + GraphWrite>(
        &mut self,
        ex: &Exec<'_, G>,
        r: &[Value],
    ) -> Result<(), QueryError> {
        let p = self.p;
        ex.guard.tick()?;
        if let Some(pn) = &mut self.per_node
            && let Some(Value::Node(n)) = r.get(pn.slot)
        {
            let n = n.index() as u32;
            if pn.counts.bump(n) {
                pn.order.push(Sub::Node(n));
            }
            return Ok(());
        }
        let known = self.by_vars.as_mut().and_then(|pre| pre.find(r));
        let gi = match known {
            Some(gi) => gi,
            None => {
                let before = self.groups;
                let gi = self.group_of(ex, r)?;
                if let Some(pre) = &mut self.by_vars {
                    pre.remember(r, gi);
                }
                if let Some(pn) = &mut self.per_node
                    && self.groups > before
                {
                    pn.order.push(Sub::Group(gi));
                }
                gi
            }
        };
        let na = self.fresh.len();
        for (acc, (_, e)) in self.accs[gi * na..(gi + 1) * na]
            .iter_mut()
            .zip(&p.aggregates)
        {
            acc.add(e, |x| ex.eval(x, self.names, r))?;
        }
        Ok(())
    }

    /// The group of a row by its key values, a new one if no group has them yet.
    fn group_of<G: GraphView + GraphWrite>(
        &mut self,
        ex: &Exec<'_, G>,
        r: &[Value],
    ) -> Result<usize, QueryError> {
        self.buf.clear();
        for (&i, d) in self.keys.iter().zip(&self.direct) {
            let v = match d.and_then(|(s, k)| ex.slot_prop(r, s, k)) {
                Some(v) => v,
                None => ex.eval(&self.p.items[i].1, self.names, r)?,
            };
            self.buf.push(v);
        }
        let nk = self.keys.len();
        let h = super::value::hash_values(&self.buf);
        let mut at = self.index.get(&h).copied().unwrap_or(usize::MAX);
        while at != usize::MAX {
            let have = &self.key_vals[at * nk..(at + 1) * nk];
            if have.iter().zip(&self.buf).all(|(a, b)| a.equivalent(b)) {
                return Ok(at);
            }
            at = self.next[at];
        }
        let gi = self.groups;
        self.groups += 1;
        self.next
            .push(self.index.insert(h, gi).unwrap_or(usize::MAX));
        self.key_vals.append(&mut self.buf);
        let w = self.names.len();
        self.reps.extend(r.iter().take(w).cloned());
        self.reps
            .resize(self.reps.len() + w - r.len().min(w), Value::Null);
        self.accs.extend(self.fresh.iter().cloned());
        Ok(gi)
    }

    fn finish<G: GraphView + GraphWrite>(
        mut self,
        ex: &Exec<'_, G>,
    ) -> Result<Vec<Projected>, QueryError> {
        if let Some(pn) = self.per_node.take() {
            return self.finish_per_node(ex, pn);
        }
        let p = self.p;
        let w = self.names.len();
        if self.groups == 0 && self.keys.is_empty() {
            self.reps.resize(w, Value::Null);
            self.accs.extend(self.fresh.iter().cloned());
            self.groups = 1;
        }
        let mut names = self.names.to_vec();
        names.extend(p.aggregates.iter().map(|(n, _)| n.clone()));
        // The input row goes on with each group only when ORDER BY or WHERE may read a
        // variable the projection dropped.
        let keep_source = super::plan::reads_beyond(p);
        let agg_col = aggregate_columns(p);
        let mut reps = self.reps.into_iter();
        let mut keys = self.key_vals.into_iter();
        let mut accs = self.accs.into_iter();
        let na = p.aggregates.len();
        let mut out = Vec::with_capacity(self.groups);
        for _ in 0..self.groups {
            let mut row = Vec::with_capacity(w + na);
            row.extend(reps.by_ref().take(w));
            for a in accs.by_ref().take(na) {
                row.push(a.finish()?);
            }
            let mut vals = Vec::with_capacity(p.items.len());
            for (i, (_, e)) in p.items.iter().enumerate() {
                vals.push(match (p.aggregating[i], agg_col[i]) {
                    (true, Some(j)) => row[w + j].clone(),
                    (true, None) => ex.eval(e, &names, &row)?,
                    (false, _) => keys.next().unwrap_or(Value::Null),
                });
            }
            if keep_source {
                // Without the aggregates' values.
                row.truncate(w);
            } else {
                row = Vec::new();
            }
            out.push((vals, row));
        }
        Ok(out)
    }

    /// The groups of the count-per-node mode: the keys of every counted node, read a batch
    /// of nodes at a time (`read_staged`), and of every ordinary group, merged by one hash
    /// of their values in the order of their first rows, as `group_of` would have merged
    /// them row by row; the counts of merged nodes add up.
    fn finish_per_node<G: GraphView + GraphWrite>(
        self,
        ex: &Exec<'_, G>,
        pn: PerNode,
    ) -> Result<Vec<Projected>, QueryError> {
        let p = self.p;
        let (w, nk, na) = (self.names.len(), self.keys.len(), p.aggregates.len());
        // The keys are the variable itself (no `direct` entry) or its properties.
        let props: Vec<graph::Sym> = self.direct.iter().flatten().map(|&(_, k)| k).collect();
        let mut sub_keys: Vec<Value> = Vec::with_capacity(pn.order.len() * nk);
        let mut sub_counts: Vec<u64> = Vec::with_capacity(pn.order.len());
        let mut elems: Vec<Option<Element>> = Vec::new();
        for chunk in pn.order.chunks(PROJECT_BATCH) {
            ex.guard.tick()?;
            elems.clear();
            for sub in chunk {
                if let Sub::Node(n) = *sub {
                    let id = NodeId::new(n as usize);
                    elems.extend(props.iter().map(|_| Some(Element::Node(id))));
                }
            }
            let mut found = read_staged(ex.g, &elems, &props).into_iter();
            for sub in chunk {
                match *sub {
                    Sub::Node(n) => {
                        let id = NodeId::new(n as usize);
                        for d in &self.direct {
                            sub_keys.push(match d {
                                Some(_) => found
                                    .next()
                                    .flatten()
                                    .map_or(Value::Null, |v| Value::from_prop(&v)),
                                None => Value::Node(id),
                            });
                        }
                        sub_counts.push(pn.counts.get(n));
                    }
                    Sub::Group(gi) => {
                        sub_keys.extend(self.key_vals[gi * nk..(gi + 1) * nk].iter().cloned());
                        // Every aggregate is `count(*)`: the first one counts the rows.
                        sub_counts.push(match self.accs.get(gi * na) {
                            Some(Acc::Count(c, _)) => u64::try_from(*c).unwrap_or(0),
                            _ => 0,
                        });
                    }
                }
            }
        }
        // Merge the sub-groups with equivalent keys; each merged group keeps its first.
        let key_of = |si: usize| &sub_keys[si * nk..(si + 1) * nk];
        let mut index: FastMap<u64, usize> = FastMap::default();
        let mut next: Vec<usize> = Vec::new();
        let mut firsts: Vec<usize> = Vec::new();
        let mut counts: Vec<u64> = Vec::new();
        for (si, &c) in sub_counts.iter().enumerate() {
            let key = key_of(si);
            let h = super::value::hash_values(key);
            let mut at = index.get(&h).copied().unwrap_or(usize::MAX);
            while at != usize::MAX {
                if key_of(firsts[at])
                    .iter()
                    .zip(key)
                    .all(|(a, b)| a.equivalent(b))
                {
                    break;
                }
                at = next[at];
            }
            if at == usize::MAX {
                next.push(index.insert(h, firsts.len()).unwrap_or(usize::MAX));
                firsts.push(si);
                counts.push(c);
            } else {
                counts[at] += c;
            }
        }
        let mut names = self.names.to_vec();
        names.extend(p.aggregates.iter().map(|(n, _)| n.clone()));
        let agg_col = aggregate_columns(p);
        // The groups that make rows, in the order of their first rows.
        let mut groups: Vec<usize> = (0..firsts.len()).collect();
        if let Some((want, desc)) = first_by_count(ex, p, &agg_col)?
            && want < groups.len()
        {
            // Only the first SKIP + LIMIT groups by count can be returned, and ORDER BY
            // sorts equal counts by first row: select those groups by (count, first row)
            // here, so that a head entity's 25,000 speakers do not each make a row to be
            // sorted and dropped. Their rows keep the order of their first rows, which the
            // sort after this then orders exactly as it would have ordered all rows.
            let cmp = |a: &usize, b: &usize| {
                let o = counts[*a].cmp(&counts[*b]);
                if desc { o.reverse() } else { o }.then(a.cmp(b))
            };
            if want == 0 {
                groups.clear();
            } else {
                groups.select_nth_unstable_by(want - 1, cmp);
                groups.truncate(want);
                groups.sort_unstable();
            }
        }
        let mut out = Vec::with_capacity(groups.len());
        let mut row: Vec<Value> = Vec::new();
        for (&si, &c) in groups.iter().map(|&g| (&firsts[g], &counts[g])) {
            let count = Value::Int(i64::try_from(c).unwrap_or(i64::MAX));
            let mut keys = key_of(si).iter();
            let mut vals = Vec::with_capacity(p.items.len());
            for (i, (_, e)) in p.items.iter().enumerate() {
                if !p.aggregating[i] {
                    vals.push(keys.next().cloned().unwrap_or(Value::Null));
                    continue;
                }
                if agg_col[i].is_some() {
                    vals.push(count.clone());
                    continue;
                }
                // Other aggregating items read the counts and the group's first row: for
                // a node, a row with only its variable bound (the plan allows no more).
                if row.is_empty() {
                    match pn.order[si] {
                        Sub::Node(n) => {
                            row.resize(w, Value::Null);
                            row[pn.slot] = Value::Node(NodeId::new(n as usize));
                        }
                        Sub::Group(gi) => {
                            row.extend(self.reps[gi * w..(gi + 1) * w].iter().cloned())
                        }
                    }
                    row.extend(std::iter::repeat_n(count.clone(), na));
                }
                vals.push(ex.eval(e, &names, &row)?);
            }
            row.clear();
            out.push((vals, Vec::new()));
        }
        Ok(out)
    }
}

/// For a projection counted per node whose rows are ordered by a `count(*)` column alone
/// and limited, with no item to evaluate per group (every item a key or a plain aggregate
/// column, so no group's evaluation could fail): how many groups can be returned (SKIP +
/// LIMIT) and whether the order is descending. `None` when all groups must make rows.
fn first_by_count<G: GraphView + GraphWrite>(
    ex: &Exec<'_, G>,
    p: &ProjectPlan,
    agg_col: &[Option<usize>],
) -> Result<Option<(usize, bool)>, QueryError> {
    let [(Expr::Variable(v), desc)] = p.order_by.as_slice() else {
        return Ok(None);
    };
    let by_count = (p.items.iter().zip(&p.aggregating).zip(agg_col))
        .any(|(((c, _), &a), j)| c == v && a && j.is_some());
    let plain = (p.aggregating.iter().zip(agg_col)).all(|(&a, j)| !a || j.is_some());
    if !by_count || !plain || p.distinct || p.where_.is_some() || p.limit.is_none() {
        return Ok(None);
    }
    let skip = ex.count_arg(p.skip.as_ref(), "SKIP")?.unwrap_or(0);
    Ok(ex
        .count_arg(p.limit.as_ref(), "LIMIT")?
        .map(|l| (skip.saturating_add(l), *desc)))
}

/// Per item of an aggregating projection, the aggregate it is (`Some(j)` for the `j`th
/// aggregate, as in `RETURN count(*) AS n`), whose value is then taken as it is rather than
/// evaluated by name.
fn aggregate_columns(p: &ProjectPlan) -> Vec<Option<usize>> {
    p.items
        .iter()
        .map(|(_, e)| match e {
            Expr::Variable(v) => p.aggregates.iter().position(|(n, _)| n == v),
            _ => None,
        })
        .collect()
}

/// An aggregate's running state.
#[derive(Clone)]
enum Acc {
    Count(i64, Option<HashSet<Equiv>>),
    Collect(Vec<Value>, Option<HashSet<Equiv>>),
    Sum(Value, Option<HashSet<Equiv>>),
    Avg(f64, i64, Option<HashSet<Equiv>>),
    Min(Option<Value>),
    Max(Option<Value>),
    StDev(Vec<f64>, bool),
    Percentile(Vec<f64>, Option<f64>, bool),
}

impl Acc {
    fn new(e: &Expr) -> Acc {
        let (name, distinct) = match e {
            Expr::FunctionCall { name, distinct, .. } => (name.to_ascii_lowercase(), *distinct),
            _ => ("count".to_string(), false),
        };
        let seen = || distinct.then(HashSet::new);
        match name.as_str() {
            "count" => Acc::Count(0, seen()),
            "collect" => Acc::Collect(Vec::new(), seen()),
            "sum" => Acc::Sum(Value::Int(0), seen()),
            "avg" => Acc::Avg(0.0, 0, seen()),
            "min" => Acc::Min(None),
            "max" => Acc::Max(None),
            "stdev" => Acc::StDev(Vec::new(), true),
            "stdevp" => Acc::StDev(Vec::new(), false),
            "percentilecont" => Acc::Percentile(Vec::new(), None, true),
            _ => Acc::Percentile(Vec::new(), None, false),
        }
    }

    fn add(
        &mut self,
        e: &Expr,
        eval: impl Fn(&Expr) -> Result<Value, QueryError>,
    ) -> Result<(), QueryError> {
        let args: &[Expr] = match e {
            Expr::CountStar => {
                if let Acc::Count(n, _) = self {
                    *n += 1;
                }
                return Ok(());
            }
            Expr::FunctionCall { args, .. } => args,
            _ => &[],
        };
        let Some(a) = args.first() else { return Ok(()) };
        let v = eval(a)?;
        if v.is_null() {
            return Ok(());
        }
        let fresh = |seen: &mut Option<HashSet<Equiv>>, v: &Value| {
            seen.as_mut().is_none_or(|s| s.insert(Equiv(v.clone())))
        };
        match self {
            Acc::Count(n, seen) => {
                if fresh(seen, &v) {
                    *n += 1;
                }
            }
            Acc::Collect(l, seen) => {
                if fresh(seen, &v) {
                    l.push(v);
                }
            }
            Acc::Sum(total, seen) => {
                if fresh(seen, &v) {
                    if !matches!(v, Value::Int(_) | Value::Float(_)) {
                        return Err(type_error(format!("sum() over {}", v.type_name())));
                    }
                    *total = total.add(&v).map_err(|e| type_error(e.to_string()))?;
                }
            }
            Acc::Avg(total, n, seen) => {
                if fresh(seen, &v) {
                    let Some(x) = num(&v) else {
                        return Err(type_error(format!("avg() over {}", v.type_name())));
                    };
                    *total += x;
                    *n += 1;
                }
            }
            Acc::Min(m) => {
                if m.as_ref()
                    .is_none_or(|cur| v.order(cur) == std::cmp::Ordering::Less)
                {
                    *m = Some(v);
                }
            }
            Acc::Max(m) => {
                if m.as_ref()
                    .is_none_or(|cur| v.order(cur) == std::cmp::Ordering::Greater)
                {
                    *m = Some(v);
                }
            }
            Acc::StDev(xs, _) => {
                xs.push(num(&v).ok_or_else(|| type_error("stDev() over a non-number"))?)
            }
            Acc::Percentile(xs, p, _) => {
                xs.push(num(&v).ok_or_else(|| type_error("percentile over a non-number"))?);
                if p.is_none() {
                    let pv = args.get(1).map(eval).transpose()?.and_then(|x| num(&x));
                    *p = pv;
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<Value, QueryError> {
        Ok(match self {
            Acc::Count(n, _) => Value::Int(n),
            Acc::Collect(l, _) => Value::List(l),
            Acc::Sum(t, _) => t,
            Acc::Avg(t, n, _) => {
                if n == 0 {
                    Value::Null
                } else {
                    Value::Float(t / n as f64)
                }
            }
            Acc::Min(m) | Acc::Max(m) => m.unwrap_or(Value::Null),
            Acc::StDev(xs, sample) => {
                let n = xs.len() as f64;
                if xs.len() < 2 && sample || xs.is_empty() {
                    Value::Float(0.0)
                } else {
                    let mean = xs.iter().sum::<f64>() / n;
                    let ss: f64 = xs.iter().map(|x| (x - mean).powi(2)).sum();
                    Value::Float((ss / if sample { n - 1.0 } else { n }).sqrt())
                }
            }
            Acc::Percentile(mut xs, p, cont) => {
                if xs.is_empty() {
                    return Ok(Value::Null);
                }
                let p = p.unwrap_or(0.5);
                if !(0.0..=1.0).contains(&p) {
                    return Err(runtime(
                        ErrorClass::ArgumentError,
                        "NumberOutOfRange",
                        "percentile must be between 0 and 1",
                    ));
                }
                xs.sort_by(|a, b| a.total_cmp(b));
                if cont {
                    let pos = p * (xs.len() - 1) as f64;
                    let lo = pos.floor() as usize;
                    let hi = pos.ceil() as usize;
                    Value::Float(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo as f64))
                } else {
                    let idx = ((p * xs.len() as f64).ceil() as usize).saturating_sub(1);
                    Value::Float(xs[idx.min(xs.len() - 1)])
                }
            }
        })
    }
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts stay exact across the move from the map to the array, for ids beyond the
    /// array's end, and past `u32::MAX` (an entry set near it, as four billion rows would).
    #[test]
    fn node_counts_are_exact() {
        let mut c = NodeCounts::default();
        let mut firsts = 0;
        for round in 0..3u32 {
            for n in 0..(DENSE_AFTER as u32 + 50) {
                firsts += usize::from(c.bump(n * 3 + round % 2));
            }
        }
        assert!(!c.dense.is_empty());
        // Ids n*3 and n*3+1 were each counted first once.
        assert_eq!(firsts, 2 * (DENSE_AFTER + 50));
        assert_eq!(c.get(0), 2);
        assert_eq!(c.get(1), 1);
        assert_eq!(c.get(2), 0);
        assert!(c.bump(1_000_000));
        assert_eq!(c.get(1_000_000), 1);
        c.dense[5] = u32::MAX - 1;
        for _ in 0..4 {
            assert!(!c.bump(5));
        }
        assert_eq!(c.get(5), u64::from(u32::MAX) + 3);
    }
}
