//! Raw answers as suppliers write them, and their interpretation for a criterion.
//!
//! This is where French-locale text becomes typed values: decimal commas and every thousands
//! separator, `Oui`/`Non`, `4 h`, `2 j ouvrés`, `99,9 %`, `21/11/2026`, non-answers such as `NC`.
//! It is pure computation, shared by JSON offers and the spreadsheet reader.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::grid::{Answer, ChoiceOption, PriceBasis};
use crate::text::{Lang, Text, both, colon, number};
use crate::units::{Conversions, Unit};

/// An answer as written by the supplier, before interpretation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Raw {
    /// A boolean (a `TRUE`/`FALSE` cell, a JSON `true`).
    Bool(bool),
    /// A bare number, read in the criterion's unit.
    Number(f64),
    /// Text, interpreted according to the answer type (`"99,9 %"`, `"Oui"`, `"4 h"`).
    Text(String),
    /// Several items, for multiple-choice answers.
    List(Vec<String>),
    /// A number with an explicit unit.
    Quantity {
        /// The number.
        value: f64,
        /// Its unit.
        unit: Unit,
    },
    /// A price with an explicit tax basis.
    Price {
        /// The amount.
        amount: f64,
        /// Taxes included or excluded.
        basis: PriceBasis,
    },
}

impl Raw {
    /// The raw answer as a short text, for reports.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Raw::Bool(b) => match (b, lang) {
                (true, Lang::Fr) => "VRAI".into(),
                (false, Lang::Fr) => "FAUX".into(),
                (true, Lang::En) => "TRUE".into(),
                (false, Lang::En) => "FALSE".into(),
            },
            Raw::Number(n) => number(*n, 6, lang),
            Raw::Text(t) => t.clone(),
            Raw::List(items) => items.join(", "),
            Raw::Quantity { value, unit } => {
                format!("{} {}", number(*value, 6, lang), unit.symbol_of(*value, lang)).trim_end().to_string()
            }
            Raw::Price { amount, basis } => format!("{} € {}", number(*amount, 2, lang), basis.code()),
        }
    }
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Date {
    /// Year (four digits).
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

impl Date {
    /// A date if it exists in the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1000..=9999).contains(&year)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date `days` after 1899-12-30 (the Lotus/Excel 1900 epoch as spreadsheet readers
    /// compute it) or after 1904-01-01 for workbooks in the 1904 date system.
    pub fn from_serial(serial: f64, epoch_1904: bool) -> Option<Date> {
        if !(1.0..3_000_000.0).contains(&serial) {
            return None;
        }
        // Days from 1970-01-01 to the epoch.
        let epoch = if epoch_1904 { -24_107 } else { -25_569 };
        Some(civil_from_days(epoch + serial.floor() as i64))
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `21/11/2026` in French, `2026-11-21` in English.
    pub fn display(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => format!("{:02}/{:02}/{:04}", self.day, self.month, self.year),
            Lang::En => self.iso(),
        }
    }
}

impl Date {
    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        civil_from_days(days)
    }

    /// Days since 1970-01-01 (H. Hinnant's civil-to-days algorithm).
    pub fn days(&self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }
}

/// A time `YYYY-MM-DDTHH:MM…` given in UTC, as the date, hour and minute in Paris (UTC+1, UTC+2
/// from the last Sunday of March to the last Sunday of October, at 01:00 UTC); `None` unless the
/// text starts with such a date and time.
pub fn paris_time(utc: &str) -> Option<(Date, u32, u32)> {
    let date = Date::parse_iso(utc.get(..10)?)?;
    let time = utc.get(10..16)?;
    let (hour, minute) = time.strip_prefix('T')?.split_once(':')?;
    let digits =
        |s: &str| (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i64>().ok()).flatten();
    let (hour, minute) = (digits(hour).filter(|h| *h < 24)?, digits(minute).filter(|m| *m < 60)?);
    let last_sunday = |month: u32| {
        let last = Date { year: date.year, month, day: 31 }.days();
        last - (last + 4).rem_euclid(7)
    };
    let minutes = date.days() * 1440 + hour * 60 + minute;
    let summer = (last_sunday(3) * 1440 + 60..last_sunday(10) * 1440 + 60).contains(&minutes);
    let local = minutes + if summer { 120 } else { 60 };
    Some((Date::from_days(local.div_euclid(1440)), (local.rem_euclid(1440) / 60) as u32, local.rem_euclid(60) as u32))
}

// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// An interpreted answer, in the criterion's unit and the grid's price basis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    /// Yes or no.
    Bool(bool),
    /// A number in the criterion's unit (percent for percentages).
    Number(f64),
    /// The id of the option chosen.
    Choice(String),
    /// The ids of the options chosen, in grid order.
    Choices(Vec<String>),
    /// A date.
    Date(Date),
    /// A web address.
    Url(String),
    /// Free text.
    Text(String),
    /// A price on the grid's basis.
    Price(f64),
}

impl Value {
    /// The value as a short text for reports, with the unit and option labels of `answer`.
    pub fn display(&self, answer: &Answer, lang: Lang) -> String {
        let label = |id: &str| {
            answer
                .options()
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.label.get(lang).to_string())
                .unwrap_or_else(|| id.to_string())
        };
        match self {
            Value::Bool(true) => if lang == Lang::Fr { "oui" } else { "yes" }.into(),
            Value::Bool(false) => if lang == Lang::Fr { "non" } else { "no" }.into(),
            Value::Number(n) => {
                let unit = answer.unit().map(|u| u.symbol_of(*n, lang)).unwrap_or_default();
                let sep = if unit == "%" && lang == Lang::Fr {
                    "\u{202F}"
                } else if unit == "%" {
                    ""
                } else {
                    " "
                };
                format!("{}{sep}{unit}", number(*n, 4, lang)).trim_end().to_string()
            }
            Value::Choice(id) => label(id),
            Value::Choices(ids) if ids.is_empty() => if lang == Lang::Fr { "aucune" } else { "none" }.into(),
            Value::Choices(ids) => ids.iter().map(|id| label(id)).collect::<Vec<_>>().join(", "),
            Value::Date(d) => d.display(lang),
            Value::Url(u) | Value::Text(u) => u.clone(),
            Value::Price(p) => format!("{} €", number(*p, 2, lang)),
        }
    }
}

/// What the interpretation needs from the grid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    /// Unit conversions (the grid's working day).
    pub conversions: Conversions,
    /// The basis prices are compared on.
    pub price_basis: PriceBasis,
    /// VAT rate in percent for converting a price given on the other basis, if the grid allows it.
    pub vat_rate: Option<f64>,
}

