//! The one period of every screen in the URL: `range` (a preset's key or
//! `custom`) with `from` and `to` (whole UTC days `2026-11-30`, or UTC
//! instants `2026-11-30T05:00:00Z`), the presets' labels, and which of
//! them each screen offers. A link of UTC days keeps its meaning on every
//! screen; local days are written as their UTC instants.

use crate::app::url::query::{QueryLookup, QueryProblem};
use crate::app::url::screen_query::{one_of, problem, WireEnum};
use crate::model::{DateRange, Period, Preset};
use chrono::{DateTime, NaiveDate, Utc};

impl WireEnum for Preset {
    const WIRE: &'static [(Self, &'static str)] = &[
        (Preset::Hours24, "24h"),
        (Preset::Days7, "7d"),
        (Preset::Days14, "14d"),
        (Preset::Days30, "30d"),
        (Preset::Days90, "90d"),
    ];
}

/// `range=custom`.
pub(crate) const CUSTOM: &str = "custom";

/// The picker's words for a preset.
pub(crate) fn preset_label(p: Preset) -> &'static str {
    match p {
        Preset::Hours24 => "Last 24 hours",
        Preset::Days7 => "Last 7 days",
        Preset::Days14 => "Last 14 days",
        Preset::Days30 => "Last 30 days",
        Preset::Days90 => "Last 90 days",
    }
}

/// The periods a screen offers, and its default.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PeriodChoices {
    pub presets: &'static [Preset],
    /// Whether `range=custom` is offered.
    pub custom: bool,
    pub default: Preset,
}

const FOUR: &[Preset] = &[
    Preset::Hours24,
    Preset::Days7,
    Preset::Days30,
    Preset::Days90,
];

/// The workflows screen's failure columns: four presets, 7 days.
pub(crate) const WORKFLOWS: PeriodChoices = PeriodChoices {
    presets: FOUR,
    custom: false,
    default: Preset::Days7,
};

/// The runs screen: four presets or custom, 30 days.
pub(crate) const RUNS: PeriodChoices = PeriodChoices {
    presets: FOUR,
    custom: true,
    default: Preset::Days30,
};

/// Insights and failures: every preset or custom, 7 days.
pub(crate) const INSIGHTS: PeriodChoices = PeriodChoices {
    presets: &Preset::ALL,
    custom: true,
    default: Preset::Days7,
};

impl PeriodChoices {
    /// The default period.
    pub(crate) fn default_period(&self) -> Period {
        Period::Last(self.default)
    }

    /// The select's options: `(value, label)`.
    pub(crate) fn options(&self) -> Vec<(&'static str, &'static str)> {
        let presets = self.presets.iter().map(|p| (p.wire(), preset_label(*p)));
        let custom = self.custom.then_some((CUSTOM, "Custom"));
        presets.chain(custom).collect()
    }

    /// `period` as this screen can show it: its preset when offered, else
    /// the whole UTC days that hold its range at `now`.
    pub(crate) fn fit(&self, period: Period, now: DateTime<Utc>) -> Period {
        match period {
            Period::Last(p) if self.presets.contains(&p) => period,
            Period::Last(_) => {
                let (from, to) = period.utc_days(now);
                Period::Days { from, to }
            }
            custom => custom,
        }
    }

    fn expected(&self) -> String {
        let mut names: Vec<&str> = self.presets.iter().map(|p| p.wire()).collect();
        if self.custom {
            names.push(CUSTOM);
        }
        one_of(&names)
    }

    /// Reads `range` as one of the presets (any case); `custom` and
    /// unknown values are reported here.
    pub(crate) fn parse_preset(
        &self,
        map: &(impl QueryLookup + ?Sized),
        problems: &mut Vec<QueryProblem>,
    ) -> Preset {
        match self.read(map, problems) {
            Some(Period::Last(p)) => p,
            _ => self.default,
        }
    }

    /// Reads `range`, `from` and `to`; what it cannot read is reported
    /// and the default applies.
    pub(crate) fn parse(
        &self,
        map: &(impl QueryLookup + ?Sized),
        problems: &mut Vec<QueryProblem>,
    ) -> Period {
        self.read(map, problems)
            .unwrap_or_else(|| self.default_period())
    }

    fn read(
        &self,
        map: &(impl QueryLookup + ?Sized),
        problems: &mut Vec<QueryProblem>,
    ) -> Option<Period> {
        let raw = map
            .value("range")
            .map(str::trim)
            .filter(|r| !r.is_empty())?;
        if self.custom && raw.eq_ignore_ascii_case(CUSTOM) {
            return custom_period(map, problems);
        }
        let preset = self
            .presets
            .iter()
            .copied()
            .find(|p| p.wire().eq_ignore_ascii_case(raw));
        if preset.is_none() {
            problems.push(problem("range", raw, self.expected()));
        }
        preset.map(Period::Last)
    }

    /// The `range`, `from` and `to` of `period`; nothing for the default.
    pub(crate) fn pairs(&self, period: &Period) -> Vec<(&'static str, String)> {
        if *period == self.default_period() {
            return Vec::new();
        }
        period_pairs(period)
    }
}

