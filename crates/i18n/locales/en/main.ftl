## Site chrome

site-name = Löfte
site-tagline = Citizen promises from the Police and the municipalities
skip-to-content = Skip to content
nav-home = Home
nav-main = Main menu
nav-breadcrumbs = You are here
lang-switch-label = Language
footer-about = Löfte shows the citizen promises (medborgarlöften) that the Police and the municipalities make to residents, and how they are followed up.
footer-open-data = Open data (API)

## Start page

home-title = Citizen promises
home-intro = Every year the Police and the municipality promise residents to work for safety and crime prevention. Here you can read the promises and see how they are followed up.
home-list-heading = Municipalities with citizen promises
home-empty = No citizen promises have been published yet.
home-years = Promises: { $years }

## Municipality and promise pages

municipality-title = { $name } – citizen promises
municipality-no-promise = { $name } has not published a citizen promise yet.
municipality-police = Local police area { $area }, { $region }
promise-years-nav = Citizen promises by year
promise-parties = { $municipality } and the Police
promise-aim-heading = Overall aim
promise-focus-heading = Focus areas
promise-outcome-heading = Outcome goal
promise-outcome-measured = Measured in { $year }.
promise-follow-up-heading = Follow-up
promise-continues = Continues the citizen promise of { $year }.
promise-signed = Signed on { $date } by
promise-status-closed = Closed: the year is over and the final report is done.
promise-content-language = The text of the promise is in Swedish.
party-together = Together
party-police = The Police promise
party-municipality = { $municipality } promises
party-partner = { $partner } promises
local-plan = Under: { $plan }
not-measurable = No measurable target
follow-up-tertial =
    The promise will be followed up internally per tertial by the municipality and the Police during { $year }, with an official final report in the { $quarter ->
        [1] first
        [2] second
        [3] third
       *[4] fourth
    } quarter of { $report_year }.
follow-up-yearly =
    The promise will be followed up internally once a year by the municipality and the Police during { $year }, with an official final report in the { $quarter ->
        [1] first
        [2] second
        [3] third
       *[4] fourth
    } quarter of { $report_year }.

## Targets

target-at-least = Target: at least { $activity }
target-tracked = Followed up through: { $activity }
target-method = by { $method } ({ $min }–{ $max } minutes)
target-scope-outlying = in the outlying villages (kransorter)
target-scope-places = in { $places }
target-emphasis-outlying = with more presence in the outlying villages (kransorter)
target-emphasis-places = with more presence in { $places }
method-twenty_minute = the 20-minute method
method-fifteen_minute = the 15-minute method
activity-traffic_control = { $count ->
    [one] { $count } traffic control
   *[other] { $count } traffic controls
}
activity-traffic_control-name = traffic controls
activity-foot_patrol = { $count ->
    [one] { $count } foot patrol
   *[other] { $count } foot patrols
}
activity-foot_patrol-name = foot patrols
activity-bicycle_patrol = { $count ->
    [one] { $count } bicycle patrol
   *[other] { $count } bicycle patrols
}
activity-bicycle_patrol-name = bicycle patrols
activity-safety_walk = { $count ->
    [one] { $count } safety walk (trygghetsvandring)
   *[other] { $count } safety walks (trygghetsvandringar)
}
activity-safety_walk-name = safety walks (trygghetsvandringar)
activity-trygg_vuxen = { $count ->
    [one] { $count } Trygg vuxen activity
   *[other] { $count } Trygg vuxen activities
}
activity-trygg_vuxen-name = Trygg vuxen activities
activity-parenting_support = { $count ->
    [one] { $count } parenting-support meeting
   *[other] { $count } parenting-support meetings
}
activity-parenting_support-name = parenting-support meetings
activity-andt_activity = { $count ->
    [one] { $count } ANDT activity
   *[other] { $count } ANDT activities
}
activity-andt_activity-name = ANDT activities
activity-licensing_inspection = { $count ->
    [one] { $count } inspection of alcohol or tobacco sales
   *[other] { $count } inspections of alcohol and tobacco sales
}
activity-licensing_inspection-name = inspections of alcohol and tobacco sales
activity-concern_visit = { $count ->
    [one] { $count } visit to a family of a young person at risk (orosbesök)
   *[other] { $count } visits to families of young people at risk (orosbesök)
}
activity-concern_visit-name = visits to families of young people at risk (orosbesök)
activity-citizen_dialogue = { $count ->
    [one] { $count } citizen dialogue
   *[other] { $count } citizen dialogues
}
activity-citizen_dialogue-name = citizen dialogues
activity-other = { $count ->
    [one] { $count } other activity
   *[other] { $count } other activities
}
activity-other-name = other activities

## Errors shown as pages

error-not-found-title = Page not found
error-not-found-body = There is no page at this address. Check the address or go to the home page.
error-unknown-municipality = There is no municipality with the code { $code }.
error-no-promise-year = { $municipality } has no published citizen promise for { $year }.
error-internal-title = Something went wrong
error-internal-body = An error occurred on our side. Please try again in a moment.
error-back-home = To the home page

## API errors

api-not-found = Not found.
api-internal = Internal error. Please try again in a moment.

## Problems with input (field errors)

problem-malformed = Malformed input: { $detail }
problem-required = Required.
problem-empty = Must not be empty.
problem-too-long = Must be at most { $max } characters.
problem-too-many = At most { $max } may be given.
problem-out-of-range = Must be between { $min } and { $max }.
problem-municipality-code = “{ $value }” is not a municipality code. A municipality code has four digits, for example 0482 for Flen.
problem-unknown-municipality = There is no municipality with the code { $code }.
problem-year-span-backwards = The last year ({ $last }) comes before the first year ({ $first }).
problem-year-span-too-long = A citizen promise may run for at most { $max } years.
problem-measured-before-start = The outcome cannot be measured before the promise's first year ({ $first }).
problem-final-report-too-early = The final report must come after the promise's last year ({ $last }).
problem-continues-not-earlier = A promise can only continue a promise from before { $first }.
problem-slug = “{ $value }” is not allowed here. Use lowercase letters a–z, digits and hyphens.
problem-unknown-activity-type = There is no activity type “{ $value }”.
problem-unknown-place = The place “{ $value }” does not exist in the municipality.
problem-method-window = The method's time window { $min }–{ $max } minutes does not add up: at least 1 minute, and the start before the end.
problem-coordinates = The coordinates are not in Sweden. Give latitude and longitude in WGS 84.
problem-no-commitments = A citizen promise needs at least one commitment.
problem-promise-exists = Municipality { $municipality } already has a citizen promise for { $year }. The existing promise has not been changed.

problem-email = Enter a valid e-mail address, for example name@municipality.se.
problem-password-too-short = The password must have at least { $min } characters. A phrase of several words is easy to remember.
problem-email-taken = There is already an account with that e-mail address.
problem-wrong-password = The password is not correct.

## Command line

cli-listening = Löfte is listening on { $url }
cli-demo-loaded = Demo data for Flen: { $added } citizen promises loaded, { $present } were already there.
cli-migrated = The database is up to date.
cli-imported = Citizen promise { $year } for { $municipality } has been imported.
cli-profile-imported = Municipality profile for { $municipality } has been imported ({ $places } places).
cli-invalid-file = { $file } has errors; nothing has been saved:
cli-not-found = There is no citizen promise for municipality { $municipality } in { $year }.
cli-copied = Draft citizen promise { $year } for { $municipality } created as a copy of { $from }.
