//! A published report's figures in a stored format of their own
//! ([`lofte_domain::followup::FrozenFigures`], format 1), not the web API's JSON: until now
//! `follow_up_entry.figures` held the API's `CommitmentProgress` as it was serialised on
//! the day of publishing, so renaming an API field would have changed what old reports
//! say, and fields added later were filled in by defaults on every read.
//!
//! Every stored row is rewritten here, the old defaults made explicit (a report from
//! before several types counted names its one type; one from before measures counts
//! activities; one from before places were counted has none). The conversion works on
//! JSON values, not on today's types, so that it stays what it was when the types move
//! on. A row that is not the old shape stops the migration and changes nothing: it is
//! the record of a published report and must not be dropped.

use sea_orm::{ConnectionTrait, FromQueryResult, TransactionTrait};
use sea_orm_migration::prelude::*;
use serde_json::{Map, Value, json};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        let backend = conn.get_database_backend();
        let select = Query::select()
            .columns([FollowUpEntry::Id, FollowUpEntry::Figures])
            .from(FollowUpEntry::Table)
            .and_where(Expr::col(FollowUpEntry::Figures).is_not_null())
            .to_owned();
        let rows = EntryRow::find_by_statement(backend.build(&select))
            .all(conn)
            .await?;
        let mut rewritten = Vec::with_capacity(rows.len());
        for row in rows {
            let figures = row.figures.unwrap_or_default();
            let new = to_format_1(&figures).ok_or_else(|| {
                DbErr::Migration(format!(
                    "follow_up_entry {} has figures that are not a published report's: {figures}",
                    row.id
                ))
            })?;
            rewritten.push((row.id, new));
        }
        let txn = conn.begin().await?;
        for (id, figures) in rewritten {
            let update = Query::update()
                .table(FollowUpEntry::Table)
                .value(FollowUpEntry::Figures, figures)
                .and_where(Expr::col(FollowUpEntry::Id).eq(id))
                .to_owned();
            txn.execute(&update).await?;
        }
        txn.commit().await
    }
}

#[derive(FromQueryResult)]
struct EntryRow {
    id: i32,
    figures: Option<String>,
}

/// The API's `CommitmentProgress` JSON as it was stored, in format 1; `None` if it is
/// not that.
fn to_format_1(stored: &str) -> Option<String> {
    let Value::Object(old) = serde_json::from_str::<Value>(stored).ok()? else {
        return None;
    };
    let get = |name: &str| old.get(name).cloned().unwrap_or(Value::Null);
    let list = |name: &str| match old.get(name) {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(items)) => Some(items.clone()),
        Some(_) => None,
    };
    // `[{"month": m, "count": n}]` to `[{"key": m, "count": n}]`.
    let counts = |name: &str, key: &str| -> Option<Value> {
        list(name)?
            .into_iter()
            .map(|item| {
                let item = item.as_object()?;
                Some(
                    json!({ "key": item.get(key)?.clone(), "count": item.get("count")?.as_u64()? }),
                )
            })
            .collect::<Option<Vec<_>>>()
            .map(Value::Array)
    };
    let mut activities = list("activities")?;
    if activities.is_empty() {
        activities.push(Value::String(old.get("activity")?.as_str()?.to_owned()));
    }
    let text_or = |name: &str, default: &str| match old.get(name) {
        None | Some(Value::Null) => Some(Value::String(default.to_owned())),
        Some(Value::String(s)) => Some(Value::String(s.clone())),
        Some(_) => None,
    };
    let mut new = Map::new();
    new.insert("format".into(), json!(1));
    new.insert("commitment".into(), json!(old.get("commitment")?.as_u64()?));
    new.insert("activities".into(), Value::Array(activities));
    new.insert("measure".into(), text_or("measure", "count")?);
    new.insert("per".into(), text_or("per", "span")?);
    new.insert("actual".into(), json!(old.get("actual")?.as_u64()?));
    new.insert("target".into(), get("target"));
    new.insert("year".into(), get("year"));
    new.insert("years".into(), Value::Array(list("years")?));
    new.insert("expected".into(), get("expected"));
    new.insert("forecast".into(), get("forecast"));
    new.insert(
        "status".into(),
        Value::String(old.get("status")?.as_str()?.to_owned()),
    );
    new.insert("in_emphasis".into(), get("in_emphasis"));
    new.insert("by_year".into(), counts("by_year", "year")?);
    new.insert("by_month".into(), counts("by_month", "month")?);
    new.insert("by_place".into(), counts("by_place", "place")?);
    new.insert("excluded".into(), counts("excluded", "reason")?);
    new.insert("revised".into(), get("revised"));
    Some(Value::Object(new).to_string())
}

#[derive(DeriveIden)]
enum FollowUpEntry {
    Table,
    Id,
    Figures,
}

#[cfg(test)]
mod tests {
    use super::to_format_1;
    use lofte_domain::followup::FrozenFigures;

    // Each shape the API's JSON had on a publishing day becomes format 1 whole, and reads
    // back as the figures it said.
    #[test]
    fn every_stored_shape_becomes_format_1() {
        // The first shape: one type, no measure, no years, no places.
        let oldest = r#"{"commitment":0,"activity":"traffic_control","actual":19,"target":20,
            "expected":13.3,"forecast":28.5,"status":"on-track","in_emphasis":7,
            "by_month":[{"month":"2020-03","count":12},{"month":"2020-04","count":7}],
            "excluded":[{"reason":"outside-method-window","count":2}]}"#;
        let f = FrozenFigures::from_stored(&to_format_1(oldest).unwrap()).unwrap();
        assert_eq!(f.activities, ["traffic_control"]);
        assert_eq!((f.measure.as_str(), f.per.as_str()), ("count", "span"));
        assert_eq!((f.actual, f.target, f.in_emphasis), (19, Some(20), Some(7)));
        assert_eq!(f.by_month[1].key, "2020-04");
        assert_eq!(f.excluded[0].key, "outside-method-window");
        assert!(f.by_place.is_empty() && f.years.is_empty() && f.revised.is_none());

        // The last shape: several types, minutes per year, places, a revision.
        let newest = r#"{"commitment":3,"activity":"foot_patrol",
            "activities":["foot_patrol","bicycle_patrol"],"measure":"minutes","per":"year",
            "actual":610,"target":1200,"year":2024,
            "years":[{"year":2024,"actual":610,"target":1200,"status":"at-risk"}],
            "expected":700.5,"forecast":1010.0,"status":"at-risk","in_emphasis":null,
            "by_year":[{"year":2024,"count":610}],"by_month":[{"month":"2024-03","count":610}],
            "by_place":[{"place":"stationsomradet","count":400},{"place":null,"count":210}],
            "excluded":[],"revised":{"year":2024,"period":"t1","was":400,"now":430}}"#;
        let f = FrozenFigures::from_stored(&to_format_1(newest).unwrap()).unwrap();
        assert_eq!(f.activities, ["foot_patrol", "bicycle_patrol"]);
        assert_eq!(
            (f.measure.as_str(), f.per.as_str(), f.year),
            ("minutes", "year", Some(2024))
        );
        assert_eq!(f.years[0].status, "at-risk");
        assert_eq!(f.by_place[0].key.as_deref(), Some("stationsomradet"));
        assert_eq!(f.by_place[1].key, None);
        assert_eq!(f.revised.unwrap().now, 430);

        for not_figures in [
            "",
            "[]",
            r#"{"commitment":0}"#,
            r#"{"commitment":0,"activity":"x","actual":"many","status":"on-track"}"#,
        ] {
            assert_eq!(to_format_1(not_figures), None, "{not_figures}");
        }
    }
}
