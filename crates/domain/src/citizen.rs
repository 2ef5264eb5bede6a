//! What residents say: an input ("synpunkt") about where they feel unsafe or what should
//! be done, sent without an account through the public form, and moderated before anyone
//! else sees it.
//!
//! An input names a place the way a resident can without a map: a locality from the
//! municipality's list, optionally a place within it, optionally a typed address. It
//! carries no name, no contact details and no network address; age band and gender are
//! optional and only ever counted (for the gender perspective the promise work asks for).

use crate::place::PlaceSlug;
use crate::problem::{Errors, FieldError, Problem};
use crate::text::Text;

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(raw: &str) -> Result<$name, Problem> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == raw)
                    .ok_or(Problem::Choice)
            }
        }
    };
}

code_enum!(
    /// What an input is about. Names come from the Fluent files (`input-category-<code>`).
    InputCategory {
        UnsafePlace => "unsafe_place",
        Lighting => "lighting",
        Vegetation => "vegetation",
        Litter => "litter",
        Graffiti => "graffiti",
        Traffic => "traffic",
        Drugs => "drugs",
        Disturbance => "disturbance",
        Other => "other",
    }
);

code_enum!(
    /// The resident's age band, if they choose to say.
    AgeBand {
        Under16 => "under_16",
        From16To24 => "16_24",
        From25To44 => "25_44",
        From45To64 => "45_64",
        From65 => "65_plus",
    }
);

code_enum!(
    /// The resident's gender, if they choose to say.
    Gender {
        Woman => "woman",
        Man => "man",
        Other => "other",
    }
);

code_enum!(
    /// Where an input is in moderation. Only `Published` is shown to the public in full;
    /// of a `Withdrawn` input (published, then taken back) only the reason is shown.
    InputStatus {
        Pending => "pending",
        Published => "published",
        Hidden => "hidden",
        Withdrawn => "withdrawn",
    }
);

code_enum!(
    /// A resident's answer to "Blev det gjort?" about their own input.
    ResidentAnswer {
        Yes => "yes",
        Partly => "partly",
        No => "no",
    }
);

code_enum!(
    /// How a citizen dialogue (medborgardialog) was held.
    DialogueFormat {
        Meeting => "meeting",
        StreetSurvey => "street_survey",
        WebSurvey => "web_survey",
        Other => "other",
    }
);

/// A citizen dialogue as staff register it: who took part is counted by gender and by
/// age band (each optional, since a street survey may not ask), never named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDialogue {
    pub date: chrono::NaiveDate,
    pub place: PlaceSlug,
    pub format: DialogueFormat,
    pub by_gender: Vec<(Gender, u32)>,
    pub by_age: Vec<(AgeBand, u32)>,
}

impl NewDialogue {
    pub const MAX_COUNT: u32 = 100_000;

    /// Everyone who took part: the larger of the two tallies, since either may be partial.
    pub fn participants(&self) -> u32 {
        let gender: u32 = self.by_gender.iter().map(|(_, n)| n).sum();
        let age: u32 = self.by_age.iter().map(|(_, n)| n).sum();
        gender.max(age)
    }
}

/// A resident's input as sent, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct NewInput {
    pub locality: PlaceSlug,
    pub place: Option<PlaceSlug>,
    pub address: Option<Text>,
    pub category: InputCategory,
    pub text: Text,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    /// The point marked on the map, when the resident used it (the form works without).
    pub point: Option<crate::place::Coordinates>,
}

impl NewInput {
    /// The longest text a resident may write.
    pub const MAX_TEXT: usize = 2000;
    /// The longest typed address.
    pub const MAX_ADDRESS: usize = 200;
}

/// The raw fields of the public form, every one a string as a browser sends it.
#[derive(Debug, Clone, Default)]
pub struct InputFields<'a> {
    pub locality: &'a str,
    pub place: &'a str,
    pub address: &'a str,
    pub category: &'a str,
    pub text: &'a str,
    pub age_band: &'a str,
    pub gender: &'a str,
    /// Latitude and longitude of the point marked on the map; both blank without a map.
    pub lat: &'a str,
    pub lon: &'a str,
}

/// A trimmed field, or `None` when it is blank.
fn optional(raw: &str) -> Option<&str> {
    Some(raw.trim()).filter(|r| !r.is_empty())
}

