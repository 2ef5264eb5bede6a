//! Survey statistics: textbook figures, hand computations and properties.
//!
//! The expected intervals here are not computed by the code under test: they are
//! published figures, hand computations written out in comments, or the Wilson interval
//! solved as a quadratic ([`wilson_by_quadratic`]) rather than through the centre and
//! half-width form the crate uses.

use lofte_domain::stats::{
    Better, ConfidenceLevel, Difference, Estimate, MinRespondents, OutcomeVerdict, Rules,
    StatsError, Summary, Weight,
};
use proptest::prelude::*;

/// z for 95 %, Φ⁻¹(0.975), from any normal table (to 15 digits).
const Z95: f64 = 1.959_963_984_540_054;

fn rules() -> Rules {
    Rules::default()
}

fn rules_min(min: u64) -> Rules {
    Rules {
        min_respondents: MinRespondents::new(min).unwrap(),
        ..Rules::default()
    }
}

/// `successes` ones and `n - successes` zeros, all of weight 1.
fn counts(successes: u64, n: u64) -> Summary {
    Summary::of((0..n).map(|i| (if i < successes { 1.0 } else { 0.0 }, 1.0))).unwrap()
}

/// (estimate, lower, upper, n, n_eff, se) of a shown figure; panics on a suppressed one.
fn value(e: Estimate) -> (f64, f64, f64, u64, f64, f64) {
    match e {
        Estimate::Value {
            estimate,
            lower,
            upper,
            n,
            n_eff,
            se,
        } => (estimate, lower, upper, n, n_eff, se),
        Estimate::Suppressed { n } => panic!("suppressed with n = {n}"),
    }
}

/// The Wilson interval as the two roots in π of (p − π)² = z²·π(1 − π)/n, i.e. of
/// (1 + z²/n)·π² − (2p + z²/n)·π + p² = 0, by the quadratic formula: the definition of
/// the score interval (Wilson 1927), not the rearranged form the crate computes.
fn wilson_by_quadratic(p: f64, n: f64, z: f64) -> (f64, f64) {
    let a = 1.0 + z * z / n;
    let b = -(2.0 * p + z * z / n);
    let c = p * p;
    let root = (b * b - 4.0 * a * c).max(0.0).sqrt();
    ((-b - root) / (2.0 * a), (-b + root) / (2.0 * a))
}

fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance
}

// ---- Textbook figures ----------------------------------------------------------------

/// Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
/// comparison of seven methods. Statistics in Medicine 17:857–872, Table I, method 3
/// (Wilson score interval without continuity correction), to four decimals as printed.
#[test]
fn wilson_matches_newcombe_1998_table_i() {
    let cases = [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ];
    for (r, n, lower, upper) in cases {
        // Newcombe's 0/20 and 1/29 examples are below the default minimum of 30.
        let (p, lo, hi, ..) = value(counts(r, n).share(rules_min(2)).unwrap());
        assert!(close(p, r as f64 / n as f64, 1e-12));
        assert!(close(lo, lower, 0.00005), "{r}/{n}: lower {lo} vs {lower}");
        assert!(close(hi, upper, 0.00005), "{r}/{n}: upper {hi} vs {upper}");
    }
}

#[test]
fn wilson_with_no_successes_starts_at_zero() {
    let (p, lo, ..) = value(counts(0, 20).share(rules_min(2)).unwrap());
    assert_eq!((p, lo), (0.0, 0.0));
    let (p, _, hi, ..) = value(counts(20, 20).share(rules_min(2)).unwrap());
    assert_eq!((p, hi), (1.0, 1.0));
}

/// Kish (1965), Survey Sampling; Kish (1992), J Official Stat 8:183–200: n_eff = (Σw)²/Σw² = n/(1 + CV²(w)).
#[test]
fn kish_effective_sample_size() {
    // Equal weights, of any size: n.
    let equal = Summary::of((0..50).map(|_| (1.0, 0.7))).unwrap();
    assert_eq!(equal.n_eff(), 50.0);
    // Half the respondents weigh 1, half 3: mean weight 2, variance 1, CV² = 1/4, so
    // n_eff = n/1.25 = 0.8n; for n = 100, (50 + 150)² / (50 + 450) = 40000/500 = 80.
    let mixed = Summary::of((0..100).map(|i| (0.0, if i % 2 == 0 { 1.0 } else { 3.0 }))).unwrap();
    assert!(close(mixed.n_eff(), 80.0, 1e-9));
    assert_eq!(Summary::new().n_eff(), 0.0);
}

/// A weighted mean worked by hand: values 2, 4, 6, 3 with weights 1, 2, 1, 4.
#[test]
fn weighted_mean_worked_example() {
    let s = Summary::of([(2.0, 1.0), (4.0, 2.0), (6.0, 1.0), (3.0, 4.0)]).unwrap();
    // Σw = 8, Σwy = 2 + 8 + 6 + 12 = 28, ȳ = 3.5.
    // Residuals −1.5, 0.5, 2.5, −0.5; Σw²(y − ȳ)² = 2.25 + 1 + 6.25 + 4 = 13.5.
    // var = n/(n − 1) · 13.5 / 8² = 4/3 · 13.5/64 = 0.28125; se = √0.28125.
    // n_eff = 64 / (1 + 4 + 1 + 16) = 64/22.
    // t(0.975; 3 df) = 3.182446305284263 (any t table: 3.182).
    let (mean, lower, upper, n, n_eff, se) = value(s.mean(rules_min(2)));
    let se_hand = 0.28125_f64.sqrt();
    let t3 = 3.182_446_305_284_263;
    assert!(close(mean, 3.5, 1e-12));
    assert!(close(se, se_hand, 1e-12));
    assert_eq!(n, 4);
    assert!(close(n_eff, 64.0 / 22.0, 1e-12));
    assert!(close(lower, 3.5 - t3 * se_hand, 1e-9), "{lower}");
    assert!(close(upper, 3.5 + t3 * se_hand, 1e-9), "{upper}");
}

/// With equal weights the linearised variance is the textbook s²/n: values 1..=5 have
/// s² = 2.5, so se = √(2.5/5) = √0.5.
#[test]
fn unweighted_mean_has_the_textbook_standard_error() {
    let s = Summary::of((1..=5).map(|y| (f64::from(y), 2.0))).unwrap();
    let (mean, _, _, _, n_eff, se) = value(s.mean(rules_min(2)));
    assert!(close(mean, 3.0, 1e-12));
    assert!(close(se, 0.5_f64.sqrt(), 1e-12));
    assert_eq!(n_eff, 5.0);
}

/// Identical answers have no spread at all, not a rounding error's worth.
#[test]
fn identical_answers_have_no_spread() {
    let s = Summary::of((0..40).map(|i| (5.0, 0.1 + f64::from(i) * 0.37))).unwrap();
    let (mean, lower, upper, _, _, se) = value(s.mean(rules()));
    assert_eq!((mean, lower, upper, se), (5.0, 5.0, 5.0, 0.0));
}

/// A weighted share by hand: 30 respondents of weight 1 (6 unsafe) and 10 of weight 3
/// (5 unsafe). Σw = 60, Σwy = 6 + 15 = 21, p = 0.35; Σw² = 30 + 90 = 120, n_eff =
/// 3600/120 = 30. The interval is Wilson's with n = 30 and p = 0.35, (0.2054, 0.5286):
/// 0.323 wide, against 0.267 for the same 40 answers counted unweighted (11/40,
/// (0.1611, 0.4283)), since the weighting costs a quarter of the sample.
#[test]
fn weighted_share_interval_by_hand() {
    let mut observations = Vec::new();
    observations.extend((0..30).map(|i| (if i < 6 { 1.0 } else { 0.0 }, 1.0)));
    observations.extend((0..10).map(|i| (if i < 5 { 1.0 } else { 0.0 }, 3.0)));
    let s = Summary::of(observations).unwrap();
    let (p, lower, upper, n, n_eff, se) = value(s.share(rules()).unwrap());
    assert_eq!(n, 40);
    assert!(close(p, 0.35, 1e-12));
    assert!(close(n_eff, 30.0, 1e-9));
    assert!(close(se, (0.35 * 0.65 / 30.0_f64).sqrt(), 1e-12));
    let (lo, hi) = wilson_by_quadratic(0.35, 30.0, Z95);
    assert!(close(lower, lo, 1e-9) && close(upper, hi, 1e-9));
    assert!(close(lower, 0.2054, 0.00005) && close(upper, 0.5286, 0.00005));
}

#[test]
fn a_99_percent_interval_is_wider() {
    let s = counts(81, 263);
    let at = |level| {
        let rules = Rules {
            level: ConfidenceLevel::new(level).unwrap(),
            ..rules()
        };
        let (_, lower, upper, ..) = value(s.share(rules).unwrap());
        (lower, upper)
    };
    let (lo95, hi95) = at(0.95);
    let (lo99, hi99) = at(0.99);
    assert!(lo99 < lo95 && hi99 > hi95);
    // z for 99 % is 2.575829...
    let (lo, hi) = wilson_by_quadratic(81.0 / 263.0, 263.0, 2.575_829_303_548_901);
    assert!(close(lo99, lo, 1e-9) && close(hi99, hi, 1e-9));
}

// ---- Refusals ---------------------------------------------------------------------

#[test]
fn bad_weights_values_and_settings_are_refused() {
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300] {
        assert!(
            matches!(Weight::new(bad), Err(StatsError::Weight { .. })),
            "{bad}"
        );
    }
    assert_eq!(Weight::new(1.5).unwrap().get(), 1.5);
    let mut s = Summary::new();
    assert!(matches!(
        s.push(f64::NAN, Weight::ONE),
        Err(StatsError::Value { .. })
    ));
    assert_eq!(s.n(), 0);
    assert!(matches!(
        Summary::of([(1.0, 1.0), (0.0, -2.0)]),
        Err(StatsError::Weight { value: -2.0 })
    ));
    for bad in [0.0, 1.0, -0.5, 1.5, f64::NAN] {
        assert!(ConfidenceLevel::new(bad).is_err(), "{bad}");
    }
    assert!(MinRespondents::new(1).is_err() && MinRespondents::new(0).is_err());
    assert_eq!(MinRespondents::default().get(), 30);
    assert_eq!(ConfidenceLevel::default().get(), 0.95);
}

#[test]
fn a_share_needs_zeros_and_ones() {
    // Values 0–4: the 2s, 3s and 4s (24 of 40) are not shares.
    let s = Summary::of((0..40).map(|i| (f64::from(i % 5), 1.0))).unwrap();
    assert_eq!(s.share(rules()), Err(StatsError::NotAShare { count: 24 }));
    assert_eq!(StatsError::NotAShare { count: 24 }.code(), "not-a-share");
    // The same data is a fine scale.
    assert!(matches!(s.mean(rules()), Estimate::Value { .. }));
}

// ---- Changes between years and verdicts ---------------------------------------------

/// 2020: 600 of 1,500 unsafe (40 %); 2022: 450 of 1,500 (30 %). By hand:
/// se² = 0.4·0.6/1500 + 0.3·0.7/1500 = 0.00030, se = 0.017321, diff = −0.10, interval
/// −0.10 ± 1.959964·0.017321 = −0.10 ± 0.033948 = (−0.1339, −0.0661), z = −5.77,
/// p = 2·(1 − Φ(5.77)) ≈ 7.8e−9.
#[test]
fn a_real_fall_in_unsafety_is_an_improvement() {
    let before = counts(600, 1500).share(rules()).unwrap();
    let after = counts(450, 1500).share(rules()).unwrap();
    let d = Difference::between(&before, &after, ConfidenceLevel::DEFAULT);
    let Difference::Value {
        difference,
        lower,
        upper,
        se,
        p_value,
    } = d
    else {
        panic!("{d:?}")
    };
    let se_hand = 0.0003_f64.sqrt();
    assert!(close(difference, -0.10, 1e-12));
    assert!(close(se, se_hand, 1e-12));
    assert!(close(lower, -0.10 - Z95 * se_hand, 1e-12));
    assert!(close(upper, -0.10 + Z95 * se_hand, 1e-12));
    assert!(close(lower, -0.1339, 0.00005) && close(upper, -0.0661, 0.00005));
    assert!(p_value < 1e-8 && p_value > 1e-9, "{p_value}");
    assert_eq!(d.verdict(Better::Lower), OutcomeVerdict::Improved);
    assert_eq!(d.verdict(Better::Higher), OutcomeVerdict::Worsened);
    assert_eq!(
        OutcomeVerdict::judge(
            Some(&before),
            Some(&after),
            Better::Lower,
            ConfidenceLevel::DEFAULT
        ),
        OutcomeVerdict::Improved
    );
    assert_eq!(OutcomeVerdict::Improved.code(), "improved");
}

/// 600/1500 vs 610/1500: by hand, diff = 0.006667, se² = 0.4·0.6/1500 + (610/1500)·
/// (890/1500)/1500, se = 0.017913, z = 0.372, p = 2·(1 − Φ(0.372)) = 0.7098.
#[test]
fn a_change_within_the_error_is_no_detectable_change() {
    let before = counts(600, 1500).share(rules()).unwrap();
    let after = counts(610, 1500).share(rules()).unwrap();
    let d = Difference::between(&before, &after, ConfidenceLevel::DEFAULT);
    let Difference::Value { p_value, .. } = d else {
        panic!("{d:?}")
    };
    assert!(close(p_value, 0.7098, 0.00005), "{p_value}");
    for better in [Better::Lower, Better::Higher] {
        assert_eq!(d.verdict(better), OutcomeVerdict::NoDetectableChange);
    }
    assert_eq!(
        OutcomeVerdict::NoDetectableChange.code(),
        "no-detectable-change"
    );
}

#[test]
fn a_suppressed_or_missing_year_is_not_measurable() {
    let small = counts(10, 25).share(rules()).unwrap();
    assert_eq!(small, Estimate::Suppressed { n: 25 });
    let big = counts(600, 1500).share(rules()).unwrap();
    let level = ConfidenceLevel::DEFAULT;
    assert_eq!(
        Difference::between(&small, &big, level),
        Difference::Suppressed
    );
    assert_eq!(
        Difference::between(&big, &small, level),
        Difference::Suppressed
    );
    for (a, b) in [
        (Some(&small), Some(&big)),
        (Some(&big), Some(&small)),
        (None, Some(&big)),
        (Some(&big), None),
        (None, None),
    ] {
        assert_eq!(
            OutcomeVerdict::judge(a, b, Better::Lower, level),
            OutcomeVerdict::NotMeasurable
        );
    }
    assert_eq!(OutcomeVerdict::NotMeasurable.code(), "not-measurable");
    assert_eq!(OutcomeVerdict::Worsened.code(), "worsened");
}

#[test]
fn two_years_without_spread_are_no_detectable_change() {
    let nobody = counts(0, 100).share(rules()).unwrap();
    let d = Difference::between(&nobody, &nobody, ConfidenceLevel::DEFAULT);
    assert!(matches!(d, Difference::Value { p_value, .. } if p_value == 1.0));
    assert_eq!(d.verdict(Better::Lower), OutcomeVerdict::NoDetectableChange);
}

#[test]
fn better_round_trips_through_its_code() {
    for b in [Better::Higher, Better::Lower] {
        assert_eq!(Better::parse(b.code()), Some(b));
    }
    assert_eq!(Better::parse("sideways"), None);
}

// ---- Properties --------------------------------------------------------------------

fn binary_observations(max: usize) -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((prop::bool::ANY, 0.05f64..20.0), 0..max).prop_map(|v| {
        v.into_iter()
            .map(|(b, w)| (if b { 1.0 } else { 0.0 }, w))
            .collect()
    })
}

fn scale_observations(max: usize) -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((0u8..=6, 0.05f64..20.0), 0..max)
        .prop_map(|v| v.into_iter().map(|(y, w)| (f64::from(y), w)).collect())
}

/// Two estimates agree to a relative tolerance (the sums are added in another order).
fn same_estimate(a: Estimate, b: Estimate) -> bool {
    match (a, b) {
        (Estimate::Suppressed { n: x }, Estimate::Suppressed { n: y }) => x == y,
        (Estimate::Value { .. }, Estimate::Value { .. }) => {
            let (a, b) = (value(a), value(b));
            let near = |x: f64, y: f64| (x - y).abs() <= 1e-9 * (1.0 + x.abs().max(y.abs()));
            near(a.0, b.0)
                && near(a.1, b.1)
                && near(a.2, b.2)
                && a.3 == b.3
                && near(a.4, b.4)
                && near(a.5, b.5)
        }
        _ => false,
    }
}

proptest! {
    #[test]
    fn a_share_interval_holds_the_share_and_stays_in_0_1(obs in binary_observations(200)) {
        let s = Summary::of(obs).unwrap();
        if let Estimate::Value { estimate, lower, upper, n, n_eff, se } =
            s.share(rules_min(2)).unwrap()
        {
            prop_assert!((0.0..=1.0).contains(&estimate));
            prop_assert!(0.0 <= lower && lower <= estimate);
            prop_assert!(estimate <= upper && upper <= 1.0);
            prop_assert!(lower < upper);
            prop_assert!(n_eff <= n as f64 && n_eff >= 1.0 - 1e-9);
            prop_assert!(se >= 0.0);
        }
    }

    #[test]
    fn a_mean_interval_holds_the_mean(obs in scale_observations(200)) {
        let s = Summary::of(obs).unwrap();
        if let Estimate::Value { estimate, lower, upper, .. } = s.mean(rules_min(2)) {
            prop_assert!((0.0..=6.0).contains(&estimate));
            prop_assert!(lower <= estimate && estimate <= upper);
        }
    }

    #[test]
    fn equal_weights_give_the_unweighted_wilson_interval(
        successes in 0u64..300,
        extra in 30u64..300,
        weight in 0.01f64..50.0,
    ) {
        let n = successes + extra;
        let s = Summary::of((0..n).map(|i| (if i < successes { 1.0 } else { 0.0 }, weight)))
            .unwrap();
        let (p, lower, upper, got_n, n_eff, _) = value(s.share(rules()).unwrap());
        let p_hand = successes as f64 / n as f64;
        let (lo, hi) = wilson_by_quadratic(p_hand, n as f64, Z95);
        prop_assert_eq!(got_n, n);
        prop_assert_eq!(n_eff, n as f64);
        prop_assert!(close(p, p_hand, 1e-12));
        prop_assert!(close(lower, lo.max(0.0), 1e-9), "{} vs {}", lower, lo);
        prop_assert!(close(upper, hi.min(1.0), 1e-9), "{} vs {}", upper, hi);
    }

    #[test]
    fn the_weighted_share_interval_is_wilson_with_n_eff(obs in binary_observations(200)) {
        let s = Summary::of(obs.iter().copied()).unwrap();
        if let Estimate::Value { estimate, lower, upper, n_eff, .. } =
            s.share(rules_min(2)).unwrap()
        {
            let sum_w: f64 = obs.iter().map(|(_, w)| w).sum();
            let sum_w2: f64 = obs.iter().map(|(_, w)| w * w).sum();
            let sum_wy: f64 = obs.iter().map(|(y, w)| y * w).sum();
            let n_eff_hand = (sum_w * sum_w / sum_w2).min(obs.len() as f64);
            prop_assert!(close(n_eff, n_eff_hand, 1e-9 * n_eff_hand));
            prop_assert!(close(estimate, sum_wy / sum_w, 1e-12));
            let (lo, hi) = wilson_by_quadratic(sum_wy / sum_w, n_eff_hand, Z95);
            prop_assert!(close(lower, lo.max(0.0), 1e-7), "{} vs {}", lower, lo);
            prop_assert!(close(upper, hi.min(1.0), 1e-7), "{} vs {}", upper, hi);
        }
    }

    #[test]
    fn the_mean_standard_error_is_the_linearised_one(obs in scale_observations(200)) {
        let s = Summary::of(obs.iter().copied()).unwrap();
        if let Estimate::Value { estimate, se, .. } = s.mean(rules_min(2)) {
            // Two passes over the data, straight from the definition: the variance of
            // z = w(y − ȳ)/Σw times n/(n − 1).
            let n = obs.len() as f64;
            let sum_w: f64 = obs.iter().map(|(_, w)| w).sum();
            let mean = obs.iter().map(|(y, w)| w * y).sum::<f64>() / sum_w;
            let squares: f64 = obs.iter().map(|(y, w)| (w * (y - mean)).powi(2)).sum();
            let se_hand = (n / (n - 1.0) * squares / (sum_w * sum_w)).sqrt();
            prop_assert!(close(estimate, mean, 1e-9));
            prop_assert!(close(se, se_hand, 1e-9 * (1.0 + se_hand)), "{} vs {}", se, se_hand);
        }
    }

    #[test]
    fn scaling_all_weights_changes_nothing(
        shares in binary_observations(150),
        scale in scale_observations(150),
        factor in 0.001f64..1000.0,
    ) {
        for (obs, is_share) in [(shares, true), (scale, false)] {
            let s = Summary::of(obs.iter().copied()).unwrap();
            let t = Summary::of(obs.iter().map(|&(y, w)| (y, w * factor))).unwrap();
            prop_assert_eq!(s.n(), t.n());
            prop_assert!(close(s.n_eff(), t.n_eff(), 1e-9 * (1.0 + s.n_eff())));
            let (a, b) = if is_share {
                (s.share(rules_min(2)).unwrap(), t.share(rules_min(2)).unwrap())
            } else {
                (s.mean(rules_min(2)), t.mean(rules_min(2)))
            };
            prop_assert!(same_estimate(a, b), "{:?} vs {:?}", a, b);
        }
    }

    #[test]
    fn merging_equals_pushing_everything_into_one(
        a in scale_observations(120),
        b in scale_observations(120),
        shares_a in binary_observations(120),
        shares_b in binary_observations(120),
    ) {
        let whole = |x: &[(f64, f64)], y: &[(f64, f64)]| {
            Summary::of(x.iter().chain(y).copied()).unwrap()
        };
        let merged = |x: &[(f64, f64)], y: &[(f64, f64)]| {
            let mut s = Summary::of(x.iter().copied()).unwrap();
            s.merge(&Summary::of(y.iter().copied()).unwrap());
            s
        };
        let (one, two) = (whole(&a, &b), merged(&a, &b));
        prop_assert_eq!(one.n(), two.n());
        prop_assert!(close(one.n_eff(), two.n_eff(), 1e-9 * (1.0 + one.n_eff())));
        prop_assert!(same_estimate(one.mean(rules_min(2)), two.mean(rules_min(2))));
        let (one, two) = (whole(&shares_a, &shares_b), merged(&shares_a, &shares_b));
        prop_assert!(same_estimate(
            one.share(rules_min(2)).unwrap(),
            two.share(rules_min(2)).unwrap()
        ));
        // Merging with nothing changes nothing, either way round.
        let mut empty = Summary::new();
        empty.merge(&one);
        prop_assert_eq!(empty, one);
    }

    #[test]
    fn n_eff_never_exceeds_n(obs in scale_observations(300)) {
        let s = Summary::of(obs).unwrap();
        prop_assert!(s.n_eff() <= s.n() as f64);
        prop_assert!(s.n() == 0 || s.n_eff() >= 1.0 - 1e-9);
    }

    #[test]
    fn suppression_is_exactly_below_the_minimum(n in 0u64..80, min in 2u64..60) {
        let s = Summary::of((0..n).map(|i| (f64::from(u8::from(i % 3 == 0)), 1.5))).unwrap();
        let rules = rules_min(min);
        let share = s.share(rules).unwrap();
        let mean = s.mean(rules);
        if n < min {
            prop_assert_eq!(share, Estimate::Suppressed { n });
            prop_assert_eq!(mean, Estimate::Suppressed { n });
        } else {
            let shown = |e| matches!(e, Estimate::Value { n: m, .. } if m == n);
            prop_assert!(shown(share));
            prop_assert!(shown(mean));
        }
    }

    #[test]
    fn a_year_against_itself_is_no_detectable_change(
        shares in binary_observations(200),
        scale in scale_observations(200),
    ) {
        for e in [
            Summary::of(shares).unwrap().share(rules_min(2)).unwrap(),
            Summary::of(scale).unwrap().mean(rules_min(2)),
        ] {
            let d = Difference::between(&e, &e, ConfidenceLevel::DEFAULT);
            match e {
                Estimate::Suppressed { .. } => {
                    prop_assert_eq!(d, Difference::Suppressed);
                    prop_assert_eq!(d.verdict(Better::Higher), OutcomeVerdict::NotMeasurable);
                }
                Estimate::Value { .. } => {
                    let Difference::Value { difference, lower, upper, p_value, .. } = d else {
                        return Err(TestCaseError::fail(format!("{d:?}")));
                    };
                    prop_assert_eq!(difference, 0.0);
                    prop_assert!(close(p_value, 1.0, 1e-12));
                    prop_assert!(lower <= 0.0 && 0.0 <= upper);
                    for better in [Better::Higher, Better::Lower] {
                        prop_assert_eq!(d.verdict(better), OutcomeVerdict::NoDetectableChange);
                    }
                }
            }
        }
    }

    #[test]
    fn swapping_the_years_negates_the_change(
        a in binary_observations(300),
        b in binary_observations(300),
    ) {
        let ea = Summary::of(a).unwrap().share(rules()).unwrap();
        let eb = Summary::of(b).unwrap().share(rules()).unwrap();
        let level = ConfidenceLevel::DEFAULT;
        let (forward, backward) = (
            Difference::between(&ea, &eb, level),
            Difference::between(&eb, &ea, level),
        );
        match (forward, backward) {
            (Difference::Suppressed, Difference::Suppressed) => {}
            (
                Difference::Value { difference: d1, lower: l1, upper: u1, se: s1, p_value: p1 },
                Difference::Value { difference: d2, lower: l2, upper: u2, se: s2, p_value: p2 },
            ) => {
                prop_assert_eq!(d1, -d2);
                prop_assert_eq!(l1, -u2);
                prop_assert_eq!(u1, -l2);
                prop_assert_eq!(s1, s2);
                prop_assert_eq!(p1, p2);
                // And the verdict turns round with it.
                let flip = |v| match v {
                    OutcomeVerdict::Improved => OutcomeVerdict::Worsened,
                    OutcomeVerdict::Worsened => OutcomeVerdict::Improved,
                    other => other,
                };
                prop_assert_eq!(forward.verdict(Better::Lower), flip(backward.verdict(Better::Lower)));
            }
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        }
    }

    #[test]
    fn the_verdict_follows_the_interval(
        before in binary_observations(400),
        after in binary_observations(400),
    ) {
        let level = ConfidenceLevel::DEFAULT;
        let d = Difference::between(
            &Summary::of(before).unwrap().share(rules()).unwrap(),
            &Summary::of(after).unwrap().share(rules()).unwrap(),
            level,
        );
        if let Difference::Value { lower, upper, p_value, .. } = d {
            let verdict = d.verdict(Better::Higher);
            let expected = if lower > 0.0 {
                OutcomeVerdict::Improved
            } else if upper < 0.0 {
                OutcomeVerdict::Worsened
            } else {
                OutcomeVerdict::NoDetectableChange
            };
            prop_assert_eq!(verdict, expected);
            // A change shown is one the test rejects at the same level, and vice versa.
            if verdict != OutcomeVerdict::NoDetectableChange {
                prop_assert!(p_value < 0.05 + 1e-12, "{}", p_value);
            } else {
                prop_assert!(p_value >= 0.05 - 1e-12, "{}", p_value);
            }
        }
    }
}

