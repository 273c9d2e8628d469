//! The catalogue's module (feature `catalogue`): « Ouvrir un catalogue », in the grid panel, as a
//! wasm module of its own, fetched by the page the first time the member opens that fold, so the
//! catalogues and their signature check (minisign) weigh on no other screen. A pooling
//! structure's signed catalogue opened by its address or from its files, the structure's key
//! pinned once, the catalogue's grids listed and one used after its fingerprint is checked. The
//! state and its checks are in `state::catalogue`; this view fetches, reads files and keeps the
//! state in the browser. The page tells it its language and grid in use
//! ([`services::CATALOGUE_CONTEXT`]); it asks the page to use the grid chosen
//! ([`services::CATALOGUE_GRID`]). It renders into an element of its own, placed by the page
//! (`module_host.rs`).

use jauge_catalogue::member::{self, Opening};
use jauge_catalogue::{SIGNATURE_NAME, Status};
use jauge_engine::{CheckedGrid, Lang};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::module_start::{page_lang, start_module, use_page_context};
use crate::failure::Failure;
use crate::services;
use crate::state::catalogue::{
    CatalogueAction, Catalogues, KEPT_KEY, Kept, Opened, Origin, PINS_KEY, Problem, check_release, needs_confirmation,
};

fn fetch_problem(failure: Failure, url: &str) -> Problem {
    match failure {
        Failure::Download { url, detail } => Problem::Fetch { url, detail },
        other => Problem::Fetch { url: url.to_string(), detail: other.describe(Lang::Fr) },
    }
}

/// Renders the catalogue's part into an element of its own, which the boot script hands to the
/// page (`globalThis.jaugeCatalogueRoot`).
pub fn start() {
    start_module::<CatalogueApp>("module-catalogue-racine", "jaugeCatalogueRoot");
}

