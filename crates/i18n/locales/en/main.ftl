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
promise-progress-heading = How it is going
promise-focus-heading = Focus areas
promise-outcome-heading = Outcome goal
promise-outcome-measured = Measured in { $year }.
promise-follow-up-heading = Follow-up
promise-continues = Continues the citizen promise of { $year }.
promise-continued-by = Continued in { $title }.
promise-signed = Signed on { $date } by
promise-status-closed = Closed: the year is over and the final report is done.
promise-content-language = The text of the promise is in Swedish.
promise-content-language-partly = Texts without an English version are shown in Swedish.
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
list-and = { $first } and { $last }
list-or = { $first } or { $last }
measure-activities = { $count ->
    [one] { $count } activity ({ $activity })
   *[other] { $count } activities ({ $activity })
}
measure-participants = { $count ->
    [one] { $count } participant in { $activity }
   *[other] { $count } participants in { $activity }
}
measure-minutes = { $count ->
    [one] { $count } minute of { $activity }
   *[other] { $count } minutes of { $activity }
}
measure-places = { $count ->
    [one] { $count } place with { $activity }
   *[other] { $count } different places with { $activity }
}
measure-noun-participants = participants
measure-noun-minutes = minutes
measure-noun-places = places
target-per-year = every year
target-months = in { $months }
target-weekdays = on { $weekdays }
target-hours = at { $from }–{ $to }
weekday-plural-mon = Mondays
weekday-plural-tue = Tuesdays
weekday-plural-wed = Wednesdays
weekday-plural-thu = Thursdays
weekday-plural-fri = Fridays
weekday-plural-sat = Saturdays
weekday-plural-sun = Sundays
progress-by-year = By year: { $years }
progress-year = { $year }: { $actual } of { $target } – { $status }
progress-this-year = in { $year }
progress-revised = { $report } showed { $was }; with what was logged, changed or deleted afterwards, the same period now counts { $now }. The published follow-up stays as it was.
progress-years-reached = { $reached } of { $years } years reached { $target }
exclusion-outside-months = they took place in months the target does not count
exclusion-outside-weekdays = they took place on weekdays the target does not count
exclusion-outside-hours = they took place at hours the target does not count
exclusion-no-participants = the number of participants is missing, and the target counts participants
exclusion-no-place = the place is missing, and the target counts places
exclusion-one-outside-months = it took place in a month the target does not count
exclusion-one-outside-weekdays = it took place on a weekday the target does not count
exclusion-one-outside-hours = it took place at an hour the target does not count
exclusion-one-no-participants = the number of participants is missing, and the target counts participants
exclusion-one-no-place = the place is missing, and the target counts places
method-twenty_minute = the 20-minute method
method-fifteen_minute = the 15-minute method
activity-own-count = { $count } { $name }
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

error-bad-request-title = The request could not be read
error-bad-request-body = The address or what was sent does not have the expected form, for example a number in the address that is not a number. Check the address, or go back and send the form again.
error-too-large-title = Too much at once
error-too-large-body = What was sent is larger than is accepted. Make the text or the file smaller and try again.
error-unsupported-media-type-title = Unknown format
error-unsupported-media-type-body = What was sent has a format that is not accepted here. Send a form, or JSON with Content-Type: application/json.
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
problem-other-municipality = The document is for another municipality than { $expected }.
problem-year-span-backwards = The last year ({ $last }) comes before the first year ({ $first }).
problem-year-span-too-long = A citizen promise may run for at most { $max } years.
problem-measured-before-start = The outcome cannot be measured before the promise's first year ({ $first }).
problem-translation-count = Write one English name per focus area ({ $expected }), in the same order, or none.
problem-final-report-too-early = The final report must come after the promise's last year ({ $last }).
problem-continues-not-earlier = A promise can only continue a promise from before { $first }.
problem-slug = “{ $value }” is not allowed here. Use lowercase letters a–z, digits and hyphens.
problem-unknown-activity-type = There is no activity type “{ $value }”.
problem-activity-type-exists = There already is an activity type with the code “{ $value }”.
problem-unknown-place = The place “{ $value }” does not exist in the municipality. Add it under Places in the staff area (or with lofte municipality import) and try again.
problem-method-window = The method's time window { $min }–{ $max } minutes does not add up: at least 1 minute, and the start before the end.
problem-coordinates = The coordinates are not in Sweden. Give latitude and longitude in WGS 84.
problem-boundary = The municipality boundary must be a GeoJSON geometry of type Polygon or MultiPolygon with closed rings (at least four points, the first equal to the last) in Sweden, as [longitude, latitude].
problem-outside-municipality = The point you marked lies outside { $municipality }. Check the place on the map, or remove the point and choose a locality from the list.
problem-not-an-image = The file is not a picture. Choose a photo in JPEG or PNG format.
problem-identity-linked = The account, or the person at the identity provider, is already linked to another account.
problem-image-too-large = The picture has too many pixels. It may have at most { $max_megapixels } megapixels: take the photo at a lower resolution, or make the picture smaller, and try again.
problem-file-too-large = The file is too large. It may be at most { $max_mb } MB.
problem-not-a-backup = The file is not a Löfte backup (neither a SQLite copy nor a portable dump).
problem-backup-damaged = The backup is damaged or cut off at line { $line }.
problem-backup-schema = The backup comes from another version of Löfte (schema { $found }) than this database ({ $expected }). Restore with the same version that took it.
problem-control-character = The text holds an invisible control character (such as a NUL byte). Retype it or paste it as plain text.
problem-not-utf8 = The content is not UTF-8 text. Save the file as UTF-8 and send it again.
problem-no-commitments = A citizen promise needs at least one commitment.
problem-promise-exists = Municipality { $municipality } already has a citizen promise for { $year }. The existing promise has not been changed.
problem-duplicate = “{ $value }” is already there; each code or column may appear only once.
problem-not-in-codebook = “{ $value }” is not in the codebook. Allowed values: { $allowed }.
problem-weight = The weight “{ $value }” must be a number greater than zero (decimal point, e.g. 1.25).
problem-column-count = The row has { $found } fields but the header has { $expected }.
problem-other-year = The year does not match: the file is imported for { $expected }.
problem-duplicate-respondent = The same respondent id is already on line { $line }.
problem-survey-year-exists = There are already responses for { $year } from another file. Tick “Replace the responses for the file's years” (on the command line --replace) if they are to be replaced.
problem-no-survey-items = The file has none of the codebook's questions as a column.
problem-no-codebook = The municipality has no codebook for the safety survey yet. Add the codebook first.
problem-codebook-in-use = “{ $value }” is used by responses already imported and cannot be removed or changed.
problem-unknown-survey-item = The question “{ $value }” is not in the codebook.
problem-survey-code = “{ $value }” is not a valid code. Use lowercase letters a–z, digits, _ and -, starting with a letter.
problem-unknown-indicator = The indicator “{ $value }” is not in the municipality's codebook.
problem-too-few = At least { $min } are needed.
problem-choice = Choose one of the options.
problem-json-syntax = This is not valid JSON: reading stopped at line { $line }, character { $column }. Check the commas, quotes and brackets there.
problem-unknown-field = There is no field “{ $value }” here. { $allowed ->
    [none] There are no fields here.
   *[other] Allowed fields: { $allowed }.
}
problem-wrong-type = { $expected ->
    [number] A whole number goes here.
    [text] A text in quotes goes here.
    [list] A list in [ ] goes here.
    [object] An object in {"{"} {"}"} goes here.
    [boolean] true or false goes here.
    [text-or-list] A text or a list of texts goes here.
   *[other] This is a value of the wrong kind.
}
path-commitment = Commitment { $number }
problem-date-time = Give the moment in RFC 3339 with its offset, for example 2021-03-01T07:30:00+01:00.
problem-not-a-draft = Only a draft can be replaced or deleted. This citizen promise is already signed or published; edit it instead.
problem-needed-to-sign = Fill this in before the promise is marked as signed: residents see who signed it and when.
problem-signatory = Write name and role separated by a comma, one person per line, for example: Anna Andersson, chair of the municipal executive board
problem-shape = The shape must be GeoJSON: a line (LineString) for a road or a surface (Polygon) for an area, with positions [longitude, latitude] in Sweden.
problem-separator = The file must be separated by commas or semicolons, but the header line uses { $found ->
    [tab] tabs
   *[other] “{ $found }”
}. Save it as CSV with commas or semicolons and try again.
problem-not-yours = You may not import data for municipality { $municipality }. Remove those rows, or ask someone with access there to import them.
problem-not-a-spreadsheet = The file cannot be read as an Excel sheet (XLSX). Save it again as XLSX or as CSV and try again.
problem-not-one-of = “{ $value }” is not allowed here. Allowed values: { $allowed }.
problem-empty-hours = The hours must end at another time than they start, for example 20:00–02:00.
problem-baseline-not-before = The baseline year must come before the year of measurement ({ $measured }).

