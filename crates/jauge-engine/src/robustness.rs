//! How robust a ranking is: for each family, the smallest change of its weight (the other
//! families rescaled so the scale stays the same) that would change the winner; the ranking under
//! each price method side by side; the effective weight of each family (the spread of the marks
//! actually given against its nominal weight), with the warning that case law calls for when a
//! method neutralises a weight (CE 3 Nov 2014 n°373362).

use crate::law::{Law, cite};
use serde::{Deserialize, Serialize};

use crate::evaluate::{Options, evaluate_with, ranking_under};
use crate::grid::PriceMethod;
use crate::offer::Offer;
use crate::report::{OfferResult, Report, Status};
use crate::text::{Lang, Text, both, number, points};
use crate::validate::CheckedGrid;

/// A family's spread below this share of its weight neutralises it…
const NEUTRALISED: f64 = 0.10;
/// …when another family's spread reaches at least this share of its own weight.
const WIDE: f64 = 0.25;

/// The robustness of a report's ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Robustness {
    /// The winner (rank 1), if any offer is ranked.
    pub winner: Option<String>,
    /// Per family: effective weight and the weight change that changes the winner.
    pub families: Vec<FamilySensitivity>,
    /// The ranking under each price method.
    pub methods: Vec<MethodRanking>,
}

/// One family's weight, as announced and as it acts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilySensitivity {
    /// Family id.
    pub id: String,
    /// Family label.
    pub label: Text,
    /// Nominal weight (the points the family is worth).
    pub weight: f64,
    /// Spread of the points actually given among ranked offers (highest − lowest).
    pub spread: f64,
    /// The smallest increase of the weight, in points, that changes the winner, and who would win.
    pub increase: Option<Flip>,
    /// The smallest decrease of the weight, in points, that changes the winner, and who would win.
    pub decrease: Option<Flip>,
    /// The legal warning when this family's weight is neutralised by the marks given.
    pub warning: Option<Text>,
}

/// A weight change that hands the first rank to another offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flip {
    /// The change of the family's weight, in points (positive).
    pub points: f64,
    /// The offer that would then rank first.
    pub new_winner: String,
}

/// The ranking under one price method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MethodRanking {
    /// The method.
    pub method: PriceMethod,
    /// Offers (supplier, rank, total) in the report's order.
    pub offers: Vec<(String, Option<u32>, f64)>,
}

impl FamilySensitivity {
    /// The increase of the weight in words: `+6,84 → Ker Développement` when it hands the lead
    /// over, `stable jusqu'à +86` when no increase within the scale (`scale`: the grid's total) does.
    pub fn increase(&self, scale: f64, lang: Lang) -> String {
        change(self.increase.as_ref(), "+", scale - self.weight, lang)
    }

    /// The family's robustness in one line, as the app, the CLI and the simulation show it:
    /// `Sobriété (/12) : écart des notes 4 ; poids +6,84 → Ker Développement ; stable jusqu'à −12`,
    /// and the neutralised-weight warning when there is one.
    pub fn line(&self, scale: f64, lang: Lang) -> String {
        let warning = self.warning.as_ref().map(|w| format!(" — {}", w.get(lang))).unwrap_or_default();
        format!(
            "{} (/{}){}{} {} ; {} {} ; {}{warning}",
            self.label.get(lang),
            number(self.weight, 2, lang),
            crate::text::colon(lang),
            lang.pick("écart des notes", "spread of marks"),
            number(self.spread, 2, lang),
            lang.pick("poids", "weight"),
            self.increase(scale, lang),
            self.decrease(lang)
        )
    }

    /// The family's robustness in a plain sentence, for a reader who has not met the figures:
    /// "Sobriété (12 points) : les notes données y diffèrent d'au plus 4 points ; 6,84 points de plus
    /// à son poids mettraient Ker Développement en tête ; aucune baisse (jusqu'à 12 points) ne change
    /// l'offre en tête."
    pub fn sentence(&self, scale: f64, lang: Lang) -> String {
        let (label, weight, spread) = (self.label.get(lang), points(self.weight, lang), points(self.spread, lang));
        let up = match &self.increase {
            Some(f) => lang.pick(
                format!(
                    "{} de plus à son poids {} {} en tête",
                    points(f.points, lang),
                    would_put(f.points),
                    f.new_winner
                ),
                format!("{} more on its weight would put {} first", points(f.points, lang), f.new_winner),
            ),
            None => {
                let room = points(scale - self.weight, lang);
                lang.pick(
                    format!("aucune hausse de son poids (jusqu'à {room} de plus) ne change l'offre en tête"),
                    format!("no increase of its weight (up to {room} more) changes the offer ranked first"),
                )
            }
        };
        let down = match &self.decrease {
            Some(f) => lang.pick(
                format!("{} de moins {} {} en tête", points(f.points, lang), would_put(f.points), f.new_winner),
                format!("{} less would put {} first", points(f.points, lang), f.new_winner),
            ),
            None => lang.pick(
                format!("aucune baisse (jusqu'à {weight} de moins) ne la change"),
                format!("no decrease (up to {weight} less) changes it"),
            ),
        };
        let warning = self.warning.as_ref().map(|w| format!(" {}", w.get(lang))).unwrap_or_default();
        lang.pick(
            format!("{label} ({weight}) : les notes données y diffèrent d'au plus {spread} ; {up} ; {down}.{warning}"),
            format!("{label} ({weight}): the marks given differ by at most {spread}; {up}; {down}.{warning}"),
        )
    }

