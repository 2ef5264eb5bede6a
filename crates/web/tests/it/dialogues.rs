//! Citizen dialogues: registered with participants by gender and age, counted as an
//! activity, and the inputs raised there shown at once on the public list.

use lofte_domain::Role;
use scraper::Html;

use crate::helpers::{account, flen, post_form, sign_in};
use crate::helpers::{spawn_app, texts};

const DIALOGUES: &str = "/personal/kommun/0482/dialoger";

#[tokio::test]
async fn a_dialogue_is_counted_and_what_came_up_is_shown_at_once() {
    let app = spawn_app().await;
    let (email, password) =
        account(&app, "samordnare@flen.example", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();

    let refused = post_form(
        &app.address,
        &cookie,
        DIALOGUES,
        &[
            ("dialogue_date", "2021-03-04"),
            ("dialogue_place", "malmkoping"),
            ("dialogue_format", "meeting"),
            ("gender_woman", "många"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(texts(&html, "#gender_woman-error"), ["Ange ett heltal."]);

    let created = post_form(
        &app.address,
        &cookie,
        DIALOGUES,
        &[
            ("dialogue_date", "2021-03-04"),
            ("dialogue_place", "malmkoping"),
            ("dialogue_format", "meeting"),
            ("gender_woman", "8"),
            ("gender_man", "5"),
            ("age_25_44", "6"),
            ("age_65_plus", "4"),
        ],
    )
    .await;
    assert_eq!(created.status(), 303);
    let page_path = created.headers()["location"].to_str().unwrap().to_owned();
    let page = app.page_as(&page_path, &cookie).await;
    assert_eq!(
        texts(&page, "h1 + p"),
        [
            "Malmköping, Möte. Deltagare per kön: Kvinna 8, Man 5. Per ålder: 25–44 år 6, 65 år eller äldre 4."
        ]
    );

    // Counted as a citizen dialogue with its 13 participants.
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let year = lofte_domain::YearSpan::single(lofte_domain::Year::new(2021).unwrap());
    let records = tenant.activity_records(year).await.unwrap();
    let counted: Vec<_> = records
        .iter()
        .filter(|a| a.activity_type.as_str() == "citizen_dialogue")
        .collect();
    assert_eq!(counted.len(), 1);
    assert_eq!(counted[0].participants, Some(13));

    let raised = post_form(
        &app.address,
        &cookie,
        &format!("{page_path}/synpunkt"),
        &[
            ("input_locality", "malmkoping"),
            ("input_category", "traffic"),
            ("input_text", "Bilar kör för fort förbi skolan."),
        ],
    )
    .await;
    assert_eq!(raised.status(), 303);
    let list = app.page("/kommun/0482/synpunkter").await;
    let items = texts(&list, ".input-item:not(.finding)");
    assert_eq!(
        items,
        [
            "Trafik · Malmköping · Från medborgardialog 2021-03-04 Bilar kör för fort förbi skolan. Synpunktens sida: 0482-1"
        ]
    );
}
