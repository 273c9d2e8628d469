//! The report module (feature `report`): section 7, the analysis report and the end of the
//! procedure (exports, letters, archive), as a wasm module of its own, so that the analysis, the
//! documents and the exports weigh on no first load. The page fetches it once offers are read,
//! tells it its language and the session as saved ([`services::REPORT_CONTEXT`]) and is told back
//! what its own sections show ([`services::REPORT_NEWS`]: what calls for a decision, a framework
//! agreement's proposed holders). It renders into an element of its own, placed by the page
//! (`module_host.rs`).

use std::rc::Rc;

use jauge_engine::Lang;
use jauge_engine::session::Session;
use yew::prelude::*;

use super::AnalysisPanel;
use super::module_start::{page_lang, start_module, use_page_context};
use crate::failure::Failure;
use crate::services;
use crate::state::report::Closing;
use crate::state::{Action, EditorContext, Given, Place, ReportNews};

/// Renders section 7 into an element of its own, which the boot script hands to the page
/// (`globalThis.jaugeReportRoot`).
pub fn start() {
    start_module::<ReportApp>("module-rapport-racine", "jaugeReportRoot");
}

/// The module's state: the session the page last told, its analysis, the archive's files given.
#[derive(Clone, Debug, PartialEq)]
struct ReportState {
    lang: Lang,
    session: Rc<Session>,
    given: Vec<Given>,
    closing: Option<Closing>,
    notice: Option<Failure>,
    /// How many times the page told its session: the page is answered each time, even when
    /// nothing changed (it may have forgotten the news: its analysis erased, then offers read).
    told: u32,
}

enum ReportAction {
    /// The page's language and session (as saved).
    Page(EditorContext),
    /// An action of section 7's views.
    View(Box<Action>),
}

impl Reducible for ReportState {
    type Action = ReportAction;

    fn reduce(self: Rc<Self>, action: ReportAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            ReportAction::Page(context) => {
                // A session the page could not save is not analysed (the page keeps what it has).
                let Ok(session) = Session::from_json("session", &context.grid) else { return self };
                s.told = s.told.wrapping_add(1);
                if context.lang != s.lang || *s.session != session || s.closing.is_none() {
                    s.lang = context.lang;
                    s.closing = Closing::of(&session, s.lang, &s.given);
                    s.session = Rc::new(session);
                }
            }
            ReportAction::View(action) => match *action {
                Action::ArchiveGiven(given) => {
                    s.closing = s.closing.as_ref().map(|c| c.giving(s.lang, &given));
                    s.given = given;
                }
                Action::NoticeAt(Place::Report, notice) => s.notice = notice,
                _ => return self,
            },
        }
        Rc::new(s)
    }
}

#[function_component(ReportApp)]
fn report_app() -> Html {
    let state = use_reducer(|| ReportState {
        lang: page_lang(),
        session: Rc::default(),
        given: Vec::new(),
        closing: None,
        notice: None,
        told: 0,
    });
    let dispatcher = state.dispatcher();
    use_page_context(
        services::REPORT_CONTEXT,
        Callback::from(move |context| dispatcher.dispatch(ReportAction::Page(context))),
    );
    // The page is told what its sections show, each time the analysis changes.
    // A session without an analysis (its grid refused) calls for no decision.
    let news = match &state.closing {
        Some(c) => c.news(state.lang),
        None => ReportNews { lang: state.lang, ..ReportNews::default() },
    };
    use_effect_with((state.told, news), |(told, news)| {
        if *told > 0 {
            services::announce(services::REPORT_NEWS, &serde_json::to_string(news).unwrap_or_default());
        }
    });
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(ReportAction::View(Box::new(action))))
    };
    let closing = state.closing.as_ref();
    html! {
        <AnalysisPanel lang={state.lang} session={state.session.clone()} analysis={closing.map(|c| c.analysis.clone())}
            to_settle={closing.map(|c| c.to_settle.clone()).unwrap_or_default()} publication={closing.map(|c| c.publication.clone())}
            notice={state.notice.clone()} on_action={on_action} />
    }
}