#[function_component(CatalogueApp)]
fn catalogue_app() -> Html {
    let state = use_reducer(|| {
        let mut restored = Catalogues::restore(services::kept(PINS_KEY), services::kept(KEPT_KEY));
        restored.lang = page_lang();
        restored
    });
    let lang = state.lang;
    // What the page says: its language and grid in use.
    let dispatcher = state.dispatcher();
    use_page_context(
        services::CATALOGUE_CONTEXT,
        Callback::from(move |context| dispatcher.dispatch(CatalogueAction::Page(context))),
    );
    // The keys pinned and the catalogues kept stay in the browser, each under its own key.
    use_effect_with((state.pins.clone(), state.kept.clone()), {
        let state = state.clone();
        move |_| {
            // Nothing is written for a visitor who never opened a catalogue.
            for (key, text) in [(PINS_KEY, state.pins_json()), (KEPT_KEY, state.kept_json())] {
                if services::kept(key).is_some_and(|kept| kept != text)
                    || (services::kept(key).is_none() && text != "[]")
                {
                    let _ = services::keep(key, &text);
                }
            }
        }
    });
    let address = use_node_ref();
    let on_address = {
        let (state, address) = (state.clone(), address.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let url = address.cast::<HtmlInputElement>().map(|i| i.value().trim().to_string()).unwrap_or_default();
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match services::fetch_text(&url).await {
                    Err(failure) => {
                        let problem = fetch_problem(failure, &url);
                        state.dispatch(CatalogueAction::Unreachable(url, problem));
                    }
                    Ok(catalogue) => {
                        let signature = services::fetch_text(&member::address(&url, SIGNATURE_NAME)).await.ok();
                        let key = services::fetch_text(&member::address(&url, member::PUBLIC_KEY_NAME)).await.ok();
                        let kept =
                            Kept { origin: Origin::Address(url), catalogue, signature, key, grids: Default::default() };
                        state.dispatch(CatalogueAction::Open(Box::new(kept)));
                    }
                }
            });
        })
    };
    let on_files = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut read = Vec::new();
                for file in files {
                    match services::read(file, jauge_engine::limits::GRID_BYTES).await {
                        Ok((name, bytes)) => read.push((name, String::from_utf8_lossy(&bytes).into_owned())),
                        Err(f) => return state.dispatch(CatalogueAction::Failed(Some(Problem::Read(f)))),
                    }
                }
                match Kept::from_files(read) {
                    Ok(kept) => state.dispatch(CatalogueAction::Open(Box::new(kept))),
                    Err(p) => state.dispatch(CatalogueAction::Failed(Some(p))),
                }
            });
        })
    };
    // « Utiliser »: the grid file (kept, fetched beside the catalogue, or chosen with it), checked
    // against the signed catalogue, then chosen; a withdrawn version asks for confirmation first.
    let on_use = {
        let state = state.clone();
        Callback::from(move |(id, version, confirmed): (String, String, bool)| {
            let Some(opened) = state.opened.clone() else { return };
            let Some(release) = opened.signed().and_then(|s| s.catalogue.release(&id, &version)).cloned() else {
                return;
            };
            if needs_confirmation(&release) && !confirmed {
                return state.dispatch(CatalogueAction::Confirm(Some((id, version))));
            }
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let file = release.file.clone();
                let text = match (opened.kept.grids.get(&file), &opened.kept.origin) {
                    (Some(text), _) => Ok(text.clone()),
                    (None, Origin::Address(url)) => {
                        let at = member::address(url, &file);
                        services::fetch_text(&at).await.map_err(|f| fetch_problem(f, &at))
                    }
                    (None, Origin::Files) => {
                        Err(Problem::Refusal(jauge_catalogue::Refusal::MissingFile { file: file.clone() }))
                    }
                };
                match text.and_then(|t| check_release(&opened, &id, &version, &t).map(|_| t).map_err(Problem::Refusal))
                {
                    Ok(text) => {
                        state.dispatch(CatalogueAction::Used { file, text: text.clone() });
                        // The page uses it as the grid chosen (`module_host.rs`).
                        services::announce(services::CATALOGUE_GRID, &text);
                    }
                    Err(p) => state.dispatch(CatalogueAction::Failed(Some(p))),
                }
            });
        })
    };
    let key = use_node_ref();
    let on_pin = {
        let (state, key) = (state.clone(), key.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = key.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            state.dispatch(CatalogueAction::Pin(text));
        })
    };
    html! {
        <div class="catalogue">
            <p class="aide">{ lang.pick(
                "Une structure de mutualisation (centrale d'achat, GIP…) publie ses grilles dans un catalogue signé avec sa clé. Jauge vérifie la signature avec la clé que vous avez épinglée, puis l'empreinte de chaque grille.",
                "A pooling structure (purchasing body, public-interest group…) publishes its grids in a catalogue signed with its key. Jauge checks the signature with the key you pinned, then each grid's fingerprint.",
            ) }</p>
            <form class="adresse" onsubmit={on_address}>
                <label for="adresse-catalogue">{ lang.pick("Adresse du catalogue (HTTPS, catalogue.json)", "The catalogue's address (HTTPS, catalogue.json)") }</label>
                <input id="adresse-catalogue" ref={address} type="url" placeholder="https://" required=true />
                <button type="submit">{ lang.pick("Ouvrir le catalogue", "Open the catalogue") }</button>
            </form>
            <p>
                <label for="fichiers-catalogue">{ lang.pick(
                    "ou choisir ses fichiers ensemble : catalogue.json, catalogue.json.minisig, les grilles (et la clé .pub)",
                    "or choose its files together: catalogue.json, catalogue.json.minisig, the grids (and the .pub key)",
                ) }</label>
                <input id="fichiers-catalogue" type="file" multiple=true accept=".json,.minisig,.pub,application/json" onchange={on_files} />
            </p>
            if let Some(problem) = &state.problem {
                <p role="alert" class="erreur">{ problem.describe(lang) }</p>
            }
            if let Some(opened) = &state.opened {
                { opened_view(lang, opened, &state, state.grid.as_deref(), &on_use, &key, on_pin) }
            }
            { kept_view(lang, &state) }
        </div>
    }
}