problem-email = Enter a valid e-mail address, for example name@municipality.se.
problem-password-too-short = The password must have at least { $min } characters. A phrase of several words is easy to remember.
problem-email-taken = There is already an account with that e-mail address.
problem-wrong-password = The password is not correct.

## Command line

cli-listening = Löfte is listening on { $url }
cli-demo-loaded = Demo data for Flen: { $added } citizen promises loaded, { $present } were already there.
cli-migrated = The database is up to date.
cli-replaced = The draft citizen promise { $year } for { $municipality } has been replaced.
cli-imported = Citizen promise { $year } for { $municipality } has been imported.
cli-profile-imported = Municipality profile for { $municipality } has been imported ({ $places } places).
cli-invalid-file = { $file } has errors; nothing has been saved:
cli-not-found = There is no citizen promise for municipality { $municipality } in { $year }.
cli-copied = Draft citizen promise { $year } for { $municipality } created as a copy of { $from }.
cli-activities-imported = { $added } activities imported, { $present } were already there.
cli-demo-activities = Example data: { $added } made-up activities for Flen 2020 and 2021 loaded (marked as example data).
cli-demo-survey = Example data: { $rows } made-up responses to Flen's safety survey 2019–2022 imported (marked as synthetic).
cli-more-errors = There are more errors; correct these first.
cli-backup-exists = { $file } already exists. Choose a new file name; a backup never overwrites another.
cli-backup-sqlite = Backup saved in { $file } (a copy of the SQLite database, taken while in use).
cli-backup-dump = Backup saved in { $file }: { $rows } rows from { $tables } tables (portable, JSON lines).
cli-restore-not-empty = The database already holds data. Give --replace to replace all of it with the backup.
cli-restore-failed = Could not restore from { $file }. { $reason } The database is unchanged.
cli-restored = Restored from { $file }: { $rows } rows in { $tables } tables.
cli-check-ok = The database is whole: the integrity check and the foreign-key check found nothing wrong.
cli-check-failed = The database is damaged:
cli-national-loaded = Example data for the whole country: { $municipalities } municipalities, { $promises } citizen promises, { $activities } activities and { $responses } survey responses loaded (all made up and marked as examples).
cli-demo-inputs = Example data: { $added } made-up inputs from residents of Flen published (marked as examples).
cli-demo-follow-ups = Example data: { $added } made-up follow-ups for Flen 2020 and 2021 loaded, all published but the final report of 2021 (marked as example data).
cli-token-created = API token { $id } has been created. It is shown only now; keep it somewhere safe:
cli-token-revoked = API token { $id } has been revoked.
cli-token-unknown = There is no active API token with number { $id }.
cli-bad-organisation = “{ $value }” is not an organisation. Write municipality:0482, police:Katrineholm, partner:NAME@0482 or installation.
cli-user-added = The account { $email } has been created. The password is shown only now:
cli-user-disabled-mark = disabled
cli-user-disabled = The account { $email } has been disabled.
cli-user-no-issuer = oidc_issuer is not set: configure the organisation's identity provider (LOFTE_OIDC_ISSUER) first.
cli-user-linked = { $email } now signs in as { $subject } at the identity provider.
cli-user-reset = New password for { $email } (shown only now):
cli-user-unknown = There is no account with the e-mail address { $email }.
cli-demo-logins = Demo accounts (the passwords are new at every start):

## Staff area

footer-staff = Staff sign-in
staff-nav = Staff
logout = Sign out
login-title = Sign in
login-intro = For staff of the Police and the municipality who write and follow up citizen promises.
login-submit = Sign in
login-organisation = Sign in with your organisation's account
login-or-password = Or with e-mail address and password
login-oidc-refused = Signing in through your organisation could not be completed. Start again and try once more.
login-oidc-unknown = There is no Löfte account for this sign-in. Ask an administrator to add you with the e-mail address you have at your organisation.
login-oidc-unavailable = Your organisation's sign-in service is not answering right now. Try again in a while, or sign in with your password.
login-failed = Wrong e-mail address or password.
login-too-many = Too many attempts. Wait { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
} and try again.
account-title = My account
account-change-password = Change password
account-save-password = Save new password
account-password-changed = The password has been changed. Other sessions of the account have been signed out.
dashboard-title = Overview
due-heading = To do
due-late = Late
finding-overdue = { $status }, late (was due { $date })
due-draft = draft
due-not-started = not started
due-report = { $report } ({ $title }): { $state }, due { $date }
due-report-late = { $report } ({ $title }): { $state }, was due { $date }
due-inputs = { $count ->
    [one] 1 input from residents is waiting for moderation
   *[other] { $count } inputs from residents are waiting for moderation
}
due-findings = { $count ->
    [one] 1 safety-walk finding is past its date
   *[other] { $count } safety-walk findings are past their date
}
due-walks = { $count ->
    [one] 1 safety walk was due to be repeated
   *[other] { $count } safety walks were due to be repeated
}
dashboard-greeting = Welcome, { $name }.
dashboard-empty = Your account does not belong to any municipality yet. Ask an administrator to add you.
dashboard-no-promises = No citizen promises yet.
status-draft = Draft
status-signed = Signed
status-published = Published
status-closed = Closed
role-viewer = Viewer
role-analyst = Analyst
role-reporter = Reporter
role-coordinator = Coordinator
role-admin = Administrator
version-label = Version
staff-public-link = Show the public page
staff-edit-promise = Edit the promise's details
staff-add-commitment = Add a commitment
staff-copy-next-year = Start the { $year } promise as a copy of this one
new-commitment-title = New commitment
history-commitment-create = A commitment was added
staff-edit-commitment-named = Edit the commitment: { $text }
title-with-errors = Error: { $title }
new-promise-title = New citizen promise
new-promise-intro = Write the basics here; add more commitments, measurable targets and signatories afterwards. The promise is saved as a draft and residents do not see it until it is published. The final report is planned for the first quarter of the year after.
new-promise-first-commitment = First commitment
new-promise-create = Create draft
field-first-year = First year
field-last-year = Last year
field-last-year-hint = Leave empty if the promise runs for one year.
field-first-commitment = The commitment
staff-edit-commitment = Edit the commitment
workflow-heading = Workflow
transition-draft = Back to draft
transition-signed = Mark as signed
transition-published = Publish
transition-closed = Close the year
history-heading = History
history-empty = No changes yet.
history-when = When
history-who = Who
history-what = What
history-detail = Change
history-system = The system
history-promise-create = The promise was created
history-promise-update = The promise's details were changed
history-promise-status = The status was changed
history-commitment-update = A commitment was changed
edit-promise-title = Edit { $title }
edit-commitment-title = Edit commitment
back-without-saving = Back without saving
save = Save
form-errors-heading = Please correct the following
target-legend = Measurable target
target-none = No measurable target
scope-anywhere = Anywhere in the municipality
scope-outlying = In the outlying villages (kransorter)
scope-places = At certain places
emphasis-none = No emphasis
party-option-together = Together
party-option-police = The Police
party-option-municipality = The municipality
party-option-partner = Another partner
kind-output = Output target (count, time)
kind-process = Process target (way of working)
kind-outcome = Outcome target (change for residents)
follow-up-option-tertial = Per tertial
follow-up-option-yearly = Once a year
conflict-title = Someone else changed it first
conflict-body = While you were editing, someone else saved a change. Your change has not been saved. Compare, and make your change again on the saved version.
conflict-mine = Your change (not saved)
conflict-theirs = Saved now (version { $version })
conflict-reload = Open the saved version
error-forbidden-title = You are not allowed to do this
error-forbidden-body = Your account may not do this in this municipality.
error-cross-site-title = The request was stopped
error-cross-site-body = The request came from another website and has not been carried out. Try again from this website.
api-unauthorized = A valid API token is needed (Authorization: Bearer …).
api-forbidden = The API token may not do this here.
problem-time = Enter a time as HH:MM.
problem-counts-only = This activity type concerns people who can be identified, such as visits to families of young people at risk: only counts may be kept, no note.
problem-unknown-column = Unknown column. Columns that can be used: { $expected }.
problem-missing-column = The column is missing but needed.
csv-cell = Line { $line }, column { $column }: { $message }
csv-row = Line { $line }: { $message }
problem-override-needs-reason = You chose another status than the computed one. Say why, so that residents understand.
problem-verdict-required = Choose whether the commitment was kept: kept, partly kept or not kept.
problem-promise-closed = The promise is closed: its year is over and its final report published, so it is no longer changed.
problem-link = “{ $value }” is not a web link. Links begin with https://.
problem-already-published = The follow-up is already published and cannot be changed. What happened since goes into the next follow-up.
problem-stale-version = Someone else saved in the meantime. Reload the page and make your change again.
problem-number = Enter a whole number.
problem-date = Enter a date as YYYY-MM-DD.
problem-mismatch = The passwords are not the same.

