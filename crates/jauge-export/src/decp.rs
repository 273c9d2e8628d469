//! DECP 2.0.3: the essential data of a contract (`marche`), published within two months of its
//! notification (R2196-1). What the session knows is derived (object, procedure, offers received,
//! winner, the considerations the grid's tags and the record's execution conditions show); what
//! it cannot know comes from the procedure record or is named missing.

use std::collections::BTreeMap;

use jauge_analysis::Analysis;
use jauge_engine::session::ProcedureKind;
use serde::Serialize;
use serde_json::Value;

use crate::{Asked, Drafted, LotOutcome, Missing, Standard};

/// The CCAG names the standard allows.
pub const CCAG: [&str; 7] = [
    "Travaux",
    "Maitrise d'œuvre",
    "Fournitures courantes et services",
    "Marchés industriels",
    "Prestations intellectuelles",
    "Techniques de l'information et de la communication",
    "Pas de CCAG",
];

/// The procedures the standard names.
pub const PROCEDURES: [&str; 6] = [
    "Procédure adaptée",
    "Appel d'offres ouvert",
    "Appel d'offres restreint",
    "Procédure avec négociation",
    "Marché passé sans publicité ni mise en concurrence préalable",
    "Dialogue compétitif",
];

/// The fields the buyer records under their DECP name in the record's `open_data`: Jauge has no
/// way to know them.
pub const RECORDED: [&str; 14] = [
    "id",
    "nature",
    "techniques",
    "modalitesExecution",
    "marcheInnovant",
    "attributionAvance",
    "typeGroupementOperateurs",
    "lieuExecution",
    "dateNotification",
    "datePublicationDonnees",
    "montant",
    "typesPrix",
    "formePrix",
    "sousTraitanceDeclaree",
];

/// The DECP file: `{"marches": {"marche": [...]}}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decp {
    /// The contracts.
    pub marches: Marches,
}

/// The list of contracts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Marches {
    /// One per lot awarded.
    pub marche: Vec<Marche>,
}

/// One contract's essential data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Marche {
    /// The buyer (its SIRET).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acheteur: Option<Acheteur>,
    /// The contract's object: the tender's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objet: Option<String>,
    /// Main CPV code.
    #[serde(rename = "codeCPV", skip_serializing_if = "Option::is_none")]
    pub code_cpv: Option<String>,
    /// The procedure, as the standard names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procedure: Option<&'static str>,
    /// Duration in months.
    #[serde(rename = "dureeMois", skip_serializing_if = "Option::is_none")]
    pub duree_mois: Option<u32>,
    /// The CCAG.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ccag: Option<&'static str>,
    /// Every offer received, irregular and abnormally low ones included.
    #[serde(rename = "offresRecues")]
    pub offres_recues: usize,
    /// The winner, or each holder of a framework agreement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titulaires: Vec<TitulaireItem>,
    /// Social considerations.
    #[serde(rename = "considerationsSociales", skip_serializing_if = "Option::is_none")]
    pub considerations_sociales: Option<Considerations<Sociale>>,
    /// Environmental considerations.
    #[serde(rename = "considerationsEnvironnementales", skip_serializing_if = "Option::is_none")]
    pub considerations_environnementales: Option<Considerations<Environnementale>>,
    /// The fields the record gives as they are (see [`RECORDED`]).
    #[serde(flatten)]
    pub recorded: BTreeMap<String, Value>,
}

/// The buyer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Acheteur {
    /// Its SIRET.
    pub id: String,
}

/// A holder of the contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TitulaireItem {
    /// The holder.
    pub titulaire: Titulaire,
}

/// A holder, by its SIRET.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Titulaire {
    /// `SIRET`.
    #[serde(rename = "typeIdentifiant")]
    pub type_identifiant: &'static str,
    /// The SIRET.
    pub id: String,
}

/// Social considerations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sociale {
    /// The list.
    #[serde(rename = "considerationSociale")]
    pub list: Vec<String>,
}

/// Environmental considerations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Environnementale {
    /// The list.
    #[serde(rename = "considerationEnvironnementale")]
    pub list: Vec<String>,
}

