//! The grid editor (« Rédiger une grille »), for pooling structures writing a grid in the page:
//! the grid held as the typed [`Grid`], every edit an [`Edit`] applied by a pure reducer
//! ([`Editor::apply`]), then the grid checked again by the engine (its problems placed at the
//! field they name), the weights added up, and the differences from the grid it was started
//! from listed with the suggested version. Undo and redo keep bounded stacks of snapshots.

use std::collections::BTreeMap;
use std::rc::Rc;

use jauge_engine::diff::{GridDiff, diff};
use jauge_engine::grid::{
    Answer, Band, ChoiceOption, Criterion, Eliminatory, Evidence, EvidenceKind, FORMAT_V2, Family, Parent, PriceBasis,
    PriceMethod, Rule, normalise_id,
};
use jauge_engine::units::Unit;
use jauge_engine::validate::{problems, read_grid, warnings};
use jauge_engine::value::typed_number;
use jauge_engine::{CheckedGrid, Diagnostic, Grid, Severity, Text};

/// How many snapshots undo (and redo) keep.
pub const UNDO_DEPTH: usize = 50;

/// The answer types, as grid files name them, in the order the editor offers them.
pub const ANSWER_TYPES: [&str; 10] =
    ["yes_no", "number", "percentage", "duration", "choice", "multi_choice", "date", "url", "text", "price"];

/// The units a number or a duration may be expressed in (the engine's list).
pub const UNITS: [Unit; 17] = Unit::ALL;

/// A unit's name as grid files write it (`kwh`, `working_day`…).
pub fn unit_code(unit: Unit) -> String {
    serde_json::to_value(unit).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The rule kinds that fit an answer type, the first being the one a new answer gets.
pub fn rule_kinds(answer: &Answer) -> &'static [&'static str] {
    match answer {
        Answer::YesNo => &["yes_no", "manual"],
        Answer::Number { .. } | Answer::Percentage | Answer::Duration { .. } => &["linear", "bands", "manual"],
        Answer::Choice { .. } => &["choice", "provided", "manual"],
        Answer::MultiChoice { .. } => &["count", "choice", "provided", "manual"],
        Answer::Date | Answer::Url | Answer::Text => &["provided", "manual"],
        Answer::Price { .. } => &["price"],
    }
}

/// A rule's kind as grid files write it.
pub fn rule_kind(rule: &Rule) -> &'static str {
    match rule {
        Rule::YesNo { .. } => "yes_no",
        Rule::Provided => "provided",
        Rule::Linear { .. } => "linear",
        Rule::Bands { .. } => "bands",
        Rule::Choice { .. } => "choice",
        Rule::Count { .. } => "count",
        Rule::Manual { .. } => "manual",
        Rule::Price { .. } => "price",
    }
}

/// A price method as grid files write it.
pub fn method_code(method: PriceMethod) -> &'static str {
    match method {
        PriceMethod::Proportional => "proportional",
        PriceMethod::Linear => "linear",
        PriceMethod::Scale => "scale",
    }
}

/// Which part of the grid a field belongs to, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// The grid as a whole (identity, scale…).
    Grid,
    /// A family, by position.
    Family(usize),
    /// A criterion: its family's position, then its own in the family.
    Criterion(usize, usize),
}

/// A field the editor shows, each named as the engine's diagnostics name it ([`Field::key`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// Grid or family or criterion id.
    Id,
    /// Grid version.
    Version,
    /// Grid title, French.
    TitleFr,
    /// Grid title, English.
    TitleEn,
    /// Who publishes the grid.
    Publisher,
    /// Licence.
    License,
    /// Publication date.
    Date,
    /// Total of the weights.
    Scale,
    /// `TTC` or `HT`.
    PriceBasis,
    /// Referentials, one `name = version` a line.
    References,
    /// A family's or criterion's label, French.
    LabelFr,
    /// Label, English.
    LabelEn,
    /// The question put to suppliers, French.
    QuestionFr,
    /// Question, English.
    QuestionEn,
    /// Help, French.
    HelpFr,
    /// Help, English.
    HelpEn,
    /// The criterion's points.
    Weight,
    /// Whether the weight is announced (`true`/`false`).
    Published,
    /// Tags, separated by commas.
    Tags,
    /// The answer's type ([`ANSWER_TYPES`]).
    AnswerType,
    /// The answer's unit (empty: none).
    Unit,
    /// Smallest plausible number.
    Min,
    /// Largest plausible number.
    Max,
    /// A price's currency.
    Currency,
    /// An option's id.
    OptionId(usize),
    /// An option's label, French.
    OptionFr(usize),
    /// An option's label, English.
    OptionEn(usize),
    /// The rule's kind (see [`rule_kinds`]).
    RuleKind,
    /// The yes/no rule's expected answer (`true`/`false`).
    Expected,
    /// Linear: value earning full points.
    Best,
    /// Linear: value earning none.
    Worst,
    /// A band's direction: `at_least` or `at_most`.
    BandBound(usize),
    /// A band's threshold.
    BandThreshold(usize),
    /// A band's share of the weight (0 to 1).
    BandFraction(usize),
    /// Bands: share when no band is reached.
    Otherwise,
    /// Choice: the share an option earns, by option id.
    Points(String),
    /// Count: whether an option counts (`true`/`false`), by option id.
    Item(String),
    /// Count: the count earning full points.
    Cap,
    /// Manual: the mark's scale (empty: the weight).
    OutOf,
    /// Manual: guidance for evaluators, French.
    GuidanceFr,
    /// Price: the method.
    Method,
    /// Price, scale method: the multiple of the lowest price at which the mark is 0.
    N,
    /// Requirement: an answer must be given (`true`/`false`).
    Required,
    /// Requirement: the answer must be yes (`true`/`false`).
    Yes,
    /// Requirement: at least.
    AtLeast,
    /// Requirement: at most.
    AtMost,
    /// Requirement: this option is one of those allowed (`true`/`false`), by option id.
    OneOf(String),
    /// Evidence expected: empty, `url` or `document`.
    EvidenceKind,
    /// What the evidence is, French.
    EvidenceFr,
}