## Form fields

field-email = E-mail address
field-password = Password
field-current-password = Current password
field-new-password = New password
field-new-password-hint = At least 12 characters. A phrase of several words works well.
field-repeat-password = New password again
field-title = Title
field-aim = Overall aim
field-focus-areas = Focus areas
field-focus-areas-hint = One focus area per line.
field-focus-text = Text about the focus
field-outcome-text = Outcome goal
field-outcome-measured-in = Year the outcome is measured
field-outcome-baseline = Baseline year in the safety survey
field-outcome-baseline-hint = The year the year of measurement is compared with, e.g. the year before the promise began.
outcome-link-legend = How the outcome goal is measured in the safety survey
outcome-link-hint = Choose the indicators that show whether the goal is reached and which way they should go. Löfte compares the baseline year with the year of measurement and says whether the change is larger than the uncertainty.
outcome-indicator-unused = Not used
outcome-option-lower = Used – lower is better
outcome-option-higher = Used – higher is better
field-follow-up-internal = Internal follow-up
field-final-report-year = Year of the final report
field-final-report-quarter = Quarter of the final report
field-final-report-quarter-hint = 1–4.
field-signed-on = Signed on
field-signed-on-hint = YYYY-MM-DD. Leave empty if the promise is not signed.
field-signatories = Signatories
field-signatories-hint = One per line: name, position.
field-party = Who promises
field-partner = Name of the other partner
field-partner-hint = Only if “Another partner” is chosen.
field-text = The commitment
field-kind = Kind of target
field-local-plan = Local plan
field-local-plan-hint = For example the local ANDT action plan.
field-english-title = Title in English
field-english-aim = Overall aim in English
field-english-focus-areas = Focus areas in English
field-english-focus-areas-hint = One per line, in the same order as in Swedish.
field-english-focus-text = Focus text in English
field-english-outcome-text = Outcome goal in English
field-english-text = The commitment in English
english-version-legend = English version (optional)
english-version-summary = English version (optional)
english-version-hint = The English site shows what is written here. Where nothing is, it shows the Swedish text and says that it is in Swedish.
field-target-activity = Which activity counts
field-target-at-least = At least
field-target-at-least-hint = Leave empty if the promise gives no number.
field-target-also = Also counts
field-target-also-hint = Tick if more kinds of activity count toward the same target.
field-target-measure = What is counted
field-target-per = The number applies to
field-target-per-hint = If the promise spans several years and the number is to be reached every year, choose “Every year”.
field-when-months = Only these months
field-when-months-hint = Tick none if every month counts.
field-when-weekdays = Only these weekdays
field-when-weekdays-hint = Tick none if every day counts. An evening across midnight counts on the day it starts.
field-hours-from = Only from
field-hours-from-hint = HH:MM, for example 20:00. Leave both times empty if any time counts.
field-hours-to = Until
field-hours-to-hint = HH:MM. A time before the start means across midnight, for example 20:00–02:00.
measure-choice-count = Number of activities
measure-choice-participants = Number of participants
measure-choice-minutes = Number of minutes
measure-choice-places = Number of different places
per-choice-span = The whole promise period
per-choice-year = Every year
field-method-code = Method
field-method-code-hint = With a method, only activities whose duration lies within the method's window below count.
field-method-min = The method's shortest time (minutes)
field-method-max = The method's longest time (minutes)
field-scope = Where activities count
field-scope-places = Places
field-scope-places-hint = Tick the places. Places within a locality count toward the locality.
field-emphasis = Where more presence is wanted
field-emphasis-places = Places with more presence

## Changes after publication

changes-heading = Changes after publication
changes-intro = The promise has been changed after it was published. Here is what changed and when.
change-field-title = The title was changed.
change-field-aim = The overall aim was changed.
change-field-focus = The focus areas were changed.
change-field-outcome-goal = The outcome goal was changed.
change-field-follow-up = The follow-up plan was changed.
change-field-signing = The signing details were changed.
change-field-english = The English version of the texts was changed.
change-commitment = The commitment “{ $before }” was changed to “{ $after }”.
change-commitment-target = The measurable target of the commitment “{ $text }” was changed.
change-commitment-added = A commitment was added: “{ $text }”.
change-commitment-removed = A commitment was removed: “{ $text }”.

## Progress

progress-of = { $actual } of { $target }
progress-logged = { $activity } logged
progress-pace = At an even pace it would have been { $expected } so far; at the present pace it will be { $forecast } when the period ends.
progress-emphasis = { $count } of { $actual } in the outlying villages ({ $percent } %).
progress-excluded = { $count } more do not count: { $reason }.
progress-as-of = The figures run up to and including { $date } and are computed from the logged work.
progress-synthetic = Example data: the figures rest on made-up activities created by the demo, not on real work in the municipality.
progress-status-on-track = On track
progress-status-at-risk = At risk
progress-status-behind = Behind
progress-status-not-started = Not started
progress-status-kept = Kept
progress-status-partly-kept = Partly kept
progress-status-not-kept = Not kept
progress-status-not-assessed = Assessed in words
exclusion-outside-method-window = their duration was outside the method's window
exclusion-no-duration = their duration is missing, and the target needs it
exclusion-outside-scope = they took place elsewhere than the promise concerns
exclusion-other-party = they were done by another party than the one that promised
exclusion-outside-period = they took place outside the promise's years

## Logging activities

