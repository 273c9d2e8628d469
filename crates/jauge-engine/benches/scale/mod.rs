//! A procedure at scale for the benchmarks (the engine's evaluation, `jauge-analysis`'s report):
//! every kind of rule of `tests/cases/every-rule` repeated up to a number of criteria, with its
//! one price criterion, and offers made of its three offers, their answers and marks spread over
//! the repeated criteria, each with a price of its own.

use jauge_engine::Offer;

const GRID: &str = include_str!("../../../../tests/cases/every-rule/grid.json");
const OFFERS: [(&str, &str); 3] = [
    ("best.json", include_str!("../../../../tests/cases/every-rule/offers/best.json")),
    ("middle.json", include_str!("../../../../tests/cases/every-rule/offers/middle.json")),
    ("empty.json", include_str!("../../../../tests/cases/every-rule/offers/empty.json")),
];
/// The evaluators' marks on those offers (`jauge-marks/1`, by file name).
const MARKS: &str = include_str!("../../../../tests/cases/every-rule/marks.json");

/// The every-rule grid's criteria repeated (ids suffixed `-0`, `-1`…) up to `criteria` with its
/// one price criterion, the scale their total weight, as the grid file's text; and how many
/// criteria are repeated.
pub fn grid(criteria: usize) -> (String, usize) {
    let mut g: serde_json::Value = serde_json::from_str(GRID).expect("grid json");
    let families = g["families"].as_array_mut().expect("families");
    let all: Vec<serde_json::Value> =
        families.iter().flat_map(|f| f["criteria"].as_array().cloned().unwrap_or_default()).collect();
    let (price, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c["rule"]["kind"] == "price");
    let mut chosen = Vec::new();
    let mut scale = 0.0;
    for i in 0..criteria - 1 {
        let mut c = others[i % others.len()].clone();
        c["id"] = format!("{}-{}", c["id"].as_str().unwrap_or("C"), i / others.len()).into();
        scale += c["weight"].as_f64().unwrap_or(0.0);
        chosen.push(c);
    }
    for p in price {
        scale += p["weight"].as_f64().unwrap_or(0.0);
        chosen.push(p);
    }
    g["families"] = serde_json::json!([{"id": "a", "label": {"fr": "A"}, "criteria": chosen}]);
    g["scale"] = scale.into();
    g.as_object_mut().expect("object").remove("ties");
    (g.to_string(), others.len())
}

/// `n` offers on [`grid`]`(criteria)`, each one of the every-rule offers with its answers and
/// marks spread over the repeated criteria and a price of its own.
pub fn offers(n: usize, others: usize, criteria: usize) -> Vec<Offer> {
    let marks: serde_json::Value = serde_json::from_str(MARKS).expect("marks");
    let templates: Vec<serde_json::Value> = OFFERS
        .iter()
        .map(|(name, text)| {
            let mut offer: serde_json::Value = serde_json::from_str(text).expect("offer");
            offer["marks"] = marks["offers"][name].clone();
            offer
        })
        .collect();
    (0..n)
        .map(|i| {
            let t = &templates[i % 3];
            let mut o = t.clone();
            for field in ["answers", "marks"] {
                let Some(map) = t[field].as_object() else { continue };
                let mut spread = serde_json::Map::new();
                for (k, v) in map {
                    if k == "PRICE" {
                        spread.insert(k.clone(), format!("{} € HT", 9_000 + (i * 37) % 2_000).into());
                        continue;
                    }
                    for copy in 0..criteria.div_ceil(others.max(1)) {
                        spread.insert(format!("{k}-{copy}"), v.clone());
                    }
                }
                o[field] = spread.into();
            }
            o["supplier"]["name"] = format!("Soumissionnaire {i}").into();
            Offer::from_json(&format!("offre-{i}.json"), &o.to_string()).expect("offer")
        })
        .collect()
}

/// The time this thread has spent on a processor running `f`, in microseconds (wall-clock where
/// not told), the median of `runs` runs.
pub fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    let cpu = || cpu_time::ThreadTime::try_now().ok().map(|t| t.as_duration().as_secs_f64() * 1e6);
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let (start, a) = (std::time::Instant::now(), cpu());
            f();
            match (a, cpu()) {
                (Some(a), Some(b)) => b - a,
                _ => start.elapsed().as_secs_f64() * 1e6,
            }
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// Bytes allocated by `f`, the bytes its result holds, and the most held at once beyond what was
/// held before (meaningful only when nothing before held more: the allocator keeps one maximum).
pub fn memory<T>(allocator: &cap::Cap<std::alloc::System>, f: impl FnOnce() -> T) -> (usize, usize, usize, T) {
    let (total, held) = (allocator.total_allocated(), allocator.allocated());
    let out = f();
    let kept = allocator.allocated().saturating_sub(held);
    (allocator.total_allocated() - total, kept, allocator.max_allocated().saturating_sub(held), out)
}
