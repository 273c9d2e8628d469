//! What changed between two versions of a grid, as data: criterion by criterion (added, removed,
//! reworded, weight, rule or thresholds, minimum requirements, options…) and for the grid as a
//! whole (scale, price basis, lots…). Each change says whether it can change marks
//! ([`Change::can_change_marks`]) and how large a version step it calls for ([`Bump`]), from which
//! [`next_version`] suggests the next version number. The words are in the `describe` methods, each
//! language side by side, picked by [`Lang::pick`].

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::grid::{Answer, ChoiceOption, Criterion, Eliminatory, Evidence, Grid, Parent, PriceBasis, Rule, same_id};
use crate::text::{Lang, count, number, quoted};
use crate::validate::CheckedGrid;

/// A grid as a comparison names it: id, version and, when known, fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// The grid's id.
    pub id: String,
    /// The grid's version.
    pub version: String,
    /// SHA-256 of the grid's canonical form; `None` for a grid compared without its file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

/// How the newer grid relates to the older one through its `parent` field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "lineage", rename_all = "snake_case")]
pub enum Lineage {
    /// The newer grid names no parent.
    None,
    /// The newer grid names the older one as its parent, with the same fingerprint: a local
    /// adaptation of exactly that file.
    Adapts,
    /// The newer grid names the older one's id and version as its parent, with another
    /// fingerprint: it adapts another file than the one compared.
    OtherFile {
        /// The fingerprint the newer grid names.
        declared: String,
    },
    /// The newer grid names another grid as its parent.
    OtherGrid {
        /// The parent it names.
        parent: Parent,
    },
}

/// Everything that changed from one grid to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridDiff {
    /// The older grid (the parent, or the previous version).
    pub from: Version,
    /// The newer grid (the adaptation, or the next version).
    pub to: Version,
    /// Whether the newer grid names the older one as its parent.
    pub lineage: Lineage,
    /// Changes to the grid as a whole, in the order of the grid's fields.
    pub grid: Vec<GridChange>,
    /// Changes criterion by criterion: the newer grid's criteria in order, then those removed.
    pub criteria: Vec<CriterionChanges>,
}

/// The changes of one criterion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionChanges {
    /// The criterion's id (as the newer grid writes it, or the older one for a removed criterion).
    pub id: String,
    /// The family the criterion is in (in the newer grid when it is there).
    pub family: String,
    /// What changed, never empty.
    pub changes: Vec<Change>,
}

/// One change to a criterion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A criterion the older grid did not have.
    Added {
        /// Its weight.
        weight: f64,
    },
    /// A criterion the newer grid no longer has.
    Removed {
        /// Its weight in the older grid.
        weight: f64,
    },
    /// Texts rewritten: the label, the question put to suppliers, the help.
    Reworded {
        /// Which texts.
        texts: Vec<Wording>,
    },
    /// The weight changed.
    Weight {
        /// Before.
        from: f64,
        /// After.
        to: f64,
    },
    /// Whether the weight is announced to suppliers changed.
    Published {
        /// Before.
        from: bool,
        /// After.
        to: bool,
    },
    /// The criterion moved to another family.
    Moved {
        /// The older family's id.
        from: String,
        /// The newer family's id.
        to: String,
    },
    /// The answer expected changed: its type, unit, bounds or currency (options apart).
    Answer {
        /// Before.
        from: Answer,
        /// After.
        to: Answer,
    },
    /// The scoring rule changed: another kind of rule, or the same with other thresholds.
    Rule {
        /// Before.
        from: Rule,
        /// After.
        to: Rule,
    },
    /// A minimum requirement (exigence minimale) added.
    RequirementAdded {
        /// The requirement.
        requirement: Requirement,
    },
    /// A minimum requirement removed.
    RequirementRemoved {
        /// The requirement.
        requirement: Requirement,
    },
    /// A minimum requirement's threshold or options changed.
    RequirementChanged {
        /// Before.
        from: Requirement,
        /// After.
        to: Requirement,
    },
    /// An option added to a choice answer.
    OptionAdded {
        /// The option's id.
        option: String,
    },
    /// An option removed from a choice answer.
    OptionRemoved {
        /// The option's id.
        option: String,
    },
    /// An option's label or synonyms changed: answers may match it differently.
    OptionRenamed {
        /// The option's id.
        option: String,
    },
    /// The evidence expected with the answer changed.
    Evidence {
        /// Before.
        from: Option<Evidence>,
        /// After.
        to: Option<Evidence>,
    },
    /// A price schedule (BPU/DQE) added to or removed from a price criterion: its price is then
    /// computed another way.
    Schedule {
        /// Lines of the older grid's schedule (`None`: it had none).
        from: Option<usize>,
        /// Lines of the newer grid's schedule (`None`: it has none).
        to: Option<usize>,
    },
    /// Schedule lines added or removed (by id).
    ScheduleLines {
        /// Lines the newer grid adds.
        added: Vec<String>,
        /// Lines the newer grid removes.
        removed: Vec<String>,
    },
    /// A schedule line's estimated quantity changed (`None`: kept from bidders).
    Quantity {
        /// The line's id.
        line: String,
        /// Before.
        from: Option<f64>,
        /// After.
        to: Option<f64>,
    },
    /// A schedule line's designation or unit rewritten, or a group renamed.
    ScheduleReworded {
        /// The lines (and groups) rewritten, by id.
        lines: Vec<String>,
    },
    /// A group of schedule lines made an optional service (PSE) or no longer one, added or
    /// removed: what the compared price includes changes.
    OptionalServices {
        /// Optional groups of the older grid, by id.
        from: Vec<String>,
        /// Optional groups of the newer grid, by id.
        to: Vec<String>,
    },
    /// What a missing unit price makes of an offer changed.
    MissingPrice {
        /// Before.
        from: crate::grid::MissingPrice,
        /// After.
        to: crate::grid::MissingPrice,
    },
    /// Which figure prevails when a line total does not add up changed.
    Prevails {
        /// Before.
        from: crate::grid::Prevails,
        /// After.
        to: crate::grid::Prevails,
    },
    /// The share of the median below which a line is a point to examine changed.
    LowLine {
        /// Before.
        from: f64,
        /// After.
        to: f64,
    },
    /// The budget given with the price changed: its estimate, its ceiling (an offer above it is
    /// unacceptable) or the EU threshold it is compared with.
    Budget {
        /// Before.
        from: Option<crate::grid::Budget>,
        /// After.
        to: Option<crate::grid::Budget>,
    },
    /// The life-cycle cost the price is computed as (R2152-9) changed, or was added or removed.
    LifeCycle {
        /// Whether the older grid had one.
        from: bool,
        /// Whether the newer grid has one.
        to: bool,
    },
    /// Tags added or removed (`environment`, `social`…).
    Tags {
        /// Tags the newer grid adds.
        added: Vec<String>,
        /// Tags the newer grid removes.
        removed: Vec<String>,
    },
}

