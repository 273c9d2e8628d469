//! Units of measure a criterion may ask for, their names in both languages, and conversions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// A unit an answer is expressed in. Conversions only happen within one [`Dimension`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Watt-hour.
    Wh,
    /// Kilowatt-hour (1 000 Wh).
    Kwh,
    /// Megawatt-hour (1 000 000 Wh).
    Mwh,
    /// Gram of CO2 equivalent.
    GCo2e,
    /// Kilogram of CO2 equivalent (1 000 g).
    KgCo2e,
    /// Tonne of CO2 equivalent (1 000 kg).
    TCo2e,
    /// Minute.
    Minute,
    /// Hour (60 minutes).
    Hour,
    /// Calendar day (24 hours).
    Day,
    /// Working day: the grid's `working_day_hours` hours of service (not convertible to calendar days).
    WorkingDay,
    /// Month, counted as 30 calendar days.
    Month,
    /// Year, counted as 365 calendar days.
    Year,
    /// Percent (the value 99.9 means 99.9 %).
    Percent,
    /// Megabyte.
    Mb,
    /// Gigabyte (1 000 MB).
    Gb,
    /// A plain count (users, languages, sites…).
    Count,
    /// A ratio without unit, such as a PUE.
    Ratio,
}

/// The physical quantity a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    /// Energy.
    Energy,
    /// Greenhouse-gas emissions.
    Carbon,
    /// Elapsed calendar time.
    Time,
    /// Service time counted in working days, convertible to hours through the grid's definition.
    WorkingTime,
    /// Share of a whole.
    Share,
    /// Amount of data.
    Data,
    /// Dimensionless count.
    Count,
    /// Dimensionless ratio.
    Ratio,
}

/// How to convert between units; carries the grid's definition of a working day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Conversions {
    /// Hours in one working day (the grid's `working_day_hours`).
    pub working_day_hours: f64,
}

impl Unit {
    /// Every unit, in declaration order.
    pub const ALL: [Unit; 17] = [
        Unit::Wh,
        Unit::Kwh,
        Unit::Mwh,
        Unit::GCo2e,
        Unit::KgCo2e,
        Unit::TCo2e,
        Unit::Minute,
        Unit::Hour,
        Unit::Day,
        Unit::WorkingDay,
        Unit::Month,
        Unit::Year,
        Unit::Percent,
        Unit::Mb,
        Unit::Gb,
        Unit::Count,
        Unit::Ratio,
    ];

    /// The dimension of this unit.
    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Wh | Unit::Kwh | Unit::Mwh => Dimension::Energy,
            Unit::GCo2e | Unit::KgCo2e | Unit::TCo2e => Dimension::Carbon,
            Unit::Minute | Unit::Hour | Unit::Day | Unit::Month | Unit::Year => Dimension::Time,
            Unit::WorkingDay => Dimension::WorkingTime,
            Unit::Percent => Dimension::Share,
            Unit::Mb | Unit::Gb => Dimension::Data,
            Unit::Count => Dimension::Count,
            Unit::Ratio => Dimension::Ratio,
        }
    }

    /// Whether this unit measures time (calendar or working time).
    pub fn is_time(self) -> bool {
        matches!(self.dimension(), Dimension::Time | Dimension::WorkingTime)
    }

    /// The symbol after a number: `1 month`, `2 months`, `1 an`, `1 j ouvré` (the words that
    /// agree take the singular as each language does, [`crate::text::singular`]).
    pub fn symbol_of(self, value: f64, lang: Lang) -> &'static str {
        if !crate::text::singular(value, lang) {
            return self.symbol(lang);
        }
        match self {
            Unit::WorkingDay => lang.pick("j ouvré", "working day"),
            Unit::Month => lang.pick("mois", "month"),
            Unit::Year => lang.pick("an", "year"),
            _ => self.symbol(lang),
        }
    }

    /// Short symbol for messages and forms.
    pub fn symbol(self, lang: Lang) -> &'static str {
        match self {
            Unit::Wh => "Wh",
            Unit::Kwh => "kWh",
            Unit::Mwh => "MWh",
            Unit::GCo2e => "g CO2e",
            Unit::KgCo2e => "kg CO2e",
            Unit::TCo2e => "t CO2e",
            Unit::Minute => "min",
            Unit::Hour => "h",
            Unit::Day => lang.pick("j", "d"),
            Unit::WorkingDay => lang.pick("j ouvrés", "working days"),
            Unit::Month => lang.pick("mois", "months"),
            Unit::Year => lang.pick("ans", "years"),
            Unit::Percent => "%",
            Unit::Mb => lang.pick("Mo", "MB"),
            Unit::Gb => lang.pick("Go", "GB"),
            Unit::Count => "",
            Unit::Ratio => "",
        }
    }

    /// Converts `value` from `self` to `to`, or `None` when the dimensions differ.
    pub fn convert(self, value: f64, to: Unit, conv: Conversions) -> Option<f64> {
        if self == to {
            return Some(value);
        }
        let base = |u: Unit| -> Option<(Dimension, f64)> {
            // Working time is expressed in hours so that it meets calendar time only through hours.
            Some(match u {
                Unit::Wh => (Dimension::Energy, 1.0),
                Unit::Kwh => (Dimension::Energy, 1e3),
                Unit::Mwh => (Dimension::Energy, 1e6),
                Unit::GCo2e => (Dimension::Carbon, 1.0),
                Unit::KgCo2e => (Dimension::Carbon, 1e3),
                Unit::TCo2e => (Dimension::Carbon, 1e6),
                Unit::Minute => (Dimension::Time, 1.0 / 60.0),
                Unit::Hour => (Dimension::Time, 1.0),
                Unit::Day => (Dimension::Time, 24.0),
                Unit::Month => (Dimension::Time, 24.0 * 30.0),
                Unit::Year => (Dimension::Time, 24.0 * 365.0),
                Unit::WorkingDay => (Dimension::WorkingTime, conv.working_day_hours),
                Unit::Percent => (Dimension::Share, 1.0),
                Unit::Mb => (Dimension::Data, 1.0),
                Unit::Gb => (Dimension::Data, 1e3),
                Unit::Count => (Dimension::Count, 1.0),
                Unit::Ratio => (Dimension::Ratio, 1.0),
            })
        };
        let (from_dim, from_factor) = base(self)?;
        let (to_dim, to_factor) = base(to)?;
        // Hours and minutes convert to working days (a GTR of 4 h is half a working day of 8 h);
        // calendar days, months and years do not, since a week-end is not service time.
        let compatible = from_dim == to_dim
            || matches!(
                (self, to),
                (Unit::Hour | Unit::Minute, Unit::WorkingDay) | (Unit::WorkingDay, Unit::Hour | Unit::Minute)
            );
        compatible.then(|| value * from_factor / to_factor)
    }
}