impl Field {
    /// The field's name as the engine's diagnostics write it (`rule.bands[1].fraction`).
    pub fn key(&self) -> String {
        match self {
            Field::Id => "id".into(),
            Field::Version => "version".into(),
            Field::TitleFr => "title.fr".into(),
            Field::TitleEn => "title.en".into(),
            Field::Publisher => "publisher".into(),
            Field::License => "license".into(),
            Field::Date => "date".into(),
            Field::Scale => "scale".into(),
            Field::PriceBasis => "price_basis".into(),
            Field::References => "references".into(),
            Field::LabelFr => "label.fr".into(),
            Field::LabelEn => "label.en".into(),
            Field::QuestionFr => "question.fr".into(),
            Field::QuestionEn => "question.en".into(),
            Field::HelpFr => "help.fr".into(),
            Field::HelpEn => "help.en".into(),
            Field::Weight => "weight".into(),
            Field::Published => "published".into(),
            Field::Tags => "tags".into(),
            Field::AnswerType => "answer.type".into(),
            Field::Unit => "answer.unit".into(),
            Field::Min => "answer.min".into(),
            Field::Max => "answer.max".into(),
            Field::Currency => "answer.currency".into(),
            Field::OptionId(i) => format!("answer.options[{i}].id"),
            Field::OptionFr(i) => format!("answer.options[{i}].label.fr"),
            Field::OptionEn(i) => format!("answer.options[{i}].label.en"),
            Field::RuleKind => "rule.kind".into(),
            Field::Expected => "rule.expected".into(),
            Field::Best => "rule.best".into(),
            Field::Worst => "rule.worst".into(),
            Field::BandBound(i) => format!("rule.bands[{i}].bound"),
            Field::BandThreshold(i) => format!("rule.bands[{i}]"),
            Field::BandFraction(i) => format!("rule.bands[{i}].fraction"),
            Field::Otherwise => "rule.otherwise".into(),
            Field::Points(id) => format!("rule.points.{id}"),
            Field::Item(id) => format!("rule.items.{id}"),
            Field::Cap => "rule.cap".into(),
            Field::OutOf => "rule.out_of".into(),
            Field::GuidanceFr => "rule.guidance.fr".into(),
            Field::Method => "rule.method".into(),
            Field::N => "rule.n".into(),
            Field::Required => "eliminatory.required".into(),
            Field::Yes => "eliminatory.yes".into(),
            Field::AtLeast => "eliminatory.min".into(),
            Field::AtMost => "eliminatory.max".into(),
            Field::OneOf(id) => format!("eliminatory.one_of.{id}"),
            Field::EvidenceKind => "evidence.kind".into(),
            Field::EvidenceFr => "evidence.label.fr".into(),
        }
    }
}

/// The page element of a field: `ed-c0-1-rule-best` for criterion 2 of family 1's best value.
pub fn anchor(scope: Scope, key: &str) -> String {
    let at = match scope {
        Scope::Grid => "g".to_string(),
        Scope::Family(f) => format!("f{f}"),
        Scope::Criterion(f, c) => format!("c{f}-{c}"),
    };
    let key: String = key.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("ed-{at}-{key}")
}

/// An edit of the grid (or of the editor itself).
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Start a grid from scratch: one family, the price criterion, scale 100.
    New,
    /// Start from a grid's text (a bundled grid): the differences are shown from it as opened.
    Open(String),
    /// Start an adaptation of this grid (the one chosen): its `parent` names it, and the
    /// differences are shown from it.
    Adapt(Rc<CheckedGrid>),
    /// Set a field to what was typed or chosen.
    Set(Scope, Field, String),
    /// Add a family at the end.
    AddFamily,
    /// Remove a family.
    RemoveFamily(usize),
    /// Move a family up (`-1`) or down (`1`).
    MoveFamily(usize, isize),
    /// Add a criterion at the end of a family.
    AddCriterion(usize),
    /// Remove a criterion.
    RemoveCriterion(usize, usize),
    /// Move a criterion up or down in its family.
    MoveCriterion(usize, usize, isize),
    /// Add an option to a choice answer.
    AddOption(usize, usize),
    /// Remove an option.
    RemoveOption(usize, usize, usize),
    /// Add a band to a bands rule.
    AddBand(usize, usize),
    /// Remove a band.
    RemoveBand(usize, usize, usize),
    /// Give the grid the suggested version.
    ApplyVersion,
    /// Undo the last edit.
    Undo,
    /// Redo the last edit undone.
    Redo,
}

