//! The catalogues' reducer, natively, on the committed fixtures: pinning on first sight, the
//! signer, a grid used and kept, tampered catalogues and grids refused with their reason, the
//! browser's copy when the address cannot be reached, keys removed.

use super::*;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/catalogue");
const URL: &str = "https://gip.example/catalogue/catalogue.json";

fn file(path: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{path}")).expect("fixture")
}

/// The fixture folder `dir` as fetched from [`URL`].
fn fetched(dir: &str) -> Box<Kept> {
    Box::new(Kept {
        origin: Origin::Address(URL.into()),
        catalogue: file(&format!("{dir}/catalogue.json")),
        signature: Some(file(&format!("{dir}/catalogue.json.minisig"))),
        key: Some(file(&format!("{dir}/structure.pub"))),
        grids: BTreeMap::new(),
    })
}

fn reason(state: &Catalogues) -> String {
    let refused = state.opened.as_ref().and_then(|o| o.outcome.as_ref().err()).map(|r| r.describe(Lang::Fr));
    let problem = state.problem.as_ref().map(|p| p.describe(Lang::Fr));
    refused.or(problem).unwrap_or_default()
}

#[test]
fn a_catalogue_opened_pinned_used_and_kept() {
    let state = Rc::new(Catalogues::restore(None, None));
    let state = state.reduce(CatalogueAction::Open(fetched("signe")));
    let Some(Ok(Opening::Unpinned { key_id, .. })) = state.opened.as_ref().map(|o| &o.outcome) else {
        panic!("asks to pin the key")
    };
    assert_eq!(key_id, "26EB2E1FDC1DA597");
    assert_eq!(state.kept.len(), 1, "kept while waiting for the key");
    // A key that does not parse is refused; the key that came with the catalogue verifies it.
    let state = state.reduce(CatalogueAction::Pin("pas une clé".into()));
    assert_eq!(reason(&state), "la clé publique n'est pas une clé minisign (Ed25519)");
    let state = state.reduce(CatalogueAction::Pin(file("signe/structure.pub")));
    let opened = state.opened.clone().expect("opened");
    let signed = opened.signed().expect("verified");
    assert_eq!(
        (signed.catalogue.publisher.as_str(), signed.key_id.as_str(), signed.trusted_comment.as_str()),
        ("GIP Mutualisation Exemple", "26EB2E1FDC1DA597", "Catalogue de test de Jauge, 2026-11-30")
    );
    assert_eq!(state.pins.len(), 1);
    // Using a grid: its file checked against the signed catalogue, then kept.
    let grid = file("signe/grilles/hebergement.json");
    assert_eq!(check_release(&opened, "hebergement", "2.0.0", &grid), Ok(()));
    let altered = file("grille-alteree/grilles/hebergement.json");
    let refused = check_release(&opened, "hebergement", "2.0.0", &altered).map_err(|r| r.describe(Lang::Fr));
    assert_eq!(
        refused,
        Err("grilles/hebergement.json : empreinte 84053c12f106b152… au lieu de e80121cd5c176643… inscrite au catalogue : la grille a été modifiée après publication".into())
    );
    let state = state.reduce(CatalogueAction::Used { file: "grilles/hebergement.json".into(), text: grid.clone() });
    // Kept in the browser: restored, it is shown verified from its copy, with the grid used.
    let restored = Catalogues::restore(Some(state.pins_json()), Some(state.kept_json()));
    let opened = restored.opened.as_ref().expect("the kept catalogue is shown");
    assert!(opened.from_copy && opened.signed().is_some());
    assert_eq!(opened.kept.grids.get("grilles/hebergement.json"), Some(&grid));
    // Offline: the address cannot be reached, the copy is shown and the reason said.
    let offline = Rc::new(restored).reduce(CatalogueAction::Unreachable(
        URL.into(),
        Problem::Fetch { url: URL.into(), detail: "hors ligne".into() },
    ));
    assert!(offline.opened.as_ref().is_some_and(|o| o.from_copy && o.signed().is_some()));
    assert_eq!(reason(&offline), format!("{URL} : téléchargement impossible (hors ligne)"));
    // The key removed: the catalogue asks for a key again.
    let unpinned = offline.reduce(CatalogueAction::Unpin("26EB2E1FDC1DA597".into()));
    assert!(unpinned.pins.is_empty());
    assert!(matches!(unpinned.opened.as_ref().map(|o| &o.outcome), Some(Ok(Opening::Unpinned { .. }))));
}

