//! Municipalities and the police organisation that serves them.

use std::fmt;
use std::str::FromStr;

use crate::problem::Problem;
use crate::text::Text;

/// A municipality's official four-digit code (kommunkod), e.g. `0482` for Flen. The first
/// two digits are the county (län).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MunicipalityCode(String);

/// The county codes in use since 1998 (Västra Götaland and Skåne merged older counties).
const COUNTY_CODES: [&str; 21] = [
    "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20",
    "21", "22", "23", "24", "25",
];

impl MunicipalityCode {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let code = raw.trim();
        let well_formed = code.len() == 4
            && code.bytes().all(|b| b.is_ascii_digit())
            && COUNTY_CODES.contains(&&code[..2])
            && &code[2..] != "00";
        if well_formed {
            Ok(Self(code.to_owned()))
        } else {
            Err(Problem::MunicipalityCode {
                value: raw.to_owned(),
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn county_code(&self) -> &str {
        &self.0[..2]
    }
}

impl FromStr for MunicipalityCode {
    type Err = Problem;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The police organisation a municipality belongs to: region → police area → local
/// police area (lokalpolisområde, LPO). Known for the municipalities that have entered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoliceOrganisation {
    pub region: Text,
    pub police_area: Text,
    pub local_police_area: Text,
}

/// Who answers for the personal data a municipality's residents send through Löfte, as
/// its privacy notice names them (*personuppgiftsansvarig*, a contact, and the data
/// protection officer, *dataskyddsombud*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyContacts {
    /// The controller, e.g. "Kommunstyrelsen i Flens kommun".
    pub controller: Text,
    /// Where to ask about or object to what is stored: an e-mail address, a phone number
    /// or an address.
    pub contact: Text,
    pub data_protection_officer: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    pub code: MunicipalityCode,
    /// Short name, e.g. "Flen".
    pub name: Text,
    /// The name the municipality uses of itself, e.g. "Flens kommun", "Malmö stad",
    /// "Region Gotland"; it heads the municipality's commitments ("Flens kommun lovar").
    pub official_name: Text,
    pub county: Text,
    pub police: Option<PoliceOrganisation>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_codes_parse() {
        for code in ["0482", "0180", "1480", "2584", "0114"] {
            assert_eq!(MunicipalityCode::parse(code).unwrap().as_str(), code);
        }
        assert_eq!(
            MunicipalityCode::parse(" 0482 ").unwrap().county_code(),
            "04"
        );
    }

    #[test]
    fn malformed_codes_are_refused() {
        for code in ["482", "04820", "04a2", "0200", "1100", "0400", "", "٠٤٨٢"] {
            assert_eq!(
                MunicipalityCode::parse(code),
                Err(Problem::MunicipalityCode {
                    value: code.to_owned()
                }),
                "{code:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn parse_accepts_exactly_four_digit_codes_of_a_county(s in "\\PC{0,6}") {
            let parsed = MunicipalityCode::parse(&s);
            if let Ok(code) = &parsed {
                prop_assert_eq!(code.as_str().len(), 4);
                prop_assert!(COUNTY_CODES.contains(&code.county_code()));
                prop_assert_eq!(MunicipalityCode::parse(code.as_str()), parsed.clone());
            }
        }
    }
}