/// A text of a criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    /// The short name.
    Label,
    /// The question put to suppliers.
    Question,
    /// The help text.
    Help,
    /// The guidance of a manual rule: what earns which mark, for evaluators.
    Guidance,
}

/// One minimum requirement of a criterion (a field of [`Eliminatory`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Requirement {
    /// An answer must be given.
    Required,
    /// The answer must be yes.
    Yes,
    /// The value must be at least this.
    Min(f64),
    /// The value must be at most this.
    Max(f64),
    /// The option chosen must be one of these.
    OneOf(Vec<String>),
}

/// One change to the grid as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum GridChange {
    /// A descriptive field changed (title, description, publisher, licence, date, references).
    About {
        /// The field.
        field: About,
    },
    /// The total of the weights changed.
    Scale {
        /// Before.
        from: f64,
        /// After.
        to: f64,
    },
    /// Prices are compared on another basis (TTC, HT).
    PriceBasis {
        /// Before.
        from: PriceBasis,
        /// After.
        to: PriceBasis,
    },
    /// The VAT rate used to convert prices changed.
    VatRate {
        /// Before.
        from: Option<f64>,
        /// After.
        to: Option<f64>,
    },
    /// The hours in a working day changed: durations convert differently.
    WorkingDayHours {
        /// Before.
        from: f64,
        /// After.
        to: f64,
    },
    /// The tie rule changed.
    Ties,
    /// The framework agreement changed (holders, cascade): who is proposed changes.
    Framework,
    /// Whether variants are allowed, or a base offer required, changed: which offers are
    /// admissible changes.
    Variants,
    /// The framework agreement a follow-on contract belongs to, or its holders, changed.
    FollowOn,
    /// A family added.
    FamilyAdded {
        /// Its id.
        id: String,
    },
    /// A family removed.
    FamilyRemoved {
        /// Its id.
        id: String,
    },
    /// A family's label or description changed.
    FamilyRenamed {
        /// Its id.
        id: String,
    },
    /// A lot added.
    LotAdded {
        /// Its id.
        id: String,
    },
    /// A lot removed.
    LotRemoved {
        /// Its id.
        id: String,
    },
    /// A lot's criteria, weights, title or estimate changed.
    LotChanged {
        /// Its id.
        id: String,
    },
    /// The grid's parent changed.
    Parent {
        /// Before.
        from: Option<Parent>,
        /// After.
        to: Option<Parent>,
    },
}

/// A descriptive field of a grid: it changes no mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum About {
    /// `title`.
    Title,
    /// `description`.
    Description,
    /// `publisher`.
    Publisher,
    /// `license`.
    License,
    /// `date`.
    Date,
    /// `references`: the versions of the referentials the grid relies on.
    References,
}

/// How large a version step a change calls for (semantic versioning applied to grids).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Wording for readers only (labels, help, title…): marks and the form are the same.
    Patch,
    /// What suppliers are asked or must provide changed (question, evidence, announced weights,
    /// tags, families), or the evaluators' marking guidance, but not how an answer is marked.
    Minor,
    /// Marks can change for the same answers (weights, rules, thresholds, requirements, options,
    /// criteria added or removed, scale, price basis…).
    Major,
}

impl Change {
    /// Whether the change can change an offer's marks (or whether it is set aside) for the same
    /// answers.
    pub fn can_change_marks(&self) -> bool {
        match self {
            Change::Added { .. }
            | Change::Removed { .. }
            | Change::Weight { .. }
            | Change::Answer { .. }
            | Change::Rule { .. }
            | Change::RequirementAdded { .. }
            | Change::RequirementRemoved { .. }
            | Change::RequirementChanged { .. }
            | Change::OptionAdded { .. }
            | Change::OptionRemoved { .. }
            | Change::OptionRenamed { .. }
            | Change::Schedule { .. }
            | Change::ScheduleLines { .. }
            | Change::Quantity { .. }
            | Change::OptionalServices { .. }
            | Change::MissingPrice { .. }
            | Change::Prevails { .. }
            | Change::LifeCycle { .. } => true,
            // An offer above the ceiling is unacceptable; the estimate and the threshold mark nothing.
            Change::Budget { from, to } => from.as_ref().and_then(|b| b.ceiling) != to.as_ref().and_then(|b| b.ceiling),
            Change::Reworded { .. }
            | Change::Published { .. }
            | Change::Moved { .. }
            | Change::Evidence { .. }
            | Change::Tags { .. }
            | Change::ScheduleReworded { .. }
            | Change::LowLine { .. } => false,
        }
    }

    /// The version step the change calls for.
    pub fn bump(&self) -> Bump {
        if self.can_change_marks() {
            return Bump::Major;
        }
        match self {
            Change::Reworded { texts } if !texts.iter().any(|t| matches!(t, Wording::Question | Wording::Guidance)) => {
                Bump::Patch
            }
            _ => Bump::Minor,
        }
    }
}

impl GridChange {
    /// Whether the change can change marks or the ranking for the same answers.
    pub fn can_change_marks(&self) -> bool {
        match self {
            GridChange::Scale { .. }
            | GridChange::PriceBasis { .. }
            | GridChange::VatRate { .. }
            | GridChange::WorkingDayHours { .. }
            | GridChange::Ties
            | GridChange::Framework
            | GridChange::Variants
            | GridChange::FollowOn
            | GridChange::LotAdded { .. }
            | GridChange::LotRemoved { .. }
            | GridChange::LotChanged { .. } => true,
            GridChange::About { .. }
            | GridChange::FamilyAdded { .. }
            | GridChange::FamilyRemoved { .. }
            | GridChange::FamilyRenamed { .. }
            | GridChange::Parent { .. } => false,
        }
    }

    /// The version step the change calls for.
    pub fn bump(&self) -> Bump {
        match self {
            _ if self.can_change_marks() => Bump::Major,
            GridChange::FamilyAdded { .. } | GridChange::FamilyRemoved { .. } => Bump::Minor,
            _ => Bump::Patch,
        }
    }
}

/// Compares two checked grids, fingerprints included.
pub fn diff_checked(from: &CheckedGrid, to: &CheckedGrid) -> GridDiff {
    let mut out = diff(from.grid(), to.grid());
    out.from.fingerprint = Some(from.fingerprint().to_string());
    out.to.fingerprint = Some(to.fingerprint().to_string());
    out.lineage = lineage(&out.from, to.grid().parent.as_ref());
    out
}

