//! An offer as the engine receives it, and the JSON offer file `jauge-offer/1` that carries one.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Document, Error, JsonProblem};
use crate::text::{Lang, Text, both};
use crate::value::Raw;

/// The offer file format this version writes and reads.
pub const OFFER_FORMAT_V1: &str = "jauge-offer/1";

/// An offer's identity, assigned when its file is read: the SHA-256 of the file (hexadecimal).
/// Reading the same bytes again gives the same offer, whatever the file is called; two different
/// files with the same name are two offers. An offer built without a file (a simulation, a test)
/// is identified by the SHA-256 of its name, prefixed so that it can never be taken for a file's.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct OfferId(pub String);

impl OfferId {
    /// The identity of an offer read from these bytes.
    pub fn of_file(bytes: &[u8]) -> OfferId {
        OfferId(crate::validate::sha256_hex(bytes))
    }

    /// The identity of an offer that has no file, from its name.
    pub fn of_name(name: &str) -> OfferId {
        OfferId(format!("name:{}", crate::validate::sha256_hex(name.as_bytes())))
    }

    /// The identity of the share of this offer's file that answers `lot`: the file's identity,
    /// `:` and the lot's id, so that one file answering two lots gives two offers.
    pub fn for_lot(&self, lot: &str) -> OfferId {
        OfferId(format!("{}:{lot}", self.0))
    }

    /// The first eight hexadecimal digits, enough to tell apart offers that share a file name.
    pub fn short(&self) -> &str {
        let hex = self.0.strip_prefix("name:").unwrap_or(&self.0);
        hex.get(..8).unwrap_or(hex)
    }

    /// The identity as written in files and in the page.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for OfferId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One supplier's offer: identity, answers by criterion id, and the evaluators' manual marks.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Offer {
    /// The offer's identity ([`OfferId`]); every marks, decision and export refers to it.
    #[serde(default)]
    pub id: OfferId,
    /// Where the offer comes from (its file name), shown in reports.
    pub source: String,
    /// Who makes the offer.
    pub supplier: Supplier,
    /// The lot the offer answers, in a grid with lots ([`crate::grid::Grid::lots`]); `None`
    /// otherwise. Part of the offer's identity ([`OfferId::for_lot`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// The round of the procedure the offer was given in (1: the initial offers), set by the
    /// buyer when adding the files of a later round; `None` is round 1. Not read from the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// For a variant, its name as the bidder gives it; `None` for a base offer. A variant is an
    /// offer of its own (its own file, answers and price), linked to its bidder's base offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The answers, by criterion id (matched after normalisation: case and spaces ignored).
    pub responses: BTreeMap<String, Response>,
    /// The evaluators' marks for manual criteria, by criterion id.
    pub marks: BTreeMap<String, ManualMark>,
    /// The grid the offer says it answers, if it says so.
    pub grid: Option<GridRef>,
    /// Problems met while reading the offer's file (from JSON or a spreadsheet).
    pub diagnostics: Vec<Diagnostic>,
    /// SHA-256 of the file as received (hexadecimal), for the record of offers received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The content fingerprint recorded when the file was read ([`Offer::content_fingerprint`]):
    /// what binds the answers kept in a session to that reading. Absent from offers read by a
    /// Jauge older than this field, whose content cannot be checked ([`Integrity::NotVerifiable`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_sha256: Option<String>,
}

/// Whether an offer's content is still what was read from its file ([`Offer::integrity`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Integrity {
    /// The content matches the fingerprint recorded at reading.
    Intact,
    /// The content no longer matches it: the session was edited after reading, and the file's
    /// SHA-256 no longer vouches for the answers.
    Edited,
    /// No fingerprint was recorded at reading (an older Jauge): the content cannot be checked.
    NotVerifiable,
}

/// The supplier's identity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    /// Company name.
    pub name: String,
    /// SIRET number (14 digits, checked with its Luhn key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siret: Option<String>,
    /// Contact (name, e-mail, telephone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// One answer with what accompanies it.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Response {
    /// The answer as written, or `None` when the cell or field is empty.
    pub raw: Option<Raw>,
    /// The supplier's comment or the reference of the evidence given.
    pub comment: Option<String>,
    /// Where the answer was read (e.g. `Réponse!H14`), for reports.
    pub location: Option<String>,
}

