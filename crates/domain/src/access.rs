//! Who may do what where: staff roles, their permissions, and the reach of a membership.
//!
//! The decision is a pure function of a [`Principal`] (a signed-in person or an API
//! token) and a municipality, so it is tested here exhaustively and the web tier only has
//! to ask.

use std::fmt;

use crate::municipality::MunicipalityCode;
use crate::problem::Problem;

/// A staff role within an organisation. Ordered from least to most powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A reporting partner (a housing company, a security firm): reports incidents, reads
    /// its own organisation's reports and the aggregated situation picture, nothing else.
    /// The only role a partner organisation's members and tokens can have.
    Partner,
    /// Reads the staff area.
    Viewer,
    /// Works with survey data.
    Analyst,
    /// Logs activities.
    Reporter,
    /// Writes and publishes promises and follow-ups for the organisation's municipalities.
    Coordinator,
    /// Runs the whole installation.
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Partner,
        Role::Viewer,
        Role::Analyst,
        Role::Reporter,
        Role::Coordinator,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Partner => "partner",
            Role::Viewer => "viewer",
            Role::Analyst => "analyst",
            Role::Reporter => "reporter",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Result<Role, Problem> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| Problem::Slug {
                value: raw.to_owned(),
            })
    }

    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Coordinator => matches!(
                permission,
                ViewStaffArea
                    | ViewSituation
                    | EditPromise
                    | PublishPromise
                    | LogActivity
                    | ReportIncident
            ),
            Role::Reporter => matches!(
                permission,
                ViewStaffArea | ViewSituation | LogActivity | ReportIncident
            ),
            Role::Analyst => matches!(permission, ViewStaffArea | ViewSituation | ManageSurveys),
            Role::Viewer => matches!(permission, ViewStaffArea | ViewSituation),
            Role::Partner => matches!(permission, ViewSituation | ReportIncident),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Things a route may require, always within one municipality (or the installation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// The staff area: promises, follow-ups, activities, walks, dialogues, surveys.
    ViewStaffArea,
    /// The staff situation picture: counts only, never a report's text or point, since
    /// reporting partners read it too.
    ViewSituation,
    EditPromise,
    PublishPromise,
    LogActivity,
    /// Report incidents for the situation picture, and read one's own organisation's.
    ReportIncident,
    ManageSurveys,
    /// Accounts, organisations and API tokens of the whole installation.
    ManageInstallation,
}

/// Where a grant applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Everywhere,
    /// The municipalities an organisation covers: its own, or all of a local police area's.
    Municipalities(Vec<MunicipalityCode>),
}

/// A role that applies somewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub reach: Reach,
}

/// The kind of an organisation, which bounds the roles its members can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganisationKind {
    Municipality,
    LocalPoliceArea,
    /// A housing company, a security firm, a municipal company: reports incidents.
    Partner,
    /// The installation itself, for admins.
    Installation,
}

impl OrganisationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Municipality => "municipality",
            OrganisationKind::LocalPoliceArea => "local_police_area",
            OrganisationKind::Partner => "partner",
            OrganisationKind::Installation => "installation",
        }
    }

    pub fn parse(raw: &str) -> Option<OrganisationKind> {
        [
            OrganisationKind::Municipality,
            OrganisationKind::LocalPoliceArea,
            OrganisationKind::Partner,
            OrganisationKind::Installation,
        ]
        .into_iter()
        .find(|k| k.as_str() == raw)
    }

    /// Whether a member (or a token) of such an organisation may have `role`: a partner's
    /// only the partner role, whatever else it is given.
    pub fn check_role(self, role: Role) -> Result<(), Problem> {
        if self == OrganisationKind::Partner && role != Role::Partner {
            return Err(Problem::NotOneOf {
                value: role.as_str().to_owned(),
                allowed: Role::Partner.as_str().to_owned(),
            });
        }
        Ok(())
    }

    /// The role a stored membership gives: a partner organisation's is capped at
    /// [`Role::Partner`], so a membership stored before that rule grants no more.
    pub fn effective_role(self, role: Role) -> Role {
        match self {
            OrganisationKind::Partner => Role::Partner,
            _ => role,
        }
    }
}

/// Whoever is acting: a person's memberships, or an API token's single grant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Principal {
    pub grants: Vec<Grant>,
}

impl Principal {
    /// The strongest role that applies in `municipality`. An admin is admin everywhere,
    /// whichever organisation made them one.
    pub fn role_in(&self, municipality: &MunicipalityCode) -> Option<Role> {
        self.grants
            .iter()
            .filter(|g| {
                g.role == Role::Admin
                    || match &g.reach {
                        Reach::Everywhere => true,
                        Reach::Municipalities(codes) => codes.contains(municipality),
                    }
            })
            .map(|g| g.role)
            .max()
    }

    pub fn may(&self, permission: Permission, municipality: &MunicipalityCode) -> bool {
        if permission == Permission::ManageInstallation {
            return self.is_admin();
        }
        self.role_in(municipality)
            .is_some_and(|role| role.allows(permission))
    }

    pub fn is_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::Admin)
    }

    /// The municipalities this principal acts in (`None` means all of them).
    pub fn municipalities(&self) -> Option<Vec<MunicipalityCode>> {
        if self.is_admin() || self.grants.iter().any(|g| g.reach == Reach::Everywhere) {
            return None;
        }
        let mut codes: Vec<MunicipalityCode> = self
            .grants
            .iter()
            .flat_map(|g| match &g.reach {
                Reach::Municipalities(codes) => codes.clone(),
                Reach::Everywhere => Vec::new(),
            })
            .collect();
        codes.sort();
        codes.dedup();
        Some(codes)
    }
}

