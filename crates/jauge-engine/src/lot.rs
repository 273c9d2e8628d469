//! Lots: one grid whose lots each use a subset of its criteria with their own weights, each lot
//! evaluated on its own (its ranking, its abnormally-low detection, its winner), marks never
//! combined across lots (L2113-10, L2152-7 in the law table).
//!
//! A lot's grid ([`lot_grid`]) is the grid restricted to the lot's criteria, with the lot's
//! weights and without lots: every evaluation path works on it unchanged. The checks of a grid
//! with lots ([`problems`]) are those of each lot's grid plus the lot's own fields.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::grid::{Grid, Lot, normalise_id};
use crate::law::{Law, cite};
use crate::offer::{Offer, OfferId};
use crate::report::Report;
use crate::text::{Text, both};
use crate::validate::CheckedGrid;

/// The grid of one lot: the lot's criteria (in grid order, families left empty removed), each
/// with the lot's weight, and no lots. Criteria the lot names that the grid lacks are ignored
/// here ([`problems`] reports them).
pub fn lot_grid(grid: &Grid, lot: &Lot) -> Grid {
    let wanted: Option<BTreeSet<String>> =
        lot.criteria.as_ref().map(|ids| ids.iter().map(|id| normalise_id(id)).collect());
    let weights: BTreeMap<String, f64> = lot.weights.iter().map(|(id, w)| (normalise_id(id), *w)).collect();
    let mut out = grid.clone();
    out.lots = Vec::new();
    out.framework = lot.framework.or(grid.framework);
    // A lot's grid is a part of a `jauge-grid/2` grid, whatever the file declares (its warning
    // about the declared version is the whole grid's, once).
    out.format = crate::grid::FORMAT_V2.to_string();
    for family in &mut out.families {
        family.criteria.retain(|c| wanted.as_ref().is_none_or(|w| w.contains(&normalise_id(&c.id))));
        for c in &mut family.criteria {
            if let Some(w) = weights.get(&normalise_id(&c.id)) {
                c.weight = *w;
            }
        }
    }
    out.families.retain(|f| !f.criteria.is_empty());
    out
}

/// A framework agreement announced with no holder.
pub(crate) fn no_holders() -> Text {
    Text::new(
        "un accord-cadre a au moins un titulaire : indiquer le nombre maximal de titulaires annoncé",
        "a framework agreement has at least one holder: give the most holders the tender documents announce",
    )
}

/// "lot 1 : " before a message, in both languages.
fn in_lot(id: &str, message: &Text) -> Text {
    both(|l| format!("{}{}", l.pick(format!("lot « {id} » : "), format!("lot \"{id}\": ")), message.get(l)))
}

fn bad(code: &str, field: String, message: Text) -> Diagnostic {
    Diagnostic::new(code, Severity::Error, message).field(&field)
}

