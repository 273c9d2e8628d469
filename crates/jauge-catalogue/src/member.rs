//! What a member does with a structure's catalogue: pin the structure's public key once, open a
//! catalogue against the keys pinned, find each grid file beside the catalogue, and be told when
//! a newer version of the grid in use is published. Pure functions: the app keeps the pins and
//! fetches the files.

use serde::{Deserialize, Serialize};

use crate::{Catalogue, PublicKey, Refusal, Release, Signed, Status, read, verify};

/// The name of the public key file the app looks for beside a catalogue published at an address.
/// A key that comes with the catalogue proves nothing: whoever could change the catalogue could
/// change the key; the member compares its id with the one the structure gave another way.
pub const PUBLIC_KEY_NAME: &str = "structure.pub";

/// A structure's public key a member pinned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// The publisher of the catalogue the key verified when it was pinned.
    pub publisher: String,
    /// The key id (16 hexadecimal digits).
    pub key_id: String,
    /// The key, as given (a `.pub` file or its base64 line).
    pub key: String,
}

/// A catalogue opened against the keys pinned.
#[derive(Clone, Debug, PartialEq)]
pub enum Opening {
    /// Signed by the key pinned for its publisher.
    Verified(Signed),
    /// Signed, but no key is pinned for the publisher it claims: the member is asked to pin the
    /// structure's key. Nothing of the catalogue is verified yet.
    Unpinned {
        /// The publisher the catalogue claims (not verified).
        publisher: String,
        /// The id of the key that signed it.
        key_id: String,
    },
}

/// Opens a catalogue (its bytes and its `.minisig` text, `None` when there is none) against the
/// key pinned for the publisher it claims. An unsigned catalogue is refused; a catalogue signed
/// by another key than its publisher's pinned one is refused (`OtherKey`), as is one changed
/// after signing. A key pinned for another publisher vouches for that publisher only: a
/// catalogue claiming a name no key is pinned for asks for a pin, even when a key pinned under
/// another name signed it, so that no structure can publish under another's name.
pub fn open(catalogue: &[u8], signature: Option<&str>, pins: &[Pin]) -> Result<Opening, Refusal> {
    let claimed = read(catalogue)?;
    let signature = signature.filter(|s| !s.trim().is_empty()).ok_or(Refusal::NoSignature)?;
    let signer = signer(signature)?;
    match pins.iter().find(|p| p.publisher == claimed.publisher) {
        None => Ok(Opening::Unpinned { publisher: claimed.publisher, key_id: signer }),
        Some(pin) => Ok(Opening::Verified(verify(catalogue, signature, &PublicKey::parse(&pin.key)?)?)),
    }
}

/// Pins `key` for a catalogue: the key must verify its signature; the pin records the publisher
/// it verified.
pub fn pin(catalogue: &[u8], signature: &str, key: &str) -> Result<(Pin, Signed), Refusal> {
    let public = PublicKey::parse(key)?;
    let signed = verify(catalogue, signature, &public)?;
    let pin = Pin {
        publisher: signed.catalogue.publisher.clone(),
        key_id: public.id().to_string(),
        key: key.trim().to_string(),
    };
    Ok((pin, signed))
}

/// The pins with `pin` added, replacing one for the same publisher or with the same key id.
pub fn pinned(pins: &[Pin], pin: Pin) -> Vec<Pin> {
    let mut out: Vec<Pin> =
        pins.iter().filter(|p| p.publisher != pin.publisher && p.key_id != pin.key_id).cloned().collect();
    out.push(pin);
    out
}

/// The id of the key that made a signature (the `.minisig` text).
pub fn signer(signature: &str) -> Result<String, Refusal> {
    minisign_verify::Signature::decode(signature).map_err(|_| Refusal::SignatureUnreadable)?;
    signature.lines().nth(1).and_then(|l| crate::key_id(l, 74)).ok_or(Refusal::SignatureUnreadable)
}

/// The address of a file listed by a catalogue published at `catalogue_url`: the catalogue's
/// folder (its address up to the last `/`, without query or fragment) followed by the file's
/// relative address.
pub fn address(catalogue_url: &str, file: &str) -> String {
    let url = catalogue_url.trim();
    let url = url.split(['?', '#']).next().unwrap_or(url);
    let folder = url.rfind('/').and_then(|i| url.get(..=i)).unwrap_or_default();
    format!("{folder}{file}")
}

/// The file name a grid's address ends with (`grilles/a.json` → `a.json`): files a member chooses
/// together are matched to the catalogue's addresses by their names.
pub fn file_name(address: &str) -> &str {
    address.rsplit('/').next().unwrap_or(address)
}

/// The newest published version of grid `id` that is newer (semantic version order) than
/// `version`, the one in use; `None` when there is none, or when `version` is not a version.
pub fn newer<'a>(catalogue: &'a Catalogue, id: &str, version: &str) -> Option<&'a Release> {
    let used = semver::Version::parse(version).ok()?;
    catalogue
        .releases()
        .filter(|(e, r)| e.id == id && r.status == Status::Published)
        .filter_map(|(_, r)| Some((semver::Version::parse(&r.version).ok()?, r)))
        .filter(|(v, _)| *v > used)
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, r)| r)
}