/// Considerations, as the standard nests them.
pub type Considerations<T> = T;

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a CPV code has the standard's form (8 digits, optionally `-` and one digit).
fn cpv_ok(s: &str) -> bool {
    match s.split_once('-') {
        Some((code, check)) => digits(code, 8) && digits(check, 1),
        None => digits(s, 8),
    }
}

/// Names a problem once, however many lots have it.
fn once(missing: &mut Vec<Missing>, m: Missing) {
    if !missing.contains(&m) {
        missing.push(m);
    }
}

fn absent(missing: &mut Vec<Missing>, field: &str, asked: Asked) {
    missing.push(Missing::new(Standard::Decp, field, asked));
}

/// The essential data of each lot awarded.
pub fn decp(analysis: &Analysis, outcomes: &[LotOutcome]) -> Drafted<Decp> {
    let p = &analysis.session.procedure;
    let mut missing = Vec::new();
    let siret = p.buyer_siret.split_whitespace().collect::<String>();
    let acheteur = if siret.is_empty() {
        absent(&mut missing, "acheteur.id", Asked::Record("buyer_siret"));
        None
    } else if digits(&siret, 14) {
        Some(Acheteur { id: siret })
    } else {
        missing.push(Missing::not_allowed(Standard::Decp, "acheteur.id", Asked::Record("buyer_siret"), &p.buyer_siret));
        None
    };
    let tender = p.tender.trim();
    // « Objet du marché ou du lot »: each lot's record names its lot after the tender.
    let mut objet = |title: &str| {
        let whole = match title {
            "" => tender.to_string(),
            lot => format!("{tender} — lot {lot}"),
        };
        let length = whole.chars().count();
        if length > 1000 {
            // Never cut: a shorter object is the buyer's to write.
            let start: String = whole.chars().take(40).collect();
            missing.push(Missing::not_allowed(
                Standard::Decp,
                "objet",
                Asked::Record("tender"),
                format!("{start}… ({length} > 1000)"),
            ));
            None
        } else {
            Some(whole)
        }
    };
    let objets: Vec<Option<String>> = match tender.is_empty() {
        true => outcomes.iter().map(|_| None).collect(),
        false => outcomes.iter().map(|o| objet(&o.title)).collect(),
    };
    if tender.is_empty() {
        absent(&mut missing, "objet", Asked::Record("tender"));
    }
    let cpv = p.cpv.trim();
    let code_cpv = if cpv.is_empty() {
        absent(&mut missing, "codeCPV", Asked::Record("cpv"));
        None
    } else if cpv_ok(cpv) {
        Some(cpv.to_string())
    } else {
        missing.push(Missing::not_allowed(Standard::Decp, "codeCPV", Asked::Record("cpv"), cpv));
        None
    };
    let words = p.procedure_type.trim();
    let procedure = PROCEDURES
        .iter()
        .find(|name| name.to_lowercase() == words.to_lowercase().replace('’', "'"))
        .copied()
        .or_else(|| (p.kind() == ProcedureKind::Adapted).then_some(PROCEDURES[0]));
    if procedure.is_none() {
        let field = "procedure";
        if words.is_empty() {
            missing.push(Missing::new(Standard::Decp, field, Asked::Record("procedure_type")));
        } else {
            missing.push(Missing::not_allowed(Standard::Decp, field, Asked::Record("procedure_type"), words));
        }
    }
    if p.duration_months.is_none() {
        missing.push(Missing::new(Standard::Decp, "dureeMois", Asked::Record("duration_months")));
    }
    let ccag = CCAG.iter().find(|c| **c == p.ccag.trim()).copied();
    if ccag.is_none() {
        if p.ccag.trim().is_empty() {
            missing.push(Missing::new(Standard::Decp, "ccag", Asked::Record("ccag")));
        } else {
            missing.push(Missing::not_allowed(Standard::Decp, "ccag", Asked::Record("ccag"), p.ccag.trim()));
        }
    }
    // The considerations: the list the buyer records, else what the record's execution
    // conditions and each lot's tagged criteria say, the tags' share to confirm (the grid's author
    // chose them, not the buyer). Each problem is named once, whatever the number of lots.
    let recorded_list = |key: &str| -> Vec<String> {
        let value = p.open_data.get(key);
        let nested = value.and_then(|v| v.get(key.trim_end_matches('s').replace("considerations", "consideration")));
        match nested.or(value) {
            Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
            Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
            _ => Vec::new(),
        }
    };
    // With several lots, what comes from a lot's criteria names the lot.
    let several = outcomes.len() > 1;
    let mut considerations = |key: &'static str,
                              lot: &str,
                              clause: Option<&str>,
                              value: &str,
                              tag: &str,
                              criteria: &[String],
                              allowed: &[&str]| {
        let field = if several { format!("{key} ({lot})") } else { key.to_string() };
        let mut recorded: Vec<String> = Vec::new();
        for r in recorded_list(key) {
            if !allowed.contains(&r.as_str()) {
                once(&mut missing, Missing::not_allowed(Standard::Decp, key, Asked::OpenData(key.into()), r));
            } else if !recorded.contains(&r) {
                recorded.push(r);
            }
        }
        if !recorded.is_empty() {
            return recorded;
        }
        let mut list: Vec<String> = clause.map(str::to_string).into_iter().collect();
        if !criteria.is_empty() {
            list.push(value.to_string());
            let asked = Asked::FromTags {
                value: value.into(),
                tag: tag.into(),
                criteria: criteria.to_vec(),
                entry: key.into(),
            };
            once(&mut missing, Missing::to_check(Standard::Decp, field.as_str(), asked));
        }
        if list.is_empty() {
            once(&mut missing, Missing::new(Standard::Decp, field, Asked::OpenData(key.into())));
        }
        list
    };
    let clause = (!p.environmental_conditions.trim().is_empty()).then_some("Clause environnementale");
    let mut lot_considerations = |o: &LotOutcome| {
        let social = considerations(
            "considerationsSociales",
            &o.lot,
            None,
            "Critère social",
            "social",
            &o.tagged.0,
            &["Clause sociale", "Critère social", "Marché réservé", "Pas de considération sociale"],
        );
        let environment = considerations(
            "considerationsEnvironnementales",
            &o.lot,
            clause,
            "Critère environnemental",
            "environment",
            &o.tagged.1,
            &["Clause environnementale", "Critère environnemental", "Pas de considération environnementale"],
        );
        (social, environment)
    };
    let per_lot: Vec<(Vec<String>, Vec<String>)> = outcomes.iter().map(&mut lot_considerations).collect();
    let mut recorded = BTreeMap::new();
    for key in RECORDED {
        match p.open_data.get(key) {
            Some(v) if !v.is_null() => {
                recorded.insert(key.to_string(), v.clone());
            }
            _ => missing.push(Missing::new(Standard::Decp, key, Asked::OpenData(key.into()))),
        }
    }
    if let Some(v) = p.open_data.get("tauxAvance") {
        recorded.insert("tauxAvance".into(), v.clone());
    }
    let mut marche = Vec::new();
    for ((o, objet), (social, environment)) in outcomes.iter().zip(objets).zip(per_lot) {
        let field = format!("titulaires ({})", o.lot);
        if o.winners.is_empty() {
            missing.push(Missing::new(Standard::Decp, field.clone(), Asked::Winner));
        }
        let titulaires = crate::sirets(o, Standard::Decp, &field, &mut missing)
            .into_iter()
            .map(|(_, id)| TitulaireItem { titulaire: Titulaire { type_identifiant: "SIRET", id } })
            .collect();
        marche.push(Marche {
            acheteur: acheteur.clone(),
            objet,
            code_cpv: code_cpv.clone(),
            procedure,
            duree_mois: p.duration_months,
            ccag,
            offres_recues: o.received,
            titulaires,
            considerations_sociales: (!social.is_empty()).then_some(Sociale { list: social }),
            considerations_environnementales: (!environment.is_empty())
                .then_some(Environnementale { list: environment }),
            recorded: recorded.clone(),
        });
    }
    Drafted { value: Decp { marches: Marches { marche } }, missing }
}
