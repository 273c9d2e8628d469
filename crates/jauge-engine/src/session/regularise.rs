//! Regularisation of an irregular offer: the file the bidder sent in answer fills only the answers
//! whose absence made the offer irregular (a minimum requirement or the price left unanswered or
//! unreadable). An answer that was given cannot be changed by it (that would change the offer's
//! substantial characteristics), a new answer to a criterion that only earns points is not taken
//! (it would improve the offer), and an abnormally low offer cannot be regularised. An accepted
//! regularisation is applied wherever the session is evaluated.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Decision, DecisionKind, Outcome, Session};
use crate::error::Error;
use crate::grid::{Rule, normalise_id, same_id};
use crate::offer::{Offer, OfferId, Response};
use crate::report::{Flag, Status};
use crate::text::{Lang, Text, both};
use crate::validate::CheckedGrid;
use crate::value::{Context, interpret};

/// The file a bidder sent to regularise its offer, and the answers it supplies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Regularisation {
    /// The file's name.
    pub file: String,
    /// Its SHA-256.
    pub sha256: String,
    /// When it was received (YYYY-MM-DD).
    pub received: String,
    /// The answers it supplies, by criterion id: only answers missing or unreadable in the offer,
    /// on a minimum requirement or the price.
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub answers: BTreeMap<String, Response>,
    /// Criteria the file answers anew that only earn points: not taken.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<String>,
}

impl Session {
    /// Checks the file `sent` a bidder returned to regularise the offer `offer`, and
    /// says which answers it supplies. Refused, with every reason, when the offer is not irregular
    /// (nor waiting for its price on the compared tax basis), when the file changes an answer that
    /// was given (named, with both answers), when it supplies nothing that was missing, or when the
    /// completed offer would be possibly abnormally low or still irregular.
    pub fn regularise(
        &self,
        grid: &CheckedGrid,
        offer: &OfferId,
        sent: &Offer,
        received: &str,
    ) -> Result<Regularisation, Error> {
        let id = offer;
        let Some(offer) = self.offer(id) else {
            return Err(Error::NoSuchOffer { offer: id.clone() });
        };
        let name = &offer.supplier.name;
        let report = self.evaluate(grid);
        // An irregular offer, or a price stated on the other tax basis, whose amount the bidder states.
        let open = |o: &crate::report::OfferResult| {
            o.status == Status::Irregular || o.reasons.iter().any(|d| d.code == "price_basis_to_settle")
        };
        if !report.offers.iter().any(|o| o.id == *id && open(o)) {
            return Err(Error::NothingToRegularise { supplier: name.clone() });
        }
        let ctx = Context::of(grid.grid());
        let find = |o: &Offer, id: &str| o.responses.iter().find(|(k, _)| same_id(k, id)).map(|(_, r)| r.clone());
        let mut answers = BTreeMap::new();
        let mut ignored = Vec::new();
        let mut changed: Vec<Text> = Vec::new();
        for (_, c) in grid.grid().criteria() {
            let before = find(offer, &c.id);
            let after = find(sent, &c.id);
            let read_before = interpret(before.as_ref().and_then(|r| r.raw.as_ref()), &c.answer, &ctx);
            let read_after = interpret(after.as_ref().and_then(|r| r.raw.as_ref()), &c.answer, &ctx);
            let given = read_before.value.is_some() && read_before.problem.is_none();
            match (given, read_after.value.is_some()) {
                (true, true) if read_after.value != read_before.value => {
                    let shown = |r: &Option<Response>| {
                        r.as_ref().and_then(|r| r.raw.as_ref()).map(|r| r.display(Lang::Fr)).unwrap_or_default()
                    };
                    let (b, a) = (shown(&before), shown(&after));
                    changed.push(both(|l| match l {
                        Lang::Fr => format!("« {} » ({}) : « {b} » devient « {a} »", c.label.get(l), c.id),
                        Lang::En => format!("\"{}\" ({}): \"{b}\" becomes \"{a}\"", c.label.get(l), c.id),
                    }));
                }
                (false, true) => {
                    let needed = c.eliminatory.is_some() || matches!(c.rule, Rule::Price { .. });
                    match after {
                        Some(r) if needed => {
                            answers.insert(c.id.clone(), r);
                        }
                        _ => ignored.push(c.id.clone()),
                    }
                }
                _ => {}
            }
        }
        if !changed.is_empty() {
            return Err(Error::ChangesAnswers { file: sent.source.clone(), supplier: name.clone(), changes: changed });
        }
        if answers.is_empty() {
            return Err(Error::CompletesNothing { file: sent.source.clone(), supplier: name.clone() });
        }
        let done = Regularisation {
            file: sent.source.clone(),
            sha256: sent.sha256.clone().unwrap_or_default(),
            received: received.to_string(),
            answers,
            ignored,
        };
        // Evaluated among the others, as it would be once regularised: a regularisation that
        // leaves the offer irregular cures nothing, and an abnormally low offer cannot have one.
        let others: Vec<Offer> =
            self.kept().into_iter().map(|o| if o.id == *id { completed(offer, &done) } else { o }).collect();
        let after = crate::evaluate::evaluate(grid, &others);
        let this = after.offers.iter().find(|o| o.id == *id);
        if this.is_some_and(|o| o.flags.contains(&Flag::AbnormallyLow)) {
            return Err(Error::WouldBeAbnormallyLow { supplier: name.clone() });
        }
        if let Some(o) = this.filter(|o| o.status == Status::Irregular) {
            let reasons = o
                .reasons
                .iter()
                .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                .map(|d| d.message.clone())
                .collect();
            return Err(Error::WouldRemainIrregular { file: sent.source.clone(), supplier: name.clone(), reasons });
        }
        Ok(done)
    }

    /// The accepted regularisation of an offer, if its last regularisation decision accepted one
    /// with the file the bidder sent.
    pub fn regularisation(&self, offer: &OfferId) -> Option<&Regularisation> {
        self.decisions
            .iter()
            .rev()
            .find(|d| d.offer == *offer && d.kind == DecisionKind::Regularisation)
            .filter(|d| d.outcome == Outcome::Accepted)
            .and_then(|d| d.regularisation.as_ref())
    }

    /// The regularisation decisions accepted without the file the bidder sent: nothing was
    /// completed, so the offer is evaluated as received.
    pub fn regularised_without_file(&self) -> Vec<&Decision> {
        self.decisions
            .iter()
            .filter(|d| d.kind == DecisionKind::Regularisation && d.outcome == Outcome::Accepted)
            .filter(|d| d.regularisation.is_none())
            .collect()
    }
}

/// The offer with the answers its accepted regularisation supplies.
pub(super) fn completed(offer: &Offer, r: &Regularisation) -> Offer {
    let mut o = offer.clone();
    for (id, response) in &r.answers {
        o.responses.retain(|k, _| normalise_id(k) != normalise_id(id));
        o.responses.insert(id.clone(), response.clone());
    }
    o
}
