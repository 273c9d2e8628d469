//! Every legal reference Jauge prints, in this file: the reference as cited (`Law::cite`), and in
//! one table what it says in a line (French and English) and where it was checked. Nothing else
//! in the product writes an article number, a decision or a regulation (`xtask/src/tidy.rs`
//! checks it), so a wrong citation can only be written here, beside its source, where a reviewer
//! reads them all at once.
//!
//! The entries follow the project's legal brief (revised 2026-11-29): a rapport de présentation's
//! items are R2184-2 1° to 5° and R2184-3 1° to 7°; abnormally low offers are defined by L2152-5,
//! the duty to detect them and ask for explanations is L2152-6, and a rejection needs an R2152-4
//! ground.

use crate::text::Lang;

/// A legal reference the product may print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Law {
    /// Dividing into lots is the rule.
    L2113_10,
    /// When a contract need not be divided into lots.
    L2113_11,
    /// Environmental execution conditions.
    L2112_2,
    /// Irregular offers.
    L2152_2,
    /// Unacceptable offers: a price above the budget set before the procedure.
    L2152_3,
    /// Life-cycle cost: what it covers.
    R2152_9,
    /// Life-cycle cost: the method announced in the tender documents.
    R2152_10,
    /// Definition of an abnormally low offer.
    L2152_5,
    /// The duty to detect abnormally low offers and to ask for explanations.
    L2152_6,
    /// Award to the most economically advantageous offer.
    L2152_7,
    /// Offers made regular through negotiation.
    R2152_1,
    /// Regularisation of irregular offers.
    R2152_2,
    /// What the explanations of an abnormally low price may bear on.
    R2152_3,
    /// When an abnormally low offer may be rejected.
    R2152_4,
    /// Award criteria: price or cost among them.
    R2152_7,
    /// The rapport de présentation, formalised procedures.
    R2184_1,
    /// Candidates excluded and why.
    R2184_2_2,
    /// Candidates selected and why.
    R2184_2_3,
    /// Tenderers whose offers were rejected and why.
    R2184_2_4,
    /// The winner and why; the share subcontracted and the subcontractors' names.
    R2184_2_5,
    /// Why negotiation, dialogue or no publicity.
    R2184_3_1,
    /// Why no lots, when the tender documents do not say.
    R2184_3_2,
    /// Measures against a candidate's earlier involvement.
    R2184_3_5,
    /// Conflicts of interest detected and measures taken.
    R2184_3_6,
    /// Environmental characteristics among the award criteria (Climate and Resilience Act).
    Climate35,
    /// A price formula that erases price gaps neutralises the weights.
    Ce373362,
    /// Sub-criteria weights are announced when they can influence how bids are prepared.
    Ce337377,
    /// Regularisation may not change an offer's substantial characteristics.
    Ce415929,
    /// A criterion favouring nearby bidders is illegal (CE 12 Sept. 2018, Haute-Garonne).
    Ce420585,
    /// No data localisation requirements.
    Eu2018_1807,
    // After the evaluation (legal brief, "After the evaluation").
    /// Rejected bidders are informed: what a letter holds, formalised and adapted procedures.
    R2181_1To4,
    /// In an adapted procedure, the reasons are given to a rejected bidder who asks.
    R2181_2,
    /// The standstill before signing: 11 days after sending electronically, 16 otherwise.
    R2182_1,
    /// Offers and procedure documents are kept five years from the contract's signature.
    R2184_12,
    /// The essential data of a contract are published.
    R2196_1,
}

/// One reference: how it is cited and what it says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    /// The reference.
    pub law: Law,
    /// What it says, in a line, in French.
    pub fr: &'static str,
    /// The same in English.
    pub en: &'static str,
    /// Where it was checked.
    pub source: &'static str,
}