/// Compares two grids. Criteria are matched by id (case, spaces and punctuation ignored, as
/// offers match them); a criterion whose id changed is one removed and one added.
pub fn diff(from: &Grid, to: &Grid) -> GridDiff {
    let version = |g: &Grid| Version { id: g.id.clone(), version: g.version.clone(), fingerprint: None };
    let mut criteria = Vec::new();
    for (family, new) in to.criteria() {
        let old = from.criteria().find(|(_, c)| same_id(&c.id, &new.id));
        let changes = match old {
            None => vec![Change::Added { weight: new.weight }],
            Some((old_family, old)) => {
                let mut changes = criterion_changes(old, new);
                if old_family.id != family.id {
                    changes.push(Change::Moved { from: old_family.id.clone(), to: family.id.clone() });
                }
                changes
            }
        };
        if !changes.is_empty() {
            criteria.push(CriterionChanges { id: new.id.clone(), family: family.id.clone(), changes });
        }
    }
    for (family, old) in from.criteria() {
        if to.criterion(&old.id).is_none() {
            criteria.push(CriterionChanges {
                id: old.id.clone(),
                family: family.id.clone(),
                changes: vec![Change::Removed { weight: old.weight }],
            });
        }
    }
    let mut out = GridDiff {
        from: version(from),
        to: version(to),
        lineage: Lineage::None,
        grid: grid_changes(from, to),
        criteria,
    };
    out.lineage = lineage(&out.from, to.parent.as_ref());
    out
}

fn lineage(from: &Version, parent: Option<&Parent>) -> Lineage {
    let Some(parent) = parent else { return Lineage::None };
    if parent.id != from.id || parent.version != from.version {
        return Lineage::OtherGrid { parent: parent.clone() };
    }
    match &from.fingerprint {
        Some(f) if *f != parent.fingerprint => Lineage::OtherFile { declared: parent.fingerprint.clone() },
        _ => Lineage::Adapts,
    }
}