/// An evaluator's mark on a manual criterion, with the written appraisal the law requires.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManualMark {
    /// The mark, between 0 and the rule's `out_of` (the criterion's weight by default).
    pub mark: f64,
    /// The written appraisal that justifies the mark.
    pub appraisal: String,
}

/// The JSON offer file: `{"format": "jauge-offer/1", "supplier": {…}, "answers": {…}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferFile {
    /// Format version, `jauge-offer/1`.
    pub format: String,
    /// The grid the offer answers (checked against the grid used, when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridRef>,
    /// The supplier.
    pub supplier: Supplier,
    /// The lot the offer answers, when the grid has lots (its id, e.g. `"1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// For a variant, its name (e.g. `"hébergement mutualisé"`); absent for the base offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Answers by criterion id: a number, a boolean, a text such as `"99,9 %"` or `"4 h"`, a list,
    /// `{"value": 4, "unit": "hour"}` or `{"amount": 1000, "basis": "HT"}`; `null` for no answer.
    #[serde(default, deserialize_with = "capped")]
    pub answers: BTreeMap<String, Option<Raw>>,
    /// Comments or evidence references by criterion id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "capped")]
    pub comments: BTreeMap<String, String>,
    /// Marks for manual criteria, by criterion id. A received offer file's marks are ignored
    /// (and said): the evaluators' marks come from a marks file (`jauge-marks/1`) or a session.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub marks: BTreeMap<String, ManualMark>,
}

/// The identity of the grid an offer answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GridRef {
    /// Grid id.
    pub id: String,
    /// Grid version.
    pub version: String,
}

/// What the content fingerprint covers: what was read from the file, not the marks the
/// committee adds later, nor the file's name and identity (which are shown, not read).
#[derive(Serialize)]
struct Content<'a> {
    supplier: &'a Supplier,
    #[serde(skip_serializing_if = "Option::is_none")]
    lot: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variant: &'a Option<String>,
    responses: &'a BTreeMap<String, Response>,
    grid: &'a Option<GridRef>,
    diagnostics: &'a [Diagnostic],
}

/// An offer file's answers or comments, read as serde reads a map, but never more than
/// [`crate::limits::OFFER_ANSWERS`] of them kept: past the limit, the others are read without being
/// kept, counted, and the file refused ([`JsonProblem::TooMany`], which
/// [`Offer::from_json`] gives as [`Error::TooManyAnswers`]). A file of a million answers, which
/// fits in the file size cap, never holds them all in memory.
fn capped<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Capped<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Capped<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            // serde's own words for a map, which `JsonProblem` reads.
            f.write_str("a map")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            use serde::de::{Error as _, IgnoredAny};
            let limit = crate::limits::OFFER_ANSWERS;
            let mut kept = BTreeMap::new();
            let mut count = 0usize;
            while let Some(key) = map.next_key::<String>()? {
                count += 1;
                if count > limit {
                    map.next_value::<IgnoredAny>()?;
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                        count += 1;
                    }
                    let prefix = crate::error::TOO_MANY;
                    return Err(A::Error::custom(format_args!("{prefix}{count} {limit}")));
                }
                kept.insert(key, map.next_value()?);
            }
            Ok(kept)
        }
    }
    deserializer.deserialize_map(Capped(std::marker::PhantomData))
}

impl Offer {
    /// The offer as received from a bidder: marks its file carries are not the evaluators' and
    /// are dropped, said in its diagnostics ([`Finding::MarksInOfferFile`](crate::finding::Finding)),
    /// and a sealed offer is sealed again, the note being part of what was read. Every offer file
    /// read by `jauge_sheets::read_offers` (the page, the CLI, the JavaScript API) is received
    /// this way: the evaluators' marks come from marks files, sessions and the page's fields.
    pub fn as_received(mut self) -> Offer {
        if !self.marks.is_empty() {
            let criteria = std::mem::take(&mut self.marks).into_keys().collect();
            self.diagnostics.push(crate::finding::Finding::MarksInOfferFile { criteria }.diagnostic());
            if self.content_sha256.is_some() {
                self.seal();
            }
        }
        self
    }