impl Law {
    /// As printed, e.g. `art. L2152-6`. Apart from what the reference says ([`TABLE`]): the page
    /// cites articles without carrying their summaries, which only documents list (issue 17: the
    /// first load).
    pub const fn cite(self) -> &'static str {
        match self {
            Law::L2112_2 => "art. L2112-2",
            Law::L2113_10 => "art. L2113-10",
            Law::L2113_11 => "art. L2113-11",
            Law::L2152_2 => "art. L2152-2",
            Law::L2152_3 => "art. L2152-3",
            Law::R2152_9 => "art. R2152-9",
            Law::R2152_10 => "art. R2152-10",
            Law::L2152_5 => "art. L2152-5",
            Law::L2152_6 => "art. L2152-6",
            Law::L2152_7 => "art. L2152-7",
            Law::R2152_1 => "art. R2152-1",
            Law::R2152_2 => "art. R2152-2",
            Law::R2152_3 => "art. R2152-3",
            Law::R2152_4 => "art. R2152-4",
            Law::R2152_7 => "art. R2152-7",
            Law::R2184_1 => "art. R2184-1",
            Law::R2184_2_2 => "art. R2184-2 2°",
            Law::R2184_2_3 => "art. R2184-2 3°",
            Law::R2184_2_4 => "art. R2184-2 4°",
            Law::R2184_2_5 => "art. R2184-2 5°",
            Law::R2184_3_1 => "art. R2184-3 1°",
            Law::R2184_3_2 => "art. R2184-3 2°",
            Law::R2184_3_5 => "art. R2184-3 5°",
            Law::R2184_3_6 => "art. R2184-3 6°",
            Law::Climate35 => "loi n° 2021-1104, art. 35",
            Law::Ce373362 => "CE 3 nov. 2014 n°373362",
            Law::Ce337377 => "CE 18 juin 2010 n°337377",
            Law::Ce415929 => "CE 21 mars 2018 n°415929",
            Law::Ce420585 => "CE 12 sept. 2018 n°420585",
            Law::Eu2018_1807 => "règlement (UE) 2018/1807, art. 3 et 4",
            Law::R2181_1To4 => "art. R2181-1 à R2181-4",
            Law::R2181_2 => "art. R2181-2",
            Law::R2182_1 => "art. R2182-1",
            Law::R2184_12 => "art. R2184-12",
            Law::R2196_1 => "art. R2196-1",
        }
    }
}

impl Entry {
    /// As printed, e.g. `art. L2152-6`.
    pub fn cite(&self) -> &'static str {
        self.law.cite()
    }

    /// What it says in `lang`.
    pub fn says(&self, lang: Lang) -> &'static str {
        lang.pick(self.fr, self.en)
    }
}

/// The public-procurement code on Légifrance.
const CCP: &str = "Code de la commande publique, Légifrance (LEGITEXT000037701019)";