fn different(a: f64, b: f64) -> bool {
    (a - b).abs() > 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn grid_changes(from: &Grid, to: &Grid) -> Vec<GridChange> {
    let mut out = Vec::new();
    let about = [
        (About::Title, from.title != to.title),
        (About::Description, from.description != to.description),
        (About::Publisher, from.publisher != to.publisher),
        (About::License, from.license != to.license),
        (About::Date, from.date != to.date),
        (About::References, from.references != to.references),
    ];
    for (field, changed) in about {
        if changed {
            out.push(GridChange::About { field });
        }
    }
    if different(from.scale, to.scale) {
        out.push(GridChange::Scale { from: from.scale, to: to.scale });
    }
    if from.price_basis != to.price_basis {
        out.push(GridChange::PriceBasis { from: from.price_basis, to: to.price_basis });
    }
    if from.vat_rate != to.vat_rate {
        out.push(GridChange::VatRate { from: from.vat_rate, to: to.vat_rate });
    }
    if different(from.working_day_hours, to.working_day_hours) {
        out.push(GridChange::WorkingDayHours { from: from.working_day_hours, to: to.working_day_hours });
    }
    if from.ties != to.ties {
        out.push(GridChange::Ties);
    }
    if from.framework != to.framework {
        out.push(GridChange::Framework);
    }
    if from.variants != to.variants {
        out.push(GridChange::Variants);
    }
    if from.follow_on != to.follow_on {
        out.push(GridChange::FollowOn);
    }
    for family in &to.families {
        match from.families.iter().find(|f| f.id == family.id) {
            None => out.push(GridChange::FamilyAdded { id: family.id.clone() }),
            Some(old) if old.label != family.label || old.description != family.description => {
                out.push(GridChange::FamilyRenamed { id: family.id.clone() });
            }
            Some(_) => {}
        }
    }
    for family in &from.families {
        if !to.families.iter().any(|f| f.id == family.id) {
            out.push(GridChange::FamilyRemoved { id: family.id.clone() });
        }
    }
    for lot in &to.lots {
        match from.lot(&lot.id) {
            None => out.push(GridChange::LotAdded { id: lot.id.clone() }),
            Some(old) if old != lot => out.push(GridChange::LotChanged { id: lot.id.clone() }),
            Some(_) => {}
        }
    }
    for lot in &from.lots {
        if to.lot(&lot.id).is_none() {
            out.push(GridChange::LotRemoved { id: lot.id.clone() });
        }
    }
    if from.parent != to.parent {
        out.push(GridChange::Parent { from: from.parent.clone(), to: to.parent.clone() });
    }
    out
}

fn criterion_changes(old: &Criterion, new: &Criterion) -> Vec<Change> {
    let mut out = Vec::new();
    let texts: Vec<Wording> = [
        (Wording::Label, old.label != new.label),
        (Wording::Question, old.question != new.question),
        (Wording::Help, old.help != new.help),
        (Wording::Guidance, guidance(&old.rule) != guidance(&new.rule)),
    ]
    .into_iter()
    .filter_map(|(w, changed)| changed.then_some(w))
    .collect();
    if !texts.is_empty() {
        out.push(Change::Reworded { texts });
    }
    if different(old.weight, new.weight) {
        out.push(Change::Weight { from: old.weight, to: new.weight });
    }
    if old.published != new.published {
        out.push(Change::Published { from: old.published, to: new.published });
    }
    if shape(&old.answer) != shape(&new.answer) {
        out.push(Change::Answer { from: shape(&old.answer), to: shape(&new.answer) });
    }
    out.extend(option_changes(old.answer.options(), new.answer.options()));
    // The guidance of a manual rule is wording (above); the rule changes with its kind or scale.
    if without_guidance(&old.rule) != without_guidance(&new.rule) {
        out.push(Change::Rule { from: old.rule.clone(), to: new.rule.clone() });
    }
    out.extend(requirement_changes(
        &old.eliminatory.clone().unwrap_or_default(),
        &new.eliminatory.clone().unwrap_or_default(),
    ));
    if old.evidence != new.evidence {
        out.push(Change::Evidence { from: old.evidence.clone(), to: new.evidence.clone() });
    }
    out.extend(price_changes(old, new));
    let (old_tags, new_tags): (BTreeSet<&String>, BTreeSet<&String>) =
        (old.tags.iter().collect(), new.tags.iter().collect());
    if old_tags != new_tags {
        out.push(Change::Tags {
            added: new_tags.difference(&old_tags).map(|t| t.to_string()).collect(),
            removed: old_tags.difference(&new_tags).map(|t| t.to_string()).collect(),
        });
    }
    out
}

/// How a price criterion's price is computed: its schedule, life-cycle cost and budget.
fn price_changes(old: &Criterion, new: &Criterion) -> Vec<Change> {
    let mut out = Vec::new();
    match (&old.schedule, &new.schedule) {
        (None, None) => {}
        (Some(a), Some(b)) => out.extend(schedule_changes(a, b)),
        (a, b) => out
            .push(Change::Schedule { from: a.as_ref().map(|s| s.lines.len()), to: b.as_ref().map(|s| s.lines.len()) }),
    }
    if old.life_cycle != new.life_cycle {
        out.push(Change::LifeCycle { from: old.life_cycle.is_some(), to: new.life_cycle.is_some() });
    }
    if old.budget != new.budget {
        out.push(Change::Budget { from: old.budget.clone(), to: new.budget.clone() });
    }
    out
}

fn schedule_changes(old: &crate::grid::Schedule, new: &crate::grid::Schedule) -> Vec<Change> {
    let mut out = Vec::new();
    let ids = |s: &crate::grid::Schedule| s.lines.iter().map(|l| l.id.clone()).collect::<BTreeSet<String>>();
    let (before, after) = (ids(old), ids(new));
    let added: Vec<String> = after.difference(&before).cloned().collect();
    let removed: Vec<String> = before.difference(&after).cloned().collect();
    if !added.is_empty() || !removed.is_empty() {
        out.push(Change::ScheduleLines { added, removed });
    }
    let mut reworded = Vec::new();
    for line in &new.lines {
        let Some(was) = old.lines.iter().find(|l| l.id == line.id) else { continue };
        let quantity_changed = match (was.quantity, line.quantity) {
            (Some(a), Some(b)) => different(a, b),
            (a, b) => a.is_some() != b.is_some(),
        };
        if quantity_changed {
            out.push(Change::Quantity { line: line.id.clone(), from: was.quantity, to: line.quantity });
        }
        // A line moved to another group is counted where the group's role (optional or not) changes.
        if was.designation != line.designation || was.unit != line.unit {
            reworded.push(line.id.clone());
        }
    }
    for group in &new.groups {
        if old.groups.iter().any(|g| g.id == group.id && g.label != group.label) {
            reworded.push(group.id.clone());
        }
    }
    if !reworded.is_empty() {
        out.push(Change::ScheduleReworded { lines: reworded });
    }
    // The lines each optional group holds: a line moved in or out of one changes the compared price.
    let optional = |s: &crate::grid::Schedule| -> Vec<(String, Vec<String>)> {
        s.groups
            .iter()
            .filter(|g| g.optional)
            .map(|g| {
                (
                    g.id.clone(),
                    s.lines.iter().filter(|l| l.group.as_deref() == Some(&g.id)).map(|l| l.id.clone()).collect(),
                )
            })
            .collect()
    };
    let (was, is) = (optional(old), optional(new));
    if was != is {
        out.push(Change::OptionalServices {
            from: was.into_iter().map(|(g, _)| g).collect(),
            to: is.into_iter().map(|(g, _)| g).collect(),
        });
    }
    if old.missing != new.missing {
        out.push(Change::MissingPrice { from: old.missing, to: new.missing });
    }
    if old.prevails != new.prevails {
        out.push(Change::Prevails { from: old.prevails, to: new.prevails });
    }
    if different(old.low_line, new.low_line) {
        out.push(Change::LowLine { from: old.low_line, to: new.low_line });
    }
    out
}

/// The guidance of a manual rule.
fn guidance(rule: &Rule) -> Option<&crate::text::Text> {
    match rule {
        Rule::Manual { guidance, .. } => guidance.as_ref(),
        _ => None,
    }
}

/// The rule without a manual rule's guidance.
fn without_guidance(rule: &Rule) -> Rule {
    match rule {
        Rule::Manual { out_of, .. } => Rule::Manual { out_of: *out_of, guidance: None },
        other => other.clone(),
    }
}

/// The answer without its options, which are compared one by one.
fn shape(answer: &Answer) -> Answer {
    match answer {
        Answer::Choice { .. } => Answer::Choice { options: Vec::new() },
        Answer::MultiChoice { .. } => Answer::MultiChoice { options: Vec::new() },
        other => other.clone(),
    }
}

fn option_changes(old: &[ChoiceOption], new: &[ChoiceOption]) -> Vec<Change> {
    let mut out = Vec::new();
    for option in new {
        match old.iter().find(|o| o.id == option.id) {
            None => out.push(Change::OptionAdded { option: option.id.clone() }),
            Some(o) if o.label != option.label || o.synonyms != option.synonyms => {
                out.push(Change::OptionRenamed { option: option.id.clone() });
            }
            Some(_) => {}
        }
    }
    for option in old {
        if !new.iter().any(|o| o.id == option.id) {
            out.push(Change::OptionRemoved { option: option.id.clone() });
        }
    }
    out
}

fn requirement_changes(old: &Eliminatory, new: &Eliminatory) -> Vec<Change> {
    let flag = |was: bool, is: bool, r: Requirement| match (was, is) {
        (false, true) => Some(Change::RequirementAdded { requirement: r }),
        (true, false) => Some(Change::RequirementRemoved { requirement: r }),
        _ => None,
    };
    let bound = |was: Option<f64>, is: Option<f64>, make: fn(f64) -> Requirement| match (was, is) {
        (None, Some(v)) => Some(Change::RequirementAdded { requirement: make(v) }),
        (Some(v), None) => Some(Change::RequirementRemoved { requirement: make(v) }),
        (Some(a), Some(b)) if different(a, b) => Some(Change::RequirementChanged { from: make(a), to: make(b) }),
        _ => None,
    };
    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<String>>();
    let one_of = match (old.one_of.is_empty(), new.one_of.is_empty()) {
        (true, false) => Some(Change::RequirementAdded { requirement: Requirement::OneOf(new.one_of.clone()) }),
        (false, true) => Some(Change::RequirementRemoved { requirement: Requirement::OneOf(old.one_of.clone()) }),
        (false, false) if set(&old.one_of) != set(&new.one_of) => Some(Change::RequirementChanged {
            from: Requirement::OneOf(old.one_of.clone()),
            to: Requirement::OneOf(new.one_of.clone()),
        }),
        _ => None,
    };
    [
        flag(old.required, new.required, Requirement::Required),
        flag(old.yes, new.yes, Requirement::Yes),
        bound(old.min, new.min, Requirement::Min),
        bound(old.max, new.max, Requirement::Max),
        one_of,
    ]
    .into_iter()
    .flatten()
    .collect()
}

impl GridDiff {
    /// Whether the two grids are the same (descriptive fields included).
    pub fn is_empty(&self) -> bool {
        self.grid.is_empty() && self.criteria.is_empty()
    }

    /// Whether any change can change marks or the ranking for the same answers.
    pub fn can_change_marks(&self) -> bool {
        self.grid.iter().any(GridChange::can_change_marks)
            || self.criteria.iter().flat_map(|c| &c.changes).any(Change::can_change_marks)
    }

    /// The version step the changes call for: the largest of theirs.
    pub fn bump(&self) -> Bump {
        let grid = self.grid.iter().map(GridChange::bump);
        let criteria = self.criteria.iter().flat_map(|c| &c.changes).map(Change::bump);
        grid.chain(criteria).max().unwrap_or(Bump::None)
    }

    /// The version the newer grid should carry, from the older one's and the changes; `None`
    /// when the older version is not a semantic version.
    pub fn next_version(&self) -> Option<String> {
        next_version(&self.from.version, self.bump())
    }

    /// The changes counted by kind, as the analysis report's method section and the catalogue's
    /// change notes summarise a local adaptation.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for c in &self.criteria {
            for change in &c.changes {
                let slot = match change {
                    Change::Added { .. } => &mut s.added,
                    Change::Removed { .. } => &mut s.removed,
                    Change::Reworded { .. } => &mut s.reworded,
                    Change::Weight { .. } => &mut s.weights,
                    Change::Answer { .. } | Change::Rule { .. } => &mut s.rules,
                    Change::RequirementAdded { .. }
                    | Change::RequirementRemoved { .. }
                    | Change::RequirementChanged { .. } => &mut s.requirements,
                    Change::OptionAdded { .. } | Change::OptionRemoved { .. } | Change::OptionRenamed { .. } => {
                        &mut s.options
                    }
                    Change::Schedule { .. }
                    | Change::ScheduleLines { .. }
                    | Change::Quantity { .. }
                    | Change::OptionalServices { .. }
                    | Change::MissingPrice { .. }
                    | Change::Prevails { .. }
                    | Change::LifeCycle { .. } => &mut s.rules,
                    Change::Published { .. }
                    | Change::Moved { .. }
                    | Change::Evidence { .. }
                    | Change::Tags { .. }
                    | Change::ScheduleReworded { .. }
                    | Change::LowLine { .. }
                    | Change::Budget { .. } => &mut s.other,
                };
                *slot += 1;
            }
            if c.changes.iter().any(Change::can_change_marks) {
                s.criteria_marks += 1;
            }
        }
        s.grid = self.grid.len();
        s.grid_marks = self.grid.iter().filter(|g| g.can_change_marks()).count();
        s
    }
}

