//! The RFC 8785 canonical form of what a value serialises to, written as it is serialised: what
//! `serde_json::to_value` then the canonicaliser would write (objects' members sorted by their
//! names' UTF-16 code units, a name given twice keeping its last value, no spaces, strings
//! escaped by serde_json, numbers spelt by `serde_json_canonicalizer`), without building the
//! JSON value (an offer's seal: the value's tree built, sorted and dropped was half of it).
//! `validate.rs` checks it writes the canonicaliser's bytes for any JSON value, `tests/it/props.rs` that an
//! offer's seal is the fingerprint of its content as a JSON value.

use serde::ser::{self, Serialize};

/// Why a value has no canonical form: what `serde_json::to_value` refuses too (a map key that
/// is a list or an object, an infinite number; an integer past 64 bits).
#[derive(Debug)]
pub(crate) struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Unsupported(message.to_string())
    }
}

type Done = Result<(), Unsupported>;

/// Appends the canonical form of `value` to `out`.
pub(crate) fn write<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Done {
    value.serialize(Canon { out })
}

fn number(n: &serde_json::Number, out: &mut Vec<u8>) -> Done {
    serde_json_canonicalizer::to_writer(n, out).map_err(ser::Error::custom)
}

fn string(s: &str, out: &mut Vec<u8>) -> Done {
    serde_json::to_writer(out, s).map_err(ser::Error::custom)
}

/// The start of a variant with content, an object of one member named after it: `{"name":`.
fn variant_opening(variant: &str, out: &mut Vec<u8>) -> Done {
    out.push(b'{');
    string(variant, out)?;
    out.push(b':');
    Ok(())
}

fn wide<T: TryInto<i64> + TryInto<u64> + Copy>(v: T) -> Result<serde_json::Number, Unsupported> {
    match (TryInto::<i64>::try_into(v), TryInto::<u64>::try_into(v)) {
        (_, Ok(u)) => Ok(u.into()),
        (Ok(i), _) => Ok(i.into()),
        _ => Err(Unsupported("number out of range".into())),
    }
}

/// Integers serialised as the wider one they fit in.
macro_rules! widened {
    ($($method:ident: $ty:ty => $wider:ident),+ $(,)?) => {$(
        fn $method(self, v: $ty) -> Done {
            self.$wider(v.into())
        }
    )+};
}

/// Keys written as their text (integers: their digits, as serde_json writes them).
macro_rules! written {
    ($($method:ident: $ty:ty),+ $(,)?) => {$(
        fn $method(self, v: $ty) -> Result<String, Unsupported> {
            Ok(v.to_string())
        }
    )+};
}

