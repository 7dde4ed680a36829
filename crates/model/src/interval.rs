use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

/// A number as an interval, the way news states it: "six" is 6..6,
/// "over 40" is 41..open, "up to 10" is open..10.
///
/// `None` on either side means open. `best` is the point estimate (the stated
/// value, or the consensus when several sources are summarised). Two intervals
/// conflict only when they do not intersect.
///
/// ```
/// use corroborate_model::Interval;
/// let over_40 = Interval::at_least(41.0);
/// assert!(over_40.intersects(&Interval::exact(43.0)));
/// assert!(!over_40.intersects(&Interval::exact(40.0)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Interval {
    /// Lower bound, inclusive; `null` when open.
    #[serde(serialize_with = "ser_num")]
    pub low: Option<f64>,
    /// Point estimate; `null` when the text gives none.
    #[serde(
        default,
        serialize_with = "ser_num",
        skip_serializing_if = "Option::is_none"
    )]
    pub best: Option<f64>,
    /// Upper bound, inclusive; `null` when open.
    #[serde(serialize_with = "ser_num")]
    pub high: Option<f64>,
}

impl Interval {
    /// Exactly `v`.
    pub fn exact(v: f64) -> Self {
        Interval {
            low: Some(v),
            best: Some(v),
            high: Some(v),
        }
    }

    /// `v` or more, open above.
    pub fn at_least(v: f64) -> Self {
        Interval {
            low: Some(v),
            best: Some(v),
            high: None,
        }
    }

    /// At most `v`, open below.
    pub fn at_most(v: f64) -> Self {
        Interval {
            low: None,
            best: Some(v),
            high: Some(v),
        }
    }

    /// From `low` to `high` inclusive, with no point estimate.
    pub fn range(low: f64, high: f64) -> Self {
        let (low, high) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        Interval {
            low: Some(low),
            best: None,
            high: Some(high),
        }
    }

    /// Whether the two intervals share at least one value.
    pub fn intersects(&self, other: &Interval) -> bool {
        let lo = max_opt(self.low, other.low);
        let hi = min_opt(self.high, other.high);
        match (lo, hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        }
    }
}

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Writes whole numbers as JSON integers (`6`, not `6.0`) and others as floats.
fn ser_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// A date that may be vague: `best` is the most likely day, `low..=high` the
/// days it may be ("earlier this week" → the week's start..the day before
/// publication). Serialised as ISO `YYYY-MM-DD` strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct DateRange {
    /// Most likely day.
    pub best: Option<NaiveDate>,
    /// Earliest possible day.
    pub low: Option<NaiveDate>,
    /// Latest possible day.
    pub high: Option<NaiveDate>,
}

impl DateRange {
    /// A single known day.
    pub fn day(d: NaiveDate) -> Self {
        DateRange {
            best: Some(d),
            low: Some(d),
            high: Some(d),
        }
    }

    /// Whether the two ranges share at least one day.
    pub fn intersects(&self, other: &DateRange) -> bool {
        let lo = self.low.max(other.low);
        let hi = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, None) => a,
            (None, b) => b,
        };
        match (lo, hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        }
    }

    /// Whether two dates that may be untold can be one day: both untold,
    /// one untold, or told and intersecting.
    ///
    /// ```
    /// use corroborate_model::DateRange;
    /// let d = |s: &str| DateRange::day(s.parse().unwrap());
    /// assert!(DateRange::may_meet(None, Some(&d("2025-12-03"))));
    /// assert!(!DateRange::may_meet(Some(&d("2025-12-02")), Some(&d("2025-12-03"))));
    /// ```
    pub fn may_meet(a: Option<&DateRange>, b: Option<&DateRange>) -> bool {
        match (a, b) {
            (Some(x), Some(y)) => x.intersects(y),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_intervals_intersect_by_their_closed_side() {
        assert!(Interval::at_least(41.0).intersects(&Interval::at_most(50.0)));
        assert!(!Interval::at_least(41.0).intersects(&Interval::at_most(40.0)));
        assert!(Interval::range(6.0, 7.0).intersects(&Interval::exact(7.0)));
        assert!(!Interval::exact(6.0).intersects(&Interval::exact(7.0)));
    }

    #[test]
    fn whole_numbers_serialise_as_integers() {
        let json = serde_json::to_string(&Interval::at_least(41.0)).unwrap();
        assert_eq!(json, r#"{"low":41,"best":41,"high":null}"#);
        let json = serde_json::to_string(&Interval::exact(1.5)).unwrap();
        assert_eq!(json, r#"{"low":1.5,"best":1.5,"high":1.5}"#);
    }

    #[test]
    fn date_ranges_intersect() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let week = DateRange {
            best: None,
            low: Some(d("2025-12-01")),
            high: Some(d("2025-12-03")),
        };
        assert!(week.intersects(&DateRange::day(d("2025-12-02"))));
        assert!(!week.intersects(&DateRange::day(d("2025-12-04"))));
    }
}