    /// SHA-256 of the RFC 8785 canonical form of what was read: the supplier, the answers (with
    /// comments and locations), the grid the offer names and the reading's diagnostics.
    pub fn content_fingerprint(&self) -> String {
        let content = Content {
            supplier: &self.supplier,
            lot: &self.lot,
            variant: &self.variant,
            responses: &self.responses,
            grid: &self.grid,
            diagnostics: &self.diagnostics,
        };
        crate::validate::fingerprint_of(&content)
    }

    /// Records the content fingerprint: called once, when the offer's file has been read.
    pub fn seal(&mut self) {
        self.content_sha256 = Some(self.content_fingerprint());
    }

    /// Whether the content is still what was read: recomputed, never taken from the file.
    pub fn integrity(&self) -> Integrity {
        match &self.content_sha256 {
            None => Integrity::NotVerifiable,
            Some(recorded) if *recorded == self.content_fingerprint() => Integrity::Intact,
            Some(_) => Integrity::Edited,
        }
    }

    /// An offer with no answer yet, identified by its name (no file behind it).
    pub fn named(source: &str) -> Offer {
        Offer { id: OfferId::of_name(source), source: source.to_string(), ..Offer::default() }
    }

    /// Reads a JSON offer file; `source` names it in reports and messages. The offer is identified
    /// by the text's bytes, as a file read from those bytes is.
    pub fn from_json(source: &str, text: &str) -> Result<Offer, Error> {
        Document::Offer.expect(text)?;
        let file: OfferFile = crate::located::from_str(text).map_err(|e| match e.problem {
            JsonProblem::TooMany { count, limit } => Error::TooManyAnswers { count, limit },
            _ => Error::syntax(Document::Offer, e),
        })?;
        let count = file.answers.len() + file.comments.len();
        if count > crate::limits::OFFER_ANSWERS {
            return Err(Error::TooManyAnswers { count, limit: crate::limits::OFFER_ANSWERS });
        }
        let mut offer = Offer::from_file(source, file);
        let id = OfferId::of_file(text.as_bytes());
        offer.id = match &offer.lot {
            Some(lot) => id.for_lot(lot),
            None => id,
        };
        offer.seal();
        Ok(offer)
    }

    /// Builds an offer from a parsed offer file (identified by its name: the caller who has the
    /// file's bytes sets [`Offer::id`] from them).
    pub fn from_file(source: &str, file: OfferFile) -> Offer {
        let mut diagnostics = Vec::new();
        if file.format != OFFER_FORMAT_V1 {
            diagnostics.push(Diagnostic::new(
                "offer_format",
                Severity::Warning,
                both(|l| match l {
                    Lang::Fr => format!("format d'offre « {} » inconnu ; lu comme {OFFER_FORMAT_V1}", file.format),
                    Lang::En => format!("unknown offer format \"{}\"; read as {OFFER_FORMAT_V1}", file.format),
                }),
            ));
        }
        let mut responses: BTreeMap<String, Response> =
            file.answers.into_iter().map(|(id, raw)| (id, Response { raw, comment: None, location: None })).collect();
        for (id, comment) in file.comments {
            responses.entry(id).or_default().comment = Some(comment);
        }
        Offer {
            id: OfferId::of_name(source),
            source: source.to_string(),
            supplier: file.supplier,
            lot: file.lot.map(|l| l.trim().to_string()),
            variant: file.variant.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()),
            round: None,
            responses,
            marks: file.marks,
            grid: file.grid,
            diagnostics,
            sha256: None,
            content_sha256: None,
        }
    }
}

/// The marks file format identifier.
pub const MARKS_FORMAT_V1: &str = "jauge-marks/1";

/// The evaluators' marks on manual criteria for several offers, kept apart from the suppliers'
/// files: `{"format": "jauge-marks/1", "offers": {"Supplier name": {"INT-05": {"mark": 4, "appraisal": "…"}}}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarksFile {
    /// Format version, `jauge-marks/1`.
    pub format: String,
    /// Marks by offer (the supplier's name or the offer's file name), then by criterion id.
    pub offers: BTreeMap<String, BTreeMap<String, ManualMark>>,
}

