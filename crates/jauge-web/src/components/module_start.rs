//! How a module of the page that renders views (the grid editor's, the catalogue's: jauge-web
//! built with feature `editor` or `catalogue`) starts: it renders into an element of its own,
//! handed to the page through a global the boot script returns, and reads the page's language
//! until the page tells it (`module_host.rs` places the element and talks with the module).

use yew::prelude::*;

/// The page's language as its document says it, until the page tells it.
pub fn page_lang() -> jauge_engine::Lang {
    let code = gloo::utils::document().document_element().and_then(|e| e.get_attribute("lang"));
    serde_json::from_value(serde_json::Value::String(code.unwrap_or_default())).unwrap_or_default()
}

/// What the page tells the module on the window event `event` (`module_host.rs`: its language
/// and grid chosen, a [`crate::state::EditorContext`]), for the module's life, starting with what
/// it told before the module listened ([`crate::services::told`]).
#[hook]
pub fn use_page_context(event: &'static str, then: Callback<crate::state::EditorContext>) {
    use_effect_with((), move |_| {
        let heard = move |text: String| {
            if let Ok(context) = serde_json::from_str(&text) {
                then.emit(context);
            }
        };
        // The page may have spoken before this module listened: what it said last, then what it
        // says next (one task, so nothing said between the two is missed).
        if let Some(text) = crate::services::told(event) {
            heard(text);
        }
        let listener = crate::services::on_announced(event, heard);
        move || drop(listener)
    });
}

/// Renders `App` into a new element with id `root_id`, set as the window's `global`.
///
/// Several Yew apps in one document: each brands the elements it renders with the number of its
/// tree, counted from 1 in each module. The page's tree is number 1; an empty app rendered first
/// takes number 1 here, so the module's tree is number 2 and the page's event handling (which
/// runs first, from the document's top) leaves the module's elements to the module.
pub fn start_module<App: BaseComponent<Properties = ()>>(root_id: &str, global: &str) {
    let document = gloo::utils::document();
    let (Ok(spacer), Ok(root)) = (document.create_element("div"), document.create_element("div")) else { return };
    yew::Renderer::<Spacer>::with_root(spacer).render();
    root.set_id(root_id);
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &global.into(), &root);
    yew::Renderer::<App>::with_root(root).render();
}

#[function_component(Spacer)]
fn spacer() -> Html {
    html! {}
}