#[test]
fn tampered_and_unsigned_catalogues_are_refused_and_not_kept() {
    let state = Rc::new(Catalogues::restore(None, None))
        .reduce(CatalogueAction::Open(fetched("signe")))
        .reduce(CatalogueAction::Pin(file("signe/structure.pub")));
    let tampered = state.clone().reduce(CatalogueAction::Open(fetched("altere")));
    assert_eq!(
        reason(&tampered),
        "la signature ne correspond pas au catalogue : il a été modifié après avoir été signé"
    );
    assert_eq!(
        tampered.kept.first().map(|k| k.catalogue.clone()),
        Some(file("signe/catalogue.json")),
        "the copy is not replaced"
    );
    let mut unsigned = fetched("signe");
    unsigned.signature = None;
    let unsigned = state.reduce(CatalogueAction::Open(unsigned));
    assert_eq!(
        reason(&unsigned),
        "le catalogue n'est pas signé : le fichier de signature catalogue.json.minisig est absent"
    );
}

#[test]
fn files_chosen_together_are_matched_by_name() {
    let files = vec![
        ("catalogue.json".to_string(), file("signe/catalogue.json")),
        ("catalogue.json.minisig".to_string(), file("signe/catalogue.json.minisig")),
        ("structure.pub".to_string(), file("signe/structure.pub")),
        ("hebergement.json".to_string(), file("signe/grilles/hebergement.json")),
        ("autre.json".to_string(), "{}".to_string()),
    ];
    let kept = Kept::from_files(files).expect("a catalogue");
    assert_eq!(kept.origin, Origin::Files);
    assert_eq!(kept.grids.keys().collect::<Vec<_>>(), ["grilles/hebergement.json"]);
    assert_eq!(kept.key_id().as_deref(), Some("26EB2E1FDC1DA597"));
    let missing = Kept::from_files(vec![("hebergement.json".into(), String::new())]).map_err(|p| p.describe(Lang::Fr));
    assert_eq!(missing, Err("catalogue.json : fichier absent".into()));
}

#[test]
fn a_newer_published_version_of_the_grid_in_use_is_told() {
    let state = Rc::new(Catalogues::restore(None, None))
        .reduce(CatalogueAction::Open(fetched("signe")))
        .reduce(CatalogueAction::Pin(file("signe/structure.pub")));
    let at = |version: &str| {
        let mut grid: jauge_engine::Grid = serde_json::from_str(&file("signe/grilles/hebergement.json")).expect("grid");
        grid.version = version.into();
        CheckedGrid::from_json(&serde_json::to_string(&grid).expect("json")).expect("valid")
    };
    assert_eq!(state.newer(&at("1.4.0")).map(|r| r.version.as_str()), Some("2.0.0"));
    assert_eq!(state.newer(&at("2.0.0")), None);
    // Not told while the catalogue is not verified.
    let unpinned = state.reduce(CatalogueAction::Unpin("26EB2E1FDC1DA597".into()));
    assert_eq!(unpinned.newer(&at("1.4.0")), None);
}

#[test]
fn the_page_tells_its_language_and_grid_without_clearing_a_problem() {
    let state = Rc::new(Catalogues::restore(None, None))
        .reduce(CatalogueAction::Failed(Some(Problem::Fetch { url: URL.into(), detail: "HTTP 404".into() })));
    let page = |grid: &str| CatalogueAction::Page(crate::state::EditorContext { lang: Lang::En, grid: grid.into() });
    let state = state.reduce(page(crate::state::GRIDS[1].1));
    assert_eq!(state.lang, Lang::En);
    assert_eq!(state.grid.as_ref().map(|g| g.grid().id.clone()), Some("hebergement".to_string()));
    assert!(state.problem.is_some(), "what the module said stays while the page's language or grid changes");
    // A grid the page could not check is none to compare versions with.
    let state = state.reduce(page("{"));
    assert!(state.grid.is_none());
}