impl MarksFile {
    /// Reads a marks file.
    pub fn from_json(text: &str) -> Result<MarksFile, Error> {
        Document::Marks.expect(text)?;
        let file: MarksFile = crate::located::from_str(text).map_err(|e| Error::syntax(Document::Marks, e))?;
        if file.format != MARKS_FORMAT_V1 {
            return Err(Error::MarksFormat { found: file.format });
        }
        Ok(file)
    }

    /// Gives each offer the marks filed under its reference (see [`find`]: the supplier's name,
    /// the file name or the offer's identity); marks already in an offer are replaced. Returns the
    /// entries not applied: those that designate no offer, or several (two offers from files with
    /// the same name: the entry must then give the offer's identity).
    ///
    /// Two entries that designate the same offer (« Cité Connect » and « CITÉ CONNECT », or a
    /// name and its file) are not merged: neither is applied, which of their marks stands being
    /// the evaluator's to say.
    pub fn apply(&self, offers: &mut [Offer]) -> Vec<(String, Found)> {
        let finder = Finder::new(offers);
        let entries: Vec<(&String, &BTreeMap<String, ManualMark>, Found)> =
            self.offers.iter().map(|(name, marks)| (name, marks, finder.find(name))).collect();
        // The entries that designate each offer.
        let mut by_offer: BTreeMap<&OfferId, Vec<&String>> = BTreeMap::new();
        for (name, _, found) in &entries {
            if let Found::One(id) = found {
                by_offer.entry(id).or_default().push(name);
            }
        }
        let mut unapplied = Vec::new();
        for (name, marks, found) in &entries {
            let Found::One(id) = found else {
                unapplied.push((name.to_string(), found.clone()));
                continue;
            };
            let other = by_offer.get(id).and_then(|names| names.iter().find(|n| **n != *name));
            if let Some(other) = other {
                unapplied.push((name.to_string(), Found::Again(other.to_string())));
            } else if let Some(offer) = offers.iter_mut().find(|o| &o.id == id) {
                offer.marks.extend(marks.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        unapplied
    }
}

/// What a reference written by a person designates among offers.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// One offer.
    One(OfferId),
    /// No offer.
    None,
    /// Several offers, by their labels (see [`labels`]).
    Several(Vec<String>),
    /// The offer another entry of the same file designates too (that entry's reference).
    Again(String),
}

/// The offer a person designates: by its identity or at least its first eight digits, else by its
/// file name or its supplier's name (case and accents ignored), else by its file name without the
/// extension (`offre-ker.json` designates the bid read from `offre-ker.ods` when no file is
/// called `offre-ker.json`). Two offers that answer to the same name are [`Found::Several`],
/// never one of them picked at random.
pub fn find(offers: &[Offer], reference: &str) -> Found {
    Finder::new(offers).find(reference)
}

/// Offers with their names normalised once, to designate many of them by the references people
/// write ([`find`] for each, without normalising every offer's names again for each).
pub struct Finder<'a> {
    offers: &'a [Offer],
    /// Each offer's file name, supplier's name and file name without its extension, as compared.
    names: Vec<[String; 3]>,
}

impl<'a> Finder<'a> {
    /// Normalises the names of `offers`.
    pub fn new(offers: &'a [Offer]) -> Finder<'a> {
        let names = offers.iter().map(|o| [named(&o.source), named(&o.supplier.name), stem(&o.source)]).collect();
        Finder { offers, names }
    }

    /// The offer `reference` designates (see [`find`]).
    pub fn find(&self, reference: &str) -> Found {
        let all: Vec<usize> = (0..self.offers.len()).collect();
        self.among(&all, reference.trim())
    }

    /// The offer `reference` designates among the offers at `within`.
    fn among(&self, within: &[usize], reference: &str) -> Found {
        let offers = self.offers;
        // "Armor Numérique (lot 2)", as `labels` names an offer of a form answering several lots:
        // the reference is looked for among that lot's offers only.
        // "… [variante X]", as `labels` names a variant.
        let variant = reference
            .strip_suffix(']')
            .and_then(|r| r.rsplit_once(" [variante ").or_else(|| r.rsplit_once(" [variant ")));
        if let Some((rest, variant)) = variant {
            let mine: Vec<usize> =
                within.iter().copied().filter(|&i| offers[i].variant.as_deref() == Some(variant.trim())).collect();
            if !mine.is_empty() {
                return self.among(&mine, rest);
            }
        }
        if let Some((rest, lot)) = lot_suffix(reference) {
            let mine: Vec<usize> = within.iter().copied().filter(|&i| offers[i].lot.as_deref() == Some(lot)).collect();
            if !mine.is_empty() {
                return self.among(&mine, rest);
            }
        }
        if let Some(&i) = within.iter().find(|&&i| offers[i].id.as_str() == reference) {
            return Found::One(offers[i].id.clone());
        }
        let hex = reference.len() >= 8 && reference.chars().all(|c| c.is_ascii_hexdigit());
        let prefix = reference.to_ascii_lowercase();
        let wanted = named(reference);
        let mut ids: Vec<&OfferId> = within
            .iter()
            .filter(|&&i| {
                (hex && offers[i].id.as_str().trim_start_matches("name:").starts_with(&prefix))
                    || self.names[i][0] == wanted
                    || self.names[i][1] == wanted
            })
            .map(|&i| &offers[i].id)
            .collect();
        if ids.is_empty() {
            let wanted = stem(reference);
            ids = within
                .iter()
                .filter(|&&i| !wanted.is_empty() && self.names[i][2] == wanted)
                .map(|&i| &offers[i].id)
                .collect();
        }
        ids.sort();
        ids.dedup();
        match ids.as_slice() {
            [] => Found::None,
            [one] => Found::One((*one).clone()),
            several => {
                // Named as among the offers looked in (a lot's, a variant's).
                let looked: Vec<Offer> = within.iter().map(|&i| offers[i].clone()).collect();
                let labels = labels(&looked);
                Found::Several(several.iter().filter_map(|id| labels.get(*id).cloned()).collect())
            }
        }
    }
}

/// A file name as [`find`] compares it without its extension.
fn stem(name: &str) -> String {
    let name = named(name);
    name.rsplit_once('.').map_or(name.clone(), |(stem, _)| stem.to_string())
}

/// A name as [`find`] compares it: normalised (case, accents, spaces; an accent written apart from
/// its letter, NFD, as some systems save names, is dropped as a precomposed letter's is).
fn named(name: &str) -> String {
    crate::value::normalise(name)
}

/// A reference ending in « (lot X) », split into what precedes and the lot's id.
fn lot_suffix(reference: &str) -> Option<(&str, &str)> {
    let inner = reference.strip_suffix(')')?;
    let (rest, lot) = inner.rsplit_once('(')?;
    let lot = lot.trim();
    let lot = lot.strip_prefix("lot ").or_else(|| lot.strip_prefix("Lot "))?.trim();
    (!lot.is_empty() && !rest.trim().is_empty()).then(|| (rest.trim(), lot))
}

/// How each offer is named to people: its file name, followed by the first digits of its identity
/// when another offer comes from a file with the same name (every supplier returns
/// `cadre-de-reponse.xlsx`).
pub fn labels(offers: &[Offer]) -> BTreeMap<OfferId, String> {
    labels_in(offers, crate::Lang::Fr)
}

/// [`labels`] worded in `lang`: a variant is « [variante X] » in French, "[variant X]" in English
/// (both designate it to [`find`]).
pub fn labels_in(offers: &[Offer], lang: crate::Lang) -> BTreeMap<OfferId, String> {
    offers
        .iter()
        .map(|o| {
            // One file answering several lots gives an offer per lot, named by its lot.
            let mut source = match &o.lot {
                Some(lot) => format!("{} (lot {lot})", o.source),
                None => o.source.clone(),
            };
            if let Some(v) = &o.variant {
                source += &format!(" [{} {v}]", lang.pick("variante", "variant"));
            }
            let shared = offers.iter().any(|p| p.source == o.source && p.lot == o.lot && p.id != o.id);
            let label = if shared { format!("{source} #{}", o.id.short()) } else { source };
            (o.id.clone(), label)
        })
        .collect()
}

/// Offers that come from one bidder for the same lot, in groups of two or more, in the order received: the same
/// company number (the SIREN, first nine digits of a SIRET: two establishments of one company are
/// one bidder) or the same name once case, accents, punctuation and spaces are set aside
/// ("Armor Numérique SCOP" and "ARMOR NUMERIQUE, SCOP"). A corrected resend, or one bid sent as a
/// workbook and as JSON, is such a group: the buyer says which offer counts.
pub fn same_bidder(offers: &[Offer]) -> Vec<Vec<&Offer>> {
    let mut groups: Vec<Vec<&Offer>> = Vec::new();
    for o in offers {
        // Within one lot: a bidder answers each lot it bids for with its own offer; and its base
        // offer and each of its variants are offers of their own.
        let variant = |p: &Offer| p.variant.as_deref().map(crate::value::normalise);
        let same = |p: &&Offer| p.lot == o.lot && variant(p) == variant(o) && one_bidder(p, o);
        match groups.iter_mut().find(|g| g.iter().any(same)) {
            Some(g) => g.push(o),
            None => groups.push(vec![o]),
        }
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// Whether two offers come from one bidder: the same company number (SIREN) or the same name once
/// case, accents, punctuation and spaces are set aside.
pub fn one_bidder(a: &Offer, b: &Offer) -> bool {
    same_company(&a.supplier, &b.supplier)
}

/// Whether two suppliers are one company: the same SIREN, or the same name once case, accents,
/// punctuation and spaces are set aside.
fn same_company(a: &Supplier, b: &Supplier) -> bool {
    fn siren(s: &Supplier) -> Option<String> {
        let digits: String = s.siret.as_deref()?.chars().filter(char::is_ascii_digit).collect();
        (digits.len() >= 9).then(|| digits[..9].to_string())
    }
    fn name(s: &Supplier) -> Option<String> {
        let folded: String = crate::value::normalise(&s.name).chars().filter(|c| c.is_alphanumeric()).collect();
        (!folded.is_empty()).then_some(folded)
    }
    let (n, s) = (name(a), siren(a));
    (n.is_some() && name(b) == n) || (s.is_some() && siren(b) == s)
}

/// Whether an offer comes from one of a framework agreement's holders (same SIREN, or same name
/// once case, accents and punctuation are set aside).
pub fn is_holder(offer: &Offer, holders: &[crate::grid::Holder]) -> bool {
    holders.iter().any(|h| {
        same_company(&offer.supplier, &Supplier { name: h.name.clone(), siret: h.siret.clone(), contact: None })
    })
}

/// The base offer a variant belongs to: the first offer from the same bidder ([`one_bidder`]), for
/// the same lot, that is not a variant.
pub fn base_of<'a>(offers: &'a [Offer], variant: &Offer) -> Option<&'a Offer> {
    variant.variant.as_ref()?;
    offers.iter().find(|o| o.variant.is_none() && o.lot == variant.lot && one_bidder(o, variant))
}

/// Checks a SIRET: 14 digits whose Luhn key is valid (La Poste's establishments, SIREN 356 000 000,
/// use a sum of digits divisible by 5 instead). Spaces are ignored.
pub fn siret_is_valid(siret: &str) -> bool {
    let digits: Vec<u32> = siret.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_digit(10).unwrap_or(99)).collect();
    if digits.len() != 14 || digits.iter().any(|d| *d > 9) {
        return false;
    }
    if digits[..9] == [3, 5, 6, 0, 0, 0, 0, 0, 0] {
        return digits.iter().sum::<u32>().is_multiple_of(5);
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { *d })
        .sum();
    sum.is_multiple_of(10)
}

/// The diagnostic for an invalid SIRET, or none.
pub(crate) fn siret_diagnostic(supplier: &Supplier) -> Option<Diagnostic> {
    let siret = supplier.siret.as_deref()?;
    (!siret_is_valid(siret)).then(|| {
        Diagnostic::new(
            "invalid_siret",
            Severity::Warning,
            Text::new(
                format!("SIRET « {siret} » invalide : attendu 14 chiffres dont la clé de contrôle (Luhn) est valide"),
                format!("invalid SIRET \"{siret}\": expected 14 digits with a valid check key (Luhn)"),
            ),
        )
        .field("supplier.siret")
    })
}