log-title = Log an activity
log-what = What
log-where = Where
log-how-long = How long
log-who = Carried out by
log-by-police = The Police
log-by-municipality = The municipality
log-no-place = No particular place
log-nearest = Choose the place nearest me
log-minutes = { $minutes } min
log-other-duration = Other duration
log-save = Save
log-saved = Saved: { $type }, { $date }, { $place }.
log-counts = Counts toward: { $target }
log-does-not-count = Does not count toward “{ $target }”: { $reason }.
log-no-target = This year's promise has no measurable target for this activity.
log-no-promise = There is no citizen promise for that year yet.
logged-list-link = Logged activities
logged-title = Logged activities
logged-intro = The activities logged most recently. Whoever logged an activity and the municipality's coordinators can change or delete it; the figures are recomputed at once, but a published follow-up keeps its own.
logged-how = Choose the time to change or delete an activity.
logged-empty = Nothing has been logged yet.
logged-caption = Most recently logged first
logged-when = When
logged-minutes = Minutes
logged-by = Logged by
logged-change-named = Change { $activity }
logged-synthetic = Example data
logged-correct-title = Change a logged activity
logged-correct-save = Save the change
logged-delete-link = Delete the activity
logged-delete-title = Delete the activity?
logged-delete-intro = It no longer counts in the figures. A published follow-up keeps the figures it was published with. The deletion is kept in the history.
logged-delete-confirm = Yes, delete the activity
logged-delete-back = No, back to the activity
logged-changed = The activity has been changed.
logged-deleted = The activity has been deleted.
log-type-traffic_control = Traffic control
log-type-foot_patrol = Foot patrol
log-type-bicycle_patrol = Bicycle patrol
log-type-safety_walk = Safety walk (trygghetsvandring)
log-type-trygg_vuxen = Trygg vuxen
log-type-parenting_support = Parenting support
log-type-andt_activity = ANDT activity
log-type-licensing_inspection = Alcohol/tobacco inspection
log-type-concern_visit = Orosbesök (counts only)
log-type-citizen_dialogue = Citizen dialogue
log-type-other = Other
exclusion-one-outside-method-window = its duration is outside the method's window
exclusion-one-no-duration = its duration is missing, and the target needs it
exclusion-one-outside-scope = the place is outside what the promise concerns
exclusion-one-other-party = another party than the one that promised carried it out
exclusion-one-outside-period = it is outside the promise's years
field-other-duration = Other duration (minutes)
field-when = When did it start?
field-when-hint = The start time. It stays at now unless you change it; logging afterwards, give the time the work began.
field-participants = Number (for example visits or participants)
field-note = Note
field-note-hint = No names or personal details. Orosbesök take no note.

## Follow-up reports

public-timeline-label = Follow-ups of this commitment
period-t1 = Follow-up tertial 1 { $year }
period-t2 = Follow-up tertial 2 { $year }
period-t3 = Follow-up tertial 3 { $year }
period-slutredovisning = Final report { $year }
reports-heading = Follow-ups
report-published = Published
report-draft = Draft
report-not-started = Not started
follow-up-back = Back to the promise
follow-up-cutoff = The figures run up to and including { $date }.
follow-up-suggested = Computed status: { $status }. If you choose another, say why.
follow-up-published-on = Published { $date }. The figures are frozen as they were then.
follow-up-commitment = Commitment
follow-up-save-draft = Save draft
follow-up-publish = Publish the follow-up
follow-up-preview = Preview and publish
follow-up-preview-title = Preview: { $report }
follow-up-preview-note = Preview. This is how residents will see the follow-up once it is published; it is not published yet. The figures are locked when you publish.
follow-up-preview-back = Back to edit
follow-up-choose-verdict = Choose a verdict
follow-up-saved-draft = The draft was saved at { $time }. Residents do not see it until it is published.
follow-up-saved-published = The follow-up is published.
follow-up-saved-corrected = The correction is published, with today's date.
follow-up-correct-heading = Correct a published text
follow-up-correct-intro = Statuses and figures stay locked as they were published. A corrected text replaces the old one on the public page, with today's date and what you write below; the old text stays in the history.
follow-up-correct-open = Show the texts to correct
follow-up-correct-save = Publish the correction
field-correction-note = What was corrected?
field-correction-note-hint = Shown to residents with the follow-up, for example "Spelling in commitment 3".
follow-up-public-page = See it as residents see it
follow-up-public-pdf = PDF
follow-up-commitments = The commitments
follow-up-has-errors = (needs correcting)
field-follow-up-status = Assessment
field-follow-up-reason = Why another assessment than the computed one
field-follow-up-narrative = What has been done
field-follow-up-evidence = Links to evidence (one per line)
public-reports-heading = Follow-ups of the promise
public-report-evidence = Evidence
summary-line = According to { $report }: { $parts }.
summary-kept = { $count ->
    [one] 1 commitment kept
   *[other] { $count } commitments kept
}
summary-partly-kept = { $count } partly kept
summary-not-kept = { $count } not kept
summary-on-track = { $count } on track
summary-at-risk = { $count } at risk
summary-behind = { $count } behind
summary-not-started = { $count } not started
summary-not-assessed = { $count } assessed in words
summary-final = According to { $report }, { $kept } of { $total ->
    [one] 1 commitment
   *[other] { $total } commitments
} were kept{ $rest }.
summary-final-partly = { $count } partly
summary-final-not = { $count } not
summary-final-open = { $count } without a verdict

## Activity types
activity-types-title = Activity types
activity-types-intro = These are the kinds of work that can be logged and counted toward targets. The built-in ones exist in every municipality; add your own if you do something else the promise counts, such as dog patrols.
activity-types-caption = Activity types in the municipality
activity-types-name = Name
activity-types-code = Code (for CSV and the API)
activity-types-kind = Kind
activity-types-own = The municipality's own
activity-types-builtin = Built in
activity-types-counts-only = counts only
activity-types-add = Add an activity type of your own
activity-types-swedish = In Swedish
activity-types-english = In English
activity-types-add-button = Add the activity type
field-name-sv-one = Namn, en (Swedish, one)
field-name-sv-one-hint = In lower case, as in the middle of a sentence, e.g. “hundpatrull”.
field-name-sv-other = Namn, flera (Swedish, several)
field-name-sv-other-hint = E.g. “hundpatruller”.
field-name-en-one = Name, one
field-name-en-one-hint = E.g. “dog patrol”.
field-name-en-other = Name, several
field-name-en-other-hint = E.g. “dog patrols”.
field-code = Code
field-code-hint = Optional. Used in CSV files and the API; left empty, it becomes the Swedish name without å, ä, ö and spaces, e.g. “hundpatrull”.
field-counts-only = Counts only, no note
field-counts-only-hint = Tick if the work concerns people who can be identified, such as visits to families of young people at risk.