impl InputFields<'_> {
    /// Parses the form, every problem on its field. Which places exist is the caller's
    /// check (it knows the municipality).
    pub fn parse(&self) -> Result<NewInput, Vec<FieldError>> {
        let mut e = Errors::default();
        let required = |e: &mut Errors, field: &str, raw: &str| -> Option<String> {
            let raw = raw.trim();
            if raw.is_empty() {
                e.push(field, Problem::Required);
                None
            } else {
                Some(raw.to_owned())
            }
        };
        let locality = required(&mut e, "locality", self.locality)
            .and_then(|raw| e.take("locality", PlaceSlug::parse(&raw)));
        let place = optional(self.place).and_then(|raw| e.take("place", PlaceSlug::parse(raw)));
        let address = optional(self.address)
            .and_then(|raw| e.take("address", Text::parse(raw, NewInput::MAX_ADDRESS)));
        let category = required(&mut e, "category", self.category)
            .and_then(|raw| e.take("category", InputCategory::parse(&raw)));
        let text = required(&mut e, "text", self.text)
            .and_then(|raw| e.take("text", Text::parse(&raw, NewInput::MAX_TEXT)));
        let age_band =
            optional(self.age_band).and_then(|raw| e.take("age_band", AgeBand::parse(raw)));
        let gender = optional(self.gender).and_then(|raw| e.take("gender", Gender::parse(raw)));
        // Whether the point lies in the municipality is the caller's check.
        let point = match (optional(self.lat), optional(self.lon)) {
            (None, None) => None,
            (lat, lon) => {
                let number = |raw: Option<&str>| raw.and_then(|r| r.parse::<f64>().ok());
                let point = match (number(lat), number(lon)) {
                    (Some(lat), Some(lon)) => crate::place::Coordinates::new(lat, lon),
                    _ => Err(Problem::Coordinates),
                };
                e.take("position", point)
            }
        };
        match (e.is_empty(), locality, category, text) {
            (true, Some(locality), Some(category), Some(text)) => Ok(NewInput {
                locality,
                place,
                address,
                category,
                text,
                age_band,
                gender,
                point,
            }),
            _ => Err(e.into_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_parses_with_every_problem_on_its_field() {
        let ok = InputFields {
            locality: "malmkoping",
            place: "",
            address: " Storgatan 3 ",
            category: "lighting",
            text: "Mörkt vid busshållplatsen.",
            age_band: "25_44",
            gender: "",
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(ok.address.unwrap().as_str(), "Storgatan 3");
        let marked = InputFields {
            locality: "flen",
            category: "lighting",
            text: "Mörkt.",
            lat: "59.0575",
            lon: " 16.5871",
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(
            marked.point.map(|p| (p.lat(), p.lon())),
            Some((59.0575, 16.5871))
        );
        assert_eq!(ok.age_band, Some(AgeBand::From25To44));
        assert_eq!(ok.gender, None);
        assert_eq!(ok.point, None, "no map used");

        let errors = InputFields {
            locality: "",
            category: "aliens",
            text: "  ",
            gender: "robot",
            lat: "59.1",
            lon: "east",
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        let paths: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.path.as_str(), e.problem.code()))
            .collect();
        assert_eq!(
            paths,
            [
                ("locality", "required"),
                ("category", "choice"),
                ("text", "required"),
                ("gender", "choice"),
                ("position", "coordinates"),
            ]
        );
    }
}

/// What staff did with a published input, all of it public (`lofte_db::input_cases`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InputCase {
    pub reply: Option<String>,
    pub replied_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The unit responsible for it.
    pub routed_to: Option<String>,
    pub action: Option<TrackedAction>,
    /// Why it was withdrawn (status `Withdrawn`).
    pub withdrawn_reason: Option<String>,
    /// The resident's answer to "Blev det gjort?".
    pub answer: Option<ResidentAnswer>,
}

/// An input turned into something someone will do, as safety-walk findings are.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedAction {
    pub owner: String,
    pub due: Option<chrono::NaiveDate>,
    pub status: crate::walk::FindingStatus,
}

/// The address a resident leaves with an input to be asked "Blev det gjort?", and the
/// language to ask in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputContact {
    pub email: crate::Email,
    /// `sv` or `en`.
    pub lang: String,
}