/// Every reference, in the order of the code.
pub const TABLE: &[Entry] = &[
    Entry {
        law: Law::L2112_2,
        fr: "Les conditions d'exécution, liées à l'objet du marché, peuvent prendre en compte des considérations relatives à l'économie, l'innovation, l'environnement, le domaine social ou l'emploi ; la loi Climat et résilience y rend les considérations environnementales obligatoires.",
        en: "Execution conditions, linked to the subject of the contract, may take economic, innovation, environmental, social or employment considerations into account; the Climate and Resilience Act makes environmental ones compulsory.",
        source: CCP,
    },
    Entry {
        law: Law::L2113_10,
        fr: "Les marchés sont passés en lots séparés, sauf exceptions.",
        en: "Contracts are awarded in separate lots, save for exceptions.",
        source: CCP,
    },
    Entry {
        law: Law::L2113_11,
        fr: "Cas où l'acheteur peut décider de ne pas allotir ; il en motive le choix.",
        en: "When the buyer may decide not to divide into lots; it states why.",
        source: CCP,
    },
    Entry {
        law: Law::L2152_2,
        fr: "Définition de l'offre irrégulière.",
        en: "Definition of an irregular offer.",
        source: CCP,
    },
    Entry {
        law: Law::L2152_3,
        fr: "Définition de l'offre inacceptable : son prix excède les crédits budgétaires alloués au marché, déterminés et établis avant le lancement de la procédure.",
        en: "Definition of an unacceptable offer: its price exceeds the budget allocated to the contract, set and established before the procedure was launched.",
        source: CCP,
    },
    Entry {
        law: Law::R2152_9,
        fr: "Le coût du cycle de vie couvre, dans la mesure où ils sont pertinents, les coûts supportés par l'acheteur (acquisition, utilisation dont l'énergie, maintenance, fin de vie) et ceux imputés aux externalités environnementales.",
        en: "The life-cycle cost covers, where relevant, the costs borne by the buyer (acquisition, use including energy, maintenance, end of life) and those imputed to environmental externalities.",
        source: CCP,
    },
    Entry {
        law: Law::R2152_10,
        fr: "Lorsqu'il évalue les coûts selon une approche fondée sur le cycle de vie, l'acheteur indique dans les documents de la consultation les données que doivent fournir les soumissionnaires et la méthode qu'il utilisera.",
        en: "When it assesses costs on a life-cycle approach, the buyer states in the tender documents the data bidders must supply and the method it will use.",
        source: CCP,
    },
    Entry {
        law: Law::L2152_5,
        fr: "Définition de l'offre anormalement basse.",
        en: "Definition of an abnormally low offer.",
        source: CCP,
    },
    Entry {
        law: Law::L2152_6,
        fr: "L'acheteur met en œuvre tous moyens pour détecter les offres anormalement basses ; lorsqu'une offre semble anormalement basse, il exige des précisions et justifications, et la rejette si, après vérification, il établit qu'elle l'est.",
        en: "The buyer takes every means to detect abnormally low offers; when an offer seems abnormally low, it requires details and justification, and rejects it if, after checking them, it establishes that it is.",
        source: CCP,
    },
    Entry {
        law: Law::L2152_7,
        fr: "Attribution à l'offre économiquement la plus avantageuse, selon des critères objectifs, précis et liés à l'objet du marché.",
        en: "Award to the most economically advantageous offer, on objective, precise criteria linked to the subject of the contract.",
        source: CCP,
    },
    Entry {
        law: Law::R2152_1,
        fr: "Dans les procédures avec négociation, les offres irrégulières ou inacceptables peuvent devenir régulières ou acceptables à l'issue de la négociation, à condition qu'elles ne soient pas anormalement basses ; celles qui le demeurent quand la négociation a pris fin sont éliminées.",
        en: "In procedures with negotiation, irregular or unacceptable offers may become regular or acceptable through the negotiation, provided they are not abnormally low; those that remain so when the negotiation has ended are eliminated.",
        source: CCP,
    },
    Entry {
        law: Law::R2152_2,
        fr: "L'acheteur peut autoriser tous les soumissionnaires concernés à régulariser les offres irrégulières dans un délai approprié, sauf si elles sont anormalement basses, sans en modifier les caractéristiques substantielles.",
        en: "The buyer may allow every bidder concerned to regularise irregular offers within a suitable time, unless they are abnormally low, without changing their substantial characteristics.",
        source: CCP,
    },
    Entry {
        law: Law::R2152_3,
        fr: "Ce sur quoi peuvent porter les justifications d'un prix anormalement bas.",
        en: "What the explanations of an abnormally low price may bear on.",
        source: CCP,
    },
    Entry {
        law: Law::R2152_4,
        fr: "L'offre est rejetée comme anormalement basse lorsque les éléments fournis ne justifient pas de manière satisfaisante le bas niveau du prix ou des coûts, ou qu'elle contrevient aux obligations environnementales, sociales ou du droit du travail.",
        en: "An offer is rejected as abnormally low when the evidence does not satisfactorily account for the low price or costs, or when it breaches environmental, social or labour-law obligations.",
        source: CCP,
    },
    Entry {
        law: Law::R2152_7,
        fr: "L'offre économiquement la plus avantageuse s'apprécie sur un critère unique (prix ou coût) ou sur plusieurs critères parmi lesquels figure le prix ou le coût.",
        en: "The most economically advantageous offer is judged on one criterion (price or cost) or on several including price or cost.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_1,
        fr: "Pour les procédures formalisées, l'acheteur établit un rapport de présentation.",
        en: "In formalised procedures, the buyer draws up a rapport de présentation.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_2_2,
        fr: "Le rapport indique les candidats exclus et les motifs de leur exclusion.",
        en: "The report names the candidates excluded and why.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_2_3,
        fr: "Le rapport indique les candidats retenus et les motifs de ce choix.",
        en: "The report names the candidates selected and why.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_2_4,
        fr: "Le rapport indique les soumissionnaires dont l'offre a été rejetée et les motifs, y compris pour offre anormalement basse.",
        en: "The report names the tenderers whose offers were rejected and why, abnormally low offers included.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_2_5,
        fr: "Le rapport indique l'attributaire et les motifs du choix de son offre, et, s'ils sont connus, la part qu'il envisage de sous-traiter et les noms des sous-traitants.",
        en: "The report names the winner and why, and, if known, the share it intends to subcontract and the subcontractors' names.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_3_1,
        fr: "Le rapport indique les motifs du recours à la négociation, au dialogue ou à une procédure sans publicité.",
        en: "The report states why negotiation, dialogue or a procedure without publicity was used.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_3_2,
        fr: "Le rapport indique les motifs de la décision de ne pas allotir, s'ils ne figurent pas dans les documents de la consultation.",
        en: "The report states why the contract is not divided into lots, unless the tender documents say.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_3_5,
        fr: "Le rapport indique les mesures prises lorsqu'un candidat a été associé à la préparation de la procédure.",
        en: "The report states the measures taken when a candidate took part in preparing the procedure.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_3_6,
        fr: "Le rapport indique les conflits d'intérêts détectés et les mesures prises.",
        en: "The report states the conflicts of interest detected and the measures taken.",
        source: CCP,
    },
    Entry {
        law: Law::Climate35,
        fr: "Pour les consultations engagées à compter d'une date fixée par décret, et au plus tard le 22 août 2026, au moins un critère d'attribution prend en compte les caractéristiques environnementales de l'offre, et des conditions d'exécution environnementales sont fixées.",
        en: "For tenders launched from a date set by decree, and on 22 August 2026 at the latest, at least one award criterion takes the offer's environmental characteristics into account, and environmental execution conditions are set.",
        source: "Loi n° 2021-1104 du 22 août 2021 (Climat et résilience), art. 35, Légifrance",
    },
    Entry {
        law: Law::Ce373362,
        fr: "Une méthode de notation qui neutralise la pondération des critères est irrégulière.",
        en: "A scoring method that neutralises the weighting of the criteria is irregular.",
        source: "Conseil d'État, 3 novembre 2014, n° 373362, Légifrance (CETATEXT)",
    },
    Entry {
        law: Law::Ce337377,
        fr: "Les sous-critères et leur pondération sont portés à la connaissance des candidats dès lors qu'ils sont susceptibles d'exercer une influence sur la présentation des offres.",
        en: "Sub-criteria and their weights are made known to bidders whenever they may influence how bids are prepared.",
        source: "Conseil d'État, 18 juin 2010, n° 337377, Légifrance (CETATEXT)",
    },
    Entry {
        law: Law::Ce415929,
        fr: "La régularisation ne peut modifier les caractéristiques substantielles de l'offre.",
        en: "Regularisation may not change the offer's substantial characteristics.",
        source: "Conseil d'État, 21 mars 2018, n° 415929, Légifrance (CETATEXT)",
    },
    Entry {
        law: Law::Ce420585,
        fr: "Un critère qui favorise les candidats implantés à proximité (distance, implantation dans le département ou la région) méconnaît l'égalité de traitement des candidats.",
        en: "A criterion that favours bidders located nearby (distance, presence in the département or region) breaches the equal treatment of bidders.",
        source: "Conseil d'État, 12 septembre 2018, n° 420585 (Département de la Haute-Garonne), Légifrance (CETATEXT)",
    },
    Entry {
        law: Law::Eu2018_1807,
        fr: "Les exigences de localisation des données à caractère non personnel dans un État membre sont interdites, y compris en matière de marchés publics, sauf motif de sécurité publique proportionné.",
        en: "Requirements to localise non-personal data in a given Member State are banned, public procurement included, unless justified by public security and proportionate.",
        source: "Règlement (UE) 2018/1807 du 14 novembre 2018, art. 3 et 4, EUR-Lex",
    },
    Entry {
        law: Law::R2181_1To4,
        fr: "Dans une procédure formalisée, chaque soumissionnaire dont l'offre est rejetée en est informé dès la décision prise, avec les motifs du rejet, le nom de l'attributaire et les motifs de ce choix, et la date à partir de laquelle le marché peut être signé ; dans une procédure adaptée, sur sa demande.",
        en: "In a formalised procedure, each bidder whose offer is rejected is informed as soon as the decision is taken, with the reasons, the winner's name and the reasons for choosing it, and the date from which the contract may be signed; in an adapted procedure, when it asks.",
        source: CCP,
    },
    Entry {
        law: Law::R2181_2,
        fr: "Dans une procédure adaptée, le soumissionnaire écarté qui le demande reçoit les motifs du rejet dans les quinze jours et, si son offre était régulière, les caractéristiques et avantages relatifs de l'offre retenue et le nom de l'attributaire.",
        en: "In an adapted procedure, a rejected bidder who asks is given the reasons within fifteen days and, when its offer was regular, the characteristics and relative advantages of the winning offer and the winner's name.",
        source: CCP,
    },
    Entry {
        law: Law::R2182_1,
        fr: "Le marché ne peut être signé qu'après un délai de onze jours à compter de l'envoi électronique de la décision aux soumissionnaires écartés, seize jours par un autre moyen.",
        en: "The contract may be signed only eleven days after the decision is sent electronically to the rejected bidders, sixteen days by other means.",
        source: CCP,
    },
    Entry {
        law: Law::R2184_12,
        fr: "Les offres, les candidatures et les documents de la procédure sont conservés au moins cinq ans à compter de la signature du marché.",
        en: "Offers, candidatures and procedure documents are kept at least five years from the signature of the contract.",
        source: CCP,
    },
    Entry {
        law: Law::R2196_1,
        fr: "Les données essentielles de tout marché d'au moins 40 000 € HT sont publiées dans les deux mois de sa notification.",
        en: "The essential data of every contract of at least €40,000 excluding VAT are published within two months of its notification.",
        source: CCP,
    },
];