impl Context {
    /// What a grid says about reading answers: its working day, price basis and VAT rate.
    pub fn of(grid: &crate::grid::Grid) -> Context {
        Context {
            conversions: Conversions { working_day_hours: grid.working_day_hours },
            price_basis: grid.price_basis,
            vat_rate: grid.vat_rate,
        }
    }
}

/// The outcome of interpreting one answer.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Reading {
    /// The value, or `None` when there is no usable answer.
    pub value: Option<Value>,
    /// What was done to read it (unit converted, basis assumed…), for the explanation.
    pub notes: Vec<Text>,
    /// Why an answer that was given could not be used (not a number, ambiguous, out of bounds).
    pub problem: Option<Text>,
    /// The supplier's words that match none of the grid's options: an evaluator reads them and
    /// settles the criterion; they are never scored 0 silently.
    pub unmatched: Option<String>,
    /// A price stated on the other tax basis than the one prices are compared on: the amount the
    /// buyer will pay is to be obtained from the bidder, never converted with a presumed rate.
    pub other_basis: Option<PriceBasis>,
    /// The VAT status the bidder states with its price (its rate, or that it is not liable), if
    /// any: prices compared excluding taxes are only comparable between bidders liable at one rate.
    pub vat: Option<crate::schedule::Vat>,
}

impl Reading {
    fn value(value: Value) -> Reading {
        Reading { value: Some(value), ..Reading::default() }
    }

    fn problem(problem: Text) -> Reading {
        Reading { problem: Some(problem), ..Reading::default() }
    }

    fn note(mut self, note: Text) -> Reading {
        self.notes.push(note);
        self
    }
}

/// Interprets a raw answer for a criterion expecting `answer`. Never fails: what cannot be read
/// comes back as a [`Reading::problem`] saying what was found and what was expected.
pub fn interpret(raw: Option<&Raw>, answer: &Answer, ctx: &Context) -> Reading {
    let Some(raw) = raw else { return Reading::default() };
    // Words one of the grid's options names (« Non applicable » for an option « Non applicable
    // (justifié) ») are that option, not a non-answer.
    // The options' words normalised once for both uses.
    let matcher = match answer {
        Answer::Choice { options } | Answer::MultiChoice { options } => Some(Matcher::new(options)),
        _ => None,
    };
    let an_option = |text: &str| matcher.as_ref().is_some_and(|m| m.find(text).is_some());
    if let Raw::Text(text) = raw
        && !an_option(text)
    {
        match non_answer(text) {
            Some(NonAnswer::Empty) => return Reading::default(),
            // A free text may point to the technical proposal (« voir mémoire technique »): the
            // evaluators read it there; any other answer is owed in the form itself.
            Some(NonAnswer::Reference) if !matches!(answer, Answer::Text) => {
                return Reading::problem(both(|l| match l {
                    Lang::Fr => format!(
                        "« {} » renvoie à un document au lieu de répondre ; attendu {}",
                        text.trim(),
                        expected(answer, l)
                    ),
                    Lang::En => format!(
                        "\"{}\" refers to a document instead of answering; expected {}",
                        text.trim(),
                        expected(answer, l)
                    ),
                }));
            }
            Some(NonAnswer::Reference) | None => {}
        }
    }
    if let Raw::List(items) = raw
        && items.iter().all(|i| non_answer(i) == Some(NonAnswer::Empty))
        && !matches!(answer, Answer::MultiChoice { .. })
    {
        return Reading::default();
    }
    match answer {
        Answer::YesNo => yes_no(raw),
        Answer::Number { unit, min, max } => quantity(raw, *unit, ctx).and_then_bounds(*min, *max, *unit),
        Answer::Percentage => percentage(raw).and_then_bounds(Some(0.0), Some(100.0), Some(Unit::Percent)),
        Answer::Duration { unit } => quantity(raw, Some(*unit), ctx).and_then_bounds(Some(0.0), None, Some(*unit)),
        Answer::Choice { options } => {
            matcher.as_ref().map_or_else(|| choice(raw, options, &Matcher::new(options)), |m| choice(raw, options, m))
        }
        Answer::MultiChoice { options } => matcher
            .as_ref()
            .map_or_else(|| multi_choice(raw, options, &Matcher::new(options)), |m| multi_choice(raw, options, m)),
        Answer::Date => date(raw),
        Answer::Url => url(raw),
        Answer::Text => Reading::value(Value::Text(raw.display(Lang::Fr).trim().to_string())),
        Answer::Price { .. } => price(raw, ctx),
    }
}

/// A description of the answer expected, for messages (`un nombre en h`).
pub fn expected(answer: &Answer, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let options = |opts: &[ChoiceOption]| {
        opts.iter().map(|o| format!("« {} »", o.label.get(lang))).collect::<Vec<_>>().join(", ")
    };
    match answer {
        Answer::YesNo => if fr { "oui ou non" } else { "yes or no" }.into(),
        Answer::Number { unit: Some(u), .. } if !u.symbol(lang).is_empty() => {
            if fr {
                format!("un nombre en {}", u.symbol(lang))
            } else {
                format!("a number in {}", u.symbol(lang))
            }
        }
        Answer::Number { .. } => if fr { "un nombre" } else { "a number" }.into(),
        Answer::Percentage => {
            if fr { "un pourcentage (par exemple 99,9 %)" } else { "a percentage (e.g. 99.9%)" }.into()
        }
        Answer::Duration { unit } => {
            if fr {
                format!("une durée en {}", unit.symbol(lang))
            } else {
                format!("a duration in {}", unit.symbol(lang))
            }
        }
        Answer::Choice { options: o } => {
            if fr {
                format!("l'une des options {}", options(o))
            } else {
                format!("one of {}", options(o))
            }
        }
        Answer::MultiChoice { options: o } => {
            if fr {
                format!("une liste parmi {}", options(o))
            } else {
                format!("a list among {}", options(o))
            }
        }
        Answer::Date => if fr { "une date (JJ/MM/AAAA)" } else { "a date (YYYY-MM-DD)" }.into(),
        Answer::Url => if fr { "une adresse web (https://…)" } else { "a web address (https://…)" }.into(),
        Answer::Text => if fr { "un texte" } else { "a text" }.into(),
        Answer::Price { currency } => {
            if fr {
                format!("un prix en {currency}")
            } else {
                format!("a price in {currency}")
            }
        }
    }
}

