//! A summary's parts in words, when the cards shown do not add up to their
//! total: `122 users: 88 successful, 17 failed, 17 in progress, queued or
//! canceled`. The admin then knows what the rest of the total is instead of
//! wondering why the figures do not add up.

use super::thousands;

/// The sentence under a row of total / successful / failed cards, or
/// `None` when successful and failed make up the whole total (or a figure
/// is missing). `noun` is plural (`users`); `rest` names what the other
/// statuses are (`in progress, queued or canceled`).
pub fn rest_words(
    noun: &str,
    total: Option<u32>,
    successful: Option<u32>,
    failed: Option<u32>,
    rest: &str,
) -> Option<String> {
    let (total, ok, failed) = (total?, successful?, failed?);
    let other = total.checked_sub(ok.checked_add(failed)?)?;
    (other > 0).then(|| {
        format!(
            "{} {noun}: {} successful, {} failed, {} {rest}",
            thousands(u64::from(total)),
            thousands(u64::from(ok)),
            thousands(u64::from(failed)),
            thousands(u64::from(other)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REST: &str = "in progress, queued or canceled";

    #[test]
    fn the_rest_is_named_only_when_the_parts_do_not_add_up() {
        assert_eq!(
            rest_words("users", Some(122), Some(88), Some(17), REST).as_deref(),
            Some("122 users: 88 successful, 17 failed, 17 in progress, queued or canceled")
        );
        assert_eq!(
            rest_words("users", Some(105), Some(88), Some(17), REST),
            None
        );
        assert_eq!(rest_words("users", None, Some(88), Some(17), REST), None);
        // More parts than the total (a Graph oddity) names no negative rest.
        assert_eq!(rest_words("runs", Some(3), Some(2), Some(2), REST), None);
        assert_eq!(
            rest_words("runs", Some(2400), Some(1000), Some(0), "other").as_deref(),
            Some("2,400 runs: 1,000 successful, 0 failed, 1,400 other")
        );
    }
}
