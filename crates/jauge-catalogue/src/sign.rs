//! Making a structure's key pair and signing a catalogue, in the minisign format (Ed25519, the
//! catalogue pre-hashed with BLAKE2b): `minisign -V -p structure.pub -m catalogue.json` verifies
//! what is signed here. For the command line only (feature `sign`): the app only verifies.

use std::io::Cursor;

use minisign::{KeyPair, PublicKey, SecretKey, SecretKeyBox};

use crate::Refusal;

/// A new key pair, as the texts of its two files: the public key (`.pub`, to publish and for
/// members to pin) and the secret key (`.key`, to keep). With a password, the secret key is
/// encrypted (scrypt), as minisign does by default.
pub struct Keys {
    /// The public key file's text.
    pub public: String,
    /// The secret key file's text.
    pub secret: String,
    /// The key id, 16 hexadecimal digits.
    pub id: String,
}

/// Makes a key pair; the secret key is encrypted with `password` when one is given.
pub fn keygen(password: Option<String>) -> Result<Keys, Refusal> {
    let pair = match password {
        Some(p) => KeyPair::generate_encrypted_keypair(Some(p)),
        None => KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(|_| Refusal::Signing)?;
    let public = pair.pk.to_box().map_err(|_| Refusal::Signing)?.into_string();
    let id = crate::PublicKey::parse(&public)?.id().to_string();
    let comment = format!("jauge catalogue secret key {id}, never to be published");
    let secret = pair.sk.to_box(Some(&comment)).map_err(|_| Refusal::Signing)?.into_string();
    Ok(Keys { public, secret, id })
}

/// Signs `catalogue` (its bytes, as written) with the secret key file's text, decrypted with
/// `password` when the key is encrypted. `comment` is the signature's trusted comment (signed
/// too); minisign's `timestamp:…\tfile:catalogue.json` when absent. Returns the `.minisig` text.
pub fn sign(
    catalogue: &[u8],
    secret: &str,
    password: Option<String>,
    comment: Option<&str>,
) -> Result<String, Refusal> {
    let boxed = SecretKeyBox::from_string(secret).map_err(|_| Refusal::SecretKey)?;
    // Never `None` to `from_box`: minisign would prompt for the password on the terminal.
    let key = match password {
        Some(p) => SecretKey::from_box(boxed, Some(p)),
        None => SecretKey::from_unencrypted_box(boxed),
    }
    .map_err(|_| Refusal::SecretKey)?;
    let public = PublicKey::from_secret_key(&key).map_err(|_| Refusal::SecretKey)?;
    let default;
    let comment = match comment {
        Some(c) => c,
        None => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or_default();
            default = format!("timestamp:{now}\tfile:{}", crate::FILE_NAME);
            &default
        }
    };
    let untrusted = format!("signature from jauge secret key {}", key_id(&public));
    let signature = minisign::sign(Some(&public), &key, Cursor::new(catalogue), Some(comment), Some(&untrusted))
        .map_err(|_| Refusal::Signing)?;
    Ok(signature.into_string())
}

fn key_id(public: &PublicKey) -> String {
    public
        .to_box()
        .ok()
        .and_then(|b| crate::PublicKey::parse(&b.into_string()).ok())
        .map(|k| k.id().to_string())
        .unwrap_or_default()
}