struct Canon<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> ser::Serializer for Canon<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Done {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    widened! {
        serialize_i8: i8 => serialize_i64,
        serialize_i16: i16 => serialize_i64,
        serialize_i32: i32 => serialize_i64,
        serialize_u8: u8 => serialize_u64,
        serialize_u16: u16 => serialize_u64,
        serialize_u32: u32 => serialize_u64,
    }
    fn serialize_i64(self, v: i64) -> Done {
        number(&v.into(), self.out)
    }
    fn serialize_u64(self, v: u64) -> Done {
        number(&v.into(), self.out)
    }
    fn serialize_i128(self, v: i128) -> Done {
        number(&wide(v)?, self.out)
    }
    fn serialize_u128(self, v: u128) -> Done {
        number(&wide(v)?, self.out)
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        // Not a finite number: null, as in a JSON value.
        match serde_json::Number::from_f64(v) {
            Some(n) => number(&n, self.out),
            None => self.serialize_unit(),
        }
    }
    fn serialize_char(self, v: char) -> Done {
        string(v.encode_utf8(&mut [0; 4]), self.out)
    }
    fn serialize_str(self, v: &str) -> Done {
        string(v, self.out)
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Done {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        string(variant, self.out)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        variant_opening(variant, self.out)?;
        value.serialize(Canon { out: self.out })?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, Unsupported> {
        self.out.push(b'[');
        Ok(Seq { out: self.out, first: true, close: b"]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'a>, Unsupported> {
        variant_opening(variant, self.out)?;
        self.out.push(b'[');
        Ok(Seq { out: self.out, first: true, close: b"]}" })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Object<'a>, Unsupported> {
        Ok(Object::new(self.out, 0, b"}"))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Object<'a>, Unsupported> {
        Ok(Object::new(self.out, len, b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Object<'a>, Unsupported> {
        variant_opening(variant, self.out)?;
        Ok(Object::new(self.out, len, b"}}"))
    }
}

/// An array being written: its elements in order.
struct Seq<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    close: &'static [u8],
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.serialize(Canon { out: self.out })
    }
    fn end(self) -> Done {
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// The serde traits of an array or an object being written, each an element or member.
macro_rules! each {
    ($target:ident: $($trait:ident :: $method:ident ($($name:ident: $ty:ty)?) => $body:expr),+ $(,)?) => {$(
        impl ser::$trait for $target<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: Serialize + ?Sized>(&mut self, $($name: $ty,)? value: &T) -> Done {
                $body(self, $($name,)? value)
            }
            fn end(self) -> Done {
                $target::end(self)
            }
        }
    )+};
}

each!(Seq:
    SerializeSeq::serialize_element() => Seq::element,
    SerializeTuple::serialize_element() => Seq::element,
    SerializeTupleStruct::serialize_field() => Seq::element,
    SerializeTupleVariant::serialize_field() => Seq::element,
);

/// An object being written: its members' values written one after the other from `start`,
/// then, when it ends, the object with its members sorted written after them and moved back to
/// `start` (one buffer for the whole value, each byte moved once per enclosing object).
struct Object<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
    /// Each member's name and where its value was written.
    members: Vec<(Name, std::ops::Range<usize>)>,
    key: Option<String>,
    close: &'static [u8],
}

/// A member's name: a struct's field names are static.
type Name = std::borrow::Cow<'static, str>;

/// The order of names in canonical form: by their UTF-16 code units (which is their bytes'
/// order for ASCII, a struct's field names).
fn order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() { a.cmp(b) } else { a.encode_utf16().cmp(b.encode_utf16()) }
}

impl<'a> Object<'a> {
    fn new(out: &'a mut Vec<u8>, members: usize, close: &'static [u8]) -> Object<'a> {
        let start = out.len();
        Object { out, start, members: Vec::with_capacity(members), key: None, close }
    }

    fn member<T: Serialize + ?Sized>(&mut self, name: Name, value: &T) -> Done {
        let from = self.out.len();
        value.serialize(Canon { out: self.out })?;
        self.members.push((name, from..self.out.len()));
        Ok(())
    }

    fn end(mut self) -> Done {
        // Stable: of a name given twice, the last value is the one kept (as in a JSON value).
        self.members.sort_by(|a, b| order(&a.0, &b.0));
        let written = self.out.len();
        self.out.push(b'{');
        let mut first = true;
        for (i, (name, value)) in self.members.iter().enumerate() {
            if self.members.get(i + 1).is_some_and(|(next, _)| next == name) {
                continue;
            }
            if !first {
                self.out.push(b',');
            }
            first = false;
            string(name, self.out)?;
            self.out.push(b':');
            self.out.extend_from_within(value.clone());
        }
        self.out.extend_from_slice(self.close);
        let end = self.out.len();
        self.out.copy_within(written..end, self.start);
        self.out.truncate(self.start + (end - written));
        Ok(())
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        self.key = Some(key.serialize(Key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        let name = self.key.take().ok_or_else(|| Unsupported("a value without its key".into()))?;
        self.member(name.into(), value)
    }
    fn end(self) -> Done {
        Object::end(self)
    }
}

/// A struct's field as a member.
fn field<T: Serialize + ?Sized>(object: &mut Object<'_>, name: &'static str, value: &T) -> Done {
    object.member(name.into(), value)
}

each!(Object:
    SerializeStruct::serialize_field(name: &'static str) => field,
    SerializeStructVariant::serialize_field(name: &'static str) => field,
);

fn not_a_name() -> Unsupported {
    Unsupported("a key that is not a text".into())
}

/// The key serialisers that refuse: no name for a list, an object or nothing.
macro_rules! refuse {
    ($($method:ident ($($arg:tt: $ty:ty),*) -> $out:ty;)+) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<$out, Unsupported> {
            Err(not_a_name())
        }
    )+};
}

/// A map's key as an object member's name, as serde_json makes it: a text, a character, a
/// boolean or a number (as written), a unit variant (its name); anything else has none.
struct Key;

impl ser::Serializer for Key {
    type Ok = String;
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<String, Unsupported>;
    type SerializeTuple = ser::Impossible<String, Unsupported>;
    type SerializeTupleStruct = ser::Impossible<String, Unsupported>;
    type SerializeTupleVariant = ser::Impossible<String, Unsupported>;
    type SerializeMap = ser::Impossible<String, Unsupported>;
    type SerializeStruct = ser::Impossible<String, Unsupported>;
    type SerializeStructVariant = ser::Impossible<String, Unsupported>;

    fn serialize_str(self, v: &str) -> Result<String, Unsupported> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Unsupported> {
        Ok(v.to_string())
    }
    written! { serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128 }
    written! { serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128 }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, Unsupported> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Unsupported> {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<String, Unsupported> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<String, Unsupported> {
        match v.is_finite() {
            true => serde_json::to_string(&v).map_err(ser::Error::custom),
            false => Err(Unsupported("a key that is not a finite number".into())),
        }
    }
    fn serialize_f64(self, v: f64) -> Result<String, Unsupported> {
        match v.is_finite() {
            true => serde_json::to_string(&v).map_err(ser::Error::custom),
            false => Err(Unsupported("a key that is not a finite number".into())),
        }
    }
    refuse! {
        serialize_bytes(_: &[u8]) -> String;
        serialize_none() -> String;
        serialize_unit() -> String;
        serialize_unit_struct(_: &'static str) -> String;
        serialize_seq(_: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(_: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(_: &'static str, _: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(_: &'static str, _: u32, _: &'static str, _: usize) -> Self::SerializeTupleVariant;
        serialize_map(_: Option<usize>) -> Self::SerializeMap;
        serialize_struct(_: &'static str, _: usize) -> Self::SerializeStruct;
        serialize_struct_variant(_: &'static str, _: u32, _: &'static str, _: usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, Unsupported> {
        Err(not_a_name())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Unsupported> {
        Err(not_a_name())
    }
}

#[cfg(test)]
mod tests {
    /// A map giving a name twice (a flattened field's name again, say) keeps the last value, as
    /// the JSON value serde_json builds does; variants are written as serde_json writes them.
    #[test]
    fn written_as_the_json_value_serde_json_builds() {
        struct Twice;
        impl serde::Serialize for Twice {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map([("b", 1), ("a", 2), ("b", 3), ("\u{10000}", 4), ("\u{e000}", 5)])
            }
        }
        #[derive(serde::Serialize)]
        enum Kinds {
            Unit,
            Newtype(u8),
            Tuple(i32, f64),
            Struct { z: Option<u8>, y: char },
        }
        let values = [Kinds::Unit, Kinds::Newtype(7), Kinds::Tuple(-1, f64::NAN), Kinds::Struct { z: None, y: 'é' }];
        fn written<T: serde::Serialize>(value: &T) -> String {
            let mut out = Vec::new();
            super::write(value, &mut out).expect("written");
            String::from_utf8(out).expect("UTF-8")
        }
        let theirs = |value: serde_json::Value| serde_json_canonicalizer::to_string(&value).expect("canonical");
        assert_eq!(written(&Twice), "{\"a\":2,\"b\":3,\"\u{10000}\":4,\"\u{e000}\":5}");
        assert_eq!(written(&Twice), theirs(serde_json::to_value(Twice).expect("value")));
        for value in &values {
            assert_eq!(written(value), theirs(serde_json::to_value(value).expect("value")));
        }
    }
}
