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
account-reminder-heading = Weekly reminder
account-reminder-label = Send me a reminder every week of what is mine to do
account-reminder-hint = One e-mail a week with late and soon due tasks in your municipalities. Nothing to do, no e-mail.
account-reminder-save = Save
account-reminder-on = You get a reminder every week.
account-reminder-off = You will get no more reminders. Your overview still shows what is yours to do.
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
due-inputs-late = { $count ->
    [one] 1 input from residents has been waiting for moderation for more than a week
   *[other] { $count } inputs from residents are waiting for moderation, { $late } of them for more than a week
}
due-input-actions = { $count ->
    [one] 1 action on an input is past its date
   *[other] { $count } actions on inputs are past their date
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
role-partner = Partner
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

## A commitment measured by the situation picture
indicator-legend = Measured in the situation picture
indicator-lead = Is the commitment measured by the incident reports, for example fewer reports of motor-vehicle disturbance at the travel centre in the evenings? Then the page, the follow-ups and the final report show the change against a comparison year. Leave empty if the commitment is not measured this way.
field-indicator-categories = Categories counted
field-indicator-categories-hint = Tick at least one category. Tick none if the commitment is not measured in the situation picture.
field-indicator-places = Only reports from these places
field-indicator-places-hint = Tick none if reports from the whole municipality count.
field-indicator-from = Only reports from
field-indicator-from-hint = HH:MM, by when the incident began. Leave both times empty if every time counts.
field-indicator-to = Until
field-indicator-baseline = Comparison year
field-indicator-baseline-hint = The year whose same days are compared with, for example the year before the promise.
field-indicator-better = What is better
indicator-better-lower = Fewer reports is better
indicator-better-higher = More reports is better

## Forgotten password

reset-link = Forgot your password?
reset-title = Forgotten password
reset-intro = Write the e-mail address you sign in with. If an account has the address, it gets a link to choose a new password.
reset-submit = Send the link
reset-sent = If an account has the address, we have sent a link to it. The link works for 30 minutes and once.
reset-back-to-login = Back to signing in
reset-mail-subject = Choose a new password for Löfte
reset-mail-body = Someone asked to choose a new password for your account. The link works for 30 minutes and once. When you have chosen a new password, every other session of the account is signed out.
reset-mail-not-you = If you did not ask for it, ignore this message: the password does not change.
reset-mail-link = Choose a new password
reset-new-title = Choose a new password
reset-new-intro = For the account { $email }. Every other session of the account is signed out when you save.
reset-new-submit = Save the new password
reset-gone-title = The link does not work
reset-gone = The link is too old, used already or altered. Nothing was changed. Ask for a new link.
reset-ask-again = Ask for a new link
reset-done-title = The password is changed
reset-done = Sign in with the new password. Every other session of the account is signed out.
