//! Schema migrations, written with sea-query's builders so that the same code runs on
//! SQLite and PostgreSQL. Never edit a migration that has shipped; add a new one.

use sea_orm_migration::prelude::*;

mod m0001_promises;
mod m0002_accounts;
mod m0003_activities;
mod m0004_follow_ups;
mod m0005_account_events;
mod m0006_activity_types;
mod m0007_follow_up_learned;
mod m0008_surveys;
mod m0009_citizen_inputs;
mod m0010_safety_walks;
mod m0011_commitment_links;
mod m0012_dialogues;
mod m0013_maps_and_photos;
mod m0014_focus_links;
mod m0015_activity_keys;
mod m0016_sign_in_and_privacy;
mod m0017_privacy_contacts;
mod m0018_account_identities;
mod m0019_place_shapes;
mod m0020_follow_up_corrections;
mod m0021_english_texts;
mod m0022_frozen_figures;
mod m0023_incidents;
mod m0024_incident_organisation;
mod m0025_police_events;
mod m0026_crime_and_population;
mod m0027_commitment_indicator;
mod m0028_frozen_indicator;
mod m0029_situation_analysis;
mod m0030_picture_index;
mod m0031_mail;
mod m0032_input_cases;
mod m0033_publication_notices;
mod m0034_publication_commitments;
mod m0035_units;
mod m0036_weekly_reminder;
mod m0037_outbox_address;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_promises::Migration),
            Box::new(m0002_accounts::Migration),
            Box::new(m0003_activities::Migration),
            Box::new(m0004_follow_ups::Migration),
            Box::new(m0005_account_events::Migration),
            Box::new(m0006_activity_types::Migration),
            Box::new(m0007_follow_up_learned::Migration),
            Box::new(m0008_surveys::Migration),
            Box::new(m0009_citizen_inputs::Migration),
            Box::new(m0010_safety_walks::Migration),
            Box::new(m0011_commitment_links::Migration),
            Box::new(m0012_dialogues::Migration),
            Box::new(m0013_maps_and_photos::Migration),
            Box::new(m0014_focus_links::Migration),
            Box::new(m0015_activity_keys::Migration),
            Box::new(m0016_sign_in_and_privacy::Migration),
            Box::new(m0017_privacy_contacts::Migration),
            Box::new(m0018_account_identities::Migration),
            Box::new(m0019_place_shapes::Migration),
            Box::new(m0020_follow_up_corrections::Migration),
            Box::new(m0021_english_texts::Migration),
            Box::new(m0022_frozen_figures::Migration),
            Box::new(m0023_incidents::Migration),
            Box::new(m0024_incident_organisation::Migration),
            Box::new(m0025_police_events::Migration),
            Box::new(m0026_crime_and_population::Migration),
            Box::new(m0027_commitment_indicator::Migration),
            Box::new(m0028_frozen_indicator::Migration),
            Box::new(m0029_situation_analysis::Migration),
            Box::new(m0030_picture_index::Migration),
            Box::new(m0031_mail::Migration),
            Box::new(m0032_input_cases::Migration),
            Box::new(m0033_publication_notices::Migration),
            Box::new(m0034_publication_commitments::Migration),
            Box::new(m0035_units::Migration),
            Box::new(m0036_weekly_reminder::Migration),
            Box::new(m0037_outbox_address::Migration),
        ]
    }
}
