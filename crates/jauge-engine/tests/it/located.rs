//! The place of a JSON document's error (`jauge_engine::located`, found from serde_json's line and
//! column after the parse failed) against the path `serde_path_to_error` tracked while parsing,
//! which it replaced: the repository's grids, offers, marks files, sessions, records and quantity
//! files, each broken in every way below at each of its values, must be located alike.

use jauge_engine::grid::{Grid, Quantities};
use jauge_engine::located;
use jauge_engine::offer::{MarksFile, OfferFile};
use jauge_engine::session::{Record, Session};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::root;

/// The path serde_path_to_error gives, if the text fails.
fn tracked<T: DeserializeOwned>(text: &str) -> Option<String> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let tracked: Result<T, _> = serde_path_to_error::deserialize(de);
    match tracked {
        Err(e) => Some(e.path().to_string()),
        // serde_path_to_error does not check what follows the document; serde_json does.
        Ok(_) => serde_json::from_str::<T>(text).err().map(|_| ".".to_string()),
    }
}

/// Each way a document is broken, at one place of it.
fn breakages(doc: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let mut pointers = Vec::new();
    collect(doc, String::new(), &mut pointers);
    // At most about 80 places per document, spread over it (a grid has thousands of values).
    let step = (pointers.len() / 80).max(1);
    for pointer in pointers.iter().step_by(step) {
        let Some(value) = doc.pointer(pointer) else { continue };
        // Another shape in place of the value.
        for other in
            [Value::Bool(true), "x".into(), Value::Array(vec![]), serde_json::json!({}), (-1).into(), 1.5.into()]
        {
            if shape(&other) != shape(value) {
                let mut broken = doc.clone();
                if let Some(slot) = broken.pointer_mut(pointer) {
                    *slot = other;
                }
                out.push(broken);
            }
        }
        // An object with a member missing, and with a member no format has.
        if let Value::Object(map) = value {
            for key in map.keys() {
                let mut broken = doc.clone();
                if let Some(Value::Object(m)) = broken.pointer_mut(pointer) {
                    m.remove(key);
                }
                out.push(broken);
            }
            let mut broken = doc.clone();
            if let Some(Value::Object(m)) = broken.pointer_mut(pointer) {
                m.insert("zz_inconnu".into(), 1.into());
            }
            out.push(broken);
        }
    }
    out
}

fn shape(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(n) if n.is_f64() => 2,
        Value::Number(_) => 3,
        Value::String(_) => 4,
        Value::Array(_) => 5,
        Value::Object(_) => 6,
    }
}