/// A diagnostic of the engine, with the element of the field it names.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The field's element ([`anchor`]).
    pub anchor: String,
    /// The engine's diagnostic.
    pub diagnostic: Diagnostic,
}

/// The weights added up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Weights {
    /// Each family's total, in grid order.
    pub families: Vec<f64>,
    /// All the weights.
    pub total: f64,
    /// What is missing to the scale (negative: too much).
    pub missing: f64,
}

/// What the browser keeps of the editor between visits: the grids as their files' text (one
/// writer and one reader of grids in the page, the engine's).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// The grid being written.
    pub grid: String,
    /// The grid it was started from, compared with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
}

/// The grid being written, with everything the page shows of it.
#[derive(Clone, Debug)]
pub struct Editor {
    /// The grid being written.
    pub grid: Grid,
    /// The grid it was started from (the parent, or the grid as opened), compared with it.
    pub base: Option<Rc<Grid>>,
    undo: Vec<Grid>,
    redo: Vec<Grid>,
    /// Numbers typed that could not be read, by field element, as typed.
    pub unreadable: BTreeMap<String, String>,
    /// The grid checked, when it has no problem: the simulation runs on it.
    pub checked: Option<Rc<CheckedGrid>>,
    /// The engine's problems and warnings, each at its field.
    pub placed: Vec<Placed>,
    /// The weights added up.
    pub weights: Weights,
    /// The differences from the grid it was started from.
    pub diff: Option<Rc<GridDiff>>,
    /// The grid as a file, pretty-printed as the bundled grids are.
    pub json: Rc<String>,
    base_json: Option<Rc<String>>,
}

/// Two editors are the same when they hold the same grid file, compared with the same one, with
/// the same numbers left unread and as many steps to undo and redo: everything else follows.
impl PartialEq for Editor {
    fn eq(&self, other: &Editor) -> bool {
        self.json == other.json
            && self.base_json == other.base_json
            && self.unreadable == other.unreadable
            && self.can() == other.can()
            && self.undo.len() == other.undo.len()
    }
}

impl Default for Editor {
    fn default() -> Editor {
        Editor::new(skeleton(), None)
    }
}

impl Editor {
    /// An editor on this grid, compared with `base`.
    pub fn new(grid: Grid, base: Option<Grid>) -> Editor {
        let base_json = base.as_ref().map(|b| Rc::new(pretty(b)));
        let mut e = Editor {
            grid,
            base_json,
            base: base.map(Rc::new),
            undo: Vec::new(),
            redo: Vec::new(),
            unreadable: BTreeMap::new(),
            checked: None,
            placed: Vec::new(),
            weights: Weights::default(),
            diff: None,
            json: Rc::default(),
        };
        e.check();
        e
    }

    /// The editor kept by an earlier visit (the text of a [`Draft`]), if it can be read.
    pub fn restore(text: &str) -> Option<Editor> {
        let d: Draft = serde_json::from_str(text).ok()?;
        let base = match d.base {
            Some(b) => Some(read_grid(&b).ok()?),
            None => None,
        };
        Some(Editor::new(read_grid(&d.grid).ok()?, base))
    }

    /// What the browser keeps.
    pub fn draft(&self) -> String {
        let d = Draft { grid: (*self.json).clone(), base: self.base_json.as_deref().cloned() };
        serde_json::to_string(&d).unwrap_or_default()
    }

    /// Whether there is an edit to undo, and one to redo.
    pub fn can(&self) -> (bool, bool) {
        (!self.undo.is_empty(), !self.redo.is_empty())
    }

    /// The problems and warnings at one field element.
    pub fn at(&self, anchor: &str) -> Vec<&Placed> {
        self.placed.iter().filter(|p| p.anchor == anchor).collect()
    }

    /// How many problems (not warnings) are in a scope's fields: a criterion with some is shown open.
    pub fn problems_in(&self, scope: Scope) -> usize {
        let at = anchor(scope, "");
        self.placed.iter().filter(|p| p.anchor.starts_with(&at) && p.diagnostic.severity == Severity::Error).count()
    }

    /// Whether the grid has no problem (it can be used, downloaded and simulated).
    pub fn valid(&self) -> bool {
        self.checked.is_some()
    }

    /// The version the differences call for, when it differs from the grid's.
    pub fn suggested(&self) -> Option<String> {
        self.diff.as_ref()?.next_version().filter(|v| *v != self.grid.version)
    }

