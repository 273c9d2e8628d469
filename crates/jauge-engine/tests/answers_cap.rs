//! An offer file that gives more answers than an offer may is refused without holding them: the
//! memory its reading takes is counted by this test binary's allocator (its own binary, so that
//! no other test allocates meanwhile).

use std::alloc::System;

use cap::Cap;
use jauge_engine::{Error, Offer, limits};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// A JSON offer giving `answers` answers and as many comments when `comments`, written into one
/// string made once (no copy of it held while it grows: the allocator's peak is the reading's).
fn offer(answers: usize, comments: bool) -> String {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(100 + 32 * answers);
    text.push_str("{\"format\":\"jauge-offer/1\",\"supplier\":{\"name\":\"Hostile\"},\"answers\":{");
    let entries = |text: &mut String, value: &str| {
        for i in 0..answers {
            let comma = if i == 0 { "" } else { "," };
            write!(text, "{comma}\"C-{i}\":{value}").expect("a string");
        }
        text.push('}');
    };
    entries(&mut text, "1");
    if comments {
        text.push_str(",\"comments\":{");
        entries(&mut text, "\"vu\"");
    }
    text.push('}');
    text
}

#[test]
fn an_offer_with_too_many_answers_is_refused_with_their_count_without_holding_them() {
    // At the limit, read; one more answer, or as many comments beside them, refused with the count.
    let at = limits::OFFER_ANSWERS;
    assert_eq!(Offer::from_json("o.json", &offer(at, false)).expect("at the limit").responses.len(), at);
    for (text, count) in [(offer(at + 1, false), at + 1), (offer(at, true), 2 * at)] {
        match Offer::from_json("o.json", &text) {
            Err(Error::TooManyAnswers { count: c, limit }) => assert_eq!((c, limit), (count, at)),
            other => panic!("{:?}", other.map(|o| o.responses.len())),
        }
    }

    // A million answers (about 13 MB, under the offer file's size cap): refused, counted, and read
    // in less memory than the text itself (kept whole, they took several times its size).
    let text = offer(1_000_000, false);
    assert!(text.len() as u64 <= limits::OFFER_BYTES);
    let held = ALLOCATOR.allocated();
    let refused = Offer::from_json("o.json", &text);
    assert!(matches!(refused, Err(Error::TooManyAnswers { count: 1_000_000, .. })), "{refused:?}");
    // The highest the allocations ever reached, over what the text holds: the tests above took
    // a few megabytes before it was made, so what passes here is the reading's.
    let peak = ALLOCATOR.max_allocated() - held;
    assert!(peak < text.len(), "{peak} bytes at most to read {} bytes", text.len());
    let words = refused.expect_err("refused").describe(jauge_engine::Lang::Fr);
    let digits: String = words.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(digits.contains("1000000réponses") && digits.contains("limitede20000"), "{words}");
}