/// The entry of a reference.
pub fn entry(law: Law) -> &'static Entry {
    TABLE.iter().find(|e| e.law == law).unwrap_or(&TABLE[0])
}

/// A reference as printed: `art. L2152-6`.
pub fn cite(law: Law) -> &'static str {
    law.cite()
}

/// A reference as printed in `lang`: the table's French form, its `à` and `et` read `to` and `and`
/// in English (`art. R2181-1 to R2181-4`).
pub fn cite_in(law: Law, lang: Lang) -> String {
    let c = cite(law);
    lang.pick(c.to_string(), c.replace(" à ", " to ").replace(" et ", " and "))
}

/// Several references as printed, joined by `et` / `and`: articles of the code share one `art.`
/// (`art. L2152-6 et R2152-3`).
pub fn cites(laws: &[Law], lang: Lang) -> String {
    let and = lang.pick(" et ", " and ");
    let mut out = String::new();
    for (i, law) in laws.iter().enumerate() {
        let c = cite_in(*law, lang);
        let c = c.as_str();
        if i > 0 {
            out += if i + 1 == laws.len() { and } else { ", " };
            out += c.strip_prefix("art. ").filter(|_| cite(laws[i - 1]).starts_with("art. ")).unwrap_or(c);
        } else {
            out += c;
        }
    }
    out
}