## Reports (PDF and HTML)
report-no-promise = { $municipality } has no published citizen promise for { $year }.
report-not-published = { $report } has not been published yet.
report-published-on = Published { $date }
report-corrected = Corrected { $date }: { $note }
report-as-of = The figures are as of { $date } and frozen as they were when the report was published.
report-synthetic = Example data: the figures rest on made-up activities and texts that the demo created, not on real work in the municipality.
report-party-police = The Police, local police area { $area }
report-no-place = No place
report-outcome-missing = The outcome goal is measured in { $year } in safety surveys and citizen dialogues. The survey results are not in Löfte yet, so no result is shown here.
report-chart-title = { $activity } by month, cumulative
report-chart-alt = Line chart of { $activity }, cumulative by month. The line reaches { $reached } in { $month }; the target is { $target }.
report-chart-title-each-year = { $activity } by month, cumulative within each year
report-chart-alt-each-year = Line chart of { $activity }, cumulative by month from zero each January; the target is { $target } each year. Each year's number: { $years }.
report-chart-axis = number
report-chart-actual = Done, cumulative
report-chart-target = Target
report-chart-pace = Even pace
report-download-pdf = Download as PDF (Swedish)
report-download-pdf-en = Download as PDF (English)
report-label-parties = Parties
report-label-signatories = Signed by
report-label-summary = Summary
report-label-commitment = Commitment
report-label-party = Party
report-label-status = Status
report-label-figures = Figures
report-label-narrative = Description
report-label-evidence = Evidence
report-label-by-place = By place
report-label-chart = Chart
report-label-outcome = Outcome goal
report-label-learned = Lessons learned
report-label-page = Page {"{"}page{"}"} of {"{"}pages{"}"}
report-label-contents = Contents
report-label-status-reason = Reason for the assessment
report-label-no-figures = No figures: the commitment is assessed in words.
report-label-number = No.
report-label-text = Commitment
report-label-place = Place
report-label-count = Number
report-label-aim = Aim
report-label-goal = Outcome goal
report-label-indicator = Indicator
report-label-value = Value
report-label-note = Note
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
month-long-1 = January
month-long-2 = February
month-long-3 = March
month-long-4 = April
month-long-5 = May
month-long-6 = June
month-long-7 = July
month-long-8 = August
month-long-9 = September
month-long-10 = October
month-long-11 = November
month-long-12 = December
cli-report-bad-lang = --lang: “{ $value }” is not a language Löfte has; choose sv or en.
cli-report-bad-period = --period: “{ $value }” is not a follow-up; choose T1, T2, T3 or final.
cli-report-written = Wrote { $report } to { $file }.

## Exports
export-activities = Activities
export-commitments = Commitments
export-follow-ups = Follow-ups
export-heading = Download the data
export-intro = The promise's activities, commitments and published follow-ups as spreadsheets. Notes on activities are left out.
export-xlsx = Everything in one Excel file (.xlsx)
export-csv = { $table } as CSV
export-column-date = Date
export-column-time = Time
export-column-activity = Activity
export-column-performer = Done by
export-column-place = Place
export-column-duration = Minutes
export-column-participants = Participants
export-column-synthetic = Example data
export-column-year = Year
export-column-number = No.
export-column-party = Party
export-column-text = Commitment
export-column-target = Target
export-column-target-number = Target number
export-column-actual = Done
export-column-status = Status
export-column-period = Follow-up
export-column-published = Published
export-column-reason = Reason for the assessment
export-column-narrative = Description
export-column-evidence = Evidence
cli-export-no-promise = { $municipality } has no citizen promise for { $year }.
cli-export-bad-table = --table: there is no “{ $value }”; choose activities, commitments or follow-ups.
cli-export-written = Wrote { $file }.
cli-survey-codebook-set = The safety-survey codebook of { $municipality } is saved ({ $items } questions, { $indicators } indicators).
cli-survey-reading = Reading responses
cli-survey-imported = { $rows } responses imported ({ $years }).
cli-survey-already = The file is already imported (import { $import }, { $rows } responses); nothing was added.
cli-survey-no-imports = No responses are imported yet.
cli-survey-import-line = Import { $import }: { $file }, { $rows } responses ({ $years }), imported { $at }
cli-survey-removed = Import { $import } and its responses are removed.
cli-survey-unknown-import = There is no import { $import } for the municipality.
field-follow-up-learned = What the parties have learned
field-follow-up-learned-hint = Optional. Shown in the final report under “Lessons learned”: what worked, what did not, and what you take into next year.
method-none = No particular method
method-twenty_minute-choice = The 20-minute method (traffic controls)
method-fifteen_minute-choice = The 15-minute method (foot patrols)
remove-commitment-title = Remove the commitment?
remove-commitment-yes = Yes, remove the commitment
remove-no-links = Nothing is linked to the commitment. It is removed from the promise, and the removal shows in the history.
remove-links-intro = This is linked to the commitment:
remove-links-inputs = { $count ->
    [one] 1 comment from residents
   *[other] { $count } comments from residents
}
remove-links-findings = { $count ->
    [one] 1 finding from a safety walk
   *[other] { $count } findings from safety walks
}
remove-links-draft-entries = { $count ->
    [one] 1 text in a follow-up not yet published
   *[other] { $count } texts in follow-ups not yet published
}
remove-links-published-entries = { $count ->
    [one] 1 published follow-up
   *[other] { $count } published follow-ups
}
remove-blocked-published = The commitment is reported on in a published follow-up, which residents may have read and which is not changed afterwards. So it cannot be removed. Change its text instead if needed.
remove-links-legend = What should happen to what is linked?
remove-links-move = Link the comments and findings to another commitment
remove-move-to = Which commitment
remove-move-option = { $number }. { $text }
remove-links-drop = Remove the links (the comments and findings stay, without a commitment)
remove-choose-links = Choose what should happen to what is linked to the commitment. Nothing has been removed.
staff-remove-commitment = Remove
staff-remove-commitment-named = Remove the commitment “{ $text }”
staff-move-up = Move up
staff-move-down = Move down
staff-move-up-named = Move up the commitment “{ $text }”
staff-move-down-named = Move down the commitment “{ $text }”
staff-delete-draft = Delete the draft
staff-promise-closed = The promise is closed: its year is over and its final report published. It is no longer changed; next year's promise can start as a copy.
delete-draft-title = Delete the draft?
delete-draft-body = { $title } is a draft with { $count } commitments. It is deleted entirely; the history keeps what it held.
delete-draft-yes = Yes, delete the draft
history-commitment-remove = A commitment was removed
history-commitment-move = A commitment was moved
history-promise-delete = The draft was deleted
history-promise-replace = The draft was replaced by an imported document
history-follow-up-update = A follow-up was saved as a draft
history-follow-up-publish = A follow-up was published
history-follow-up-correct = A published follow-up was corrected
history-other = Other change
copy-intro = The draft gets the same text, with the years moved one step on. It is a draft that you change and sign before it is published.
copy-yes = Create the draft
copy-none-chosen = Choose at least one commitment to carry over.
field-commitments = Commitments to carry over
field-commitments-hint = Untick the commitments that should not carry over. You can also add new ones to the draft afterwards.
places-link = Places
places-title = Places in { $municipality }
places-intro = Places are used in the promises' targets, when work is logged, and when residents have their say. A place keeps its short form for good, since logged work and promises point to it.
places-new-title = Add a place
places-edit-title = Change { $name }
places-edit = Change
places-edit-named = Change the place { $name }
places-empty = The municipality has no places yet.
places-table-caption = The municipality's places
places-within-column = Lies in
places-within-none = None (a locality of its own)
place-kind-locality = Locality
place-kind-area = Area
place-kind-hot_spot = Crime hot spot
place-kind-road = Road
place-kind-school = School
place-kind-station = Station
field-name = Name
field-slug = Short form
field-slug-hint = Lower-case letters a–z, digits and hyphens. Leave empty to make it from the name (Väg 315 → vag-315).
field-place-kind = Kind of place
field-within = Lies in the locality
field-outlying = An outlying village (kransort)
field-place-position = Where the place is
field-place-position-hint = Click on the map or type the coordinates. A road is drawn as a line and an area as a surface on the map, or pasted as GeoJSON in the Shape field; without a point, the point is put in the middle of the shape.
field-place-lat = Latitude
field-place-lon = Longitude
field-shape = Shape (GeoJSON, optional)
field-shape-hint = A road's course as a LineString or an area's boundary as a Polygon, for example exported from Lantmäteriet or geojson.io. Positions are written [longitude, latitude].
history-place-create = A place was added
history-place-update = A place was changed
activity-file-title = Import activities from a file
activity-file-link = Import from a file
activity-file-back = Back to logging an activity
activity-file-intro = A CSV file from another system or a spreadsheet, with commas or semicolons, columns in Swedish or English. The whole file is imported, or none of it.
activity-file-label = File (CSV)
activity-file-hint = The columns type (Aktivitet), performer (Utförare) and date (Datum) are required; time, minutes, place, participants, note and an external id may be there.
activity-file-import = Import
activity-file-none = Choose a file to import.
activity-file-refused = The file has errors; nothing was saved
activity-file-unknown-places = Places that are missing
activity-file-unknown-places-intro = The file names places the municipality does not have. Add them (or ask a coordinator to) and import the file again.
activity-file-add-places = Add the missing places
activity-file-add-places-intro = The file names places the municipality does not have. That is the file's only problem: say what kind of place each one is and which locality it lies in, and the places are added and the file imported in one step. A place takes its locality's position on the map until you mark it under Places.
activity-file-place-kind = Kind of place
activity-file-place-locality = Lies in the locality
activity-file-locality-choose = Choose a locality
activity-file-choose-locality = Choose the locality the place lies in.
activity-file-places-incomplete = Details of the places are missing; nothing has been saved.
activity-file-add-places-submit = Add the places and import the file
activity-file-places-added = { $count ->
    [one] One place was added: { $names }.
   *[other] { $count } places were added: { $names }.
}
confirm-close-title = Close the year?
confirm-close-body = Once { $title } is closed it can no longer be changed, and residents see it as closed. Write the final report first if it is not published.
confirm-close-yes = Yes, close the year
confirm-publish-title = Publish the promise?
confirm-publish-body = Once { $title } is published, residents see it on the municipality's page, and every change after that is shown to them in the list of changes.
confirm-publish-yes = Yes, publish the promise
confirm-preview-link = See the promise as residents will see it
promise-preview-note = Preview. This is how residents will see the promise once it is published.
promise-preview-back = Back to the promise in the staff area
confirm-cancel = No, go back
report-pdf-link = PDF

