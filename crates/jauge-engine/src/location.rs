//! Criteria that prefer a place, checked on a valid grid: a criterion favouring nearby bidders
//! (distance, presence in the département or region) breaches equal treatment (CE 12 Sept. 2018
//! n°420585), and one that scores places of the European Union differently — France above the rest
//! of the Union — is a data localisation requirement the EU bans unless public security justifies
//! it (Regulation (EU) 2018/1807, art. 3 and 4). Both are warnings: the words of a criterion are
//! read, not its intent, and the buyer decides.

use crate::diagnostic::{Diagnostic, Severity};
use crate::grid::{Answer, Criterion, Grid, Rule};
use crate::law::{Law, cite, cite_in};
use crate::text::{both, quoted};
use crate::value::normalise;

/// Words of a criterion's label or question that measure nearness: (normalised, as written).
const NEARNESS: [(&str, &str); 11] = [
    ("proximite", "proximité"),
    ("distance", "distance"),
    ("eloignement", "éloignement"),
    ("km", "km"),
    ("kilometre", "kilomètre"),
    ("kilometres", "kilomètres"),
    ("departement", "département"),
    ("departemental", "départemental"),
    ("region", "région"),
    ("regional", "régional"),
    ("implantation", "implantation"),
];

/// The warnings of `grid`'s criteria that prefer a place.
pub fn warnings(grid: &Grid) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (_, c) in grid.criteria() {
        if let Some(words) = nearness(c) {
            out.push(
                Diagnostic::new(
                    "local_preference",
                    Severity::Warning,
                    both(|l| {
                        let law = cite(Law::Ce420585);
                        l.pick(
                            format!("ce critère semble favoriser les candidats proches (« {words} ») : un critère de proximité géographique méconnaît l'égalité de traitement ({law}) ; demander plutôt un résultat (délai d'intervention sur site quand un travail sur site est nécessaire, assistance en français à des horaires fixés)"),
                            format!("this criterion seems to favour nearby bidders (\"{words}\"): a criterion of geographic nearness breaches equal treatment ({law}); ask for an outcome instead (on-site intervention time where on-site work is needed, support in French during set hours)"),
                        )
                    }),
                )
                .criterion(&c.id),
            );
        }
        if let Some((national, others)) = national_preference(c) {
            out.push(
                Diagnostic::new(
                    "data_localisation",
                    Severity::Warning,
                    both(|l| {
                        let law = cite_in(Law::Eu2018_1807, l);
                        let (national, others) = (quoted(&national, l), quoted(&others, l));
                        l.pick(
                            format!("ce critère note {national} au-dessus d'autres lieux de l'Union européenne ({others}) : exiger ou favoriser la localisation des données dans un État membre est interdit, y compris en matière de marchés publics, sauf motif de sécurité publique proportionné ({law}) ; noter de même tout lieu de l'Union et, pour des données sensibles, demander la qualification SecNumCloud ou une protection équivalente contre les lois extra-européennes"),
                            format!("this criterion scores {national} above other places of the European Union ({others}): requiring or favouring data localisation in one Member State is banned, public procurement included, unless public security justifies it proportionately ({law}); score every place of the Union alike and, for sensitive data, ask for SecNumCloud qualification or equivalent protection from non-EU laws"),
                        )
                    }),
                )
                .criterion(&c.id),
            );
        }
    }
    out
}

/// The first word of `c`'s French label or question that measures nearness, if any.
fn nearness(c: &Criterion) -> Option<&'static str> {
    let text = normalise(&format!("{} {}", c.label.fr, c.question.fr));
    let words: Vec<&str> = text.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    NEARNESS.into_iter().find(|(n, _)| words.contains(n)).map(|(_, written)| written)
}

/// Where an option of a choice lies, by its words.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// France alone (a Member State).
    National,
    /// Outside the European Union: may be scored lower.
    Outside,
    /// The Union, or anywhere: includes other Member States.
    Other,
}

fn place(words: &str) -> Place {
    let n = normalise(words);
    let has = |w: &str| n.split(|ch: char| !ch.is_alphanumeric()).any(|x| x == w);
    let outside = [
        "hors de l'union",
        "hors union",
        "hors ue",
        "hors de l'ue",
        "hors europe",
        "hors de l'europe",
        "extra-europeen",
    ]
    .iter()
    .any(|p| n.contains(p));
    let union = n.contains("union europeenne") || has("ue") || has("eee") || n.contains("europe");
    let abroad = n.contains("hors de france") || n.contains("hors france") || has("etranger");
    match (outside, !abroad && (has("france") || n.contains("territoire national"))) {
        (true, _) => Place::Outside,
        (false, true) if !union => Place::National,
        _ => Place::Other,
    }
}

/// The options of a choice naming France alone that earn more, or are required, than options
/// that include other places of the Union: (those options, the others), by their French labels.
fn national_preference(c: &Criterion) -> Option<(Vec<String>, Vec<String>)> {
    let (Answer::Choice { options } | Answer::MultiChoice { options }) = &c.answer else { return None };
    let points = |id: &str| match &c.rule {
        Rule::Choice { points } => points.get(id).copied().unwrap_or(0.0),
        _ => 0.0,
    };
    let required = |id: &str| c.eliminatory.as_ref().is_some_and(|e| e.one_of.iter().any(|o| o == id));
    let national: Vec<_> = options.iter().filter(|o| place(&o.label.fr) == Place::National).collect();
    let others: Vec<_> = options.iter().filter(|o| place(&o.label.fr) == Place::Other).collect();
    let mut above = Vec::new();
    let mut below = Vec::new();
    for n in &national {
        for o in &others {
            if points(&n.id) > points(&o.id) || (required(&n.id) && !required(&o.id)) {
                if !above.contains(&n.label.fr) {
                    above.push(n.label.fr.clone());
                }
                if !below.contains(&o.label.fr) {
                    below.push(o.label.fr.clone());
                }
            }
        }
    }
    (!above.is_empty()).then_some((above, below))
}
