//! A section whose heading opens and closes it: the committee's forms stay out of the page (and
//! of its weight) until the buyer needs them.

use yew::prelude::*;

/// A foldable section.
#[derive(Properties, PartialEq)]
pub struct FoldProps {
    /// The heading's id (the content's is `<id>-contenu`).
    pub id: &'static str,
    /// The heading.
    pub title: AttrValue,
    /// Open when first shown.
    #[prop_or_default]
    pub open: bool,
    /// The content, rendered only while open.
    pub children: Html,
}

#[function_component(Fold)]
pub fn fold(props: &FoldProps) -> Html {
    let open = use_state(|| props.open);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let content = format!("{}-contenu", props.id);
    html! {
        <section aria-labelledby={props.id}>
            <h2 id={props.id}>
                <button type="button" class="pli" aria-expanded={open.to_string()} aria-controls={content.clone()} onclick={toggle}>
                    { props.title.clone() }
                </button>
            </h2>
            if *open {
                <div id={content}>{ props.children.clone() }</div>
            }
        </section>
    }
}
