//! OCDS 1.1: a release with the tender's award criteria (core `tender.awardCriteria`), their
//! breakdown per lot (extension `awardCriteriaBreakdown`, which maps one to one to eForms BG-707),
//! the bid statistics (extension `bids`) and, once a winner is proposed, the award.

use jauge_analysis::Analysis;
use jauge_engine::Lang;
use serde::Serialize;

use crate::eforms::{CriterionType, LotCriteria, WeightKind};
use crate::{Asked, Drafted, LotOutcome, Missing, Standard};

/// An OCDS release (the fields Jauge fills).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Release {
    /// The contracting process's identifier: the publisher's prefix and its own id, from the
    /// record (`open_data.ocid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocid: Option<String>,
    /// The release's id: the buyer's reference of the procedure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the release was produced (the analysis's date).
    pub date: String,
    /// `award` once a winner is proposed, `tender` otherwise.
    pub tag: Vec<&'static str>,
    /// `tender`.
    #[serde(rename = "initiationType")]
    pub initiation_type: &'static str,
    /// `fr` or `en`.
    pub language: &'static str,
    /// The buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer: Option<Party>,
    /// The tender.
    pub tender: Tender,
    /// The bid statistics.
    pub bids: Bids,
    /// The proposed award of each lot that has one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
}

/// An organisation named.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Party {
    /// Its name.
    pub name: String,
}

/// The tender.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tender {
    /// The buyer's reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The tender's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `priceOnly`, `qualityOnly` or `ratedCriteria` (core code list `awardCriteria`).
    #[serde(rename = "awardCriteria")]
    pub award_criteria: &'static str,
    /// The lots, each with its criteria.
    pub lots: Vec<Lot>,
}

/// A lot with its award criteria.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lot {
    /// The lot's id.
    pub id: String,
    /// Its award criteria.
    #[serde(rename = "awardCriteria")]
    pub award_criteria: AwardCriteria,
}

/// A lot's award criteria (extension `awardCriteriaBreakdown`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AwardCriteria {
    /// The method, when a weight is not announced.
    #[serde(rename = "weightingDescription", skip_serializing_if = "Option::is_none")]
    pub weighting_description: Option<String>,
    /// The criteria.
    pub criteria: Vec<Criterion>,
}

/// One criterion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Criterion {
    /// `price`, `cost` or `quality`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Its name.
    pub name: String,
    /// What is asked and how it is marked.
    pub description: String,
    /// Its weight, when announced.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<Number>,
}

/// A weight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Number {
    /// The number.
    pub number: f64,
    /// `percentageExact` or `pointsExact`.
    pub weight: &'static str,
}

/// The bids (extension `bids`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bids {
    /// The statistics, per lot.
    pub statistics: Vec<Statistic>,
}

/// One statistic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statistic {
    /// Its id in the release.
    pub id: String,
    /// `bids`, `validBids`, `tendersAbnormallyLow`, `lowestValidBidValue`, `highestValidBidValue` (the
    /// bids extension's `statistic` code list).
    pub measure: &'static str,
    /// The value.
    pub value: f64,
    /// The currency, for a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'static str>,
    /// The lot.
    #[serde(rename = "relatedLot")]
    pub related_lot: String,
}

/// The proposed award of a lot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Award {
    /// `LOT-0001-award`.
    pub id: String,
    /// `pending`: proposed by the committee, not yet decided by the buyer's authority.
    pub status: &'static str,
    /// The proposed winner.
    pub suppliers: Vec<Party>,
    /// Its price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The lot.
    #[serde(rename = "relatedLots")]
    pub related_lots: Vec<String>,
}

/// An amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Value {
    /// The amount.
    pub amount: f64,
    /// `EUR`.
    pub currency: &'static str,
}