/// Lower-cases, folds accents (of Latin letters, written precomposed or decomposed: `é` and `e`
/// then U+0301 are both `e`) and ligatures, and collapses spaces (including no-break ones).
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_into(s, &mut out);
    out
}

/// [`normalise`] into `out`, which is cleared first: for a caller that normalises many short
/// texts, one buffer for all.
pub fn normalise_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        normalise_ascii(s, out);
    } else {
        normalise_chars(s, out);
    }
    // Only spaces pushed can end the text: cut them, without a copy.
    out.truncate(out.trim_end().len());
}

/// [`normalise`] character by character, for any text.
fn normalise_chars(s: &str, out: &mut String) {
    for c in s.chars() {
        // ASCII, most of what people write, as `normalise_ascii` takes it (nothing to fold).
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => push_ascii(b, out),
            _ => c.to_lowercase().for_each(|c| fold(c, out)),
        }
    }
}

/// [`normalise`] of an ASCII text (most of what people write, and every header and label a
/// reader looks for), byte by byte: lower-cased, spaces collapsed (ASCII's white space is
/// tabulation to carriage return and the space), nothing to fold.
fn normalise_ascii(s: &str, out: &mut String) {
    for b in s.bytes() {
        push_ascii(b, out);
    }
}

/// One ASCII character of [`normalise`], as [`fold`] gives it: lower-cased, spaces collapsed
/// (ASCII's white space, `char::is_whitespace`'s, is tabulation to carriage return and the space).
fn push_ascii(b: u8, out: &mut String) {
    if matches!(b, b'\t'..=b'\r' | b' ') {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    } else {
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

/// One lower-case character of [`normalise`], accents and ligatures folded, spaces collapsed. A
/// Latin letter reads the same written precomposed (NFC, `é`) or decomposed (NFD, `e` then U+0301,
/// as some systems save text): the letter with its marks is its letter alone, a mark written apart
/// is dropped.
fn fold(c: char, out: &mut String) {
    // A letter of the Latin blocks with marks, most of the accented letters people write.
    let letter = latin_letter(c);
    if letter != c {
        out.push(letter);
        return;
    }
    match c {
        'œ' => out.push_str("oe"),
        'æ' | 'ǣ' | 'ǽ' => out.push_str("ae"),
        'ǿ' => out.push('ø'),
        'ǯ' => out.push('ʒ'),
        'ẛ' => out.push('ſ'),
        '’' | '‘' => out.push('\''),
        c if c.is_whitespace() => {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        c if is_mark(c) => {}
        c => out.push(c),
    }
}

/// Whether `c` is in one of Unicode's blocks of combining marks, an accent written apart from its
/// letter: [`normalise`] drops it, and gives every other character other than white space at
/// least one character.
pub fn is_mark(c: char) -> bool {
    // Below the first block (ASCII, Latin-1, the Latin letters): none, in one comparison.
    c >= '\u{300}'
        && matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The letters of Latin-1, Latin Extended-A and -B (U+00C0 to U+024F) and Latin Extended
/// Additional (U+1E00 to U+1EFF) as their canonical decomposition's letter, lower-cased (`é` is
/// `e`); `.` for a character that has none or whose letter is not ASCII (`ø`, `ß`, `œ`). Generated
/// from Unicode's decompositions; `tests::latin_letters_are_their_decompositions_letter` checks every
/// entry against them.
const LATIN: &[u8; 400] = b"\
aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y\
aaaaaaccccccccdd..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll.\
...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz.\
................................oo.............uu...............\
.............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....\
aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............\
................";
/// See [`LATIN`].
const LATIN_ADDITIONAL: &[u8; 256] = b"\
aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm\
mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv\
wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee\
eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

/// A Latin letter with marks as its letter alone (see [`LATIN`]); any other character as it is.
pub(crate) fn latin_letter(c: char) -> char {
    let (table, first): (&[u8], u32) = match u32::from(c) {
        0xc0..=0x24f => (LATIN, 0xc0),
        0x1e00..=0x1eff => (LATIN_ADDITIONAL, 0x1e00),
        _ => return c,
    };
    match table.get((u32::from(c) - first) as usize) {
        Some(&b) if b != b'.' => char::from(b),
        _ => c,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NonAnswer {
    /// Nothing usable: empty, `N/A`, `NC`, `-`, `?`, `Sans objet`.
    Empty,
    /// A pointer to another document (`cf. mémoire technique p.12`): reported as a problem.
    Reference,
}

fn non_answer(text: &str) -> Option<NonAnswer> {
    let n = normalise(text);
    const EMPTY: &[&str] = &[
        "",
        "n/a",
        "na",
        "n.a.",
        "nc",
        "n.c.",
        "n/c",
        "-",
        "--",
        "–",
        "—",
        "?",
        "??",
        "/",
        "sans objet",
        "so",
        "s.o.",
        "s/o",
        "non communique",
        "non applicable",
        "not applicable",
        "non renseigne",
        "none",
        "neant",
        "aucun",
        "aucune",
    ];
    if EMPTY.contains(&n.as_str()) {
        return Some(NonAnswer::Empty);
    }
    let reference =
        ["cf ", "cf.", "voir ", "se reporter", "see ", "confer ", "selon memoire", "dans le memoire", "cf:"];
    reference.iter().any(|p| n.starts_with(p)).then_some(NonAnswer::Reference)
}

fn not_understood(found: &str, answer_expected: impl Fn(Lang) -> String) -> Reading {
    Reading::problem(both(|l| match l {
        Lang::Fr => format!("« {found} » n'est pas compris ; attendu {}", answer_expected(l)),
        Lang::En => format!("\"{found}\" is not understood; expected {}", answer_expected(l)),
    }))
}

fn yes_no(raw: &Raw) -> Reading {
    let expected = |l: Lang| expected(&Answer::YesNo, l);
    match raw {
        Raw::Bool(b) => Reading::value(Value::Bool(*b)),
        Raw::Number(n) if *n == 1.0 => Reading::value(Value::Bool(true)),
        Raw::Number(n) if *n == 0.0 => Reading::value(Value::Bool(false)),
        Raw::Text(t) => {
            let n = normalise(t);
            let first = n
                .split(|c: char| !(c.is_alphanumeric() || c == '✓' || c == '✔' || c == '✗' || c == '✘'))
                .next()
                .unwrap_or_default();
            const YES: &[&str] = &["oui", "o", "yes", "y", "x", "✓", "✔", "vrai", "true", "1", "ok"];
            const NO: &[&str] = &["non", "n", "no", "faux", "false", "0", "✗", "✘"];
            let value = if YES.contains(&first) {
                true
            } else if NO.contains(&first) {
                false
            } else {
                return not_understood(t.trim(), expected);
            };
            let reading = Reading::value(Value::Bool(value));
            if n != first {
                reading.note(both(|l| match l {
                    Lang::Fr => format!("lu « {} » dans « {} »", if value { "oui" } else { "non" }, t.trim()),
                    Lang::En => format!("read \"{}\" in \"{}\"", if value { "yes" } else { "no" }, t.trim()),
                }))
            } else {
                reading
            }
        }
        other => not_understood(&other.display(Lang::Fr), expected),
    }
}

/// A number a person typed in a field of the page (a mark, a threshold, a price to simulate), in
/// French or English writing ("3,5", "52 000", "1.250,00"), followed by nothing but one of
/// `suffixes` (such as `%` or `€`). Every number typed in the interface is read here.
pub fn typed_number(text: &str, suffixes: &[&str]) -> Option<f64> {
    let (value, rest, _) = parse_number(text)?;
    (rest.is_empty() || suffixes.contains(&rest.as_str())).then_some(value)
}

/// A number read from text, with the rest of the text (usually a unit).
pub fn parse_number(text: &str) -> Option<(f64, String, Option<Text>)> {
    let t = text.trim();
    let is_sep = |c: char| matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}' | '\'' | '.' | ',');
    let mut end = 0;
    let mut seen_digit = false;
    for (i, c) in t.char_indices() {
        if c.is_ascii_digit() {
            seen_digit = true;
            end = i + c.len_utf8();
        } else if ((c == '-' || c == '+' || c == '−') && i == 0) || (is_sep(c) && (seen_digit || c == '.' || c == ','))
        {
            continue;
        } else {
            break;
        }
    }
    if !seen_digit {
        return None;
    }
    let (num, rest) = t.split_at(end);
    let negative = num.starts_with('-') || num.starts_with('−');
    let body: String = num.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let mut note = None;
    let decimal = match (commas, dots) {
        (0, 0) => None,
        (c, d) if c > 0 && d > 0 => {
            // 1.234,56 (French) or 1,234.56 (English): the last separator is the decimal one.
            if body.rfind(',') > body.rfind('.') { Some(',') } else { Some('.') }
        }
        (1, 0) => Some(','),
        (0, 1) => Some('.'),
        _ => None, // Several of the same separator: thousands (1.234.567 or 1,234,567).
    };
    if let Some(sep) = decimal
        && commas + dots == 1
    {
        let after = body.rsplit(sep).next().unwrap_or_default();
        let before = body.split(sep).next().unwrap_or_default();
        if after.len() == 3 && !before.is_empty() && before != "0" {
            note = Some(both(|l| match l {
                Lang::Fr => format!(
                    "« {} » lu comme nombre décimal ; si c'était un séparateur de milliers, corriger la réponse",
                    num.trim()
                ),
                Lang::En => format!(
                    "\"{}\" read as a decimal number; if it was a thousands separator, correct the answer",
                    num.trim()
                ),
            }));
        }
    }
    let mut canonical = String::new();
    for c in body.chars() {
        match c {
            '0'..='9' => canonical.push(c),
            c if Some(c) == decimal => canonical.push('.'),
            _ => {}
        }
    }
    if canonical.starts_with('.') {
        canonical.insert(0, '0');
    }
    let value: f64 = canonical.parse().ok()?;
    let value = if negative { -value } else { value };
    value.is_finite().then(|| (value, rest.trim().to_string(), note))
}

/// The unit named by the text after a number, if any: `h`, `heures`, `j ouvrés`, `kWh/transaction`…
pub fn parse_unit(rest: &str) -> Option<Unit> {
    let n = normalise(rest);
    // What follows a slash is the quantity's denominator (kWh/transaction, %/mois): the unit is before it.
    let head = n.split('/').next().unwrap_or_default().trim();
    let head = head.strip_prefix("par ").unwrap_or(head);
    let head = head.trim_end_matches(['.', ')', '(']).trim();
    Some(match head {
        "%" | "pourcent" | "pour cent" | "percent" | "pct" => Unit::Percent,
        "wh" => Unit::Wh,
        "kwh" => Unit::Kwh,
        "mwh" => Unit::Mwh,
        "g co2e" | "gco2e" | "g co2" | "gco2" | "g eq co2" | "geqco2" => Unit::GCo2e,
        "kg co2e" | "kgco2e" | "kg co2" | "kgco2" | "kg eq co2" | "kgeqco2" | "kg" => Unit::KgCo2e,
        "t co2e" | "tco2e" | "t co2" | "tco2" | "t eq co2" | "teqco2" | "t" | "tonne" | "tonnes" => Unit::TCo2e,
        "min" | "mn" | "minute" | "minutes" | "mins" => Unit::Minute,
        "h" | "hr" | "hrs" | "heure" | "heures" | "hour" | "hours" => Unit::Hour,
        "j" | "jour" | "jours" | "jours calendaires" | "j calendaires" | "jours francs" | "day" | "days"
        | "calendar days" | "d" => Unit::Day,
        "jo" | "j ouvre" | "j ouvres" | "j. ouvres" | "jour ouvre" | "jours ouvres" | "jours ouvrables"
        | "j ouvrables" | "working day" | "working days" | "business day" | "business days" => Unit::WorkingDay,
        "mois" | "month" | "months" => Unit::Month,
        "an" | "ans" | "annee" | "annees" | "year" | "years" => Unit::Year,
        "mo" | "mb" => Unit::Mb,
        "go" | "gb" => Unit::Gb,
        _ => return None,
    })
}

fn quantity(raw: &Raw, unit: Option<Unit>, ctx: &Context) -> Reading {
    let answer_expected = |l: Lang| expected(&Answer::Number { unit, min: None, max: None }, l);
    let (value, from, mut notes) = match raw {
        Raw::Number(n) => (*n, None, vec![]),
        Raw::Quantity { value, unit } => (*value, Some(*unit), vec![]),
        Raw::Text(t) => {
            let Some((value, rest, note)) = parse_number(t) else { return not_understood(t.trim(), answer_expected) };
            let from = if rest.is_empty() {
                None
            } else {
                match parse_unit(&rest) {
                    Some(u) => Some(u),
                    None if unit.is_none_or(|u| u.symbol(Lang::Fr).is_empty()) => None,
                    None => {
                        return Reading::problem(both(|l| match l {
                            Lang::Fr => format!(
                                "unité « {rest} » non reconnue dans « {} » ; attendu {}",
                                t.trim(),
                                answer_expected(l)
                            ),
                            Lang::En => format!(
                                "unit \"{rest}\" not recognised in \"{}\"; expected {}",
                                t.trim(),
                                answer_expected(l)
                            ),
                        }));
                    }
                }
            };
            (value, from, note.into_iter().collect())
        }
        other => return not_understood(&other.display(Lang::Fr), answer_expected),
    };
    let value = match (from, unit) {
        (Some(from), Some(to)) if from != to => match from.convert(value, to, ctx.conversions) {
            Some(v) => {
                notes.push(both(|l| {
                    let what = match l {
                        Lang::Fr => "converti",
                        Lang::En => "converted",
                    };
                    let extra = if matches!((from, to), (Unit::WorkingDay, _) | (_, Unit::WorkingDay)) {
                        match l {
                            Lang::Fr => format!(" (1 j ouvré = {} h)", number(ctx.conversions.working_day_hours, 2, l)),
                            Lang::En => {
                                format!(" (1 working day = {} h)", number(ctx.conversions.working_day_hours, 2, l))
                            }
                        }
                    } else {
                        String::new()
                    };
                    format!(
                        "{what} : {} {} → {} {}{extra}",
                        number(value, 4, l),
                        from.symbol(l),
                        number(v, 4, l),
                        to.symbol(l)
                    )
                    .replace(" : ", colon(l))
                }));
                v
            }
            None if from.deadline_bound(value, to).is_some() => {
                // Working days against calendar time: read with the stated bound, never refused.
                let bound = from.deadline_bound(value, to).unwrap_or(value);
                let working = from == Unit::WorkingDay;
                notes.push(both(|l| {
                    let (n, u, b, v) = (number(value, 4, l), from.symbol(l), number(bound, 4, l), to.symbol(l));
                    let rule = match (working, l) {
                        (true, Lang::Fr) => "un délai en jours ouvrés s'achève au plus tard ce nombre de jours plus deux par tranche de cinq, week-ends comptés",
                        (true, Lang::En) => "a deadline in working days ends at the latest that number of days plus two per five, week-ends counted",
                        (false, Lang::Fr) => "une durée en jours calendaires contient au plus ce nombre moins deux jours par semaine entière",
                        (false, Lang::En) => "a span of calendar days holds at most that number less two days per whole week",
                    };
                    l.pick(
                        format!("{n} {u} lus comme au plus {b} {v} : {rule} (jours fériés non comptés, à vérifier s'il y en a)"),
                        format!("{n} {u} read as at most {b} {v}: {rule} (public holidays not counted, to check if any)"),
                    )
                }));
                bound
            }
            None => {
                return Reading::problem(both(|l| match l {
                    Lang::Fr => format!(
                        "« {} » ne se convertit pas en {} ; attendu {}",
                        raw.display(l),
                        to.symbol(l),
                        answer_expected(l)
                    ),
                    Lang::En => format!(
                        "\"{}\" cannot be converted to {}; expected {}",
                        raw.display(l),
                        to.symbol(l),
                        answer_expected(l)
                    ),
                }));
            }
        },
        _ => value,
    };
    Reading { value: Some(Value::Number(value)), notes, problem: None, unmatched: None, other_basis: None, vat: None }
}

fn percentage(raw: &Raw) -> Reading {
    let ambiguous = |v: f64| {
        Reading::problem(both(|l| match l {
            Lang::Fr => format!(
                "« {} » est ambigu : {} % ou {} % ? Écrire le pourcentage avec le signe %",
                number(v, 6, l),
                number(v * 100.0, 4, l),
                number(v, 6, l)
            ),
            Lang::En => format!(
                "\"{}\" is ambiguous: {}% or {}%? Write the percentage with the % sign",
                number(v, 6, l),
                number(v * 100.0, 4, l),
                number(v, 6, l)
            ),
        }))
    };
    let bare = |v: f64| if v > 0.0 && v <= 1.0 { ambiguous(v) } else { Reading::value(Value::Number(v)) };
    match raw {
        Raw::Quantity { value, unit: Unit::Percent } => Reading::value(Value::Number(*value)),
        Raw::Number(v) => bare(*v),
        Raw::Text(t) => {
            let Some((v, rest, _)) = parse_number(t) else {
                return not_understood(t.trim(), |l| expected(&Answer::Percentage, l));
            };
            let n = normalise(&rest);
            if parse_unit(&rest) == Some(Unit::Percent) {
                let reading = Reading::value(Value::Number(v));
                if n.contains("mois") || n.contains("month") || n.contains("mensuel") {
                    return reading.note(Text::new(
                        "valeur mesurée par mois : la disponibilité annuelle peut être plus basse ; vérifier la période demandée",
                        "value measured per month: yearly availability may be lower; check the period asked for",
                    ));
                }
                reading
            } else if rest.is_empty() {
                bare(v)
            } else {
                not_understood(t.trim(), |l| expected(&Answer::Percentage, l))
            }
        }
        other => not_understood(&other.display(Lang::Fr), |l| expected(&Answer::Percentage, l)),
    }
}

impl Reading {
    fn and_then_bounds(self, min: Option<f64>, max: Option<f64>, unit: Option<Unit>) -> Reading {
        let Some(Value::Number(v)) = self.value else { return self };
        let below = min.is_some_and(|m| v < m);
        let above = max.is_some_and(|m| v > m);
        if !(below || above) {
            return self;
        }
        let sym = |l: Lang| unit.map(|u| u.symbol(l)).unwrap_or_default();
        let bounds = |l: Lang| match (min, max) {
            (Some(a), Some(b)) => format!("{} – {} {}", number(a, 4, l), number(b, 4, l), sym(l)),
            (Some(a), None) => format!("≥ {} {}", number(a, 4, l), sym(l)),
            (None, Some(b)) => format!("≤ {} {}", number(b, 4, l), sym(l)),
            (None, None) => String::new(),
        };
        Reading::problem(both(|l| match l {
            Lang::Fr => {
                format!("{} {} est hors des valeurs plausibles ; attendu {}", number(v, 4, l), sym(l), bounds(l).trim())
            }
            Lang::En => {
                format!("{} {} is outside plausible values; expected {}", number(v, 4, l), sym(l), bounds(l).trim())
            }
        }))
    }
}

/// The words that name each option, normalised once for all the items of an answer: the id, the
/// labels and the synonyms (matched exactly), and the parts of a label written
/// `FALC (facile à lire et à comprendre)` (its first part and the part in parentheses, matched only
/// when no other option shares them).
/// How people write « not applicable » (normalised, outer dots trimmed): an option so named is
/// what they mean; without one they are a non-answer.
const NOT_APPLICABLE: &[&str] =
    &["n/a", "na", "n.a", "nap", "so", "s.o", "s/o", "sans objet", "non applicable", "not applicable"];

/// An option's name that means « not applicable ».
const NOT_APPLICABLE_NAMES: &[&str] = &["non applicable", "not applicable", "sans objet"];

/// The normalised words that name a choice's options (ids, labels, synonyms; the parts of a
/// label around its parenthesis), each with its option's index.
#[derive(Debug)]
struct Words {
    exact: Vec<(String, usize)>,
    parts: Vec<(String, usize)>,
}

impl Words {
    fn of(options: &[ChoiceOption]) -> Words {
        let mut exact = Vec::new();
        let mut parts = Vec::new();
        for (i, o) in options.iter().enumerate() {
            let labels = std::iter::once(o.label.fr.as_str()).chain(o.label.en.as_deref());
            for word in
                std::iter::once(o.id.as_str()).chain(labels.clone()).chain(o.synonyms.iter().map(String::as_str))
            {
                exact.push((normalise(word), i));
            }
            for label in labels {
                if let Some((head, rest)) = label.split_once('(') {
                    for part in [head.trim(), rest.trim_end().trim_end_matches(')').trim()] {
                        let part = normalise(part);
                        if !part.is_empty() {
                            parts.push((part, i));
                        }
                    }
                }
            }
        }
        Words { exact, parts }
    }
}

/// How many choices' words [`KEPT_WORDS`] keeps before it starts again.
const KEPT_WORDS_LIMIT: usize = 1024;

type KeptWords = std::collections::HashMap<u64, Vec<(Vec<ChoiceOption>, std::rc::Rc<Words>)>>;

thread_local! {
    /// The words of the choices read lately, with the options they were made from, by a hash
    /// of those: a grid's choices are read for every offer (by the reader, for every file of a
    /// tender), their words normalised once. Options are compared whole before their words are
    /// taken, so a grid changed in any way is never read with another's words. Emptied past
    /// [`KEPT_WORDS_LIMIT`] choices.
    static KEPT_WORDS: std::cell::RefCell<KeptWords> = std::cell::RefCell::new(KeptWords::new());
}

/// Finds the option a text names, among a choice's options.
struct Matcher<'a> {
    words: std::rc::Rc<Words>,
    options: &'a [ChoiceOption],
}

impl<'a> Matcher<'a> {
    fn new(options: &'a [ChoiceOption]) -> Matcher<'a> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for o in options {
            o.id.hash(&mut hasher);
            o.label.fr.hash(&mut hasher);
        }
        let key = hasher.finish();
        let words = KEPT_WORDS.with(|kept| {
            let mut kept = kept.borrow_mut();
            if let Some((_, words)) = kept.get(&key).and_then(|same| same.iter().find(|(o, _)| o == options)) {
                return words.clone();
            }
            if kept.values().map(Vec::len).sum::<usize>() >= KEPT_WORDS_LIMIT {
                kept.clear();
            }
            let words = std::rc::Rc::new(Words::of(options));
            kept.entry(key).or_default().push((options.to_vec(), words.clone()));
            words
        });
        Matcher { words, options }
    }

    fn find(&self, text: &str) -> Option<&'a ChoiceOption> {
        let n = normalise(text);
        let n = n.trim_matches(|c: char| c == '.' || c == '"' || c == '«' || c == '»' || c.is_whitespace());
        let Words { exact, parts } = &*self.words;
        if let Some((_, i)) = exact.iter().find(|(word, _)| word == n) {
            return self.options.get(*i);
        }
        // Only an unambiguous part counts.
        let mut found = parts.iter().filter(|(part, _)| part == n).map(|(_, i)| *i);
        if let Some(first) = found.next() {
            return if found.all(|i| i == first) { self.options.get(first) } else { None };
        }
        // « N/A », « s.o. »… for the one option named « Non applicable » or « Sans objet ».
        if !NOT_APPLICABLE.contains(&n) {
            return None;
        }
        let mut named = exact
            .iter()
            .chain(parts)
            .filter(|(word, _)| NOT_APPLICABLE_NAMES.contains(&word.as_str()))
            .map(|(_, i)| *i);
        let first = named.next()?;
        if named.all(|i| i == first) { self.options.get(first) } else { None }
    }
}

fn choice(raw: &Raw, options: &[ChoiceOption], matcher: &Matcher) -> Reading {
    let text = match raw {
        Raw::Text(t) => t.clone(),
        Raw::List(items) if items.len() == 1 => items[0].clone(),
        other => other.display(Lang::En),
    };
    match matcher.find(&text) {
        Some(o) => Reading::value(Value::Choice(o.id.clone())),
        None => Reading {
            unmatched: Some(text.trim().to_string()),
            ..not_understood(text.trim(), |l| expected(&Answer::Choice { options: options.to_vec() }, l))
        },
    }
}

/// Where `needle` occurs in `hay`, letter case ignored, as byte offsets into `hay`.
fn find_ignoring_case(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let same = |a: char, b: char| a == b || a.to_lowercase().eq(b.to_lowercase());
    hay.char_indices().find_map(|(start, _)| {
        let mut rest = hay[start..].char_indices();
        for n in needle.chars() {
            let (_, h) = rest.next()?;
            if !same(h, n) {
                return None;
            }
        }
        let end = rest.next().map_or(hay.len(), |(i, _)| start + i);
        Some((start, end))
    })
}

fn multi_choice(raw: &Raw, options: &[ChoiceOption], matcher: &Matcher) -> Reading {
    let items: Vec<String> = match raw {
        Raw::List(items) => items.clone(),
        Raw::Text(t) => {
            // Split on list separators, but keep a whole label that contains one ("CSV, JSON" is two
            // items, while an option labelled "OOXML (xlsx, docx)" stays whole): such labels are
            // taken out of the text first.
            let mut out = Vec::new();
            let mut rest = t.clone();
            let separators = [',', ';', '|', '+'];
            for o in options {
                for label in std::iter::once(o.label.fr.as_str()).chain(o.label.en.as_deref()) {
                    if !label.contains(separators) {
                        continue;
                    }
                    if let Some((from, to)) = find_ignoring_case(&rest, label) {
                        out.push(rest[from..to].to_string());
                        rest.replace_range(from..to, "");
                    }
                }
            }
            for part in rest.split([',', ';', '\n', '|', '+']) {
                let part = part.trim();
                if part.is_empty() {
                    continue;
                }
                if matcher.find(part).is_some() {
                    out.push(part.to_string());
                } else {
                    out.extend(
                        part.split(" et ")
                            .flat_map(|p| p.split(" and "))
                            .flat_map(|p| p.split(" / "))
                            .map(|p| p.trim().to_string()),
                    );
                }
            }
            out
        }
        other => vec![other.display(Lang::En)],
    };
    let mut chosen = Vec::new();
    let mut unknown = Vec::new();
    for item in items.iter().filter(|i| non_answer(i) != Some(NonAnswer::Empty)) {
        match matcher.find(item) {
            Some(o) => chosen.push(o.id.clone()),
            None => unknown.push(item.clone()),
        }
    }
    if chosen.is_empty() && !unknown.is_empty() {
        return Reading {
            unmatched: Some(unknown.join(", ")),
            ..not_understood(&unknown.join(", "), |l| expected(&Answer::MultiChoice { options: options.to_vec() }, l))
        };
    }
    // Grid order, each option once.
    let ids: Vec<String> = options.iter().filter(|o| chosen.contains(&o.id)).map(|o| o.id.clone()).collect();
    let reading = Reading::value(Value::Choices(ids));
    if unknown.is_empty() {
        reading
    } else {
        let list = unknown.join(", ");
        Reading {
            unmatched: Some(list.clone()),
            ..reading.note(both(|l| match l {
                Lang::Fr => format!("éléments non reconnus parmi les options de la grille : {list}"),
                Lang::En => format!("items not recognised among the grid's options: {list}"),
            }))
        }
    }
}

/// Parses a date written by a person: `21/11/2026`, `21-11-2026`, `21.11.2026`, `2026-11-21`,
/// `21 novembre 2026`, `1er janvier 2027`, `November 21, 2026`.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if let Some(d) = Date::parse_iso(t) {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        let (d, m, y) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse::<i32>().ok()?);
        let y = if parts[2].len() == 2 { 2000 + y } else { y };
        if parts[0].len() == 4 {
            return Date::new(parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
        }
        return Date::new(y, m, d);
    }
    const MONTHS: [(&str, u32); 24] = [
        ("janvier", 1),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("decembre", 12),
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
    ];
    let n = normalise(t).replace(',', " ");
    let words: Vec<&str> = n.split_whitespace().collect();
    let month_at = words
        .iter()
        .position(|w| MONTHS.iter().any(|(m, _)| m == w || (w.len() >= 3 && m.starts_with(w.trim_end_matches('.')))))?;
    let month =
        MONTHS.iter().find(|(m, _)| *m == words[month_at] || m.starts_with(words[month_at].trim_end_matches('.')))?.1;
    let number = |w: &str| {
        w.trim_end_matches("er")
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th")
            .parse::<i64>()
            .ok()
    };
    let others: Vec<i64> =
        words.iter().enumerate().filter(|(i, _)| *i != month_at).filter_map(|(_, w)| number(w)).collect();
    match others.as_slice() {
        [a, b] if *a > 31 => Date::new(*a as i32, month, *b as u32),
        [a, b] => Date::new(*b as i32, month, *a as u32),
        _ => None,
    }
}

fn date(raw: &Raw) -> Reading {
    match raw {
        Raw::Text(t) => match parse_date(t) {
            Some(d) => Reading::value(Value::Date(d)),
            None => not_understood(t.trim(), |l| expected(&Answer::Date, l)),
        },
        other => not_understood(&other.display(Lang::Fr), |l| expected(&Answer::Date, l)),
    }
}

fn url(raw: &Raw) -> Reading {
    let Raw::Text(t) = raw else { return not_understood(&raw.display(Lang::Fr), |l| expected(&Answer::Url, l)) };
    let t = t.trim();
    let lower = t.to_ascii_lowercase();
    let valid_host = |rest: &str| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.')
            && !host.starts_with('.')
            && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    };
    if t.contains(char::is_whitespace) {
        return not_understood(t, |l| expected(&Answer::Url, l));
    }
    for scheme in ["https://", "http://"] {
        if let Some(rest) = lower.strip_prefix(scheme) {
            return if valid_host(rest) {
                Reading::value(Value::Url(t.to_string()))
            } else {
                not_understood(t, |l| expected(&Answer::Url, l))
            };
        }
    }
    if lower.starts_with("www.") && valid_host(&lower) {
        return Reading::value(Value::Url(format!("https://{t}")))
            .note(Text::new("« https:// » ajouté devant l'adresse", "\"https://\" added before the address"));
    }
    not_understood(t, |l| expected(&Answer::Url, l))
}