/// The `range`, `from` and `to` of a link to `period` (always written).
pub(crate) fn period_pairs(period: &Period) -> Vec<(&'static str, String)> {
    match period {
        Period::Last(p) => vec![("range", p.wire().to_string())],
        Period::Days { from, to } => vec![
            ("range", CUSTOM.to_string()),
            ("from", from.to_string()),
            ("to", to.to_string()),
        ],
        Period::Window(r) => vec![
            ("range", CUSTOM.to_string()),
            ("from", instant(r.start)),
            ("to", instant(r.end)),
        ],
    }
}

/// The select's value: a preset's key or `custom`.
pub(crate) fn period_key(period: &Period) -> &'static str {
    match period {
        Period::Last(p) => p.wire(),
        _ => CUSTOM,
    }
}

/// A UTC instant as the URL writes it: `2026-11-30T05:00:00Z`.
fn instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One end of a custom period: a whole UTC day or an instant.
#[derive(Clone, Copy)]
enum Bound {
    Day(NaiveDate),
    At(DateTime<Utc>),
}

impl Bound {
    fn parse(raw: &str) -> Option<Bound> {
        let raw = raw.trim();
        if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            return Some(Bound::Day(d));
        }
        DateTime::parse_from_rfc3339(raw)
            .ok()
            .map(|t| Bound::At(t.with_timezone(&Utc)))
    }

    /// The bound as a period start.
    fn start(self) -> Option<DateTime<Utc>> {
        match self {
            Bound::Day(d) => Some(d.and_time(chrono::NaiveTime::MIN).and_utc()),
            Bound::At(t) => Some(t),
        }
    }

    /// The bound as a period end (a day includes itself).
    fn end(self) -> Option<DateTime<Utc>> {
        match self {
            Bound::Day(d) => Some(d.succ_opt()?.and_time(chrono::NaiveTime::MIN).and_utc()),
            Bound::At(t) => Some(t),
        }
    }
}

/// `range=custom`: each of `from` and `to` a day or a UTC instant. Two
/// days given the wrong way round are swapped; an unreadable end, or an
/// empty or reversed window, is reported.
fn custom_period(
    map: &(impl QueryLookup + ?Sized),
    problems: &mut Vec<QueryProblem>,
) -> Option<Period> {
    let raw = |key| map.value(key).unwrap_or_default();
    let mut bound = |key: &'static str| {
        let b = Bound::parse(raw(key));
        if b.is_none() {
            problems.push(problem(
                key,
                raw(key),
                "a day such as 2026-11-30 (or a UTC time such as 2026-11-30T05:00:00Z)",
            ));
        }
        b
    };
    let (from, to) = (bound("from"), bound("to"));
    match (from?, to?) {
        (Bound::Day(a), Bound::Day(b)) => Some(Period::Days {
            from: a.min(b),
            to: a.max(b),
        }),
        (from, to) => match (from.start(), to.end()) {
            (Some(s), Some(e)) if s < e => Some(Period::Window(DateRange::new(s, e))),
            _ => {
                problems.push(problem(
                    "range",
                    &format!("custom (from={}, to={})", raw("from"), raw("to")),
                    "from before to",
                ));
                None
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(choices: &PeriodChoices, pairs: &[(&str, &str)]) -> (Period, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        (choices.parse(pairs, &mut problems), problems)
    }

    #[test]
    fn each_screen_offers_its_presets() {
        assert_eq!(
            parse(&INSIGHTS, &[("range", "14d")]).0,
            Period::Last(Preset::Days14)
        );
        let (p, problems) = parse(&RUNS, &[("range", "14d")]);
        assert_eq!(p, RUNS.default_period());
        assert_eq!(problems[0].expected, "24h, 7d, 30d, 90d or custom");
        let (_, problems) = parse(&WORKFLOWS, &[("range", "custom")]);
        assert_eq!(problems[0].expected, "24h, 7d, 30d or 90d");
        assert_eq!(
            parse(&RUNS, &[("range", "7D")]).0,
            Period::Last(Preset::Days7)
        );
        assert_eq!(RUNS.options().last(), Some(&(CUSTOM, "Custom")));
    }

    #[test]
    fn a_preset_the_runs_screen_lacks_becomes_utc_days() {
        let now: DateTime<Utc> = "2026-11-30T10:00:00Z".parse().unwrap();
        let fit = RUNS.fit(Period::Last(Preset::Days14), now);
        let pairs = period_pairs(&fit);
        assert_eq!(pairs[1], ("from", "2026-11-16".to_string()));
        assert_eq!(pairs[2], ("to", "2026-11-30".to_string()));
        assert_eq!(
            RUNS.fit(Period::Last(Preset::Days7), now),
            Period::Last(Preset::Days7)
        );
    }

    #[test]
    fn preset_keys_round_trip() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_wire(p.wire()), Some(p));
        }
    }

    #[test]
    fn defaults_are_left_out() {
        assert!(RUNS.pairs(&Period::Last(Preset::Days30)).is_empty());
        assert_eq!(
            INSIGHTS.pairs(&Period::Last(Preset::Days30)),
            vec![("range", "30d".to_string())]
        );
    }
}