    /// The editor after `edit`: a new start, or the grid changed (undo keeps what it was).
    pub fn apply(&self, edit: Edit) -> Editor {
        match edit {
            Edit::New => return Editor::new(skeleton(), None),
            Edit::Open(text) => {
                return match read_grid(&text) {
                    Ok(g) => Editor::new(g.clone(), Some(g)),
                    Err(_) => self.clone(),
                };
            }
            Edit::Adapt(chosen) => return adapt(&chosen),
            Edit::Undo => return self.step(true),
            Edit::Redo => return self.step(false),
            _ => {}
        }
        let mut next = self.clone();
        let before = self.grid.clone();
        edit_grid(&mut next, edit);
        if next.grid != before {
            next.undo.push(before);
            if next.undo.len() > UNDO_DEPTH {
                next.undo.remove(0);
            }
            next.redo.clear();
        }
        next.check();
        next
    }

    fn step(&self, back: bool) -> Editor {
        let mut next = self.clone();
        let (from, to) = if back { (&mut next.undo, &mut next.redo) } else { (&mut next.redo, &mut next.undo) };
        if let Some(grid) = from.pop() {
            to.push(std::mem::replace(&mut next.grid, grid));
            next.unreadable.clear();
            next.check();
        }
        next
    }

    /// Checks the grid again: problems at their fields, weights, differences, the file.
    fn check(&mut self) {
        let g = &self.grid;
        let all: Vec<Diagnostic> = problems(g).into_iter().chain(warnings(g)).collect();
        self.placed = all.into_iter().map(|d| Placed { anchor: place(g, &d), diagnostic: d }).collect();
        self.json = Rc::new(pretty(g));
        let invalid = self.placed.iter().any(|p| p.diagnostic.severity == Severity::Error);
        // Checked from its file, as it will be read once downloaded.
        self.checked = if invalid { None } else { CheckedGrid::from_json(&self.json).ok().map(Rc::new) };
        let families: Vec<f64> = g.families.iter().map(|f| f.criteria.iter().map(|c| c.weight).sum()).collect();
        let total = families.iter().sum::<f64>();
        self.weights = Weights { families, total, missing: g.scale - total };
        self.diff = self.base.as_ref().map(|b| Rc::new(diff(b, g)));
    }
}

/// A grid's file: pretty-printed JSON, two spaces, a final newline, as the bundled grids are.
fn pretty(g: &Grid) -> String {
    serde_json::to_string_pretty(g).unwrap_or_default() + "\n"
}

/// A minimal valid grid: one family, the price criterion, scale 100.
pub fn skeleton() -> Grid {
    Grid {
        format: FORMAT_V2.into(),
        id: "nouvelle-grille".into(),
        version: "0.1.0".into(),
        title: Text::new("Nouvelle grille", "New grid"),
        publisher: "À compléter".into(),
        license: Some("Licence Ouverte 2.0".into()),
        date: None,
        description: None,
        scale: 100.0,
        price_basis: PriceBasis::Ttc,
        vat_rate: None,
        working_day_hours: 8.0,
        references: BTreeMap::new(),
        families: vec![Family {
            id: "prix".into(),
            label: Text::new("Prix", "Price"),
            description: None,
            criteria: vec![Criterion {
                rule: Rule::Price { method: PriceMethod::Proportional, n: None },
                answer: Answer::Price { currency: "EUR".into() },
                weight: 100.0,
                tags: vec!["price".into()],
                ..criterion("PRIX-01", Text::new("Prix de l'offre", "Price of the offer"))
            }],
        }],
        ties: None,
        lots: Vec::new(),
        framework: None,
        variants: None,
        follow_on: None,
        parent: None,
    }
}

fn criterion(id: &str, label: Text) -> Criterion {
    Criterion {
        id: id.into(),
        label,
        question: Text::new(
            "À compléter : la question posée aux candidats",
            "To complete: the question put to suppliers",
        ),
        help: None,
        answer: Answer::YesNo,
        rule: Rule::YesNo { expected: true },
        weight: 1.0,
        published: true,
        eliminatory: None,
        evidence: None,
        tags: Vec::new(),
        schedule: None,
        budget: None,
        life_cycle: None,
    }
}

/// An adaptation of the chosen grid: the same grid naming it as its parent, at the version the
/// change of parent calls for.
fn adapt(chosen: &CheckedGrid) -> Editor {
    let base = chosen.grid().clone();
    let mut grid = base.clone();
    grid.format = FORMAT_V2.into();
    grid.parent = Some(Parent {
        id: base.id.clone(),
        version: base.version.clone(),
        fingerprint: chosen.fingerprint().to_string(),
    });
    if let Some(v) = diff(&base, &grid).next_version() {
        grid.version = v;
    }
    Editor::new(grid, Some(base))
}