/// The changes of a [`GridDiff`] counted by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Criteria added.
    pub added: usize,
    /// Criteria removed.
    pub removed: usize,
    /// Criteria reworded.
    pub reworded: usize,
    /// Weights changed.
    pub weights: usize,
    /// Rules, thresholds or expected answers changed.
    pub rules: usize,
    /// Minimum requirements added, removed or changed.
    pub requirements: usize,
    /// Options added, removed or renamed.
    pub options: usize,
    /// Other criterion changes (announced weight, family, evidence, tags).
    pub other: usize,
    /// Criteria with at least one change that can change marks.
    pub criteria_marks: usize,
    /// Changes to the grid as a whole.
    pub grid: usize,
    /// Of which can change marks or the ranking.
    pub grid_marks: usize,
}

impl Summary {
    /// One sentence: `2 critères ajoutés, 1 poids modifié ; 3 critères dont les notes peuvent changer`.
    pub fn describe(&self, lang: Lang) -> String {
        let parts: Vec<String> = [
            (self.added, ("critère ajouté", "critères ajoutés"), ("criterion added", "criteria added")),
            (self.removed, ("critère retiré", "critères retirés"), ("criterion removed", "criteria removed")),
            (self.reworded, ("critère reformulé", "critères reformulés"), ("criterion reworded", "criteria reworded")),
            (self.weights, ("poids modifié", "poids modifiés"), ("weight changed", "weights changed")),
            (
                self.rules,
                ("règle ou seuil modifié", "règles ou seuils modifiés"),
                ("rule or threshold changed", "rules or thresholds changed"),
            ),
            (
                self.requirements,
                ("exigence minimale modifiée", "exigences minimales modifiées"),
                ("minimum requirement changed", "minimum requirements changed"),
            ),
            (self.options, ("option modifiée", "options modifiées"), ("option changed", "options changed")),
            (self.other, ("autre modification", "autres modifications"), ("other change", "other changes")),
            (
                self.grid,
                ("modification de la grille entière", "modifications de la grille entière"),
                ("change to the whole grid", "changes to the whole grid"),
            ),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, fr, en)| count(n, fr, en, lang))
        .collect();
        if parts.is_empty() {
            return lang.pick("aucune modification", "no change").to_string();
        }
        let criteria = count(
            self.criteria_marks,
            ("critère dont les notes peuvent changer", "critères dont les notes peuvent changer"),
            ("criterion whose marks can change", "criteria whose marks can change"),
            lang,
        );
        let grid = lang.pick(
            "des règles de la grille entière peuvent changer les notes",
            "rules of the whole grid can change marks",
        );
        let marks = match (self.criteria_marks, self.grid_marks) {
            (0, 0) => lang.pick("aucune ne peut changer les notes", "none can change marks").to_string(),
            (_, 0) => criteria,
            (0, _) => grid.to_string(),
            _ => format!("{criteria}{}{grid}", lang.pick(" ; ", "; ")),
        };
        format!("{}{}{marks}", parts.join(", "), lang.pick(" ; ", "; "))
    }
}

/// The next version after `current` for a step `bump`, as semantic versioning counts it: a major
/// step resets minor and patch, a minor one resets patch. A pre-release (`1.1.0-draft`) is released
/// as its own version when the step is already counted in it (`1.1.0` for a minor step). `None`
/// when `current` is not a semantic version.
pub fn next_version(current: &str, bump: Bump) -> Option<String> {
    let v = semver::Version::parse(current).ok()?;
    let pre = !v.pre.is_empty();
    let (major, minor, patch) = (v.major, v.minor, v.patch);
    let next = match bump {
        Bump::None => return Some(current.to_string()),
        Bump::Major if pre && minor == 0 && patch == 0 => (major, 0, 0),
        Bump::Major => (major.saturating_add(1), 0, 0),
        Bump::Minor if pre && patch == 0 => (major, minor, 0),
        Bump::Minor => (major, minor.saturating_add(1), 0),
        Bump::Patch if pre => (major, minor, patch),
        Bump::Patch => (major, minor, patch.saturating_add(1)),
    };
    Some(format!("{}.{}.{}", next.0, next.1, next.2))
}