fn filled(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The release of the analysis.
pub fn release(analysis: &Analysis, criteria: &[LotCriteria], outcomes: &[LotOutcome], lang: Lang) -> Drafted<Release> {
    let p = &analysis.session.procedure;
    let mut missing = Vec::new();
    let ocid = p.open_data.get("ocid").and_then(|v| v.as_str()).and_then(filled);
    if ocid.is_none() {
        missing.push(Missing::new(Standard::Ocds, "ocid", Asked::OpenData("ocid".into())));
    }
    let id = filled(&p.reference);
    if id.is_none() {
        missing.push(Missing::new(Standard::Ocds, "id", Asked::Record("reference")));
    }
    let kinds: Vec<CriterionType> = criteria.iter().flat_map(|l| l.criteria.iter().map(|c| c.kind)).collect();
    let award_criteria = if kinds.iter().all(|k| *k == CriterionType::Price) {
        "priceOnly"
    } else if kinds.iter().all(|k| *k == CriterionType::Quality) {
        "qualityOnly"
    } else {
        "ratedCriteria"
    };
    let lots = criteria
        .iter()
        .map(|l| Lot {
            id: l.lot.clone(),
            award_criteria: AwardCriteria {
                weighting_description: l.calculation.clone(),
                criteria: l
                    .criteria
                    .iter()
                    .map(|c| Criterion {
                        kind: c.kind.code(),
                        name: c.name.clone(),
                        description: c.description.clone(),
                        numbers: c
                            .weight
                            .map(|w| Number {
                                number: w,
                                weight: match c.weight_kind {
                                    WeightKind::PercentExact => "percentageExact",
                                    WeightKind::PointsExact => "pointsExact",
                                },
                            })
                            .into_iter()
                            .collect(),
                    })
                    .collect(),
            },
        })
        .collect();
    if !crate::priced_excluding_vat(analysis) {
        missing.push(Missing::new(Standard::Ocds, "bids.statistics, awards.value", Asked::VatRate));
    }
    let mut statistics = Vec::new();
    let mut awards = Vec::new();
    for o in outcomes {
        let mut stat = |measure: &'static str, value: f64, currency: Option<&'static str>| {
            statistics.push(Statistic {
                id: (statistics.len() + 1).to_string(),
                measure,
                value,
                currency,
                related_lot: o.lot.clone(),
            })
        };
        // The bids extension's `statistic` code list: the irregular offers are the bids neither
        // valid nor excluded as abnormally low.
        stat("bids", o.received as f64, None);
        stat("validBids", o.received.saturating_sub(o.irregular + o.abnormally_low) as f64, None);
        stat("tendersAbnormallyLow", o.abnormally_low as f64, None);
        let prices: Vec<f64> = o.ranked.iter().filter_map(|t| t.price).collect();
        if let Some(low) = prices.iter().cloned().reduce(f64::min) {
            stat("lowestValidBidValue", crate::cents(low), Some("EUR"));
        }
        if let Some(high) = prices.iter().cloned().reduce(f64::max) {
            stat("highestValidBidValue", crate::cents(high), Some("EUR"));
        }
        if o.winners.is_empty() {
            missing.push(Missing::new(Standard::Ocds, format!("awards ({})", o.lot), Asked::Winner));
        }
        // A framework agreement with several holders: an award per holder.
        let several = o.winners.len() > 1;
        for (k, w) in o.winners.iter().filter_map(|w| o.ranked.get(*w)).enumerate() {
            awards.push(Award {
                id: if several { format!("{}-award-{}", o.lot, k + 1) } else { format!("{}-award", o.lot) },
                status: "pending",
                suppliers: vec![Party { name: w.supplier.clone() }],
                value: w.price.map(|amount| Value { amount: crate::cents(amount), currency: "EUR" }),
                related_lots: vec![o.lot.clone()],
            });
        }
    }
    missing.extend(crate::derived_ht(analysis, Standard::Ocds, "bids.statistics, awards.value"));
    let value = Release {
        ocid,
        id: id.clone(),
        date: analysis.generated_at.clone(),
        tag: vec![if awards.is_empty() { "tender" } else { "award" }],
        initiation_type: "tender",
        language: lang.pick("fr", "en"),
        buyer: filled(&p.buyer).map(|name| Party { name }),
        tender: Tender { id, title: filled(&p.tender), award_criteria, lots },
        bids: Bids { statistics },
        awards,
    };
    Drafted { value, missing }
}