/// The element of the field a diagnostic names: the field itself when the editor shows it, else
/// the closest field it shows (`rule.bands` → the first band), else the criterion's, family's or
/// grid's id.
fn place(g: &Grid, d: &Diagnostic) -> String {
    let scope = match (&d.criterion, &d.family) {
        (Some(id), _) => {
            let wanted = normalise_id(id);
            let mut found = g.families.iter().enumerate().flat_map(|(f, fam)| {
                fam.criteria.iter().enumerate().filter(|(_, c)| normalise_id(&c.id) == wanted).map(move |(c, _)| (f, c))
            });
            // A duplicate id is the later criterion's problem.
            let at = if d.code == "duplicate_id" { found.last() } else { found.next() };
            at.map_or(Scope::Grid, |(f, c)| Scope::Criterion(f, c))
        }
        (None, Some(id)) => g.families.iter().position(|f| &f.id == id).map_or(Scope::Grid, Scope::Family),
        _ => Scope::Grid,
    };
    let keys = shown(g, scope);
    let field = d.field.clone().unwrap_or_default();
    let child = |k: &str, of: &str| k.strip_prefix(of).is_some_and(|r| r.starts_with('.') || r.starts_with('['));
    let key = keys
        .iter()
        .find(|k| **k == field)
        .or_else(|| keys.iter().filter(|k| child(&field, k)).max_by_key(|k| k.len()))
        .or_else(|| keys.iter().find(|k| !field.is_empty() && child(k, &field)))
        .or(keys.first())
        .cloned()
        .unwrap_or_default();
    anchor(scope, &key)
}

/// The fields the editor shows for a scope, the first being where a diagnostic without a field
/// it shows goes.
fn shown(g: &Grid, scope: Scope) -> Vec<String> {
    let fields: Vec<Field> = match scope {
        Scope::Grid => vec![
            Field::Id,
            Field::Version,
            Field::TitleFr,
            Field::TitleEn,
            Field::Publisher,
            Field::License,
            Field::Date,
            Field::Scale,
            Field::PriceBasis,
            Field::References,
        ],
        Scope::Family(_) => vec![Field::LabelFr, Field::Id, Field::LabelEn],
        Scope::Criterion(f, c) => {
            let Some(c) = g.families.get(f).and_then(|f| f.criteria.get(c)) else { return Vec::new() };
            criterion_fields(c)
        }
    };
    let mut keys: Vec<String> = fields.iter().map(Field::key).collect();
    // A family's empty list of criteria is shown at its label.
    if let Scope::Family(_) = scope {
        keys.push("criteria".into());
    }
    keys
}

/// The fields the editor shows for a criterion, in the order of the form.
pub fn criterion_fields(c: &Criterion) -> Vec<Field> {
    let mut out = vec![
        Field::Id,
        Field::LabelFr,
        Field::LabelEn,
        Field::QuestionFr,
        Field::QuestionEn,
        Field::HelpFr,
        Field::HelpEn,
        Field::AnswerType,
    ];
    match &c.answer {
        Answer::Number { .. } => out.extend([Field::Unit, Field::Min, Field::Max]),
        Answer::Duration { .. } => out.push(Field::Unit),
        Answer::Price { .. } => out.push(Field::Currency),
        _ => {}
    }
    for i in 0..c.answer.options().len() {
        out.extend([Field::OptionId(i), Field::OptionFr(i), Field::OptionEn(i)]);
    }
    out.push(Field::RuleKind);
    let ids = || c.answer.options().iter().map(|o| o.id.clone());
    match &c.rule {
        Rule::YesNo { .. } => out.push(Field::Expected),
        Rule::Linear { .. } => out.extend([Field::Best, Field::Worst]),
        Rule::Bands { bands, .. } => {
            for i in 0..bands.len() {
                out.extend([Field::BandBound(i), Field::BandThreshold(i), Field::BandFraction(i)]);
            }
            out.push(Field::Otherwise);
        }
        Rule::Choice { .. } => out.extend(ids().map(Field::Points)),
        Rule::Count { .. } => {
            out.extend(ids().map(Field::Item));
            out.push(Field::Cap);
        }
        Rule::Manual { .. } => out.extend([Field::OutOf, Field::GuidanceFr]),
        Rule::Price { .. } => out.extend([Field::Method, Field::N]),
        Rule::Provided => {}
    }
    out.extend([Field::Weight, Field::Published, Field::Required]);
    if matches!(c.answer, Answer::YesNo) {
        out.push(Field::Yes);
    }
    if c.answer.is_numeric() || matches!(c.answer, Answer::Price { .. }) {
        out.extend([Field::AtLeast, Field::AtMost]);
    }
    out.extend(ids().map(Field::OneOf));
    out.extend([Field::Tags, Field::EvidenceKind, Field::EvidenceFr]);
    out
}

