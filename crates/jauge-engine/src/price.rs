//! Price marks (proportional, linear, scale: DAJ sheet "Les méthodes de notation du critère prix")
//! and the detection of abnormally low prices (thresholds that call for explanations, never exclusion).

use crate::grid::{PriceBasis, PriceMethod};
use crate::report::AbnormallyLow;
use crate::rules::clamp01;

/// The prices an offer's price is compared with: those of the offers that are not set aside.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// Lowest price.
    pub lowest: f64,
    /// Highest price.
    pub highest: f64,
}

impl Field {
    /// The field of a set of positive prices, or `None` when there is none.
    pub fn of(prices: &[f64]) -> Option<Field> {
        let lowest = prices.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = prices.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lowest.is_finite() && highest.is_finite() && lowest > 0.0).then_some(Field { lowest, highest })
    }
}

/// A supplier's price mark against competitors' lowest prices it cannot know before the opening:
/// for each price supposed lowest, the points its own price would get (for the linear method, its
/// own price is supposed the highest when above).
#[derive(Clone, Debug, PartialEq)]
pub struct AgainstLowest {
    /// The price criterion.
    pub criterion: String,
    /// How prices are compared.
    pub method: PriceMethod,
    /// The criterion's weight.
    pub max: f64,
    /// Whether prices are compared with or without taxes (every price here is on this basis).
    pub basis: PriceBasis,
    /// The supplier's own price as read, if it was.
    pub own: Option<f64>,
    /// (a competitor's lowest price, the points for the supplier's own price).
    pub rows: Vec<(f64, f64)>,
}

/// The self-check's price simulation for `result`, an offer evaluated alone on `grid`: its price
/// against competitors' lowest prices 30, 20 and 10 % below it, equal to it, and `typed` (a price
/// the supplier typed). `None` when the grid has no price criterion.
pub fn against_lowest(
    grid: &crate::Grid,
    result: &crate::report::OfferResult,
    typed: Option<f64>,
) -> Option<AgainstLowest> {
    let (criterion, method, n) = grid.criteria().find_map(|(_, c)| match c.rule {
        crate::grid::Rule::Price { method, n } => Some((c, method, n.unwrap_or(2.0))),
        _ => None,
    })?;
    let own = result.criteria.iter().find(|c| c.id == criterion.id).and_then(|c| c.value.as_f64());
    let points =
        |own: f64, other: f64| Field::of(&[own, other]).map_or(0.0, |f| fraction(method, n, own, f)) * criterion.weight;
    let rows = own
        .map(|own| {
            [0.7, 0.8, 0.9, 1.0].iter().map(|k| own * k).chain(typed).map(|other| (other, points(own, other))).collect()
        })
        .unwrap_or_default();
    Some(AgainstLowest {
        criterion: criterion.id.clone(),
        method,
        max: criterion.weight,
        basis: grid.price_basis,
        own,
        rows,
    })
}

/// The fraction of the price weight a price earns, clamped to [0, 1]. `n` is the scale method's
/// multiple of the lowest price at which the mark reaches 0.
pub fn fraction(method: PriceMethod, n: f64, price: f64, field: Field) -> f64 {
    let Field { lowest, highest } = field;
    let f = match method {
        PriceMethod::Proportional => lowest / price,
        // Every price equal: nobody is worse than the lowest.
        PriceMethod::Linear if highest <= lowest => 1.0,
        PriceMethod::Linear => (highest - price) / (highest - lowest),
        PriceMethod::Scale => (n * lowest - price) / ((n - 1.0) * lowest),
    };
    clamp01(f)
}

/// The detection thresholds of abnormally low prices, from at least three prices.
pub fn abnormally_low(prices: &[f64]) -> Option<AbnormallyLow> {
    if prices.len() < 3 {
        return None;
    }
    // Sums in one order, whatever the order the offers came in: the thresholds are the same to
    // the last bit, so the report does not depend on it.
    let mut sorted = prices.to_vec();
    sorted.sort_by(f64::total_cmp);
    let prices = &sorted[..];
    let m1 = mean(prices);
    let variance = prices.iter().map(|p| (p - m1).powi(2)).sum::<f64>() / prices.len() as f64;
    let standard_deviation = variance.sqrt();
    let kept: Vec<f64> = prices.iter().copied().filter(|p| *p <= 1.2 * m1).collect();
    let m2 = mean(&kept);
    Some(AbnormallyLow {
        mean: m1,
        standard_deviation,
        mean_minus_sd: m1 - standard_deviation,
        m1,
        m2,
        m2_threshold: 0.9 * m2,
    })
}

/// Which detection methods flag a price: (mean − σ, 0.9 × M2).
pub fn flagged(price: f64, thresholds: &AbnormallyLow) -> (bool, bool) {
    (price < thresholds.mean_minus_sd, price < thresholds.m2_threshold)
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELD: Field = Field { lowest: 80_000.0, highest: 120_000.0 };

    #[test]
    fn formulas_match_the_daj_sheet() {
        // Proportional: 20 × 80 000 / 100 000 = 16.
        assert!((fraction(PriceMethod::Proportional, 2.0, 100_000.0, FIELD) * 20.0 - 16.0).abs() < 1e-9);
        // Linear: 20 × (120 000 − 100 000) / 40 000 = 10.
        assert!((fraction(PriceMethod::Linear, 2.0, 100_000.0, FIELD) * 20.0 - 10.0).abs() < 1e-9);
        // Scale n = 2: 20 × (160 000 − 100 000) / 80 000 = 15; reaches 0 at 160 000.
        assert!((fraction(PriceMethod::Scale, 2.0, 100_000.0, FIELD) * 20.0 - 15.0).abs() < 1e-9);
        assert_eq!(fraction(PriceMethod::Scale, 2.0, 170_000.0, Field { lowest: 80_000.0, highest: 170_000.0 }), 0.0);
        assert_eq!(fraction(PriceMethod::Linear, 2.0, 120_000.0, FIELD), 0.0);
    }

    #[test]
    fn detection_thresholds_by_both_methods() {
        let prices = [100.0, 100.0, 100.0, 40.0, 200.0];
        let t = abnormally_low(&prices).expect("five prices");
        assert!((t.mean - 108.0).abs() < 1e-9);
        // M2 leaves out 200 (> 1.2 × 108 = 129.6): (100 + 100 + 100 + 40) / 4 = 85.
        assert!((t.m2 - 85.0).abs() < 1e-9);
        assert!((t.m2_threshold - 76.5).abs() < 1e-9);
        assert_eq!(flagged(40.0, &t), (true, true));
        assert_eq!(flagged(100.0, &t), (false, false));
        assert!(abnormally_low(&[1.0, 2.0]).is_none());
    }
}