/// The catalogue opened: refused, waiting for a key, or its signer and its grids.
fn opened_view(
    lang: Lang,
    opened: &Opened,
    state: &UseReducerHandle<Catalogues>,
    grid: Option<&CheckedGrid>,
    on_use: &Callback<(String, String, bool)>,
    key: &NodeRef,
    on_pin: Callback<SubmitEvent>,
) -> Html {
    let copy = opened.from_copy.then(|| {
        html! {
            <p class="aide">{ lang.pick(
                "Copie gardée dans ce navigateur (ouverte sans réseau) ; rouvrez l'adresse pour la mettre à jour.",
                "Copy kept in this browser (opened without the network); open the address again to update it.",
            ) }</p>
        }
    });
    match &opened.outcome {
        Err(refusal) => html! {
            <p role="alert" class="erreur">{ lang.pick("Catalogue refusé : ", "Catalogue refused: ") }{ refusal.describe(lang) }</p>
        },
        Ok(Opening::Unpinned { publisher, key_id }) => {
            let accept = {
                let (state, text) = (state.clone(), opened.kept.key.clone().unwrap_or_default());
                Callback::from(move |_| state.dispatch(CatalogueAction::Pin(text.clone())))
            };
            html! {
                <div class="epingler">
                    <p>{ lang.pick("Premier catalogue signé par la clé ", "First catalogue signed by the key ") }<code>{ key_id }</code>
                        { lang.pick(" ; il se dit publié par « ", "; it says it is published by \"") }{ publisher }
                        { lang.pick(" » (pas encore vérifié). Épinglez la clé publique de la structure : ensuite, seuls les catalogues signés par elle seront acceptés pour cet éditeur.",
                            "\" (not verified yet). Pin the structure's public key: from then on, only catalogues it signed are accepted for this publisher.") }</p>
                    <form onsubmit={on_pin}>
                        <label for="cle-catalogue">{ lang.pick(
                            "Clé publique de la structure (fichier .pub ou sa seconde ligne), reçue d'elle par un autre moyen que le catalogue",
                            "The structure's public key (.pub file or its second line), received from it by another means than the catalogue",
                        ) }</label>
                        <textarea id="cle-catalogue" ref={key.clone()} rows="2" required=true />
                        <button type="submit">{ lang.pick("Épingler cette clé", "Pin this key") }</button>
                    </form>
                    if let Some(id) = opened.kept.key_id() {
                        <p>{ lang.pick("Une clé accompagne le catalogue (", "A key comes with the catalogue (") }<code>{ id }</code>{ "). " }
                            <strong>{ lang.pick("Elle ne prouve rien", "It proves nothing") }</strong>
                            { lang.pick(
                                " : qui a pu modifier le catalogue a pu la remplacer aussi. Ne l'acceptez que si son identifiant est celui que la structure vous a communiqué. ",
                                ": whoever could change the catalogue could replace it too. Accept it only if its id is the one the structure gave you. ",
                            ) }
                            <button type="button" onclick={accept}>{ lang.pick("Accepter la clé fournie avec le catalogue", "Accept the key that came with the catalogue") }</button>
                        </p>
                    }
                </div>
            }
        }
        Ok(Opening::Verified(signed)) => {
            let c = &signed.catalogue;
            let newer = grid.and_then(|g| state.newer(g).map(|r| (g, r)));
            let in_use = grid.map(|g| g.fingerprint().to_string());
            html! {
                <>
                    <p class="signataire" role="status">
                        { lang.pick("Signature vérifiée : catalogue de « ", "Signature verified: catalogue of \"") }{ &c.publisher }
                        { lang.pick(" », clé ", "\", key ") }<code>{ &signed.key_id }</code>
                        { lang.pick(" — commentaire signé : « ", " — signed comment: \"") }{ &signed.trusted_comment }{ lang.pick(" »", "\"") }
                    </p>
                    { for copy }
                    if let Some((g, r)) = newer {
                        <p class="nouvelle-version" role="status">{ lang.pick(
                            format!("Une version plus récente de la grille utilisée est publiée : {} {} (vous utilisez la version {}).", g.grid().id, r.version, g.grid().version),
                            format!("A newer version of the grid in use is published: {} {} (you use version {}).", g.grid().id, r.version, g.grid().version),
                        ) }</p>
                    }
                    if let Some((id, version)) = &state.confirm {
                        { confirm_view(lang, id, version, state, on_use) }
                    }
                    <div class="defilement">
                    <table class="catalogue-grilles">
                        <caption>{ lang.pick("Grilles du catalogue", "The catalogue's grids") }</caption>
                        <thead><tr>
                            <th scope="col">{ lang.pick("Grille", "Grid") }</th>
                            <th scope="col">{ "Version" }</th>
                            <th scope="col">{ lang.pick("Statut", "Status") }</th>
                            <th scope="col">{ lang.pick("Licence", "Licence") }</th>
                            <th scope="col">{ lang.pick("Modifications", "Changes") }</th>
                            <th scope="col"><span class="cache">{ lang.pick("Action", "Action") }</span></th>
                        </tr></thead>
                        <tbody>
                        { for c.releases().map(|(entry, release)| {
                            let (id, version) = (entry.id.clone(), release.version.clone());
                            let title = entry.title.get(lang).to_string();
                            let onclick = {
                                let (on_use, id, version) = (on_use.clone(), id.clone(), version.clone());
                                Callback::from(move |_| on_use.emit((id.clone(), version.clone(), false)))
                            };
                            let used = in_use.as_deref() == Some(release.fingerprint.as_str());
                            html! {
                                <tr class={classes!((release.status == Status::Withdrawn).then_some("retiree"))}>
                                    <th scope="row">{ &title }<br /><code>{ &id }</code></th>
                                    <td>{ &version }</td>
                                    <td>{ release.status.describe(lang) }</td>
                                    <td>{ release.license.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td>{ release.notes.as_ref().map(|n| n.get(lang).to_string()).unwrap_or_else(|| "—".into()) }</td>
                                    <td>
                                        <button type="button" {onclick} aria-label={ format!("{} {title} {version}", lang.pick("Utiliser", "Use")) }>
                                            { lang.pick("Utiliser", "Use") }
                                        </button>
                                        if used {
                                            { " " }<span class="utilisee">{ lang.pick("(utilisée)", "(in use)") }</span>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                    </div>
                </>
            }
        }
    }
}

/// Asks to confirm the use of a withdrawn version.
fn confirm_view(
    lang: Lang,
    id: &str,
    version: &str,
    state: &UseReducerHandle<Catalogues>,
    on_use: &Callback<(String, String, bool)>,
) -> Html {
    let confirm = {
        let (on_use, id, version) = (on_use.clone(), id.to_string(), version.to_string());
        Callback::from(move |_| on_use.emit((id.clone(), version.clone(), true)))
    };
    let cancel = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(CatalogueAction::Confirm(None)))
    };
    html! {
        <div role="alert" class="confirmer">
            <p>{ lang.pick(
                format!("{id} {version} est retirée par la structure : elle n'est plus à utiliser pour une nouvelle procédure. L'utiliser quand même ?"),
                format!("{id} {version} is withdrawn by the structure: it is no longer to be used for a new procedure. Use it anyway?"),
            ) }</p>
            <button type="button" onclick={confirm}>{ lang.pick("Utiliser quand même", "Use it anyway") }</button>
            <button type="button" onclick={cancel}>{ lang.pick("Annuler", "Cancel") }</button>
        </div>
    }
}

/// The catalogues kept in the browser and the keys pinned, each removable.
fn kept_view(lang: Lang, state: &UseReducerHandle<Catalogues>) -> Html {
    let dispatch = |action: fn(usize) -> CatalogueAction, i: usize| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(action(i)))
    };
    html! {
        <>
            if !state.kept.is_empty() {
                <h3>{ lang.pick("Catalogues gardés dans ce navigateur", "Catalogues kept in this browser") }</h3>
                <ul class="catalogues-gardes">
                    { for state.kept.iter().enumerate().map(|(i, k)| { let name = k.describe(lang); html! {
                        <li>{ &name }{ " " }
                            <button type="button" onclick={dispatch(CatalogueAction::Reopen, i)}
                                aria-label={ format!("{} {name}", lang.pick("Afficher", "Show")) }>{ lang.pick("Afficher", "Show") }</button>{ " " }
                            <button type="button" onclick={dispatch(CatalogueAction::Forget, i)}
                                aria-label={ format!("{} {name}", lang.pick("Oublier", "Forget")) }>{ lang.pick("Oublier", "Forget") }</button>
                        </li>
                    } }) }
                </ul>
            }
            if !state.pins.is_empty() {
                <h3>{ lang.pick("Clés épinglées", "Pinned keys") }</h3>
                <ul class="cles-epinglees">
                    { for state.pins.iter().map(|p| {
                        let unpin = {
                            let (state, id) = (state.clone(), p.key_id.clone());
                            Callback::from(move |_| state.dispatch(CatalogueAction::Unpin(id.clone())))
                        };
                        html! {
                            <li>{ &p.publisher }{ lang.pick(" — clé ", " — key ") }<code>{ &p.key_id }</code>{ " " }
                                <button type="button" onclick={unpin}
                                    aria-label={ format!("{} {}", lang.pick("Retirer la clé", "Remove the key"), p.key_id) }>{ lang.pick("Retirer", "Remove") }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </>
    }
}