/// Applies an edit of the grid's content (not a new start, nor undo).
fn edit_grid(e: &mut Editor, edit: Edit) {
    let g = &mut e.grid;
    match edit {
        Edit::Set(scope, field, value) => {
            let key = anchor(scope, &field.key());
            match set(g, scope, &field, &value) {
                Ok(()) => {
                    e.unreadable.remove(&key);
                }
                Err(Unreadable) => {
                    e.unreadable.insert(key, value);
                }
            }
        }
        Edit::AddFamily => {
            let n = (1..).find(|n| !g.families.iter().any(|f| f.id == format!("famille-{n}"))).unwrap_or(1);
            g.families.push(Family {
                id: format!("famille-{n}"),
                label: Text::new("Nouvelle famille", "New family"),
                description: None,
                criteria: Vec::new(),
            });
        }
        Edit::RemoveFamily(f) if f < g.families.len() => {
            g.families.remove(f);
        }
        Edit::MoveFamily(f, by) => shift(&mut g.families, f, by),
        Edit::AddCriterion(f) => {
            let n = (1..).find(|n| g.criterion(&format!("C-{n:02}")).is_none()).unwrap_or(1);
            if let Some(fam) = g.families.get_mut(f) {
                fam.criteria.push(criterion(&format!("C-{n:02}"), Text::new("Nouveau critère", "New criterion")));
            }
        }
        Edit::RemoveCriterion(f, c) => {
            if let Some(fam) = g.families.get_mut(f).filter(|fam| c < fam.criteria.len()) {
                fam.criteria.remove(c);
            }
        }
        Edit::MoveCriterion(f, c, by) => {
            if let Some(fam) = g.families.get_mut(f) {
                shift(&mut fam.criteria, c, by);
            }
        }
        Edit::AddOption(f, c) => {
            if let Some(c) = at(g, f, c)
                && let Answer::Choice { options } | Answer::MultiChoice { options } = &mut c.answer
            {
                let n = (1..).find(|n| !options.iter().any(|o| o.id == format!("option-{n}"))).unwrap_or(1);
                options.push(option(&format!("option-{n}")));
            }
        }
        Edit::RemoveOption(f, c, i) => {
            if let Some(c) = at(g, f, c)
                && let Answer::Choice { options } | Answer::MultiChoice { options } = &mut c.answer
                && i < options.len()
            {
                let id = options.remove(i).id;
                rename_option(c, &id, None);
            }
        }
        Edit::AddBand(f, c) => {
            if let Some(Rule::Bands { bands, .. }) = at(g, f, c).map(|c| &mut c.rule) {
                let last = bands.last().cloned().unwrap_or(Band { at_least: Some(0.0), at_most: None, fraction: 1.0 });
                bands.push(Band { fraction: last.fraction / 2.0, ..last });
            }
        }
        Edit::RemoveBand(f, c, i) => {
            if let Some(Rule::Bands { bands, .. }) = at(g, f, c).map(|c| &mut c.rule)
                && i < bands.len()
            {
                bands.remove(i);
            }
        }
        Edit::ApplyVersion => {
            if let Some(v) = e.suggested() {
                e.grid.version = v;
            }
        }
        _ => {}
    }
}

fn shift<T>(list: &mut [T], i: usize, by: isize) {
    let j = i.checked_add_signed(by);
    if let Some(j) = j.filter(|j| *j < list.len() && i < list.len()) {
        list.swap(i, j);
    }
}

fn at(g: &mut Grid, f: usize, c: usize) -> Option<&mut Criterion> {
    g.families.get_mut(f)?.criteria.get_mut(c)
}

fn option(id: &str) -> ChoiceOption {
    ChoiceOption { id: id.into(), label: Text::new(id, id), synonyms: Vec::new() }
}

/// A number that could not be read.
struct Unreadable;

fn number(value: &str) -> Result<f64, Unreadable> {
    typed_number(value, &[]).ok_or(Unreadable)
}

fn maybe_number(value: &str) -> Result<Option<f64>, Unreadable> {
    if value.trim().is_empty() { Ok(None) } else { number(value).map(Some) }
}