## Safety survey (trygghetsmätning) and the outcome goal

survey-page-title = The safety survey in { $municipality }
survey-breadcrumb = Safety survey
survey-lead = How residents answer the police safety survey (trygghetsmätning), year by year. Every figure is an estimate from a sample and is shown with its margin of uncertainty.
survey-years = Responses per year:
survey-synthetic = Example data: the survey responses are made up (synthetic) to show how Löfte works. They are not a real measurement.
survey-explain-heading = How to read the figures
survey-explain-sample = Only a sample of residents receive the survey, so the figures are estimates. Responses are weighted so that the sample reflects the population.
survey-explain-interval = The interval in brackets (and the vertical bars in the charts) shows the uncertainty: with 95 percent confidence the true value for the whole population lies within it. The fewer the answers, the wider the interval.
survey-explain-few = Where fewer than { $min } people answered, it says “too few answers” instead of a figure. So few answers give no reliable figure and could reveal what individuals answered.
survey-explain-change = A change between two years counts as real only when the whole interval of the change lies on one side of zero. Otherwise the difference may be chance in the sample, and it says “no detectable change”.
survey-indicators-nav = Indicators
survey-chart-caption = The points are the estimates and the vertical bars their 95 percent intervals. Years with too few answers are missing. The same figures are in the table.
survey-chart-alt = The chart shows the indicator year by year for everyone and by gender, with intervals. All values are in the table below the chart.
survey-axis-percent = share, %
survey-axis-mean = mean
survey-all = All
survey-year = Year
survey-area = Area
survey-age-band = Age
survey-in-year = { $year }
survey-table-by-gender = { $indicator }, by year and gender
survey-table-by-area = { $indicator }, by area { $year }
survey-table-by-age = { $indicator }, by age group { $year }
survey-too-few = too few answers
survey-answers = { $n } answers
survey-download = Download all figures as CSV (open data)
survey-none = There are no safety-survey results for { $municipality } in Löfte yet.
survey-how-share = Share of those who answered “{ $question }” who answered { $answers }. “Don't know” and no answer are not counted.
survey-how-mean = The mean of the answers to “{ $question }”. “Don't know” and no answer are not counted.
survey-how-index = Mean of { $count } questions for those who answered at least { $min } of them: { $questions }
outcome-survey-heading = What the safety survey shows
outcome-compared = Comparison between { $baseline } and { $measured } in the safety survey.
outcome-better-lower = Lower is better.
outcome-better-higher = Higher is better.
outcome-year-missing = { $year }: no survey in Löfte
outcome-change-points = Change { $diff } percentage points (interval { $low } to { $high }; p { $p })
outcome-change-mean = Change { $diff } (interval { $low } to { $high }; p { $p })
outcome-verdict-improved = Improved
outcome-verdict-no-detectable-change = No detectable change
outcome-verdict-worsened = Worsened
outcome-verdict-not-measurable = Cannot be assessed
outcome-survey-link = All results of the safety survey
outcome-not-linked = The outcome goal is not linked to any safety-survey indicators.

## Staff: safety survey

staff-survey-title = Safety survey
staff-survey-intro = Here analysts enter the codebook and the responses of the police safety survey (trygghetsmätning). Results are computed from the responses and shown on the public page, where groups with too few answers are never shown with figures.
staff-survey-public = See the public page with the results.
staff-survey-codebook = Codebook
staff-survey-codebook-summary = { $title }: { $items } questions and { $indicators } indicators.
staff-survey-no-codebook = The municipality has no codebook yet. Add it first: it says which questions, answers, areas and indicators there are.
staff-survey-codebook-file = Codebook (JSON)
staff-survey-codebook-hint = The format is described in docs/survey-format.md. Indicators and texts can change at any time; questions and codes that imported responses use cannot be removed.
staff-survey-codebook-save = Save the codebook
staff-survey-codebook-saved = The codebook is saved ({ $items } questions, { $indicators } indicators).
staff-survey-responses = Import responses
staff-survey-file = File
staff-survey-file-hint = A CSV file with one row per respondent (at most 32 MB here; larger files are imported with the command lofte survey import). The whole file is imported or nothing; the same file twice adds nothing.
staff-survey-replace = Replace the responses for the file's years
staff-survey-replace-hint = Responses already stored for the years in the file are removed in the same step; other years of an earlier file stay. Otherwise the file is refused if a year already has responses.
staff-survey-year = Survey year
staff-survey-year-hint = Optional. If given, every row is checked to be for that year.
staff-survey-import = Import the responses
staff-survey-imports = Imported files
staff-survey-no-imports = No responses are imported yet.
staff-survey-years = Years
staff-survey-rows = Responses
staff-survey-imported-at = Imported
staff-survey-actions = Actions
staff-survey-remove = Remove
staff-survey-remove-label = Remove the import { $file } and its responses
staff-survey-remove-confirm = The file's responses disappear from every result. This cannot be undone, but the file can be imported again.
staff-survey-synthetic = synthetic example data
staff-survey-refused = Nothing was saved:

## Citizen input (Tyck till om tryggheten)