impl Bump {
    /// The step in words: `majeure`, `mineure`, `correctif`.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Bump::None => lang.pick("aucune", "none"),
            Bump::Patch => lang.pick("correctif (textes seulement)", "patch (wording only)"),
            Bump::Minor => lang.pick(
                "mineure (ce qui est demandé change, pas les notes)",
                "minor (what is asked changes, not the marks)",
            ),
            Bump::Major => lang.pick("majeure (les notes peuvent changer)", "major (marks can change)"),
        }
    }
}

impl Lineage {
    /// How the newer grid relates to the older, in a sentence; `None` when it names no parent.
    pub fn describe(&self, from: &Version, lang: Lang) -> Option<String> {
        let name = format!("{} {}", from.id, from.version);
        Some(match self {
            Lineage::None => return None,
            Lineage::Adapts => lang.pick(
                format!("adaptation locale de {name}, même empreinte que le fichier comparé"),
                format!("local adaptation of {name}, same fingerprint as the file compared"),
            ),
            Lineage::OtherFile { declared } => lang.pick(
                format!(
                    "adaptation de {name}, mais d'un autre fichier (empreinte déclarée {}…) que celui comparé",
                    short(declared)
                ),
                format!(
                    "adaptation of {name}, but of another file (declared fingerprint {}…) than the one compared",
                    short(declared)
                ),
            ),
            Lineage::OtherGrid { parent } => lang.pick(
                format!("adaptation d'une autre grille : {} {}", parent.id, parent.version),
                format!("adaptation of another grid: {} {}", parent.id, parent.version),
            ),
        })
    }
}

fn short(fingerprint: &str) -> &str {
    fingerprint.get(..12).unwrap_or(fingerprint)
}

impl Change {
    /// The change in words, without the criterion's id.
    pub fn describe(&self, lang: Lang) -> String {
        let n = |v: f64| number(v, 4, lang);
        match self {
            Change::Added { weight } => lang.pick(
                format!("critère ajouté (poids {})", n(*weight)),
                format!("criterion added (weight {})", n(*weight)),
            ),
            Change::Removed { weight } => lang.pick(
                format!("critère retiré (poids {})", n(*weight)),
                format!("criterion removed (weight {})", n(*weight)),
            ),
            Change::Reworded { texts } => {
                let names: Vec<&str> = texts
                    .iter()
                    .map(|t| match t {
                        Wording::Label => lang.pick("libellé", "label"),
                        Wording::Question => lang.pick("question", "question"),
                        Wording::Help => lang.pick("aide", "help"),
                        Wording::Guidance => lang.pick("consignes de notation", "marking guidance"),
                    })
                    .collect();
                lang.pick(format!("reformulé : {}", names.join(", ")), format!("reworded: {}", names.join(", ")))
            }
            Change::Weight { from, to } => {
                lang.pick(format!("poids {} → {}", n(*from), n(*to)), format!("weight {} → {}", n(*from), n(*to)))
            }
            Change::Published { from, to } => {
                let yes_no = |b: bool| if b { lang.pick("oui", "yes") } else { lang.pick("non", "no") };
                lang.pick(
                    format!("poids annoncé aux candidats : {} → {}", yes_no(*from), yes_no(*to)),
                    format!("weight announced to suppliers: {} → {}", yes_no(*from), yes_no(*to)),
                )
            }
            Change::Moved { from, to } => lang.pick(
                format!("déplacé de la famille « {from} » vers « {to} »"),
                format!("moved from family \"{from}\" to \"{to}\""),
            ),
            Change::Answer { from, to } => lang.pick(
                format!("réponse attendue : {} → {}", answer_words(from, lang), answer_words(to, lang)),
                format!("expected answer: {} → {}", answer_words(from, lang), answer_words(to, lang)),
            ),
            Change::Rule { from, to } => {
                let (a, b) = (rule_words(from, lang), rule_words(to, lang));
                if std::mem::discriminant(from) == std::mem::discriminant(to) {
                    lang.pick(format!("seuils de la règle : {a} → {b}"), format!("rule thresholds: {a} → {b}"))
                } else {
                    lang.pick(format!("règle : {a} → {b}"), format!("rule: {a} → {b}"))
                }
            }
            Change::RequirementAdded { requirement } => lang.pick(
                format!("exigence minimale ajoutée : {}", requirement.describe(lang)),
                format!("minimum requirement added: {}", requirement.describe(lang)),
            ),
            Change::RequirementRemoved { requirement } => lang.pick(
                format!("exigence minimale retirée : {}", requirement.describe(lang)),
                format!("minimum requirement removed: {}", requirement.describe(lang)),
            ),
            Change::RequirementChanged { from, to } => lang.pick(
                format!("exigence minimale : {} → {}", from.describe(lang), to.describe(lang)),
                format!("minimum requirement: {} → {}", from.describe(lang), to.describe(lang)),
            ),
            Change::OptionAdded { option } => {
                lang.pick(format!("option « {option} » ajoutée"), format!("option \"{option}\" added"))
            }
            Change::OptionRemoved { option } => {
                lang.pick(format!("option « {option} » retirée"), format!("option \"{option}\" removed"))
            }
            Change::OptionRenamed { option } => lang.pick(
                format!("option « {option} » renommée (libellé ou synonymes)"),
                format!("option \"{option}\" renamed (label or synonyms)"),
            ),
            Change::Evidence { from, to } => {
                let e = |x: &Option<Evidence>| match x {
                    Some(ev) => quoted(&[ev.label.get(lang).to_string()], lang),
                    None => lang.pick("aucun", "none").to_string(),
                };
                lang.pick(
                    format!("justificatif attendu : {} → {}", e(from), e(to)),
                    format!("evidence expected: {} → {}", e(from), e(to)),
                )
            }
            Change::Schedule { from, to } => match (from, to) {
                (None, Some(lines)) => lang.pick(
                    format!(
                        "bordereau de prix ajouté ({}) : le prix comparé est celui du détail quantitatif estimatif",
                        count(*lines, ("ligne", "lignes"), ("line", "lines"), lang)
                    ),
                    format!(
                        "price schedule added ({}): the compared price is the quantity estimate's",
                        count(*lines, ("ligne", "lignes"), ("line", "lines"), lang)
                    ),
                ),
                _ => lang.pick(
                    "bordereau de prix retiré : le prix comparé est celui de la réponse".to_string(),
                    "price schedule removed: the compared price is the answer's".to_string(),
                ),
            },
            Change::ScheduleLines { added, removed } => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(
                        lang.pick(
                            format!("ajoutées {}", quoted(added, lang)),
                            format!("added {}", quoted(added, lang)),
                        ),
                    );
                }
                if !removed.is_empty() {
                    parts.push(lang.pick(
                        format!("retirées {}", quoted(removed, lang)),
                        format!("removed {}", quoted(removed, lang)),
                    ));
                }
                lang.pick(
                    format!("lignes du bordereau : {}", parts.join(" ; ")),
                    format!("schedule lines: {}", parts.join("; ")),
                )
            }
            Change::Quantity { line, from, to } => {
                let q =
                    |v: &Option<f64>| v.map_or_else(|| lang.pick("non communiquée", "not disclosed").to_string(), n);
                lang.pick(
                    format!("quantité estimée de la ligne « {line} » : {} → {}", q(from), q(to)),
                    format!("estimated quantity of line \"{line}\": {} → {}", q(from), q(to)),
                )
            }
            Change::ScheduleReworded { lines } => lang.pick(
                format!("désignation ou unité réécrite au bordereau : {}", quoted(lines, lang)),
                format!("designation or unit rewritten in the schedule: {}", quoted(lines, lang)),
            ),
            Change::OptionalServices { from, to } => {
                let g = |v: &Vec<String>| {
                    if v.is_empty() { lang.pick("aucune", "none").to_string() } else { quoted(v, lang) }
                };
                lang.pick(
                    format!("prestations supplémentaires éventuelles (PSE) : {} → {}", g(from), g(to)),
                    format!("optional services: {} → {}", g(from), g(to)),
                )
            }
            Change::MissingPrice { from, to } => lang.pick(
                format!("prix unitaire absent : {} → {}", from.announced(lang), to.announced(lang)),
                format!("missing unit price: {} → {}", from.announced(lang), to.announced(lang)),
            ),
            Change::Prevails { from, to } => lang.pick(
                format!("montant de ligne qui ne correspond pas : {} → {}", from.announced(lang), to.announced(lang)),
                format!("line total that does not add up: {} → {}", from.announced(lang), to.announced(lang)),
            ),
            Change::LowLine { from, to } => lang.pick(
                format!(
                    "ligne à examiner sous {} % de la médiane → {} %",
                    number(from * 100.0, 0, lang),
                    number(to * 100.0, 0, lang)
                ),
                format!(
                    "line to examine below {}% of the median → {}%",
                    number(from * 100.0, 0, lang),
                    number(to * 100.0, 0, lang)
                ),
            ),
            Change::Budget { from, to } => {
                let b = |x: &Option<crate::grid::Budget>| {
                    let Some(b) = x else { return lang.pick("aucun", "none").to_string() };
                    let mut parts = Vec::new();
                    if let Some(e) = b.estimate {
                        parts.push(lang.pick(
                            format!("estimation {} €", number(e, 2, lang)),
                            format!("estimate €{}", number(e, 2, lang)),
                        ));
                    }
                    if let Some(c) = b.ceiling {
                        parts.push(lang.pick(
                            format!("plafond {} €", number(c, 2, lang)),
                            format!("ceiling €{}", number(c, 2, lang)),
                        ));
                    }
                    if let Some(t) = b.eu_threshold {
                        parts.push(lang.pick(
                            format!("seuil européen {} €", number(t, 2, lang)),
                            format!("EU threshold €{}", number(t, 2, lang)),
                        ));
                    }
                    if parts.is_empty() {
                        lang.pick("aucun montant", "no amount").to_string()
                    } else {
                        parts.join(", ")
                    }
                };
                lang.pick(format!("budget : {} → {}", b(from), b(to)), format!("budget: {} → {}", b(from), b(to)))
            }
            Change::LifeCycle { from, to } => match (from, to) {
                (false, true) => lang
                    .pick(
                        "coût du cycle de vie ajouté : le prix comparé en est le total",
                        "life-cycle cost added: the compared price is its total",
                    )
                    .to_string(),
                (true, false) => lang.pick("coût du cycle de vie retiré", "life-cycle cost removed").to_string(),
                _ => lang
                    .pick(
                        "coût du cycle de vie modifié (durée, énergie ou composantes)",
                        "life-cycle cost changed (years, energy or components)",
                    )
                    .to_string(),
            },
            Change::Tags { added, removed } => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("+ {}", quoted(added, lang)));
                }
                if !removed.is_empty() {
                    parts.push(format!("− {}", quoted(removed, lang)));
                }
                lang.pick(format!("étiquettes : {}", parts.join(" ; ")), format!("tags: {}", parts.join("; ")))
            }
        }
    }
}