/// The problems of a grid's lots, each naming the lot and its field: an invalid or duplicate id, a
/// title without French, a negative estimate, a criterion id or a weight the grid does not know,
/// a weight for a criterion the lot does not use, a lot without criteria; then, for each lot's
/// grid, the weights that do not add up to the scale, a missing price criterion and a tie-break
/// rule naming a criterion or family the lot does not have.
pub fn problems(grid: &Grid) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, lot) in grid.lots.iter().enumerate() {
        let at = |field: &str| format!("lots[{i}].{field}");
        if crate::validate::identifier(&lot.id).is_err() {
            out.push(bad(
                "invalid_identifier",
                at("id"),
                both(|l| {
                    l.pick(
                        format!(
                            "identifiant de lot « {} » invalide : lettres, chiffres, « - », « _ » et « . » seulement",
                            lot.id
                        ),
                        format!("invalid lot identifier \"{}\": letters, digits, \"-\", \"_\" and \".\" only", lot.id),
                    )
                }),
            ));
        }
        if !seen.insert(lot.id.clone()) {
            out.push(bad(
                "duplicate_lot",
                at("id"),
                both(|l| l.pick(format!("lot « {} » en double", lot.id), format!("duplicate lot \"{}\"", lot.id))),
            ));
        }
        if lot.title.fr.trim().is_empty() {
            out.push(bad(
                "missing_french",
                at("title.fr"),
                in_lot(
                    &lot.id,
                    &Text::new("le titre français est absent ou vide", "the French title is missing or empty"),
                ),
            ));
        }
        if lot.estimate.is_some_and(|e| !(e >= 0.0 && e.is_finite())) {
            out.push(bad(
                "lot_estimate",
                at("estimate"),
                in_lot(
                    &lot.id,
                    &Text::new("l'estimation doit être un montant positif", "the estimate must be a positive amount"),
                ),
            ));
        }
        if lot.framework.is_some_and(|f| f.holders == 0) {
            out.push(bad("framework_holders", at("framework.holders"), in_lot(&lot.id, &no_holders())));
        }
        let uses: Option<BTreeSet<String>> =
            lot.criteria.as_ref().map(|ids| ids.iter().map(|id| normalise_id(id)).collect());
        for id in lot.criteria.iter().flatten() {
            if grid.criterion(id).is_none() {
                out.push(bad("lot_unknown_criterion", at("criteria"), unknown(&lot.id, id)));
            }
        }
        if lot.criteria.as_ref().is_some_and(Vec::is_empty) {
            out.push(bad(
                "lot_no_criterion",
                at("criteria"),
                in_lot(&lot.id, &Text::new("le lot n'utilise aucun critère", "the lot uses no criterion")),
            ));
        }
        for (id, weight) in &lot.weights {
            let field = at(&format!("weights.{id}"));
            if grid.criterion(id).is_none() {
                out.push(bad("lot_unknown_criterion", field, unknown(&lot.id, id)));
            } else if uses.as_ref().is_some_and(|u| !u.contains(&normalise_id(id))) {
                out.push(bad(
                    "lot_weight_unused",
                    field,
                    in_lot(
                        &lot.id,
                        &both(|l| {
                            l.pick(
                                format!("un poids est donné au critère « {id} », que le lot n'utilise pas"),
                                format!("a weight is given to criterion \"{id}\", which the lot does not use"),
                            )
                        }),
                    ),
                ));
            } else if !(*weight > 0.0 && weight.is_finite()) {
                out.push(bad(
                    "lot_weight",
                    field,
                    in_lot(
                        &lot.id,
                        &both(|l| {
                            l.pick(
                                format!("le poids du critère « {id} » doit être positif"),
                                format!("the weight of criterion \"{id}\" must be positive"),
                            )
                        }),
                    ),
                ));
            }
        }
        // The rules that span the lot's criteria, checked on its grid.
        let own = lot_grid(grid, lot);
        for d in crate::validate::problems(&own) {
            if !matches!(d.code.as_str(), "weights_sum" | "no_price_criterion" | "tie_break_unknown") {
                continue;
            }
            let field = match d.code.as_str() {
                "weights_sum" => at("weights"),
                "no_price_criterion" => at("criteria"),
                _ => "ties.break_by".to_string(),
            };
            out.push(Diagnostic { message: in_lot(&lot.id, &d.message), ..d }.field(&field));
        }
    }
    out
}

fn unknown(lot: &str, id: &str) -> Text {
    in_lot(
        lot,
        &both(|l| {
            l.pick(
                format!("le critère « {id} » n'existe pas dans la grille"),
                format!("criterion \"{id}\" is not in the grid"),
            )
        }),
    )
}

/// The warnings of a grid with lots: each lot's grid's, naming the lot, once each.
pub fn warnings(grid: &Grid) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    for lot in &grid.lots {
        for d in crate::validate::warnings(&lot_grid(grid, lot)) {
            let d = Diagnostic { message: in_lot(&lot.id, &d.message), ..d };
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}

/// The warning of an evaluation of a whole grid with lots: its ranking combines the lots' criteria
/// and is no lot's; each lot is evaluated on its own ([`evaluate_lots`]).
pub fn combined_warning() -> Diagnostic {
    Diagnostic::new(
        "lots_combined",
        Severity::Blocking,
        both(|l| {
            l.pick(
                format!("la grille a des lots : ce classement mêle les critères de tous les lots et ne vaut pour aucun ; les offres sont jugées lot par lot ({})", cite(Law::L2113_10)),
                format!("the grid has lots: this ranking mixes every lot's criteria and holds for none; offers are judged lot by lot ({})", cite(Law::L2113_10)),
            )
        }),
    )
}

/// Who a lot is, as reports name it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LotIdentity {
    /// The lot's id.
    pub id: String,
    /// The lot's title.
    pub title: Text,
    /// The buyer's estimate, in euros excluding taxes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<f64>,
}

