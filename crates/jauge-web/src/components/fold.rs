//! A section whose heading opens and closes it, and a disclosure inside a section: the
//! committee's forms and their rarely used fields stay out of the page (and of its weight) until
//! the buyer needs them.

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

/// Fields a buyer seldom fills, behind a summary that says what they are.
#[derive(Properties, PartialEq)]
pub struct MoreProps {
    /// What the fields are.
    pub summary: AttrValue,
    /// Open when first shown (a field already filled, a choice that calls for them).
    #[prop_or_default]
    pub open: bool,
    /// The fields, rendered only while open: a closed `<details>` still weighs its content.
    pub children: Html,
}

#[function_component(More)]
pub fn more(props: &MoreProps) -> Html {
    let open = use_state(|| props.open);
    // Opened when what it holds becomes needed (a record imported, a choice made); the browser
    // opens and closes it otherwise, and the state follows.
    {
        let open = open.clone();
        use_effect_with(props.open, move |needed| {
            if *needed {
                open.set(true);
            }
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open")))
    };
    html! {
        <details class="plus" open={*open} ontoggle={toggle}>
            <summary>{ props.summary.clone() }</summary>
            if *open { { props.children.clone() } }
        </details>
    }
}