impl Requirement {
    /// The requirement in words.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Requirement::Required => lang.pick("réponse obligatoire", "answer required").to_string(),
            Requirement::Yes => lang.pick("réponse « oui » exigée", "answer \"yes\" required").to_string(),
            Requirement::Min(v) => {
                lang.pick(format!("au moins {}", number(*v, 4, lang)), format!("at least {}", number(*v, 4, lang)))
            }
            Requirement::Max(v) => {
                lang.pick(format!("au plus {}", number(*v, 4, lang)), format!("at most {}", number(*v, 4, lang)))
            }
            Requirement::OneOf(ids) => lang.pick(
                format!("une des options {}", quoted(ids, lang)),
                format!("one of the options {}", quoted(ids, lang)),
            ),
        }
    }
}

impl GridChange {
    /// The change in words.
    pub fn describe(&self, lang: Lang) -> String {
        let n = |v: f64| number(v, 4, lang);
        let opt = |v: Option<f64>| {
            v.map(|v| lang.pick(format!("{} %", n(v)), format!("{}%", n(v))))
                .unwrap_or_else(|| lang.pick("aucun", "none").to_string())
        };
        match self {
            GridChange::About { field } => match field {
                About::Title => lang.pick("titre modifié", "title changed"),
                About::Description => lang.pick("description modifiée", "description changed"),
                About::Publisher => lang.pick("éditeur modifié", "publisher changed"),
                About::License => lang.pick("licence modifiée", "licence changed"),
                About::Date => lang.pick("date modifiée", "date changed"),
                About::References => lang.pick("référentiels cités modifiés", "referentials cited changed"),
            }
            .to_string(),
            GridChange::Scale { from, to } => {
                lang.pick(format!("barème {} → {}", n(*from), n(*to)), format!("scale {} → {}", n(*from), n(*to)))
            }
            GridChange::PriceBasis { from, to } => lang.pick(
                format!("prix comparés {} → {}", from.code(), to.code()),
                format!("prices compared {} → {}", from.code(), to.code()),
            ),
            GridChange::VatRate { from, to } => lang.pick(
                format!("taux de TVA {} → {}", opt(*from), opt(*to)),
                format!("VAT rate {} → {}", opt(*from), opt(*to)),
            ),
            GridChange::WorkingDayHours { from, to } => lang.pick(
                format!("heures par jour ouvré {} → {}", n(*from), n(*to)),
                format!("hours per working day {} → {}", n(*from), n(*to)),
            ),
            GridChange::Ties => lang.pick("règle de départage des ex aequo modifiée", "tie rule changed").to_string(),
            GridChange::Framework => lang
                .pick(
                    "accord-cadre modifié (nombre de titulaires ou cascade)",
                    "framework agreement changed (holders or cascade)",
                )
                .to_string(),
            GridChange::Variants => lang.pick("règle des variantes modifiée", "rule on variants changed").to_string(),
            GridChange::FollowOn => lang
                .pick(
                    "accord-cadre du marché subséquent ou ses titulaires modifiés",
                    "the follow-on contract's framework agreement or its holders changed",
                )
                .to_string(),
            GridChange::FamilyAdded { id } => {
                lang.pick(format!("famille « {id} » ajoutée"), format!("family \"{id}\" added"))
            }
            GridChange::FamilyRemoved { id } => {
                lang.pick(format!("famille « {id} » retirée"), format!("family \"{id}\" removed"))
            }
            GridChange::FamilyRenamed { id } => {
                lang.pick(format!("famille « {id} » renommée"), format!("family \"{id}\" renamed"))
            }
            GridChange::LotAdded { id } => lang.pick(format!("lot « {id} » ajouté"), format!("lot \"{id}\" added")),
            GridChange::LotRemoved { id } => lang.pick(format!("lot « {id} » retiré"), format!("lot \"{id}\" removed")),
            GridChange::LotChanged { id } => lang.pick(
                format!("lot « {id} » modifié (critères, poids, titre ou estimation)"),
                format!("lot \"{id}\" changed (criteria, weights, title or estimate)"),
            ),
            GridChange::Parent { from, to } => {
                let p = |x: &Option<Parent>| match x {
                    Some(p) => format!("{} {}", p.id, p.version),
                    None => lang.pick("aucune", "none").to_string(),
                };
                lang.pick(
                    format!("grille d'origine : {} → {}", p(from), p(to)),
                    format!("parent grid: {} → {}", p(from), p(to)),
                )
            }
        }
    }
}