fn collect(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                collect(child, format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect(child, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

/// Whether the path `outer` names a value that holds the one `inner` names.
fn encloses(outer: &str, inner: &str) -> bool {
    outer == "." || inner.strip_prefix(outer).is_some_and(|rest| rest.starts_with(['.', '[']))
}

/// Every breakage of the document, then its text cut or with a byte taken out at places spread
/// over it (syntax errors), read as `T` both ways; the mismatches, as lines.
fn compare<T: DeserializeOwned>(name: &str, text: &str) -> (usize, Vec<String>) {
    let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    // Each breakage written pretty (spaces between values) and compact (none: serde_json then
    // places a value of the wrong shape on the colon, comma or bracket before it).
    let mut texts: Vec<String> = breakages(&doc)
        .iter()
        .flat_map(|b| [serde_json::to_string_pretty(b).expect("json"), serde_json::to_string(b).expect("json")])
        .collect();
    let pretty = serde_json::to_string_pretty(&doc).expect("json");
    let step = (pretty.len() / 60).max(1);
    for at in (0..pretty.len()).step_by(step).filter(|&i| pretty.is_char_boundary(i) && pretty.is_char_boundary(i + 1))
    {
        texts.push(format!("{}{}", &pretty[..at], &pretty[at + 1..]));
        texts.push(pretty[..at].to_string());
    }
    texts.push(format!("{pretty} ]"));
    let mut failed = 0;
    let mut mismatches = Vec::new();
    for broken in &texts {
        let old = tracked::<T>(broken);
        let new = located::from_str::<T>(broken).err().map(|e| e.path);
        if old.is_some() {
            failed += 1;
        }
        let err = serde_json::from_str::<T>(broken).err();
        // A file cut short: serde_path_to_error named a key it had not finished reading `?`; the
        // place is where the text stops, named by what was read.
        if err.as_ref().is_some_and(|e| e.is_eof()) {
            continue;
        }
        // An error serde raises after the value was read whole (no variant of an untagged or
        // tagged enum matches) is placed by serde_json where the enclosing object's reading
        // stopped, past the value when it was the last member: the place named is then an
        // enclosing value. Every other error is located as it was tracked.
        let late = err.as_ref().is_some_and(|e| e.is_data())
            && old.as_deref().zip(new.as_deref()).is_some_and(|(o, n)| encloses(n, o));
        if old != new && !late {
            let near = err.as_ref().map(|e| {
                let line = broken.lines().nth(e.line().saturating_sub(1)).unwrap_or_default();
                format!("{e} {line:?}")
            });
            mismatches.push(format!("{name}: tracked {old:?}, located {new:?} ({near:?})"));
        }
    }
    (failed, mismatches)
}

#[test]
fn errors_are_located_as_serde_path_to_error_tracked_them() {
    let root = root();
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let mut failed = 0;
    let mut mismatches = Vec::new();
    let mut add = |(f, m): (usize, Vec<String>)| {
        failed += f;
        mismatches.extend(m);
    };
    for grid in [
        "criteria/hebergement.json",
        "samples/accord-cadre/grille.json",
        "samples/portail-citoyen/bpu/grille-kerbrat.json",
    ] {
        add(compare::<Grid>(grid, &read(grid)));
        add(compare::<Value>(grid, &read(grid)));
    }
    add(compare::<OfferFile>("offre", &read("samples/portail-citoyen/offre-cite-connect.json")));
    add(compare::<MarksFile>("notes", &read("samples/portail-citoyen/commission/notes-alice.json")));
    add(compare::<Session>("session", &read("samples/accord-cadre/session-tour-1.json")));
    add(compare::<Record>("dossier", &read("samples/accord-cadre/dossier.json")));
    add(compare::<Quantities>("quantites", &read("samples/accord-cadre/quantites.json")));
    assert!(failed > 2_000, "too few broken documents were refused ({failed}): the comparison tests little");
    assert!(mismatches.is_empty(), "{} of {failed} located differently:\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
fn a_key_given_twice_in_any_object_is_refused_and_placed() {
    // serde keeps a map's last value silently: an evaluator's mark, a bidder's answer, a grid's
    // wording given twice would be read as the last one, which nobody chose.
    let marks = r#"{"format": "jauge-marks/1", "offers": {
        "Armor Numérique SCOP": {"INT-05": {"mark": 2, "appraisal": "Faible."}},
        "Cité Connect SAS": {"INT-05": {"mark": 3, "appraisal": "Moyen."}, "INT-05": {"mark": 5, "appraisal": "Parfait."}}
    }}"#;
    let e = MarksFile::from_json(marks).expect_err("a mark given twice");
    assert!(e.to_string().contains("« offers.Cité Connect SAS.INT-05 »"), "{e}");
    assert!(e.to_string().contains("champ « INT-05 » donné deux fois"), "{e}");
    // The same key written with an escape is the same key.
    let twice = r#"{"format": "jauge-marks/1", "offers": {"A": {}, "\u0041": {}}}"#;
    let e = MarksFile::from_json(twice).expect_err("A and \\u0041");
    assert!(e.to_string().contains("champ « A » donné deux fois"), "{e}");
    // A bidder's answer given twice, deep in an offer file.
    let offer = std::fs::read_to_string(root().join("samples/portail-citoyen/offre-cite-connect.json")).expect("offer");
    let forged = offer.replacen(r#""answers": {"#, r#""answers": {"REV-03": "non", "#, 1);
    assert_ne!(forged, offer, "the offer file gives answers");
    let e = located::from_str::<OfferFile>(&forged).expect_err("an answer given twice");
    assert_eq!(e.path, "answers.REV-03");
    // The same keys in different objects, and a document read whole, are fine.
    let ok = r#"{"format": "jauge-marks/1", "offers": {"A": {"X-1": {"mark": 1, "appraisal": "a"}}, "B": {"X-1": {"mark": 1, "appraisal": "b"}}}}"#;
    MarksFile::from_json(ok).expect("the same key in two objects");
    assert!(located::from_str::<OfferFile>(&offer).is_ok());
}

/// The reference the byte scan replaced: a serde visitor reading every object's keys into a set,
/// raising serde's "duplicate field" error (placed by serde_json on the key given again).
#[derive(Debug)]
struct Unique;

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unique, D::Error> {
        d.deserialize_any(Unique)
    }
}

impl<'de> serde::de::Visitor<'de> for Unique {
    type Value = Unique;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut keys = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                return Err(serde::de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}

/// `v` written as JSON, with the objects at `twice` (JSON pointers) given their first key again:
/// as the object's last member (`escaped`: its first character written `\uXXXX`), and with a
/// nested object giving its own key twice when `nested`.
fn with_twice(v: &Value, here: &str, twice: &[String], (escaped, nested): (bool, bool), out: &mut String) {
    match v {
        Value::Object(map) => {
            out.push('{');
            for (i, (k, child)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&serde_json::to_string(k).expect("key"));
                out.push_str(": ");
                let pointer = format!("{here}/{}", k.replace('~', "~0").replace('/', "~1"));
                with_twice(child, &pointer, twice, (escaped, nested), out);
            }
            if let Some(first) = map.keys().next().filter(|_| twice.iter().any(|t| t == here)) {
                let key = match first.chars().next() {
                    Some(c) if escaped && (c as u32) < 0x10000 => {
                        format!("\"\\u{:04x}{}\"", c as u32, &first[c.len_utf8()..].replace('"', "\\\""))
                    }
                    _ => serde_json::to_string(first).expect("key"),
                };
                let value = if nested { r#"{"b": 1, "a": 2, "b": 3}"# } else { "1" };
                out.push_str(&format!(",\n  {key}: {value}"));
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, child) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                with_twice(child, &format!("{here}/{i}"), twice, (escaped, nested), out);
            }
            out.push(']');
        }
        scalar => out.push_str(&serde_json::to_string(scalar).expect("scalar")),
    }
}

#[test]
fn keys_given_twice_are_found_as_a_serde_visitor_finds_them() {
    let root = root();
    let mut compared = 0;
    for name in [
        "criteria/hebergement.json",
        "samples/portail-citoyen/offre-cite-connect.json",
        "samples/portail-citoyen/commission/notes-alice.json",
        "samples/accord-cadre/session-tour-1.json",
        "samples/accord-cadre/dossier.json",
    ] {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(root.join(name)).expect(name)).expect(name);
        let mut objects = Vec::new();
        collect(&doc, String::new(), &mut objects);
        objects.retain(|p| doc.pointer(p).and_then(Value::as_object).is_some_and(|m| !m.is_empty()));
        let step = (objects.len() / 40).max(1);
        let picked: Vec<&String> = objects.iter().step_by(step).collect();
        // One object given a key twice, then two (the first in the text must be named), each way.
        for (i, one) in picked.iter().enumerate() {
            let other = picked[(i * 7 + 3) % picked.len()];
            for twice in [vec![(*one).clone()], vec![(*one).clone(), other.clone()]] {
                for how in [(false, false), (true, false), (false, true)] {
                    let mut text = String::new();
                    with_twice(&doc, "", &twice, how, &mut text);
                    let reference = serde_json::from_str::<Unique>(&text).expect_err("a key given twice");
                    let found = located::from_str::<Value>(&text).expect_err("a key given twice");
                    let field = reference.to_string().split('`').nth(1).unwrap_or_default().to_string();
                    assert_eq!(
                        (found.line, found.column, &found.problem),
                        (
                            reference.line(),
                            reference.column(),
                            &jauge_engine::error::JsonProblem::DuplicateField { field }
                        ),
                        "{name} {twice:?} {how:?}"
                    );
                    compared += 1;
                }
            }
        }
        // The document as it is has no key twice.
        assert!(located::from_str::<Value>(&serde_json::to_string_pretty(&doc).expect("json")).is_ok());
    }
    assert!(compared > 400, "too few documents compared ({compared})");
}

#[test]
fn bytes_not_in_utf8_are_placed_where_they_are() {
    let mut bytes = b"{\"format\": \"jauge-marks/1\",\n \"offers\": {\"A".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"\": {}}}");
    let e = located::from_slice::<MarksFile>(&bytes).expect_err("not UTF-8");
    assert_eq!((e.line, e.column, e.problem.clone()), (2, 15, jauge_engine::error::JsonProblem::NotUtf8), "{e:?}");
    assert_eq!(e.path, "offers.?");
    // The same text in UTF-8 is read.
    let good = String::from_utf8_lossy(&bytes).into_owned();
    assert!(located::from_slice::<MarksFile>(good.as_bytes()).is_ok());
}