/// A price stated in full, as the response form asks it: the amount excluding VAT, the VAT rate or
/// the exemption, and the amount including VAT (`82 000 € HT, TVA 20 %, soit 98 400 € TTC`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Stated {
    ht: Option<f64>,
    rate: Option<f64>,
    ttc: Option<f64>,
    exempt: bool,
}

impl Stated {
    /// The parts of a price text that states more than one of them; `None` for a single amount.
    fn of(text: &str) -> Option<Stated> {
        let mut s = Stated::default();
        let mut parts = 0;
        // Decimal commas (`98 400,50`) are not list separators: guarded while splitting.
        let chars: Vec<char> = text.to_lowercase().chars().collect();
        let lowered: String = chars
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let digit = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_ascii_digit());
                if *c == ',' && digit(i.checked_sub(1)) && digit(Some(i + 1)) { '\u{1}' } else { *c }
            })
            .collect();
        let pieces = lowered
            .split([',', ';', '(', ')', '\n', '/'])
            .map(|p| p.replace('\u{1}', ","))
            .flat_map(|p| p.split(" soit ").map(String::from).collect::<Vec<_>>())
            .flat_map(|p| p.split(" dont ").map(String::from).collect::<Vec<_>>())
            .flat_map(|p| p.split(" et ").map(String::from).collect::<Vec<_>>());
        for piece in pieces {
            let piece = piece.as_str();
            let n = normalise(piece);
            let words: Vec<&str> = n.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            if words.iter().any(|w| matches!(*w, "exonere" | "exoneree" | "exoneration" | "franchise"))
                || n.contains("non applicable")
            {
                s.exempt = true;
                parts += 1;
                continue;
            }
            let Some(start) = piece.find(|c: char| c.is_ascii_digit()) else { continue };
            let Some((amount, rest, _)) = parse_number(&piece[start..]) else { continue };
            let unit = normalise(&rest);
            if words.contains(&"tva") && (unit.starts_with('%') || words.contains(&"taux")) {
                s.rate = Some(amount);
            } else if words.contains(&"ttc") {
                s.ttc = Some(amount);
            } else if words.contains(&"ht") || words.contains(&"htva") {
                s.ht = Some(amount);
            } else {
                continue;
            }
            parts += 1;
        }
        (parts >= 2 && (s.ht.is_some() || s.ttc.is_some())).then_some(s)
    }

    /// The price on the basis prices are compared on, as stated: HT and TTC are checked against
    /// the rate (the bidder's, else the grid's as a check); an exempt bidder pays HT; a basis not
    /// stated is to be obtained from the bidder, never converted.
    fn reading(self, ctx: &Context) -> Reading {
        let money = |v: f64, l: Lang| match l {
            Lang::Fr => format!("{} €", number(v, 2, l)),
            Lang::En => format!("€{}", number(v, 2, l)),
        };
        let ttc = self.ttc.or(if self.exempt { self.ht } else { None });
        let (wanted, other) = match ctx.price_basis {
            PriceBasis::Ttc => (ttc, self.ht.map(|_| PriceBasis::Ht)),
            PriceBasis::Ht => (self.ht, self.ttc.map(|_| PriceBasis::Ttc)),
        };
        let Some(amount) = wanted.filter(|a| *a > 0.0) else {
            return Reading { other_basis: other, ..Reading::default() };
        };
        let mut reading = Reading::value(Value::Price(amount));
        reading.vat =
            if self.exempt { Some(crate::schedule::Vat::Exempt) } else { self.rate.map(crate::schedule::Vat::Rate) };
        if self.exempt {
            reading = reading.note(Text::new(
                "exonération de TVA déclarée par le candidat : le prix hors TVA est celui que paiera l'acheteur",
                "VAT exemption stated by the bidder: the price without VAT is what the buyer will pay",
            ));
        }
        let rate = if self.exempt { Some(0.0) } else { self.rate.or(ctx.vat_rate) };
        if let (Some(ht), Some(ttc), Some(rate)) = (self.ht, self.ttc, rate) {
            let expected = ht * (1.0 + rate / 100.0);
            if (expected - ttc).abs() > 0.01 {
                reading = reading.note(both(|l| match l {
                    Lang::Fr => format!(
                        "incohérence à vérifier : {} HT × (1 + {} %) = {}, et non {} TTC ; le prix {} indiqué est retenu",
                        money(ht, l),
                        number(rate, 2, l),
                        money(expected, l),
                        money(ttc, l),
                        ctx.price_basis.code()
                    ),
                    Lang::En => format!(
                        "inconsistency to check: {} excl. VAT × (1 + {}%) = {}, not {} incl. VAT; the {} price stated is used",
                        money(ht, l),
                        number(rate, 2, l),
                        money(expected, l),
                        money(ttc, l),
                        ctx.price_basis.code()
                    ),
                }));
            }
        }
        reading
    }
}