input-title = Have your say on safety
input-lead = Tell us where you feel unsafe or what should be done. The police and the municipality read everything that comes in and use it in the work on the citizen promise.
input-privacy-heading = What is stored, and for how long
input-privacy = We store what you write in the form and when it arrived, nothing more: not your name, not your e-mail and not your IP address. Age and gender are optional and only used to count how different groups experience safety. Staff at the municipality and the police read the input and remove anything that could identify someone before it is shown publicly on the site. If you mark a place on the map, that point is stored, not where you are yourself. Inputs that are not published are deleted after one year.
input-no-names = Do not write names or anything else that could identify a person. To report a crime, call the police on 114 14; in an emergency 112.
field-input-locality = Locality
field-input-place = Place in the locality (if it is in the list)
field-input-address = Address or place in your own words
field-input-address-hint = Optional, e.g. “the underpass by Storgatan”.
field-input-category = What is it about?
field-input-text = What do you want to tell us?
field-input-text-hint = At most 2,000 characters.
field-input-age-band = Age (optional)
field-input-gender = Gender (optional)
input-website = Leave this field empty
input-choose = Choose …
input-no-place = No particular place
input-not-said = Prefer not to say
input-send = Send
input-see-list = See what others have said
input-too-many = You have sent many inputs in a short time. Wait { $minutes } minutes and try again; what you already sent has arrived.
input-thanks-title = Thank you for your input
input-thanks = Your input has arrived. Staff read it before it is shown on the site, so it may take a few days before you see it in the list.
input-send-another = Send another
input-category-unsafe_place = Unsafe place
input-category-lighting = Lighting
input-category-vegetation = Bushes and trees blocking the view
input-category-litter = Litter
input-category-graffiti = Graffiti and vandalism
input-category-traffic = Traffic
input-category-drugs = Drugs and alcohol
input-category-disturbance = Fights and disturbances
input-category-other = Other
input-age-under_16 = Under 16
input-age-16_24 = 16–24
input-age-25_44 = 25–44
input-age-45_64 = 45–64
input-age-65_plus = 65 or older
input-gender-woman = Woman
input-gender-man = Man
input-gender-other = Other
inputs-title = Residents' inputs in { $municipality }
inputs-lead = What residents have written in the form Have your say on safety, after moderation.
inputs-all-localities = All localities
inputs-all-categories = All kinds
field-ort = Locality
field-kategori = What it is about
inputs-filter = Show
inputs-counts-heading = Inputs per locality
inputs-count-locality = Locality
inputs-count-number = Number
inputs-shown = Showing { $shown } of { $total } published inputs.
inputs-none = There are no published inputs here yet.
inputs-received = Received
staff-inputs-title = Inputs to moderate
staff-inputs-intro = Inputs from the form Have your say on safety are not shown publicly until someone here has published them. Remove names and anything else that could identify someone before publishing; hide what is not to be shown and say why.
staff-inputs-none = No inputs are waiting for moderation.
staff-inputs-publish = Publish
staff-inputs-hide = Hide
field-moderation-text = Text to show
field-moderation-reason = Why it is hidden
staff-inputs-published = The input is published.
staff-inputs-hidden = The input is hidden.
staff-inputs-place = Place
staff-inputs-about = About the writer
municipality-links = More on safety
municipality-inputs-link = Residents' inputs

## Safety walks (trygghetsvandringar)

walks-title = Safety walks
walks-intro = A safety walk (trygghetsvandring) is registered here with its route and findings. It also counts as an activity (safety walk) toward the promise's target. Each finding has an owner, a date and a status that residents can follow.
walks-none = No safety walks are registered yet.
walks-participants = participants
walks-findings-count = { $total } findings, { $open } open
walks-again = Walk the route again by { $date }
walks-add = Register a safety walk
walks-save = Save the walk
walks-performer-municipality = The municipality
walks-performer-police = The police
field-walk-date = Date
field-route = The route (the places you passed)
field-walk-participants = Number of participants
field-walk-performer = Who organised the walk
field-again-by = Walk the route again by (optional)
walk-title = Safety walk { $date }
walk-facts = Route: { $route }. { $participants } participants.
walk-findings = Findings
walk-no-findings = No findings are noted yet.
walk-add-finding = Note a finding
walk-save-finding = Save the finding
field-finding-place = Place
field-finding-category = What is it about?
field-description = Description
field-owner = Owner
field-owner-hint = For example “The municipality, streets unit” or “The housing company”.
field-due = To be done by (optional)
field-finding-status = New status
field-reason = Reason
field-reason-hint = Required for “Not to be done”; shown to residents.
finding-change = Change status
finding-reason = Reason
finding-owner = Owner: { $owner }. By: { $due }.
finding-category-lighting = Lighting
finding-category-vegetation = Bushes and trees
finding-category-litter = Litter
finding-category-graffiti = Graffiti
finding-category-other = Other
finding-status-reported = Reported
finding-status-planned = Planned
finding-status-fixed = Fixed
finding-status-wont_fix = Not to be done
findings-public-heading = From the safety walks
findings-public-lead = What we found on the safety walks, and how it is going.
findings-public-none = No findings from safety walks here yet.
findings-all-statuses = All
findings-walked = Safety walk { $date }
field-status-filter = Status of findings
inputs-download = Open data – published inputs and findings:
inputs-export-kind = Kind
inputs-export-date = Date
inputs-export-locality = Locality
inputs-export-place = Place
inputs-export-address = Address
inputs-export-category = What it is about
inputs-export-text = Text
inputs-export-status = Status
inputs-export-reason = Reason
inputs-export-owner = Owner
inputs-export-due = By
inputs-export-lat = Latitude
inputs-export-lon = Longitude
input-status-pending = Waiting for moderation
input-status-published = Published
input-status-hidden = Hidden
inputs-export-precision = Position
inputs-export-precision-point = Marked on the map
inputs-export-precision-place = Where the place is
field-moderation-address = Address or place shown
field-moderation-address-hint = As the resident typed it. Remove names, phone numbers and anything that points to a home; leave empty to show no address.
field-moderation-point = The point on the map
field-moderation-point-hint = The resident marked a point, perhaps at their own door. The public sees it approximately (within about 300 metres) unless you confirm that it marks a public place. Move it by changing the coordinates.
moderation-point-approximate = Show approximately (about 300 metres)
moderation-point-exact = Show exactly: the point marks a public place (street, park, school, stop)
moderation-point-remove = Remove the point
field-latitude = Latitude
field-longitude = Longitude
inputs-export-precision-area = Approximate position (about 300 metres)
inputs-export-moderation = Moderation
inputs-export-hidden-reason = Why hidden
inputs-export-age-band = Age
inputs-export-gender = Gender
staff-inputs-export = Every input kept (also those waiting or hidden, with age and gender), for analysis within the municipality and the police:
inputs-export-kind-input = Input
inputs-export-kind-finding = Safety-walk finding
voices-said-label = You said:
voices-said = { $count ->
    [one] one input from residents
   *[other] { $count } inputs from residents
}
voices-done-label = We did (safety walks):
field-commitment = Link to a commitment
staff-no-commitment = No particular commitment
field-focus-link = Link to a focus area
staff-no-focus-area = No particular focus area

## Citizen dialogues (medborgardialoger)

dialogues-title = Citizen dialogues
dialogues-intro = Register a citizen dialogue (medborgardialog) with its date, place, format and how many took part, by gender and age (no names). The dialogue counts as an activity (citizen dialogue), and what came up is entered as inputs that are shown at once.
dialogues-none = No citizen dialogues are registered yet.
dialogues-inputs = inputs
dialogues-participants = { $count } participants
dialogues-add = Register a citizen dialogue
dialogues-save = Save the dialogue
dialogues-by-gender = Participants by gender
dialogues-by-age = Participants by age
dialogues-counts-hint = Numbers; leave empty what you did not count.
field-dialogue-date = Date
field-dialogue-place = Place
field-dialogue-format = Format
dialogue-format-meeting = Meeting
dialogue-format-street_survey = Street survey
dialogue-format-web_survey = Web survey
dialogue-format-other = Other
dialogue-title = Citizen dialogue { $date }
dialogue-facts = { $place }, { $format }. Participants by gender: { $genders }. By age: { $ages }.
dialogue-raised = What came up
dialogue-none-raised = Nothing is entered yet.
dialogue-add-input = Enter an input from the dialogue
dialogue-add-input-hint = Write without names; the input is shown at once in the list of residents' inputs.
dialogue-save-input = Save the input
inputs-from-dialogue = From the citizen dialogue { $date }

