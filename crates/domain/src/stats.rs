//! Survey statistics for outcome goals: estimates from the police safety survey
//! (trygghetsmätning) with their uncertainty, the change between two years, and the
//! verdict on an outcome goal.
//!
//! A promise's outcome goal ("in 2022 a general increase in perceived safety shall be
//! readable in the safety survey") can only be judged if a change is told apart from
//! sampling error, so every figure here carries its interval and its group size, and a
//! figure from too few respondents is never produced at all: [`Estimate::Suppressed`]
//! has no number in it to leak into a table, a chart or an export.
//!
//! The survey is weighted (design weights correct for unequal sampling and response), so
//! every estimate is a weighted one and its precision is that of Kish's *effective*
//! sample size, not of the number of answers. All functions are pure; the sums they work
//! from ([`Summary`]) are built in one pass and can be merged, so the database layer can
//! stream a table once and combine groups afterwards.
//!
//! What is estimated is up to the caller, through the value of each observation:
//! - a **share** (e.g. answering "very" or "rather unsafe" to feeling unsafe out alone
//!   late in the evening in one's own area): 1.0 for an answer in the categories, 0.0 for
//!   any other valid answer; respondents without a valid answer are left out;
//! - the **mean of a scale** item: the answer's scale value;
//! - an **index** of several items: the respondent's own mean of the items, so that each
//!   respondent counts once however many items they answered.

use std::fmt;

use statrs::distribution::{Continuous, ContinuousCDF, Normal, StudentsT};

/// Why a statistic could not be computed: always a fault in the data or the settings
/// handed in, never in a respondent's answer, so it is said in English for the log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StatsError {
    /// A design weight that is not a finite number greater than zero (or so large or so
    /// small that its square is not a normal float).
    Weight { value: f64 },
    /// An observed value that is not a finite number.
    Value { value: f64 },
    /// A share was asked of observations of which `count` were neither 0 nor 1.
    NotAShare { count: u64 },
    /// A confidence level outside (0, 1).
    ConfidenceLevel { value: f64 },
    /// A minimum group size below [`MinRespondents::LEAST`].
    MinRespondents { value: u64 },
}

impl StatsError {
    pub fn code(self) -> &'static str {
        match self {
            StatsError::Weight { .. } => "weight",
            StatsError::Value { .. } => "value",
            StatsError::NotAShare { .. } => "not-a-share",
            StatsError::ConfidenceLevel { .. } => "confidence-level",
            StatsError::MinRespondents { .. } => "min-respondents",
        }
    }
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatsError::Weight { value } => {
                write!(
                    f,
                    "a design weight must be finite and positive, not {value}"
                )
            }
            StatsError::Value { value } => {
                write!(f, "an observed value must be finite, not {value}")
            }
            StatsError::NotAShare { count } => {
                write!(f, "a share needs values of 0 or 1; {count} were not")
            }
            StatsError::ConfidenceLevel { value } => {
                write!(
                    f,
                    "a confidence level must lie between 0 and 1, not {value}"
                )
            }
            StatsError::MinRespondents { value } => write!(
                f,
                "the minimum group size must be at least {}, not {value}",
                MinRespondents::LEAST
            ),
        }
    }
}

impl std::error::Error for StatsError {}

/// A respondent's design weight: finite and greater than zero. A zero or negative weight
/// would silently drop or subtract a respondent, and NaN would poison every sum after it.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Weight(f64);

impl Weight {
    /// The weight of a respondent in an unweighted survey.
    pub const ONE: Weight = Weight(1.0);

    /// Refuses NaN, infinities, zero and negative weights, and weights whose square
    /// over- or underflows (the sums need w²; real design weights are nowhere near).
    pub fn new(value: f64) -> Result<Weight, StatsError> {
        if value.is_finite() && value > 0.0 && (value * value).is_normal() {
            Ok(Weight(value))
        } else {
            Err(StatsError::Weight { value })
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// The smallest group a figure may be shown for. Below it a figure is both too noisy to
/// read and, in a small place, close to telling what named neighbours answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MinRespondents(u64);

impl MinRespondents {
    /// The usual rule for survey tables.
    pub const DEFAULT: MinRespondents = MinRespondents(30);
    /// A mean's spread, and so its interval, needs at least two respondents.
    pub const LEAST: u64 = 2;

    pub fn new(value: u64) -> Result<MinRespondents, StatsError> {
        if value >= Self::LEAST {
            Ok(MinRespondents(value))
        } else {
            Err(StatsError::MinRespondents { value })
        }
    }

    pub fn get(self) -> u64 {
        self.0
    }
}

impl Default for MinRespondents {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The confidence level of every interval, strictly between 0 and 1.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct ConfidenceLevel(f64);

impl ConfidenceLevel {
    /// 95 %, what survey reports (and readers) expect.
    pub const DEFAULT: ConfidenceLevel = ConfidenceLevel(0.95);

    pub fn new(value: f64) -> Result<ConfidenceLevel, StatsError> {
        if value > 0.0 && value < 1.0 {
            Ok(ConfidenceLevel(value))
        } else {
            Err(StatsError::ConfidenceLevel { value })
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }

    /// The upper quantile 1 − α/2 that a two-sided interval reaches out to.
    fn upper_quantile(self) -> f64 {
        1.0 - (1.0 - self.0) / 2.0
    }

    /// z, e.g. 1.959964 for 95 %.
    fn z(self) -> f64 {
        Normal::standard().inverse_cdf(self.upper_quantile())
    }

    /// t with `df` degrees of freedom, e.g. 3.182446 for 95 % and 3 df.
    ///
    /// statrs' inverse CDF loses accuracy at large df (at 29,396 df it is 6.5·10⁻⁷ off,
    /// at 10⁶ df about 10⁻⁴), which a survey of a large municipality reaches; a few
    /// Newton steps on its result, using the upper tail to avoid cancellation, bring it
    /// to within 10⁻¹¹ of the exact quantile up to 10⁵ df and 10⁻⁹ at 10⁶ (checked
    /// against SciPy in the tests).
    pub fn t(self, df: f64) -> f64 {
        let dist = StudentsT::new(0.0, 1.0, df).expect("df of at least 1 is a valid Student's t");
        let tail = 1.0 - self.upper_quantile();
        let mut t = dist.inverse_cdf(self.upper_quantile());
        for _ in 0..3 {
            let density = dist.pdf(t);
            if density <= 0.0 || !density.is_finite() {
                break;
            }
            t += (dist.sf(t) - tail) / density;
        }
        t
    }
}

impl Default for ConfidenceLevel {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// How figures are produced: the smallest group shown and the confidence level.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rules {
    pub min_respondents: MinRespondents,
    pub level: ConfidenceLevel,
}

/// What a weighted estimate and its variance are computed from, gathered in one pass
/// over the respondents of a group and mergeable across groups: merging the summaries of
/// two sets of respondents gives the summary of their union, so the database layer can
/// stream rows once and combine groups (strata, areas, years) afterwards.
///
/// It holds n, Σw, Σw², the weighted mean ȳ = Σwy/Σw, and, for the variance of ȳ, the
/// mean of y weighted by w² with the sum of squares about it, Σw²(y − ȳ₂)². These carry
/// the same information as the raw sums Σw²y and Σw²y², but are updated and merged the
/// way Chan, Golub & LeVeque (1979, "Updating formulae and a pairwise algorithm for
/// computing sample variances") do, centred, so that answers that mostly agree do not
/// lose their spread to cancellation (with raw sums, ten identical answers of 5 get a
/// spread of about 10⁻⁸ instead of 0). The smallest and largest weight tell an
/// unweighted survey (all weights equal) from a weighted one, so that the former gets
/// exactly the textbook interval with n rather than one with a rounded n_eff.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    n: u64,
    sum_w: f64,
    sum_w2: f64,
    /// Σwy / Σw.
    mean: f64,
    /// Σw²y / Σw².
    mean_w2: f64,
    /// Σw²(y − mean_w2)².
    squares_w2: f64,
    min_w: f64,
    max_w: f64,
    /// Values other than 0 and 1, which make a share meaningless.
    not_binary: u64,
}

impl Default for Summary {
    fn default() -> Self {
        Self::new()
    }
}

impl Summary {
    /// The summary of no respondents.
    pub fn new() -> Summary {
        Summary {
            n: 0,
            sum_w: 0.0,
            sum_w2: 0.0,
            mean: 0.0,
            mean_w2: 0.0,
            squares_w2: 0.0,
            min_w: f64::INFINITY,
            max_w: f64::NEG_INFINITY,
            not_binary: 0,
        }
    }

    /// The summary of `(value, weight)` pairs, refusing the first bad weight or value.
    pub fn of(observations: impl IntoIterator<Item = (f64, f64)>) -> Result<Summary, StatsError> {
        let mut summary = Summary::new();
        for (value, weight) in observations {
            summary.push(value, Weight::new(weight)?)?;
        }
        Ok(summary)
    }

    /// Adds one respondent's value; refuses a value that is not finite.
    pub fn push(&mut self, value: f64, weight: Weight) -> Result<(), StatsError> {
        if !value.is_finite() {
            return Err(StatsError::Value { value });
        }
        let w = weight.get();
        self.merge(&Summary {
            n: 1,
            sum_w: w,
            sum_w2: w * w,
            mean: value,
            mean_w2: value,
            squares_w2: 0.0,
            min_w: w,
            max_w: w,
            not_binary: u64::from(value != 0.0 && value != 1.0),
        });
        Ok(())
    }

    /// Adds the respondents of `other`, e.g. another stratum or another batch of rows.
    pub fn merge(&mut self, other: &Summary) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let sum_w = self.sum_w + other.sum_w;
        let sum_w2 = self.sum_w2 + other.sum_w2;
        self.mean += (other.mean - self.mean) * (other.sum_w / sum_w);
        let apart = other.mean_w2 - self.mean_w2;
        self.mean_w2 += apart * (other.sum_w2 / sum_w2);
        self.squares_w2 += other.squares_w2 + apart * apart * (self.sum_w2 / sum_w2) * other.sum_w2;
        self.n += other.n;
        self.sum_w = sum_w;
        self.sum_w2 = sum_w2;
        self.min_w = self.min_w.min(other.min_w);
        self.max_w = self.max_w.max(other.max_w);
        self.not_binary += other.not_binary;
    }

    /// The number of respondents, which is what suppression counts.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Kish's effective sample size n_eff = (Σw)² / Σw² (Kish 1965, *Survey Sampling*;
    /// Kish 1992, J Official Stat 8:183–200): the number of unweighted respondents that would give the same precision,
    /// n / (1 + CV²(w)). Unequal weights cost precision; equal weights give n exactly.
    /// Never more than n (Cauchy–Schwarz; the clamp only absorbs rounding), 0 for no one.
    pub fn n_eff(&self) -> f64 {
        let n = self.n as f64;
        if self.n == 0 {
            0.0
        } else if self.is_unweighted() {
            n
        } else {
            (self.sum_w * self.sum_w / self.sum_w2).min(n)
        }
    }

    fn is_unweighted(&self) -> bool {
        self.min_w == self.max_w
    }

    /// The weighted share Σwy / Σw of respondents whose value is 1, with a Wilson score
    /// interval.
    ///
    /// Why Wilson: the Wald interval p ± z·√(p(1−p)/n) undercovers badly near 0 and 1
    /// and can leave [0, 1], and shares of "very unsafe" or of victims in a small place are
    /// often near 0. Wilson (1927) inverts the score test instead; it stays within [0, 1]
    /// and keeps close to its nominal coverage (Newcombe 1998, Stat Med 17:857–872; Brown,
    /// Cai & DasGupta 2001, Stat Sci 16:101–133).
    ///
    /// Why n_eff in a weighted survey: the Wilson interval is computed with Kish's
    /// effective sample size in place of n (Kish 1965). This "effective sample size"
    /// Wilson interval is the one Korn & Graubard (1998, Survey Methodology 24:193–201)
    /// build on for survey proportions and that Dean & Pagano (2015, J Survey Stat
    /// Methodol 3:484–503) compare with others in complex surveys; it reduces to the
    /// textbook interval when all weights are equal. It accounts for the weighting only,
    /// not for clustering or stratification, which the observations do not carry. The
    /// standard error reported, and used for the change between years, is
    /// √(p(1−p)/n_eff), the same Kish approximation; note that the interval is Wilson's,
    /// not p ± z·se.
    ///
    /// Refuses observations with values other than 0 and 1.
    pub fn share(&self, rules: Rules) -> Result<Estimate, StatsError> {
        if self.not_binary > 0 {
            return Err(StatsError::NotAShare {
                count: self.not_binary,
            });
        }
        if self.n < rules.min_respondents.get() {
            return Ok(Estimate::Suppressed { n: self.n });
        }
        let n_eff = self.n_eff();
        let p = self.mean.clamp(0.0, 1.0);
        let z = rules.level.z();
        let z2_n = z * z / n_eff;
        let centre = (p + z2_n / 2.0) / (1.0 + z2_n);
        let half = z / (1.0 + z2_n) * (p * (1.0 - p) / n_eff + z2_n / (4.0 * n_eff)).sqrt();
        Ok(Estimate::Value {
            estimate: p,
            // The Wilson interval always contains p; the clamps only absorb rounding.
            lower: (centre - half).clamp(0.0, p),
            upper: (centre + half).clamp(p, 1.0),
            n: self.n,
            n_eff,
            se: (p * (1.0 - p) / n_eff).sqrt(),
        })
    }

    /// The weighted mean Σwy / Σw (of a scale item, or of respondents' index values) with
    /// a t interval.
    ///
    /// The standard error is the linearised (Taylor) one of a ratio estimator under
    /// sampling with replacement (Woodruff 1971, JASA 66:411–414; Wolter 2007,
    /// *Introduction to Variance Estimation*), as survey software computes it for a single-stage design:
    /// var̂(ȳ_w) = n/(n−1) · Σ w²(y − ȳ_w)² / (Σw)², which is the variance of the
    /// linearised values z = w(y − ȳ_w)/Σw (their mean is 0). With equal weights it is
    /// the familiar s²/n. The interval uses Student's t with n − 1 degrees of
    /// freedom, the design degrees of freedom of an unstratified, unclustered sample
    /// (Korn & Graubard 1999, *Analysis of Health Surveys*); for survey-sized n it is
    /// the normal interval.
    pub fn mean(&self, rules: Rules) -> Estimate {
        if self.n < rules.min_respondents.get() {
            return Estimate::Suppressed { n: self.n };
        }
        let n = self.n as f64;
        let mean = self.mean;
        // Σw²(y − ȳ)² = Σw²(y − ȳ₂)² + Σw²·(ȳ₂ − ȳ)², moving the centre from the
        // w²-weighted mean to the weighted one.
        let apart = self.mean_w2 - mean;
        let squares = self.squares_w2 + self.sum_w2 * apart * apart;
        let variance = n / (n - 1.0) * squares / (self.sum_w * self.sum_w);
        let se = variance.sqrt();
        let half = rules.level.t(n - 1.0) * se;
        Estimate::Value {
            estimate: mean,
            lower: mean - half,
            upper: mean + half,
            n: self.n,
            n_eff: self.n_eff(),
            se,
        }
    }
}

/// A figure as it may be shown: suppressed, or with its interval and group size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Estimate {
    /// Fewer respondents than [`Rules::min_respondents`]: no figure, only the count, so
    /// that a table can say why the cell is empty.
    Suppressed { n: u64 },
    Value {
        estimate: f64,
        /// The interval at [`Rules::level`].
        lower: f64,
        upper: f64,
        /// Respondents.
        n: u64,
        /// Kish's effective sample size.
        n_eff: f64,
        /// The standard error, what the change between two years is computed from.
        se: f64,
    },
}

/// The change from a baseline year to a measurement year, measurement minus baseline, in
/// the unit of the estimates (a share's change is a fraction, not percentage points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Difference {
    /// One of the years is suppressed: no change can be shown either.
    Suppressed,
    Value {
        difference: f64,
        /// The interval at the level asked for.
        lower: f64,
        upper: f64,
        se: f64,
        /// Two-sided, for "no change".
        p_value: f64,
    },
}

impl Difference {
    /// The change between two years' estimates of the same indicator (both shares or both
    /// means), from independent samples: SE = √(se₁² + se₂²), a normal interval and a
    /// two-sided normal p-value. Independent samples is what the survey draws afresh each
    /// time; a share's se is √(p(1−p)/n_eff) (see [`Summary::share`]).
    pub fn between(
        baseline: &Estimate,
        measurement: &Estimate,
        level: ConfidenceLevel,
    ) -> Difference {
        let (
            Estimate::Value {
                estimate: before,
                se: se_before,
                ..
            },
            Estimate::Value {
                estimate: after,
                se: se_after,
                ..
            },
        ) = (baseline, measurement)
        else {
            return Difference::Suppressed;
        };
        let difference = after - before;
        let se = (se_before * se_before + se_after * se_after).sqrt();
        let p_value = if se > 0.0 {
            (2.0 * Normal::standard().sf((difference / se).abs())).clamp(0.0, 1.0)
        } else if difference == 0.0 {
            // Both years without spread (e.g. nobody unsafe, twice) and equal.
            1.0
        } else {
            0.0
        };
        let half = level.z() * se;
        Difference::Value {
            difference,
            lower: difference - half,
            upper: difference + half,
            se,
            p_value,
        }
    }

    /// The verdict on an outcome goal whose indicator is better when `better`: improved or
    /// worsened only when the whole interval lies on one side of zero, so a change within
    /// the sampling error is never called either.
    pub fn verdict(&self, better: Better) -> OutcomeVerdict {
        let Difference::Value { lower, upper, .. } = *self else {
            return OutcomeVerdict::NotMeasurable;
        };
        let (rose, fell) = (lower > 0.0, upper < 0.0);
        match (better, rose, fell) {
            (Better::Higher, true, _) | (Better::Lower, _, true) => OutcomeVerdict::Improved,
            (Better::Higher, _, true) | (Better::Lower, true, _) => OutcomeVerdict::Worsened,
            _ => OutcomeVerdict::NoDetectableChange,
        }
    }
}

/// The exact (Clopper–Pearson) interval of a binomial share, `k` of `n`: the shares whose
/// binomial tails at `k` are each at least (1 − level) / 2. Never narrower than it should
/// be, which for the small counts of a municipality matters more than being short.
pub fn exact_share_interval(k: u64, n: u64, level: ConfidenceLevel) -> (f64, f64) {
    use statrs::distribution::Beta;
    let alpha = 1.0 - level.get();
    let (k, n) = (k.min(n) as f64, n as f64);
    let lower = if k == 0.0 {
        0.0
    } else {
        Beta::new(k, n - k + 1.0).map_or(0.0, |d| d.inverse_cdf(alpha / 2.0))
    };
    let upper = if k == n {
        1.0
    } else {
        Beta::new(k + 1.0, n - k).map_or(1.0, |d| d.inverse_cdf(1.0 - alpha / 2.0))
    };
    (lower, upper)
}

/// The change between two counts of events over periods of the same length (this year so
/// far against the same weeks a year before), as the ratio of their rates with an exact
/// interval. Counts of independent events are Poisson; given their total n = a + b, the
/// newer count a is binomial with p = λa / (λa + λb), so the Clopper–Pearson interval for
/// p gives the ratio's interval p / (1 − p). A change is only called when the whole
/// interval lies on one side of 1, as [`Difference::verdict`] does for the survey.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountChange {
    pub before: u64,
    pub now: u64,
    /// `now / before`; `None` when `before` is 0.
    pub ratio: Option<f64>,
    pub lower: f64,
    /// Infinite when `before` is 0.
    pub upper: f64,
}

impl CountChange {
    pub fn between(before: u64, now: u64, level: ConfidenceLevel) -> CountChange {
        let (a, b) = (now as f64, before as f64);
        let (p_lower, p_upper) = exact_share_interval(now, now + before, level);
        let odds = |p: f64| {
            if p >= 1.0 {
                f64::INFINITY
            } else {
                p / (1.0 - p)
            }
        };
        CountChange {
            before,
            now,
            ratio: (before > 0).then(|| a / b),
            lower: odds(p_lower),
            upper: odds(p_upper),
        }
    }

    /// The change in the rate per resident rather than in the count, when the
    /// population was `before_exposure` and then `now_exposure`: the rate ratio and its
    /// interval are the count's scaled by `before_exposure / now_exposure` (the exact
    /// conditional interval with the populations as offsets).
    pub fn per_exposure(self, before_exposure: u64, now_exposure: u64) -> CountChange {
        if before_exposure == 0 || now_exposure == 0 {
            return self;
        }
        let scale = before_exposure as f64 / now_exposure as f64;
        CountChange {
            ratio: self.ratio.map(|r| r * scale),
            lower: self.lower * scale,
            upper: self.upper * scale,
            ..self
        }
    }

    /// The verdict on counts that are better when `better` (fewer incidents: `Lower`);
    /// nothing to judge when both periods have none.
    pub fn verdict(&self, better: Better) -> OutcomeVerdict {
        if self.before + self.now == 0 {
            return OutcomeVerdict::NotMeasurable;
        }
        let (rose, fell) = (self.lower > 1.0, self.upper < 1.0);
        match (better, rose, fell) {
            (Better::Higher, true, _) | (Better::Lower, _, true) => OutcomeVerdict::Improved,
            (Better::Higher, _, true) | (Better::Lower, true, _) => OutcomeVerdict::Worsened,
            _ => OutcomeVerdict::NoDetectableChange,
        }
    }
}

/// Which way an indicator counts as better: a higher share feeling safe, a lower share
/// feeling unsafe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Better {
    Higher,
    Lower,
}

impl Better {
    pub fn code(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
        }
    }

    pub fn parse(raw: &str) -> Option<Better> {
        [Better::Higher, Better::Lower]
            .into_iter()
            .find(|b| b.code() == raw)
    }
}

/// What the survey says about an outcome goal between its baseline and measurement year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum OutcomeVerdict {
    Improved,
    /// The change, if any, is within the sampling error: not "unchanged", which the data
    /// cannot show.
    NoDetectableChange,
    Worsened,
    /// A year was not measured, or had too few respondents to show.
    NotMeasurable,
}

impl OutcomeVerdict {
    pub fn code(self) -> &'static str {
        match self {
            OutcomeVerdict::Improved => "improved",
            OutcomeVerdict::NoDetectableChange => "no-detectable-change",
            OutcomeVerdict::Worsened => "worsened",
            OutcomeVerdict::NotMeasurable => "not-measurable",
        }
    }

    /// The verdict of a [`OutcomeVerdict::code`].
    pub fn from_code(code: &str) -> Option<OutcomeVerdict> {
        [
            OutcomeVerdict::Improved,
            OutcomeVerdict::NoDetectableChange,
            OutcomeVerdict::Worsened,
            OutcomeVerdict::NotMeasurable,
        ]
        .into_iter()
        .find(|v| v.code() == code)
    }

    /// The verdict from the estimates of the baseline and the measurement year, either of
    /// which may be missing (no survey that year).
    pub fn judge(
        baseline: Option<&Estimate>,
        measurement: Option<&Estimate>,
        better: Better,
        level: ConfidenceLevel,
    ) -> OutcomeVerdict {
        match (baseline, measurement) {
            (Some(before), Some(after)) => {
                Difference::between(before, after, level).verdict(better)
            }
            _ => OutcomeVerdict::NotMeasurable,
        }
    }
}