/// The entries whose citation appears in `text`, in the table's order: the references a document
/// printed, for its list of texts cited.
pub fn cited_in(text: &str) -> Vec<&'static Entry> {
    TABLE
        .iter()
        .filter(|e| {
            // In either language's form (`R2181-1 à R2181-4`, `R2181-1 to R2181-4`).
            [Lang::Fr, Lang::En].into_iter().any(|lang| {
                let cited = cite_in(e.law, lang);
                let number = cited.strip_prefix("art. ").unwrap_or(&cited);
                // `L2152-5` is not cited by `L2152-50`.
                text.match_indices(number).any(|(i, m)| !text[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_has_one_entry_with_words_in_both_languages_and_a_source() {
        let all = [
            Law::L2113_10,
            Law::L2113_11,
            Law::L2112_2,
            Law::L2152_2,
            Law::L2152_3,
            Law::R2152_9,
            Law::R2152_10,
            Law::L2152_5,
            Law::L2152_6,
            Law::L2152_7,
            Law::R2152_1,
            Law::R2152_2,
            Law::R2152_3,
            Law::R2152_4,
            Law::R2152_7,
            Law::R2184_1,
            Law::R2184_2_2,
            Law::R2184_2_3,
            Law::R2184_2_4,
            Law::R2184_2_5,
            Law::R2184_3_1,
            Law::R2184_3_2,
            Law::R2184_3_5,
            Law::R2184_3_6,
            Law::Climate35,
            Law::Ce373362,
            Law::Ce337377,
            Law::Ce415929,
            Law::Ce420585,
            Law::Eu2018_1807,
            Law::R2181_1To4,
            Law::R2181_2,
            Law::R2182_1,
            Law::R2184_12,
            Law::R2196_1,
        ];
        assert_eq!(all.len(), TABLE.len());
        for law in all {
            let e = entry(law);
            assert_eq!(e.law, law, "{law:?} has its own entry");
            assert!(!e.fr.is_empty() && !e.en.is_empty() && !e.source.is_empty(), "{law:?}");
            assert_eq!(TABLE.iter().filter(|x| x.cite() == e.cite()).count(), 1, "{} cited once", e.cite());
        }
    }

    #[test]
    fn the_items_of_a_rapport_de_presentation_exist() {
        // R2184-2 has five items, R2184-3 seven.
        for e in TABLE {
            if let Some(item) = e.cite().strip_prefix("art. R2184-2 ") {
                let n: u32 = item.trim_end_matches('°').parse().expect("an item");
                assert!((1..=5).contains(&n), "{}", e.cite());
            }
            if let Some(item) = e.cite().strip_prefix("art. R2184-3 ") {
                let n: u32 = item.trim_end_matches('°').parse().expect("an item");
                assert!((1..=7).contains(&n), "{}", e.cite());
            }
        }
    }

    #[test]
    fn citations_are_joined_as_a_lawyer_writes_them() {
        assert_eq!(cites(&[Law::L2152_6, Law::R2152_3], Lang::Fr), "art. L2152-6 et R2152-3");
        assert_eq!(cites(&[Law::L2113_11, Law::R2184_3_2], Lang::En), "art. L2113-11 and R2184-3 2°");
        assert_eq!(cites(&[Law::Climate35, Law::L2112_2], Lang::Fr), "loi n° 2021-1104, art. 35 et art. L2112-2");
        // A range and a pair read in English in an English document.
        assert_eq!(cite_in(Law::R2181_1To4, Lang::Fr), "art. R2181-1 à R2181-4");
        assert_eq!(
            cites(&[Law::R2181_1To4, Law::Eu2018_1807], Lang::En),
            "art. R2181-1 to R2181-4 and règlement (UE) 2018/1807, art. 3 and 4"
        );
    }

    #[test]
    fn a_document_lists_the_references_it_printed() {
        let cited: Vec<&str> = cited_in("demander des précisions (art. L2152-6 et R2152-3) ; motifs (art. R2184-3 2°)")
            .iter()
            .map(|e| e.cite())
            .collect();
        assert_eq!(cited, ["art. L2152-6", "art. R2152-3", "art. R2184-3 2°"]);
        // In either language's form.
        let english: Vec<&str> = cited_in("(art. R2181-1 to R2181-4)").iter().map(|e| e.cite()).collect();
        assert_eq!(english, ["art. R2181-1 à R2181-4"]);
    }
}