impl Unit {
    /// A deadline counted in working days against one counted in calendar time (or the reverse),
    /// which no exact rate converts: the stated bound a deadline cannot exceed, whatever day it
    /// starts, week-ends counted (public holidays are not: the note says so). `n` working days end
    /// at the latest `n + 2 × ⌈n / 5⌉` calendar days later (5 working days within 7 calendar days);
    /// `n` calendar days hold at most `n − 2 × ⌊n / 7⌋` working days. `None` when neither side is
    /// working days against calendar days, months or years.
    pub fn deadline_bound(self, value: f64, to: Unit) -> Option<f64> {
        let calendar = |u: Unit| matches!(u, Unit::Day | Unit::Month | Unit::Year);
        let days = |u: Unit| match u {
            Unit::Month => 30.0,
            Unit::Year => 365.0,
            _ => 1.0,
        };
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        match (self, to) {
            (Unit::WorkingDay, c) if calendar(c) => Some((value + 2.0 * (value / 5.0).ceil()) / days(c)),
            (c, Unit::WorkingDay) if calendar(c) => {
                let n = value * days(c);
                Some(n - 2.0 * (n / 7.0).floor())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONV: Conversions = Conversions { working_day_hours: 8.0 };

    #[test]
    fn converts_within_a_dimension() {
        assert_eq!(Unit::Kwh.convert(0.5, Unit::Wh, CONV), Some(500.0));
        assert_eq!(Unit::Hour.convert(4.0, Unit::WorkingDay, CONV), Some(0.5));
        assert_eq!(Unit::WorkingDay.convert(2.0, Unit::Hour, CONV), Some(16.0));
        assert_eq!(Unit::Day.convert(2.0, Unit::Hour, CONV), Some(48.0));
        assert_eq!(Unit::Minute.convert(90.0, Unit::Hour, CONV), Some(1.5));
    }

    #[test]
    fn refuses_across_dimensions() {
        assert_eq!(Unit::Kwh.convert(1.0, Unit::Hour, CONV), None);
        assert_eq!(Unit::Day.convert(1.0, Unit::WorkingDay, CONV), None);
        // No rate converts them; the deadline's bound does.
        assert_eq!(Unit::WorkingDay.deadline_bound(5.0, Unit::Day), Some(7.0));
        assert_eq!(Unit::WorkingDay.deadline_bound(10.0, Unit::Day), Some(14.0));
        assert_eq!(Unit::WorkingDay.deadline_bound(1.0, Unit::Day), Some(3.0), "Friday evening to Monday evening");
        assert_eq!(Unit::Day.deadline_bound(14.0, Unit::WorkingDay), Some(10.0));
        assert_eq!(Unit::Day.deadline_bound(10.0, Unit::WorkingDay), Some(8.0));
        assert_eq!(Unit::Hour.deadline_bound(4.0, Unit::Day), None);
        assert_eq!(Unit::Percent.convert(1.0, Unit::Ratio, CONV), None);
    }
}
