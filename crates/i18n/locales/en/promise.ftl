## Municipality and promise pages

municipality-title = { $name } – citizen promises
municipality-no-promise = { $name } has not published a citizen promise yet.
municipality-police = Local police area { $area }, { $region }
promise-years-nav = Citizen promises by year
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
exclusion-other-type = they are of another type than the target counts
exclusion-other-party = they were done by another party than the one that promised
exclusion-outside-period = they took place outside the promise's years

## Correcting a closed promise
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

# Hints for writing commitments that can be followed up (lint)
hints-heading = Tips for a commitment that can be followed up
hints-lead = Tips, not requirements: the commitment is saved as it is.
hint-vague-verb = “{ $value }” promises an effort, not something done.
hint-vague-verb-suggestion = Write what will be done and how much, for example “at least 20 traffic controls at the schools during the term”.
hint-no-number = The commitment has no number.
hint-no-number-suggestion = Add a target counted from logged activities, or write a number in the text.
hint-no-place = The commitment does not say where.
hint-no-place-suggestion = Name the places where the problems are greatest, or limit the target to the municipality's places.
hint-no-time = The commitment does not say when.
hint-no-time-suggestion = Write when the work is done: months, weekdays or times of day, or a target per year or tertial.
hint-no-responsible = It does not say who does it.
hint-no-responsible-suggestion = Write who is responsible: the police, the municipality or a named partner.
hint-no-data-source = It does not say how you will know it was done.
hint-no-data-source-suggestion = Add a target counted from logged activities, or name the source: the safety survey, a citizen dialogue or statistics.
hint-outcome-without-indicator = The outcome goal has no indicator in the safety survey.
hint-outcome-without-indicator-suggestion = Link the outcome goal to questions of the safety survey, so the follow-up shows whether it was reached.
hint-unlogged-type = No one has logged the activity type “{ $value }” in the last year.
hint-unlogged-type-suggestion = Check that the type is the one actually logged, or agree on who logs it.

# A commitment measured by the situation picture
indicator-headline = Measured in the situation picture: { $what }, { $now } reports { $from } – { $to } against { $before } on the same days of { $baseline }.
indicator-at = { " " }at { $places }
indicator-hours = { " " }at { $from }–{ $to }
indicator-removed = incident reports (the measure has since been removed from the commitment)
indicator-summary = Situation picture: { $verdict }
indicator-synthetic = The reports are made-up example data for the demo.

# Did the work go where the problems were?
targeting-heading = Did the work go where the problems were?
targeting-places = { $within } of { $of } { $work } with a place ({ $share } %, { $lower }–{ $upper } %) took place where at least half of the reports were: { $places }. Spread evenly over the municipality's places, it would have been { $expected } %.
targeting-more-places = { " " }and { $count } more
targeting-hours = { $within } of { $of } { $work } ({ $share } %, { $lower }–{ $upper } %) took place in the { $hot } of the week's { $week } hours in which at least half of the reports came. Spread evenly over the hours, it would have been { $expected } %.
targeting-both = Both there and then: { $within } of { $of } { $work } with a place ({ $share } %, { $lower }–{ $upper } %). Spread evenly, it would have been { $expected } %.
targeting-no-work = No { $work } to count yet.
targeting-too-few = With fewer than { $min } reports with a place or with a time, there is no saying where or when the problems were greatest.
targeting-without-place = { $count } { $work } without a place are not in the share for places.
targeting-explain = The comparison uses this year's reports in the commitment's categories and this year's counted work. The intervals show the uncertainty with 95 % confidence; “more than even” means the whole interval lies above what evenly spread work would have given.
targeting-aim-more-than-even = More than even
targeting-aim-as-even = As if spread evenly
targeting-aim-less-than-even = Less than even
targeting-aim-not-measurable = Cannot be assessed