/// Student's t quantiles against SciPy's `stdtrit(df, 0.975)`, including the large df a
/// big municipality's survey reaches, where statrs alone drifts.
#[test]
fn t_quantiles_are_exact_at_any_degrees_of_freedom() {
    let level = lofte_domain::stats::ConfidenceLevel::default();
    for (df, scipy) in [
        (3.0, 3.1824463052837078),
        (59.0, 2.000995378088267),
        (29396.0, 1.9600446882837494),
        (1e6, 1.959966356814107),
    ] {
        let t = level.t(df);
        // statrs' own tail probability limits the last digits at a million df.
        let tolerance = if df > 1e5 { 1e-9 } else { 1e-11 };
        assert!((t - scipy).abs() < tolerance, "df {df}: {t} vs {scipy}");
    }
}

/// The Clopper–Pearson bounds computed without statrs: exact binomial tail sums (in logs,
/// so large counts do not overflow), solved for p by bisection.
fn clopper_pearson(a: u64, n: u64, alpha: f64) -> (f64, f64) {
    fn ln_choose(n: u64, k: u64) -> f64 {
        (1..=k)
            .map(|i| ((n - k + i) as f64).ln() - (i as f64).ln())
            .sum()
    }
    // P(X >= k) for X ~ Binomial(n, p).
    let at_least = |k: u64, p: f64| -> f64 {
        (k..=n)
            .map(|i| (ln_choose(n, i) + i as f64 * p.ln() + (n - i) as f64 * (1.0 - p).ln()).exp())
            .sum::<f64>()
    };
    let solve = |f: &dyn Fn(f64) -> f64, target: f64| {
        let (mut lo, mut hi) = (1e-12, 1.0 - 1e-12);
        for _ in 0..200 {
            let mid = (lo + hi) / 2.0;
            if f(mid) < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        (lo + hi) / 2.0
    };
    let lower = if a == 0 {
        0.0
    } else {
        solve(&|p| at_least(a, p), alpha / 2.0)
    };
    let upper = if a == n {
        1.0
    } else {
        // P(X <= a) = 1 − P(X >= a + 1) falls as p rises.
        solve(&|p| 1.0 - (1.0 - at_least(a + 1, p)), 1.0 - alpha / 2.0)
    };
    (lower, upper)
}

// Incident counts this year against the same weeks last year: the ratio's exact interval
// agrees with an independent computation, and a change is only called when the interval
// leaves 1 behind.
#[test]
fn a_change_in_incident_counts_has_an_exact_interval() {
    use lofte_domain::stats::{Better, ConfidenceLevel, CountChange, OutcomeVerdict};
    for (before, now) in [
        (20, 10),
        (10, 20),
        (7, 9),
        (1, 0),
        (0, 4),
        (120, 80),
        (3, 3),
    ] {
        let change = CountChange::between(before, now, ConfidenceLevel::DEFAULT);
        let (p_lower, p_upper) = clopper_pearson(now, now + before, 0.05);
        let odds = |p: f64| {
            if p >= 1.0 {
                f64::INFINITY
            } else {
                p / (1.0 - p)
            }
        };
        let close = |x: f64, y: f64| {
            (x.is_infinite() && y.is_infinite()) || (x - y).abs() <= 1e-6 * y.abs().max(1e-6)
        };
        assert!(
            close(change.lower, odds(p_lower)),
            "{before}→{now}: {change:?} vs {}",
            odds(p_lower)
        );
        assert!(
            close(change.upper, odds(p_upper)),
            "{before}→{now}: {change:?} vs {}",
            odds(p_upper)
        );
        if before > 0 {
            assert_eq!(change.ratio, Some(now as f64 / before as f64));
        }
    }
    let verdict = |before, now| {
        CountChange::between(before, now, ConfidenceLevel::DEFAULT).verdict(Better::Lower)
    };
    assert_eq!(
        verdict(120, 80),
        OutcomeVerdict::Improved,
        "a third fewer of many"
    );
    assert_eq!(
        verdict(6, 4),
        OutcomeVerdict::NoDetectableChange,
        "a third fewer of few"
    );
    assert_eq!(verdict(20, 45), OutcomeVerdict::Worsened);
    assert_eq!(verdict(0, 0), OutcomeVerdict::NotMeasurable);
}

/// The share of work in the hot spots has the exact binomial interval, checked against
/// the tail sums above and against a textbook value (5 of 10: 0.187–0.813).
#[test]
fn a_share_of_work_has_an_exact_interval() {
    use lofte_domain::stats::{ConfidenceLevel, exact_share_interval};
    for (k, n) in [(5, 10), (0, 7), (7, 7), (1, 40), (33, 101), (250, 1000)] {
        let (lower, upper) = exact_share_interval(k, n, ConfidenceLevel::DEFAULT);
        let (l, u) = clopper_pearson(k, n, 0.05);
        assert!((lower - l).abs() < 1e-6, "{k}/{n}: {lower} vs {l}");
        assert!((upper - u).abs() < 1e-6, "{k}/{n}: {upper} vs {u}");
    }
    let (lower, upper) = exact_share_interval(5, 10, ConfidenceLevel::DEFAULT);
    assert!((lower - 0.187_086).abs() < 1e-6 && (upper - 0.812_914).abs() < 1e-6);
}