/// An expected answer in a few words: `nombre (jour, 0 à 365)`, `durée (h)`.
fn answer_words(answer: &Answer, lang: Lang) -> String {
    let n = |v: f64| number(v, 4, lang);
    match answer {
        Answer::Number { unit, min, max } => {
            let mut details = Vec::new();
            if let Some(u) = unit {
                details.push(u.symbol(lang).to_string());
            }
            if let Some(v) = min {
                details.push(lang.pick(format!("min. {}", n(*v)), format!("min {}", n(*v))));
            }
            if let Some(v) = max {
                details.push(lang.pick(format!("max. {}", n(*v)), format!("max {}", n(*v))));
            }
            let name = lang.pick("nombre", "number");
            if details.is_empty() { name.to_string() } else { format!("{name} ({})", details.join(", ")) }
        }
        Answer::Duration { unit } => format!("{} ({})", lang.pick("durée", "duration"), unit.symbol(lang)),
        Answer::Price { currency } => format!("{} ({currency})", lang.pick("prix", "price")),
        Answer::YesNo => lang.pick("oui/non", "yes/no").to_string(),
        Answer::Percentage => lang.pick("pourcentage", "percentage").to_string(),
        Answer::Choice { .. } => lang.pick("un choix", "one choice").to_string(),
        Answer::MultiChoice { .. } => lang.pick("plusieurs choix", "several choices").to_string(),
        Answer::Date => "date".to_string(),
        Answer::Url => lang.pick("adresse web", "web address").to_string(),
        Answer::Text => lang.pick("texte", "text").to_string(),
    }
}

/// A rule with its parameters in a few words: `linéaire, meilleur 15, pire 90`.
fn rule_words(rule: &Rule, lang: Lang) -> String {
    let n = |v: f64| number(v, 4, lang);
    match rule {
        Rule::YesNo { expected } => {
            let answer = if *expected { lang.pick("oui", "yes") } else { lang.pick("non", "no") };
            lang.pick(format!("oui/non, « {answer} » attendu"), format!("yes/no, \"{answer}\" expected"))
        }
        Rule::Provided => lang.pick("réponse fournie", "answer provided").to_string(),
        Rule::Linear { best, worst } => lang.pick(
            format!("linéaire, meilleur {}, pire {}", n(*best), n(*worst)),
            format!("linear, best {}, worst {}", n(*best), n(*worst)),
        ),
        Rule::Bands { bands, otherwise } => {
            let mut parts: Vec<String> = bands
                .iter()
                .map(|b| {
                    let at = match (b.at_least, b.at_most) {
                        (Some(v), _) => format!("≥ {}", n(v)),
                        (None, Some(v)) => format!("≤ {}", n(v)),
                        (None, None) => "?".to_string(),
                    };
                    format!("{at} → {}", n(b.fraction))
                })
                .collect();
            parts.push(lang.pick(format!("sinon {}", n(*otherwise)), format!("otherwise {}", n(*otherwise))));
            format!("{} ({})", lang.pick("paliers", "bands"), parts.join(lang.pick(" ; ", "; ")))
        }
        Rule::Choice { points } => {
            let parts: Vec<String> = points.iter().map(|(id, f)| format!("{id} {}", n(*f))).collect();
            format!("{} ({})", lang.pick("points par option", "points per option"), parts.join(", "))
        }
        Rule::Count { items, cap } => lang.pick(
            format!("compte parmi {} options, plafond {cap}", items.len()),
            format!("count among {} options, cap {cap}", items.len()),
        ),
        Rule::Manual { out_of, .. } => match out_of {
            Some(v) => {
                lang.pick(format!("note des évaluateurs sur {}", n(*v)), format!("evaluators' mark out of {}", n(*v)))
            }
            None => lang.pick("note des évaluateurs", "evaluators' mark").to_string(),
        },
        Rule::Price { method, n: multiple } => {
            let m = method.label(lang);
            match multiple {
                Some(k) => {
                    lang.pick(format!("prix, méthode {m}, n = {}", n(*k)), format!("price, {m} method, n = {}", n(*k)))
                }
                None => lang.pick(format!("prix, méthode {m}"), format!("price, {m} method")),
            }
        }
    }
}

#[cfg(test)]
mod tests;