fn maybe_text(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Sets one language of an optional text, dropping the text when both are empty.
fn set_optional(text: &mut Option<Text>, french: bool, value: &str) {
    let mut t = text.take().unwrap_or_default();
    if french {
        t.fr = value.trim().to_string();
    } else {
        t.en = maybe_text(value);
    }
    *text = (!(t.fr.is_empty() && t.en.is_none())).then_some(t);
}

fn set(g: &mut Grid, scope: Scope, field: &Field, value: &str) -> Result<(), Unreadable> {
    let yes = value == "true";
    match scope {
        Scope::Grid => match field {
            Field::Id => g.id = value.trim().into(),
            Field::Version => g.version = value.trim().into(),
            Field::TitleFr => g.title.fr = value.trim().into(),
            Field::TitleEn => g.title.en = maybe_text(value),
            Field::Publisher => g.publisher = value.trim().into(),
            Field::License => g.license = maybe_text(value),
            Field::Date => g.date = maybe_text(value),
            Field::Scale => g.scale = number(value)?,
            Field::PriceBasis => g.price_basis = if value == "HT" { PriceBasis::Ht } else { PriceBasis::Ttc },
            Field::References => {
                g.references = value
                    .lines()
                    .filter_map(|l| l.split_once('='))
                    .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                    .filter(|(k, v)| !k.is_empty() && !v.is_empty())
                    .collect();
            }
            _ => {}
        },
        Scope::Family(f) => {
            let Some(fam) = g.families.get_mut(f) else { return Ok(()) };
            match field {
                Field::Id => fam.id = value.trim().into(),
                Field::LabelFr => fam.label.fr = value.trim().into(),
                Field::LabelEn => fam.label.en = maybe_text(value),
                _ => {}
            }
        }
        Scope::Criterion(f, c) => {
            let Some(c) = at(g, f, c) else { return Ok(()) };
            set_criterion(c, field, value, yes)?;
        }
    }
    Ok(())
}

fn set_criterion(c: &mut Criterion, field: &Field, value: &str, yes: bool) -> Result<(), Unreadable> {
    match field {
        Field::Id => c.id = value.trim().into(),
        Field::LabelFr => c.label.fr = value.trim().into(),
        Field::LabelEn => c.label.en = maybe_text(value),
        Field::QuestionFr => c.question.fr = value.trim().into(),
        Field::QuestionEn => c.question.en = maybe_text(value),
        Field::HelpFr => set_optional(&mut c.help, true, value),
        Field::HelpEn => set_optional(&mut c.help, false, value),
        Field::Weight => c.weight = number(value)?,
        Field::Published => c.published = yes,
        Field::Tags => {
            c.tags = value.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
        }
        Field::AnswerType => set_answer_type(c, value),
        Field::Unit => {
            let unit = UNITS.into_iter().find(|u| unit_code(*u) == value);
            match &mut c.answer {
                Answer::Number { unit: u, .. } => *u = unit,
                Answer::Duration { unit: u } => *u = unit.unwrap_or(Unit::Hour),
                _ => {}
            }
        }
        Field::Min | Field::Max => {
            let v = maybe_number(value)?;
            if let Answer::Number { min, max, .. } = &mut c.answer {
                *(if *field == Field::Min { min } else { max }) = v;
            }
        }
        Field::Currency => {
            if let Answer::Price { currency } = &mut c.answer {
                *currency = value.trim().to_uppercase();
            }
        }
        Field::OptionId(i) => {
            let new = value.trim().to_string();
            let old = match &mut c.answer {
                Answer::Choice { options } | Answer::MultiChoice { options } => {
                    options.get_mut(*i).map(|o| std::mem::replace(&mut o.id, new.clone()))
                }
                _ => None,
            };
            if let Some(old) = old {
                rename_option(c, &old, Some(&new));
            }
        }
        Field::OptionFr(i) | Field::OptionEn(i) => {
            if let Answer::Choice { options } | Answer::MultiChoice { options } = &mut c.answer {
                match options.get_mut(*i) {
                    Some(o) if matches!(field, Field::OptionFr(_)) => o.label.fr = value.trim().into(),
                    Some(o) => o.label.en = maybe_text(value),
                    None => {}
                }
            }
        }
        Field::RuleKind => c.rule = default_rule(value, &c.answer),
        _ => set_rule(c, field, value, yes)?,
    }
    Ok(())
}

fn set_rule(c: &mut Criterion, field: &Field, value: &str, yes: bool) -> Result<(), Unreadable> {
    match (&mut c.rule, field) {
        (Rule::YesNo { expected }, Field::Expected) => *expected = yes,
        (Rule::Linear { best, .. }, Field::Best) => *best = number(value)?,
        (Rule::Linear { worst, .. }, Field::Worst) => *worst = number(value)?,
        (Rule::Bands { bands, .. }, Field::BandBound(i)) => {
            if let Some(b) = bands.get_mut(*i) {
                let t = b.at_least.or(b.at_most);
                (b.at_least, b.at_most) = if value == "at_most" { (None, t) } else { (t, None) };
            }
        }
        (Rule::Bands { bands, .. }, Field::BandThreshold(i)) => {
            let v = number(value)?;
            if let Some(b) = bands.get_mut(*i) {
                if b.at_most.is_some() {
                    b.at_most = Some(v);
                } else {
                    b.at_least = Some(v);
                }
            }
        }
        (Rule::Bands { bands, .. }, Field::BandFraction(i)) => {
            let v = number(value)?;
            if let Some(b) = bands.get_mut(*i) {
                b.fraction = v;
            }
        }
        (Rule::Bands { otherwise, .. }, Field::Otherwise) => *otherwise = number(value)?,
        (Rule::Choice { points }, Field::Points(id)) => {
            match maybe_number(value)? {
                Some(v) => points.insert(id.clone(), v),
                None => points.remove(id),
            };
        }
        (Rule::Count { items, .. }, Field::Item(id)) => {
            items.retain(|i| i != id);
            if yes {
                items.push(id.clone());
            }
        }
        (Rule::Count { cap, .. }, Field::Cap) => *cap = number(value)?.clamp(0.0, f64::from(u32::MAX)) as u32,
        (Rule::Manual { out_of, .. }, Field::OutOf) => *out_of = maybe_number(value)?,
        (Rule::Manual { guidance, .. }, Field::GuidanceFr) => set_optional(guidance, true, value),
        (Rule::Price { method, .. }, Field::Method) => {
            *method = PriceMethod::ALL.into_iter().find(|m| method_code(*m) == value).unwrap_or(*method);
        }
        (Rule::Price { n, .. }, Field::N) => *n = maybe_number(value)?,
        _ => set_requirement(c, field, value, yes)?,
    }
    Ok(())
}

fn set_requirement(c: &mut Criterion, field: &Field, value: &str, yes: bool) -> Result<(), Unreadable> {
    let mut e = c.eliminatory.take().unwrap_or_default();
    let done = match field {
        Field::Required => {
            e.required = yes;
            Ok(())
        }
        Field::Yes => {
            e.yes = yes;
            Ok(())
        }
        Field::AtLeast => maybe_number(value).map(|v| e.min = v),
        Field::AtMost => maybe_number(value).map(|v| e.max = v),
        Field::OneOf(id) => {
            e.one_of.retain(|i| i != id);
            if yes {
                e.one_of.push(id.clone());
            }
            Ok(())
        }
        Field::EvidenceKind => {
            c.evidence = match value {
                "url" | "document" => Some(Evidence {
                    kind: if value == "url" { EvidenceKind::Url } else { EvidenceKind::Document },
                    label: c.evidence.take().map(|ev| ev.label).unwrap_or_default(),
                }),
                _ => None,
            };
            Ok(())
        }
        Field::EvidenceFr => {
            if let Some(ev) = &mut c.evidence {
                ev.label.fr = value.trim().into();
            }
            Ok(())
        }
        _ => Ok(()),
    };
    c.eliminatory = (e != Eliminatory::default()).then_some(e);
    done
}

/// A new answer of this type; the rule is kept when it fits, else the type's first rule.
fn set_answer_type(c: &mut Criterion, kind: &str) {
    let options = c.answer.options().to_vec();
    let options = if options.is_empty() { vec![option("oui"), option("non")] } else { options };
    let unit = c.answer.unit();
    c.answer = match kind {
        "number" => Answer::Number { unit, min: None, max: None },
        "percentage" => Answer::Percentage,
        "duration" => Answer::Duration { unit: unit.filter(|u| u.is_time()).unwrap_or(Unit::Hour) },
        "choice" => Answer::Choice { options },
        "multi_choice" => Answer::MultiChoice { options },
        "date" => Answer::Date,
        "url" => Answer::Url,
        "text" => Answer::Text,
        "price" => Answer::Price { currency: "EUR".into() },
        _ => Answer::YesNo,
    };
    let kinds = rule_kinds(&c.answer);
    if !kinds.contains(&rule_kind(&c.rule)) {
        c.rule = default_rule(kinds.first().copied().unwrap_or("manual"), &c.answer);
    }
}

/// A rule of this kind that fits the answer, to be adjusted.
fn default_rule(kind: &str, answer: &Answer) -> Rule {
    let ids: Vec<String> = answer.options().iter().map(|o| o.id.clone()).collect();
    match kind {
        "yes_no" => Rule::YesNo { expected: true },
        "provided" => Rule::Provided,
        "linear" => Rule::Linear { best: 100.0, worst: 0.0 },
        "bands" => {
            Rule::Bands { bands: vec![Band { at_least: Some(100.0), at_most: None, fraction: 1.0 }], otherwise: 0.0 }
        }
        "choice" => Rule::Choice { points: ids.iter().take(1).map(|id| (id.clone(), 1.0)).collect() },
        "count" => Rule::Count { cap: u32::try_from(ids.len().max(1)).unwrap_or(1), items: ids },
        "price" => Rule::Price { method: PriceMethod::Proportional, n: None },
        _ => Rule::Manual { out_of: None, guidance: None },
    }
}

/// An option renamed (`Some`) or removed (`None`): the rule and the requirement follow.
fn rename_option(c: &mut Criterion, old: &str, new: Option<&str>) {
    let swap = |list: &mut Vec<String>| {
        list.retain(|i| i != old || new.is_some());
        for i in list.iter_mut().filter(|i| *i == old) {
            *i = new.unwrap_or_default().to_string();
        }
    };
    match &mut c.rule {
        Rule::Choice { points } => {
            if let Some(v) = points.remove(old)
                && let Some(n) = new
            {
                points.insert(n.to_string(), v);
            }
        }
        Rule::Count { items, .. } => swap(items),
        _ => {}
    }
    if let Some(e) = &mut c.eliminatory {
        swap(&mut e.one_of);
    }
    c.eliminatory = c.eliminatory.take().filter(|e| *e != Eliminatory::default());
}

/// The response form's rows as the csv form writes them (`;`-separated, quoted, with a BOM):
/// the preview shows the very rows suppliers get.
pub fn form_rows(csv: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8_lossy(csv);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (';', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(ch),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
#[path = "editor_tests.rs"]
mod tests;
