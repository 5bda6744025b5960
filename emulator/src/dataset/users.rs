//! Generation of the directory users: the seed users with fixed ids, the
//! special names (accents, guests), then random names with unique UPNs.

use std::collections::HashMap;

use super::names;
use super::specs::{seed_guid, SEED_USERS};
use super::User;
use crate::rng::Rng;

/// One in this many users has no mailbox (`mail` is null).
pub const NO_MAIL_ODDS: u64 = 20;
/// One in this many users has no department.
pub const NO_DEPARTMENT_ODDS: u64 = 10;

/// A user's names before the random attributes: display, given, surname
/// and UPN local part.
struct Names {
    display: String,
    given: String,
    surname: String,
    local: String,
}

/// Rough ASCII folding for UPN local parts.
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let r = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'Å' => "a",
            'é' | 'è' | 'ê' | 'ë' | 'É' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ø' => "o",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ñ' => "n",
            'ç' => "c",
            'ł' | 'Ł' => "l",
            'ż' | 'Ż' => "z",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'þ' | 'Þ' => "th",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(r);
    }
    out
}

/// `count` users under `domain`.
pub fn make_users(rng: &mut Rng, count: usize, domain: &str) -> Vec<User> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    (0..count)
        .map(|i| make_user(rng, i, domain, &mut seen))
        .collect()
}

/// The `i`th user; `seen` counts UPN local parts to number repeats.
fn make_user(rng: &mut Rng, i: usize, domain: &str, seen: &mut HashMap<String, u32>) -> User {
    let n = user_names(rng, i);
    let count = seen.entry(n.local.clone()).or_insert(0);
    *count += 1;
    let local = if *count > 1 {
        format!("{}{count}", n.local)
    } else {
        n.local
    };
    let id = match SEED_USERS.get(i) {
        Some(seed) => seed_guid(seed.id),
        None => rng.guid(),
    };
    let upn = format!("{local}@{domain}");
    let has_mail = !rng.one_in(NO_MAIL_ODDS);
    User {
        id,
        display_name: n.display,
        given_name: Some(n.given),
        surname: Some(n.surname),
        mail: has_mail.then(|| upn.replace("#EXT#", "")),
        upn,
        job_title: Some(*rng.pick(names::JOBS)),
        department: if rng.one_in(NO_DEPARTMENT_ODDS) {
            None
        } else {
            Some(*rng.pick(names::DEPARTMENTS))
        },
        office: Some(*rng.pick(names::OFFICES)),
        preferred_language: Some(*rng.pick(names::LANGUAGES)),
    }
}

/// The seed users first, then the special names, then random ones.
fn user_names(rng: &mut Rng, i: usize) -> Names {
    if let Some(seed) = SEED_USERS.get(i) {
        return person(seed.given, seed.surname);
    }
    match names::SPECIAL.get(i - SEED_USERS.len()) {
        Some(&(d, g, s, l)) => Names {
            display: d.to_string(),
            given: g.to_string(),
            surname: s.to_string(),
            local: l.to_string(),
        },
        None => {
            let g = *rng.pick(names::GIVEN);
            let s = *rng.pick(names::SURNAMES);
            person(g, s)
        }
    }
}

/// "Given Surname", with `given.surname` folded to ASCII as the local part.
fn person(given: &str, surname: &str) -> Names {
    Names {
        display: format!("{given} {surname}"),
        given: given.to_string(),
        surname: surname.to_string(),
        local: format!("{}.{}", fold(given), fold(surname)),
    }
}