impl LotIdentity {
    /// The identity of a grid's lot.
    pub fn of(lot: &Lot) -> LotIdentity {
        LotIdentity { id: lot.id.clone(), title: lot.title.clone(), estimate: lot.estimate }
    }
}

/// One lot's evaluation: the lot and its report (`jauge-report/1`, on the lot's criteria and
/// weights, its grid identity the whole grid's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LotReport {
    /// The lot.
    pub lot: LotIdentity,
    /// Its evaluation.
    pub report: Report,
}

/// An offer that no lot can score: it names no lot, or a lot the grid does not have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Unassigned {
    /// The offer's identity.
    pub id: OfferId,
    /// Its file name.
    pub source: String,
    /// The supplier.
    pub supplier: String,
    /// The lot it names, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Why no lot scores it.
    pub reason: Text,
}

/// The evaluation of a grid with lots: one report per lot, in the grid's order, and the offers no
/// lot scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LotsReport {
    /// Each lot's evaluation.
    pub lots: Vec<LotReport>,
    /// Offers that name no lot of the grid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unassigned: Vec<Unassigned>,
}

/// Evaluates each lot of the grid on the offers for that lot only ([`Offer::lot`]): its own
/// criteria, weights, price comparison, abnormally-low detection and ranking. A grid without lots
/// gives one report, under a lot `""` titled as the grid, equal to [`crate::evaluate`]'s.
pub fn evaluate_lots(checked: &CheckedGrid, offers: &[Offer]) -> LotsReport {
    let grid = checked.grid();
    if grid.lots.is_empty() {
        let lot = LotIdentity { id: String::new(), title: grid.title.clone(), estimate: None };
        return LotsReport {
            lots: vec![LotReport { lot, report: crate::evaluate(checked, offers) }],
            unassigned: Vec::new(),
        };
    }
    let lots = grid
        .lots
        .iter()
        .filter_map(|lot| {
            let own = checked.lot(&lot.id)?;
            let mine: Vec<Offer> =
                offers.iter().filter(|o| o.lot.as_deref() == Some(lot.id.as_str())).cloned().collect();
            Some(LotReport { lot: LotIdentity::of(lot), report: crate::evaluate(&own, &mine) })
        })
        .collect();
    LotsReport { lots, unassigned: unassigned(grid, offers) }
}

/// The offers no lot of a grid with lots scores: those that name no lot, or a lot the grid does
/// not have.
pub fn unassigned(grid: &Grid, offers: &[Offer]) -> Vec<Unassigned> {
    unassigned_in(grid, offers, |o| o.lot.as_deref())
}

/// The same, each offer judged in the lot `lot_of` gives it (a session's, once its decisions
/// assign lots: [`crate::session::Session::unassigned`]).
pub fn unassigned_in<'a>(
    grid: &Grid,
    offers: &'a [Offer],
    lot_of: impl Fn(&'a Offer) -> Option<&'a str>,
) -> Vec<Unassigned> {
    offers
        .iter()
        .map(|o| (o, lot_of(o)))
        .filter(|(_, lot)| lot.is_none_or(|l| grid.lot(l).is_none()))
        .map(|(o, lot)| Unassigned {
            id: o.id.clone(),
            source: o.source.clone(),
            supplier: o.supplier.name.clone(),
            lot: lot.map(String::from),
            reason: match lot {
                None => both(|l| {
                    l.pick(
                        format!(
                            "l'offre ne dit pas à quel lot elle répond : les offres sont jugées lot par lot ({})",
                            cite(Law::L2113_10)
                        ),
                        format!(
                            "the offer does not say which lot it answers: offers are judged lot by lot ({})",
                            cite(Law::L2113_10)
                        ),
                    )
                }),
                Some(id) => both(|l| {
                    l.pick(
                        format!("l'offre répond au lot « {id} », que la grille n'a pas"),
                        format!("the offer answers lot \"{id}\", which the grid does not have"),
                    )
                }),
            },
        })
        .collect()
}