## Maps
map-label = Map
map-input-help = Click or tap the map where it applies, and that point is saved. The map is optional: the locality and place in the lists are enough.
map-list-help = The map shows the same inputs and findings as the list below, at their places. Choose a marker to read more.
map-picked = You have marked a point on the map.
map-none-picked = No point marked.
map-remove = Remove the point
map-mark-centre = Mark the centre of the map
map-nearest = The locality nearest the point is chosen in the list above. Change it if it is wrong.
map-boundary-source = Municipality boundary: { $source }
map-draw-label = Draw on the map
map-draw-point = Mark a point
map-draw-line = Draw a line
map-draw-area = Draw an area
map-draw-undo = Remove the last point
map-draw-clear = Remove the shape
map-draw-add-centre = Add the map's centre
map-draw-line-status = Line with { $count } points. Click on the map to add more; the shape is written in the Shape field below.
map-draw-area-status = Area with { $count } corners. Click on the map to add more; the shape is written in the Shape field below.
map-draw-start = Click on the map to place the points one at a time.
map-draw-other = The shape has several parts and is shown on the map; drawing replaces it.
field-input-position = Place on the map
finding-photo-alt = Photo from the safety walk
finding-photo-link = Show photo
field-finding-photo = Photo (optional)
field-finding-photo-hint = JPEG or PNG, at most { $max_mb } MB. The photo is shown publicly on the site: avoid faces and number plates. Details the phone stores in the picture (such as position and model) are removed, and large pictures are made smaller.
finding-assign = Change owner or date
finding-assign-save = Save owner
finding-photo-add = Add photo
finding-photo-replace = Replace photo
finding-photo-saved = The photo is saved.

## The pages a public-sector site must have (about.rs)
footer-accessibility = Accessibility
footer-privacy = Personal data
footer-contact = Contact
about-owner-unknown = The organisation that runs this site
about-contact-unknown = the contact details the organisation gives (not filled in yet)
about-contact-line = Contact: { $contact }
about-a11y-title = Accessibility statement
about-a11y-intro = { $owner } is responsible for this website. We want as many people as possible to be able to use it. This statement describes how the site meets the Swedish law on accessibility of digital public services, which problems are known, and how you can report problems to us so that we can fix them.
about-a11y-how-heading = How accessible is the website?
about-a11y-compliance-full = The website fully complies with the law on accessibility of digital public services.
about-a11y-compliance-partial = The website partially complies with the law on accessibility of digital public services, because of the problems described below.
about-a11y-compliance-none = The website does not comply with the law on accessibility of digital public services. The known problems are described below.
about-a11y-issues-heading = Content that is not accessible
about-a11y-issue-maps = The maps cannot be fully used with a keyboard or a screen reader. Everything the maps show is also in lists and tables beside them, and you can choose locality and place from lists instead of on the map.
about-a11y-issue-pdf = The PDF reports are tagged with headings, tables and language, but have not been checked by hand with a screen reader. The same content is available as a web page.
about-a11y-issue-charts = The charts of how the work is going and of the safety survey are images with a text description; the figures are also in tables on the same page.
about-a11y-report-heading = What can you do if you cannot use parts of the website?
about-a11y-report = If you need content from the website in another format, or find problems that are not described here, contact us and we will help you and fix the problem. Contact: { $contact }
about-a11y-supervision-heading = Supervision
about-a11y-supervision = The Agency for Digital Government (Digg) supervises the law on accessibility of digital public services. If you are not satisfied with how we handle your comments, you can contact Digg and tell them.
about-a11y-supervision-link = Report to Digg
about-a11y-tested-heading = How we tested the website
about-a11y-tested = Every change to the Löfte software is tested automatically in a real browser with the axe tool against WCAG 2.1 levels A and AA, on every public page and staff page, in Swedish and English, on a wide screen and at a phone's width. The pages work without JavaScript.
about-a11y-reviewed = The statement was last reviewed on { $date }.
about-privacy-index-title = Personal data
about-privacy-index-intro = Each municipality is responsible for the personal data its residents leave here. Choose a municipality to read what is kept, why and for how long.
about-privacy-index-none = No municipality has published citizen promises here yet.
about-privacy-staff-heading = Staff accounts
about-privacy-staff = For staff of municipalities and the police, we keep their e-mail address, name, a hashed password (never the password itself), the organisations they belong to and a log of changes to the account. { $owner } is responsible for these data.
about-privacy-title = Personal data
about-privacy-heading = How { $municipality } handles your personal data
about-privacy-intro = Here you can send comments about safety and read how the police and the municipality follow up their citizen promises. We do not ask for your name, e-mail address or phone number, and we do not store your IP address.
about-privacy-who-heading = Who is responsible?
about-privacy-controller = Data controller for what you send through the form and for the municipality's data here: { $controller }.
about-privacy-police = The Swedish Police Authority is responsible for the data the police enter themselves, such as reported controls and operations.
about-privacy-officer = Data protection officer: { $officer }
about-privacy-kept-heading = What is kept, and for how long?
about-privacy-col-what = What
about-privacy-col-how-long = How long
about-privacy-kept-input = What you write in the form Have your say on safety: what it is about, your text, locality and place, and if you choose, age group and gender.
about-privacy-kept-input-time = What is not published is deleted after one year. What is published is kept as long as the follow-up of the promise is public. Before anything is published, a member of staff removes names, phone numbers and anything else that could identify someone.
about-privacy-kept-place = An address you type or a point you mark on the map.
about-privacy-kept-place-time = A member of staff sees it and can change or remove it before publishing. The public sees a marked point only approximately, within about 300 metres, unless the staff member has confirmed that it marks a public place.
about-privacy-kept-network = Your IP address.
about-privacy-kept-network-time = Not stored. It is used only in memory, to limit how many comments can be sent at a time.
about-privacy-kept-dialogue = Comments from citizen dialogues, entered by staff.
about-privacy-kept-dialogue-time = Without names; the number of participants by gender and age group, not who they were.
about-privacy-kept-survey = Answers to the safety survey.
about-privacy-kept-survey-time = Without the respondents' ids. Results are shown only for groups with enough answers that no one can be singled out.
about-privacy-kept-staff = A log of which staff member changed what.
about-privacy-kept-staff-time = The log says who made a change and when, but does not keep the text that a staff member removed from a comment.
about-privacy-basis-heading = Why we may process the data
about-privacy-basis = The data are processed to perform a task in the public interest: the police and the municipality working together for safety and following up what they promised residents (GDPR Article 6(1)(e)).
about-privacy-rights-heading = Your rights
about-privacy-rights = You have the right to know which data about you are processed, to have wrong data corrected and to object to the processing. Since we do not store who sent a comment, you need to describe it (roughly when, where and what) for us to find it.
about-privacy-complaint = If you think we process your personal data wrongly, you can complain to the Swedish Authority for Privacy Protection (IMY).
about-privacy-complaint-link = The Swedish Authority for Privacy Protection
about-privacy-to-form = To the form Have your say on safety
about-contact-title = Contact and about this website
about-contact-owner = This website is run by { $owner }.
about-contact-police = This is not a way to contact the police. Call 112 for a crime in progress or when life is in danger, otherwise 114 14 or polisen.se.
about-contact-software = The website uses Löfte, free software (AGPL-3.0) for citizen promises.

# Correcting a closed promise
promise-correct-title = Correct the texts of { $title }
promise-correct-intro = The year is closed, so commitments, targets and plan stay as they were. Typos and the like in the texts can be corrected, and an English version can be added. The correction is published at once with today's date and what you write about what was corrected; the old texts stay in the history.
promise-correct-promise-legend = The promise
promise-correct-commitments-legend = The commitments
promise-correct-focus = Focus area { $number }
promise-correct-commitment = Commitment { $number } ({ $party })
promise-correct-in-english = { $label } in English
promise-correct-note-hint = Shown to residents with the date, for example "Typo in commitment 3".
promise-correct-save = Publish the correction
staff-correct-promise = Correct the texts
staff-english-full = English version of every text
staff-english-partial = English version of some texts
staff-english-none = No English version
history-promise-correct = The texts of the closed promise were corrected
change-corrected = Corrected:
