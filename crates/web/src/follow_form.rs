//! The form to follow a promise or one of its commitments by e-mail, shown under the
//! promise (`follow` handles what it sends).

use lofte_domain::follow::Frequency;
use lofte_i18n::Lang;

/// Where a promise's Atom feed is (`feeds`).
pub(crate) fn promise_feed(code: &str, first_year: lofte_domain::Year) -> String {
    format!("/kommun/{code}/{first_year}/nyheter.atom")
}

/// The follow form under a promise: the whole promise or one of its commitments.
pub struct FollowBox {
    pub action: String,
    /// The promise's Atom feed, for those who follow without an address.
    pub feed: String,
    pub year: String,
    /// (commitment id or empty for the whole promise, words).
    pub things: Vec<(String, String)>,
    pub frequencies: Vec<(String, String, bool)>,
}

impl FollowBox {
    pub(crate) fn for_promise(
        lang: Lang,
        stored: &lofte_db::StoredPromise,
        code: &lofte_domain::MunicipalityCode,
    ) -> FollowBox {
        let mut things = vec![(String::new(), lang.t("follow-whole-promise"))];
        for (id, commitment) in stored
            .commitment_ids
            .iter()
            .zip(&stored.promise.commitments)
        {
            things.push((
                id.to_string(),
                crate::views::short_text(commitment.text.as_ref()),
            ));
        }
        FollowBox {
            action: format!("/kommun/{code}/folj"),
            feed: promise_feed(code.as_str(), stored.promise.years.first()),
            year: stored.promise.years.first().to_string(),
            things,
            frequencies: frequency_choices(lang, Frequency::Immediately),
        }
    }
}

/// The words of a frequency.
pub(crate) fn frequency_words(lang: Lang, frequency: Frequency) -> String {
    lang.t(match frequency {
        Frequency::Immediately => "follow-frequency-immediately",
        Frequency::Weekly => "follow-frequency-weekly",
        Frequency::Monthly => "follow-frequency-monthly",
    })
}

/// The choices of how often, for the forms.
pub(crate) fn frequency_choices(lang: Lang, chosen: Frequency) -> Vec<(String, String, bool)> {
    [
        Frequency::Immediately,
        Frequency::Weekly,
        Frequency::Monthly,
    ]
    .into_iter()
    .map(|f| (f.as_str().to_owned(), frequency_words(lang, f), f == chosen))
    .collect()
}

/// Where the Atom feed of what happens at one place is (`feeds`).
pub(crate) fn place_feed(code: &str, slug: &str) -> String {
    format!("/kommun/{code}/platser/{slug}/nyheter.atom")
}

/// The follow form on the list of inputs: what is reported and done in one locality or
/// area (inputs published there, their replies and actions).
pub struct PlaceFollow {
    pub action: String,
    /// (slug, name, chosen): every place of the municipality, localities first.
    pub places: Vec<(String, String, bool)>,
    /// The chosen place's feed, if one is chosen.
    pub feed: Option<String>,
    pub frequencies: Vec<(String, String, bool)>,
}

impl PlaceFollow {
    pub(crate) fn new(
        lang: Lang,
        code: &lofte_domain::MunicipalityCode,
        places: &[lofte_domain::Place],
        chosen: &str,
    ) -> PlaceFollow {
        let mut sorted: Vec<&lofte_domain::Place> = places.iter().collect();
        sorted.sort_by_key(|p| p.kind != lofte_domain::PlaceKind::Locality);
        PlaceFollow {
            action: format!("/kommun/{code}/folj"),
            places: sorted
                .into_iter()
                .map(|p| {
                    (
                        p.slug.to_string(),
                        p.name.to_string(),
                        p.slug.as_str() == chosen,
                    )
                })
                .collect(),
            feed: places
                .iter()
                .any(|p| p.slug.as_str() == chosen)
                .then(|| place_feed(code.as_str(), chosen)),
            frequencies: frequency_choices(lang, Frequency::Weekly),
        }
    }
}

/// The follow form on the situation picture's public page.
pub struct PictureFollow {
    pub action: String,
    pub feed: String,
    pub frequencies: Vec<(String, String, bool)>,
}

impl PictureFollow {
    pub(crate) fn new(lang: Lang, code: &lofte_domain::MunicipalityCode) -> PictureFollow {
        PictureFollow {
            action: format!("/kommun/{code}/folj"),
            feed: format!("/kommun/{code}/lagesbild/nyheter.atom"),
            frequencies: frequency_choices(lang, Frequency::Monthly),
        }
    }
}