/// An e-mail address, trimmed and lowercased, so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(raw: &str) -> Result<Email, Problem> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(Problem::Empty);
        }
        if email.chars().count() > Self::MAX {
            return Err(Problem::TooLong { max: Self::MAX });
        }
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if valid {
            Ok(Email(email))
        } else {
            Err(Problem::Email)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password a person chose: long enough to resist guessing, short enough to hash.
pub fn check_new_password(password: &str) -> Result<(), Problem> {
    let length = password.chars().count();
    if length < 12 {
        return Err(Problem::PasswordTooShort { min: 12 });
    }
    if length > 128 {
        return Err(Problem::TooLong { max: 128 });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> MunicipalityCode {
        MunicipalityCode::parse(c).unwrap()
    }

    fn in_flen(role: Role) -> Principal {
        Principal {
            grants: vec![Grant {
                role,
                reach: Reach::Municipalities(vec![code("0482")]),
            }],
        }
    }

    #[test]
    fn roles_act_only_where_their_organisation_reaches() {
        let coordinator = in_flen(Role::Coordinator);
        assert!(coordinator.may(Permission::EditPromise, &code("0482")));
        assert!(!coordinator.may(Permission::EditPromise, &code("0483")));
        assert!(!coordinator.may(Permission::ManageInstallation, &code("0482")));
        assert_eq!(coordinator.municipalities(), Some(vec![code("0482")]));
    }

    #[test]
    fn the_permission_table() {
        use Permission::*;
        let table = [
            (
                Role::Partner,
                [false, true, false, false, false, true, false],
            ),
            (
                Role::Viewer,
                [true, true, false, false, false, false, false],
            ),
            (
                Role::Analyst,
                [true, true, false, false, false, false, true],
            ),
            (
                Role::Reporter,
                [true, true, false, false, true, true, false],
            ),
            (
                Role::Coordinator,
                [true, true, true, true, true, true, false],
            ),
            (Role::Admin, [true, true, true, true, true, true, true]),
        ];
        for (role, expected) in table {
            let got = [
                ViewStaffArea,
                ViewSituation,
                EditPromise,
                PublishPromise,
                LogActivity,
                ReportIncident,
                ManageSurveys,
            ]
            .map(|p| role.allows(p));
            assert_eq!(got, expected, "{role}");
        }
    }

    #[test]
    fn a_local_police_area_reaches_all_its_municipalities_and_the_strongest_role_wins() {
        let officer = Principal {
            grants: vec![
                Grant {
                    role: Role::Reporter,
                    reach: Reach::Municipalities(vec![code("0482"), code("0483"), code("0428")]),
                },
                Grant {
                    role: Role::Coordinator,
                    reach: Reach::Municipalities(vec![code("0482")]),
                },
            ],
        };
        assert_eq!(officer.role_in(&code("0483")), Some(Role::Reporter));
        assert_eq!(officer.role_in(&code("0482")), Some(Role::Coordinator));
        assert_eq!(officer.role_in(&code("0180")), None);
    }

    #[test]
    fn a_partner_organisation_has_only_the_partner_role() {
        let partner = OrganisationKind::Partner;
        assert_eq!(partner.check_role(Role::Partner), Ok(()));
        assert_eq!(
            partner.check_role(Role::Reporter),
            Err(Problem::NotOneOf {
                value: "reporter".into(),
                allowed: "partner".into()
            })
        );
        assert_eq!(partner.effective_role(Role::Coordinator), Role::Partner);
        assert_eq!(
            OrganisationKind::Municipality.effective_role(Role::Coordinator),
            Role::Coordinator
        );
        assert!(
            OrganisationKind::Municipality
                .check_role(Role::Partner)
                .is_ok()
        );
        for kind in [
            "municipality",
            "local_police_area",
            "partner",
            "installation",
        ] {
            assert_eq!(OrganisationKind::parse(kind).unwrap().as_str(), kind);
        }
        // A partner reports and reads the picture, but sees no promise, activity or survey.
        let housing = Principal {
            grants: vec![Grant {
                role: Role::Partner,
                reach: Reach::Municipalities(vec![code("0461")]),
            }],
        };
        assert!(housing.may(Permission::ReportIncident, &code("0461")));
        assert!(housing.may(Permission::ViewSituation, &code("0461")));
        assert!(!housing.may(Permission::ViewStaffArea, &code("0461")));
        assert!(!housing.may(Permission::LogActivity, &code("0461")));
        assert!(!housing.may(Permission::ReportIncident, &code("0482")));
    }

    #[test]
    fn an_admin_is_admin_everywhere() {
        let admin = in_flen(Role::Admin);
        assert!(admin.may(Permission::PublishPromise, &code("2584")));
        assert!(admin.may(Permission::ManageInstallation, &code("2584")));
        assert_eq!(admin.municipalities(), None);
        assert!(!Principal::default().may(Permission::ViewStaffArea, &code("0482")));
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Anna.A@Flen.SE ").unwrap().as_str(),
            "anna.a@flen.se"
        );
        for bad in [
            "",
            "anna",
            "anna@",
            "@flen.se",
            "anna@flen",
            "an na@flen.se",
            "a@b@flen.se",
            "anna@.se",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Email::parse(&format!("{}@flen.se", "a".repeat(250))),
            Err(Problem::TooLong { max: 254 })
        );
    }

    #[test]
    fn passwords() {
        assert_eq!(
            check_new_password("kort"),
            Err(Problem::PasswordTooShort { min: 12 })
        );
        assert!(check_new_password("en lång lösenfras").is_ok());
    }
}