fn price(raw: &Raw, ctx: &Context) -> Reading {
    let answer_expected = |l: Lang| expected(&Answer::Price { currency: "EUR".into() }, l);
    let (amount, basis) = match raw {
        Raw::Number(n) => (*n, None),
        Raw::Price { amount, basis } => (*amount, Some(*basis)),
        Raw::Text(t) => {
            if let Some(stated) = Stated::of(t) {
                return stated.reading(ctx);
            }
            let Some((amount, rest, _)) = parse_number(t) else { return not_understood(t.trim(), answer_expected) };
            let n = normalise(&rest);
            let words: Vec<&str> = n.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            let basis = if words.contains(&"ttc") {
                Some(PriceBasis::Ttc)
            } else if words.contains(&"ht") || words.contains(&"htva") {
                Some(PriceBasis::Ht)
            } else {
                None
            };
            let known = |w: &&str| matches!(*w, "ttc" | "ht" | "htva" | "eur" | "euro" | "euros" | "k" | "keur");
            let per = |w: &&str| {
                matches!(
                    *w,
                    "mois"
                        | "an"
                        | "annee"
                        | "jour"
                        | "j"
                        | "unite"
                        | "u"
                        | "h"
                        | "heure"
                        | "utilisateur"
                        | "licence"
                        | "poste"
                        | "month"
                        | "year"
                        | "user"
                        | "unit"
                )
            };
            if words.iter().any(per) {
                // A unit price (BPU) where the form asks for the total of the simulated order (DQE).
                return Reading::problem(both(|l| match l {
                    Lang::Fr => format!(
                        "« {} » est un prix unitaire ; attendu le montant total demandé par le cadre de réponse (détail quantitatif estimatif)",
                        t.trim()
                    ),
                    Lang::En => format!(
                        "\"{}\" is a unit price; expected the total amount the response form asks for (estimated bill of quantities)",
                        t.trim()
                    ),
                }));
            }
            if words.iter().any(|w| !known(w)) {
                return not_understood(t.trim(), answer_expected);
            }
            let thousands = words.iter().any(|w| matches!(*w, "k" | "keur"));
            (if thousands { amount * 1000.0 } else { amount }, basis)
        }
        other => return not_understood(&other.display(Lang::Fr), answer_expected),
    };
    if amount <= 0.0 {
        return Reading::problem(both(|l| match l {
            Lang::Fr => format!("prix {} : un prix doit être positif", number(amount, 2, l)),
            Lang::En => format!("price {}: a price must be positive", number(amount, 2, l)),
        }));
    }
    let wanted = ctx.price_basis;
    match basis {
        None => Reading::value(Value::Price(amount)).note(both(|l| match l {
            Lang::Fr => format!("prix lu {} comme le demande le cadre de réponse", wanted.code()),
            Lang::En => format!("price read as {} as the response form asks", wanted.code()),
        })),
        Some(b) if b == wanted => Reading::value(Value::Price(amount)),
        // A price on the other basis is never converted with a presumed VAT rate: what the buyer
        // will pay is the bidder's to state (its rate, or its exemption).
        Some(b) => Reading { other_basis: Some(b), ..Reading::default() }.note(both(|l| match l {
            Lang::Fr => format!(
                "prix donné {} seulement ({} €) alors que les prix sont comparés {} : aucun taux de TVA n'est présumé",
                b.code(),
                number(amount, 2, l),
                wanted.code()
            ),
            Lang::En => format!(
                "price given {} only (€{}) while prices are compared {}: no VAT rate is presumed",
                b.code(),
                number(amount, 2, l),
                wanted.code()
            ),
        })),
    }
}

#[cfg(test)]
mod tests;