    /// The decrease of the weight in words, as [`FamilySensitivity::increase`].
    pub fn decrease(&self, lang: Lang) -> String {
        change(self.decrease.as_ref(), "−", self.weight, lang)
    }
}

/// "mettrait" or "mettraient", agreed with a number of points.
fn would_put(points: f64) -> &'static str {
    if crate::text::singular(points, Lang::Fr) { "mettrait" } else { "mettraient" }
}

fn change(flip: Option<&Flip>, sign: &str, room: f64, lang: Lang) -> String {
    match flip {
        Some(f) => format!("{sign}{} → {}", number(f.points, 2, lang), f.new_winner),
        None => format!("{}{sign}{}", lang.pick("stable jusqu'à ", "stable up to "), number(room, 2, lang)),
    }
}

/// Computes the robustness of the ranking of `offers` against `grid` (as graded by `report`, their
/// [`crate::evaluate`]); the rankings under the other price methods come from the report's marks,
/// without evaluating again.
pub fn robustness(grid: &CheckedGrid, offers: &[Offer], report: &Report) -> Robustness {
    let ranked: Vec<&OfferResult> = report.offers.iter().filter(|o| o.status == Status::Ranked).collect();
    let winner = ranked.iter().find(|o| o.rank == Some(1)).copied();
    let scale = report.grid.scale;
    let spreads: Vec<(f64, f64)> = report
        .offers
        .first()
        .map(|o| {
            (0..o.families.len())
                .map(|i| {
                    let points = ranked.iter().filter_map(|o| o.families.get(i)).map(|f| f.points);
                    let (lo, hi) =
                        points.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| (lo.min(p), hi.max(p)));
                    (o.families[i].max, if hi >= lo { hi - lo } else { 0.0 })
                })
                .collect()
        })
        .unwrap_or_default();
    let families = report
        .offers
        .first()
        .map(|first| {
            first
                .families
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let (weight, spread) = spreads[i];
                    let others_wide =
                        spreads.iter().enumerate().any(|(j, (w, s))| j != i && *w > 0.0 && *s >= WIDE * w);
                    // Offers that answered the family's criteria alike are genuinely equal there:
                    // equal marks for them are not a neutralisation (only a method that
                    // compresses different answers is).
                    let alike = |c: &crate::report::CriterionResult| {
                        ranked.iter().all(|o| {
                            o.criteria.iter().find(|d| d.id == c.id).is_some_and(|d| d.value == c.value && d.mark == c.mark)
                        })
                    };
                    let equal_answers = ranked.first().is_some_and(|o| {
                        let mut answers = o.criteria.iter().filter(|c| c.family == f.id).peekable();
                        answers.peek().is_some() && answers.all(alike)
                    });
                    let neutralised = ranked.len() >= 2
                        && weight > 0.0
                        && spread < NEUTRALISED * weight
                        && others_wide
                        && !equal_answers;
                    let warning = neutralised.then(|| {
                        both(|l| {
                            l.pick(format!(
                                "famille « {} » : les notes données ne s'écartent que de {} points sur {} (moins de 10 % de son poids) quand d'autres familles départagent largement ; la méthode de notation ne doit pas neutraliser la pondération annoncée ({})",
                                f.label.fr,
                                number(spread, 2, l),
                                number(weight, 2, l),
                                cite(Law::Ce373362)
                            ), format!(
                                "family \"{}\": the marks given differ by only {} points out of {} (under 10% of its weight) while other families separate the offers widely; the scoring method must not neutralise the announced weighting ({})",
                                f.label.get(Lang::En),
                                number(spread, 2, l),
                                number(weight, 2, l),
                                cite(Law::Ce373362)
                            ))
                        })
                    });
                    let (increase, decrease) = winner.map_or((None, None), |w| flips(i, weight, scale, w, &ranked));
                    FamilySensitivity {
                        id: f.id.clone(),
                        label: f.label.clone(),
                        weight,
                        spread,
                        increase,
                        decrease,
                        warning,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    // Each method's ranking from the report's marks; a report that is not this grid's is evaluated
    // again.
    let methods = PriceMethod::ALL
        .iter()
        .map(|&method| {
            let offers = ranking_under(grid, report, method).unwrap_or_else(|| {
                let r = evaluate_with(grid, offers, Options { price_method: Some(method) });
                r.offers.iter().map(|o| (o.supplier.clone(), o.rank, o.total)).collect()
            });
            MethodRanking { method, offers }
        })
        .collect();
    Robustness { winner: winner.map(|w| w.supplier.clone()), families, methods }
}

/// The smallest increase and decrease of family `i`'s weight that let another ranked offer overtake
/// the winner. With the fractions earned fixed, a change δ scales the family's points by
/// (W + δ) / W and the other families' by (S − W − δ) / (S − W): each offer's total is linear in δ,
/// so each rival overtakes at one δ, if any within [−W, S − W].
fn flips(
    i: usize,
    weight: f64,
    scale: f64,
    winner: &OfferResult,
    ranked: &[&OfferResult],
) -> (Option<Flip>, Option<Flip>) {
    let rest = scale - weight;
    if weight <= 0.0 || rest <= 0.0 {
        return (None, None);
    }
    let parts = |o: &OfferResult| {
        let family = o.families.get(i).map_or(0.0, |f| f.points);
        (family, o.total - family)
    };
    let (fw, rw) = parts(winner);
    let (mut up, mut down): (Option<Flip>, Option<Flip>) = (None, None);
    for o in ranked.iter().filter(|o| o.source != winner.source) {
        let (fo, ro) = parts(o);
        // d(δ) = total_o(δ) − total_w(δ) = a + b·δ
        let a = (fo + ro) - (fw + rw);
        let b = (fo - fw) / weight - (ro - rw) / rest;
        if b.abs() < 1e-12 {
            continue;
        }
        let delta = -a / b;
        let keep = |slot: &mut Option<Flip>, points: f64| {
            if slot.as_ref().is_none_or(|f| points < f.points) {
                *slot = Some(Flip { points, new_winner: o.supplier.clone() });
            }
        };
        // The rival gains when moving in the direction where d grows.
        if b > 0.0 && delta >= 0.0 && delta <= rest {
            keep(&mut up, delta);
        } else if b < 0.0 && delta <= 0.0 && -delta <= weight {
            keep(&mut down, -delta);
        }
    }
    (up, down)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{FamilyResult, GridIdentity};

    fn offer(name: &str, a: f64, b: f64, rank: u32) -> OfferResult {
        let family = |id: &str, points: f64| FamilyResult {
            id: id.into(),
            label: Text { fr: id.into(), en: Some(id.into()) },
            points,
            max: 50.0,
        };
        OfferResult {
            id: crate::OfferId::of_name(name),
            supplier: name.into(),
            siret: None,
            source: format!("{name}.json"),
            variant: None,
            sha256: None,
            status: Status::Ranked,
            total: a + b,
            rank: Some(rank),
            reasons: Vec::new(),
            flags: Vec::new(),
            notes: Vec::new(),
            families: vec![family("a", a), family("b", b)],
            criteria: Vec::new(),
            reachable: None,
            exact: a + b,
        }
    }

    #[test]
    fn the_weight_change_that_hands_the_lead_over_is_computed_by_hand() {
        // Two families of 50 on a scale of 100. X: 40 + 20 = 60; Y: 20 + 35 = 55.
        // Family a's weight 50 + δ: X = 40(50+δ)/50 + 20(50−δ)/50, Y = 20(50+δ)/50 + 35(50−δ)/50.
        // d = Y − X = −5 + δ(−20/50 − 15/50) = −5 − 0.7δ → Y overtakes when a loses 5/0.7 = 7.142857 points.
        let x = offer("X", 40.0, 20.0, 1);
        let y = offer("Y", 20.0, 35.0, 2);
        let ranked = [&x, &y];
        let (up, down) = flips(0, 50.0, 100.0, &x, &ranked);
        assert!(up.is_none(), "raising a only widens X's lead");
        let down = down.expect("a decrease hands the lead to Y");
        assert!((down.points - 5.0 / 0.7).abs() < 1e-9, "{}", down.points);
        assert_eq!(down.new_winner, "Y");
        // Family b: d = −5 + δ(15/50 + 20/50) = −5 + 0.7δ → Y overtakes when b gains 7.142857 points.
        let (up, down) = flips(1, 50.0, 100.0, &x, &ranked);
        assert!((up.as_ref().expect("an increase").points - 5.0 / 0.7).abs() < 1e-9);
        assert!(down.is_none());
        // In words: the flip, or how far the weight can move without changing the winner.
        let b = FamilySensitivity {
            id: "b".into(),
            label: Text::new("b", "b"),
            weight: 50.0,
            spread: 15.0,
            increase: up,
            decrease: down,
            warning: None,
        };
        assert_eq!(b.increase(100.0, Lang::Fr), "+7,14 → Y");
        assert_eq!(b.decrease(Lang::Fr), "stable jusqu'à −50");
        assert_eq!(b.decrease(Lang::En), "stable up to −50");
        assert_eq!(
            b.sentence(100.0, Lang::Fr),
            "b (50 points) : les notes données y diffèrent d'au plus 15 points ; 7,14 points de plus à son poids mettraient Y en tête ; aucune baisse (jusqu'à 50 points de moins) ne la change."
        );
        assert_eq!(
            b.sentence(100.0, Lang::En),
            "b (50 points): the marks given differ by at most 15 points; 7.14 points more on its weight would put Y first; no decrease (up to 50 points less) changes it."
        );
    }

    #[test]
    fn a_rival_that_cannot_overtake_within_the_scale_gives_no_flip() {
        // X leads in both families: no weight change can put Y first.
        let x = offer("X", 45.0, 45.0, 1);
        let y = offer("Y", 10.0, 10.0, 2);
        assert_eq!(flips(0, 50.0, 100.0, &x, &[&x, &y]), (None, None));
    }

    #[test]
    fn a_family_whose_marks_barely_differ_is_flagged_as_neutralised() {
        // Family a: spread 2 (< 10 % of 50); family b: spread 30 (≥ 25 % of 50).
        let report = report_of(vec![offer("X", 40.0, 45.0, 1), offer("Y", 38.0, 15.0, 2)]);
        let grid = crate::validate::CheckedGrid::from_json(include_str!("../../../criteria/hebergement.json"))
            .expect("a valid grid");
        let r = robustness(&grid, &[], &report);
        assert_eq!(r.winner.as_deref(), Some("X"));
        assert!(
            r.families[0].warning.as_ref().is_some_and(|w| w.fr.contains("2 points sur 50")),
            "{:?}",
            r.families[0]
        );
        assert!(r.families[1].warning.is_none());
        assert_eq!(r.families[0].spread, 2.0);
        assert_eq!(r.methods.len(), 3);
    }

    /// A report of these offers on a grid of 100 points.
    fn report_of(offers: Vec<OfferResult>) -> Report {
        Report {
            format: crate::report::REPORT_FORMAT_V1.into(),
            grid: GridIdentity {
                id: "g".into(),
                version: "1".into(),
                fingerprint: String::new(),
                title: Text { fr: "G".into(), en: Some("G".into()) },
                publisher: String::new(),
                scale: 100.0,
                price_basis: crate::grid::PriceBasis::Ttc,
            },
            warnings: Vec::new(),
            price: Vec::new(),
            offers,
        }
    }

    /// A criterion result of family `a` with the answer `value`.
    fn answer(value: serde_json::Value) -> crate::report::CriterionResult {
        crate::report::CriterionResult {
            id: "a-1".into(),
            family: "a".into(),
            raw: Some(value.to_string()),
            location: None,
            comment: None,
            value,
            value_text: None,
            rule: Text::default(),
            fraction: 1.0,
            points: 50.0,
            max: 50.0,
            explanation: Default::default(),
            notes: Vec::new(),
            problem: None,
            eliminatory: None,
            mark: None,
            unmatched: None,
            marked_out_of: None,
        }
    }

    #[test]
    fn offers_that_answered_alike_are_equal_not_neutralised() {
        let report = |y: serde_json::Value| {
            let (mut x, mut yy) = (offer("X", 50.0, 45.0, 1), offer("Y", 50.0, 15.0, 2));
            x.criteria.push(answer(serde_json::json!(true)));
            yy.criteria.push(answer(y));
            report_of(vec![x, yy])
        };
        let grid = crate::validate::CheckedGrid::from_json(include_str!("../../../criteria/hebergement.json"))
            .expect("a valid grid");
        // Both answered « oui »: 50 and 50 are the marks of equal offers.
        assert!(robustness(&grid, &[], &report(serde_json::json!(true))).families[0].warning.is_none());
        // Different answers marked alike: the method compresses them.
        assert!(robustness(&grid, &[], &report(serde_json::json!(false))).families[0].warning.is_some());
    }
}
