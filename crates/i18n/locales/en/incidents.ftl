## Incident reports (lägesbild)

incident-category-vandalism = Vandalism
incident-category-graffiti = Graffiti
incident-category-gathering = Gathering that makes people feel unsafe
incident-category-disorder = Other disorder
incident-category-motor_vehicles = Disturbance from motor vehicles
incident-category-drug_find = Drug-related find
incident-category-fire = Fire
incident-category-unsafe_place = Unsafe place
incident-category-event = Event
cli-incidents-imported = { $added } incident reports imported, { $present } were already there.
situation-title = Situation picture for { $municipality }
situation-breadcrumb = Situation picture
situation-lead-public = Incidents reported by the municipality's services and partners, by category, a year at a time compared with the same days a year before. Counts below { $threshold } are not shown, so that no single incident can be singled out.
situation-lead-staff = Every reported incident by category, a year at a time compared with the same days a year before. The public sees the same table but no counts below five.
situation-period = { $from } – { $to }, compared with the same days a year before ({ $before_from } – { $before_to }).
situation-synthetic = Example data: the incidents are made up for the demo.
situation-none = No incidents have been reported for these periods.
situation-caption = Reported incidents by category
situation-col-category = Category
situation-col-now = { $year }
situation-col-before = Same period { $year }
situation-col-verdict = Assessment (change, 95 % interval)
situation-fewer-than = fewer than { $count }
situation-held-back = not shown (few incidents)
situation-change = { $change } ({ $lower } to { $upper })
situation-change-none-before = none last year
situation-explain-heading = How to read the figures
situation-explain-interval = The number of incidents varies by chance even when nothing has changed. The interval shows which changes are consistent with the figures; only when the whole interval lies on one side of zero do we say things got better or worse.
situation-explain-source = The figures are reports, not recorded crimes: they show what was seen and reported, and depend on how many report.
incident-title = Report an incident
incident-what = What happened?
incident-where = Where?
incident-save = Save the incident
incident-saved = Saved: { $category }, { $date }, { $place }. Thank you!
incident-confirm-no-personal-data = I have checked that it is not personal data.
field-incident-text = Short description (optional)
field-incident-text-hint = Describe the place and the incident, never people: no names, identity numbers or phone numbers.
field-reporter = Reporting organisation
incident-reporting-for = You report for { $organisation }.
field-reporter-hint = For example "Gnestahem" or "The municipality's field team". The next report keeps what you write.
field-incident-when = When did it happen?
field-incident-when-hint = Stays at now unless you change it; if you report afterwards, give the time it happened.
incidents-title = This week's incident reports
incidents-weeks = Weeks
incidents-previous = Previous week
incidents-next = Next week
incidents-week = Week { $week }: { $from } – { $to }
incidents-own-title = Our incident reports
incidents-none = No incidents have been reported this week.
incidents-to-review = { $count ->
    [0] All have been reviewed.
    [one] One has not been reviewed yet.
   *[other] { $count } have not been reviewed yet.
  }
incidents-reviewed = Reviewed
incidents-category = Category
incidents-mark-reviewed = Mark as reviewed
incidents-duplicate-of = The same incident as
incidents-remove-duplicate = Remove as a duplicate
cli-demo-incidents = Example data: { $added } made-up incident reports for Flen 2020 and 2021 loaded (marked as example data).
cli-demo-police-events = Example data: { $added } made-up police events for Flen 2020 and 2021 loaded (marked as example data).
cli-demo-crime-stats = Example data: { $crime } made-up figures of reported crime and { $population } population figures for Flen 2020 and 2021 loaded (marked as example data).
situation-years = Years

situation-police-heading = The police's events
situation-police-lead = Events the police published on polisen.se that Löfte assigned to the municipality, over the same periods. They are a selection of the police's work, not all crime.
situation-police-less-sure = { $count } of them were assigned to the municipality only by the place in the title or the feed's position, and may belong to a neighbouring municipality.
situation-police-synthetic = Example data: the police events here are made up for the demo.
situation-police-caption = The police's events by type
situation-police-col-kind = Type of event

situation-crime-heading = Reported crime per 100,000 residents
situation-crime-lead = Reported crime according to the official crime statistics, { $basis }, against the same part of the year before. { $population }
situation-crime-basis-year = the whole year
situation-crime-basis-quarters = quarters { $parts }
situation-crime-basis-halves = half-years { $parts }
situation-crime-population = Per 100,000 residents counted on the population of { $year } ({ $residents } residents); the change is in the number per resident, with its 95 % interval.
situation-crime-no-population = No population figure is imported, so no rates per resident are shown.
situation-crime-rate = { $rate } per 100,000
situation-crime-preliminary = (preliminary)
situation-crime-synthetic = Example data: the crime statistics and population here are made up for the demo.
situation-crime-caption = Reported crime by type
situation-crime-col-category = Type of crime
situation-crime-col-verdict = Verdict (change per resident, 95 % interval)

situation-when-where-heading = When and where
situation-when-where-lead = Weeks, times and places for { $category }. Choose a category:
situation-categories = Categories
situation-all-categories = All categories
situation-all-categories-lower = all categories
situation-weeks-heading = The last weeks
situation-weeks-caption = Reports by week, against the same week a year before
situation-week = Week { $week } ({ $from }–{ $to })
situation-week-col = Week
situation-week-before = Same week { $year }
situation-grid-heading = Weekday and time
situation-grid-caption = Reports by weekday and hour
situation-grid-col-day = Day
situation-grid-note-public = Hours are grouped four at a time, and cells with fewer than { $threshold } reports show as “<{ $threshold }”.
situation-grid-without-time = { $count } reports gave no time of day and are not in the table.
situation-map-label = Map of the places with the most reports
situation-map-help = The map shows the same places as the list below. A cell is drawn at its centre, never where a single incident was reported.
situation-map-reports = { $count } reports
situation-hot-spots-heading = Places with the most reports
situation-hot-spots-public = Places and areas with at least { $threshold } reports in the period. Points that belong to no place are counted in cells of about 300 × 300 metres.
situation-hot-spots-staff = Places, and points gathered in cells of about 300 × 300 metres, with the most reports in the period.
situation-hot-spots-none = No place has enough reports to be shown.
situation-hot-spot-cell = The cell around { $lat }, { $lon }
situation-col-reports = Reports
situation-col-place = Place
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

## The police's public events (polisen.se)

cli-events-imported = { $added } police events imported, { $present } were already there. Assigned to a municipality:
events-assigned-location = by the feed's location (sure)
events-assigned-title = by the place in the title (likely)
events-assigned-point = by the position (unsure: the feed's point is often the county's centre)
events-unassigned = without a municipality (for example the county's summaries)

## Crime statistics and population

cli-crime-stats-imported = { $stored } figures of reported crime stored; { $unpublished } rows without a published figure (..) were skipped.
cli-population-imported = { $stored } population figures stored; { $unpublished } rows without a published figure (..) were skipped.

# The picture as CSV
situation-download-csv = Download as CSV
situation-csv-source = Source
situation-csv-reports = Incident reports
situation-csv-police = Police events
situation-csv-crime = Reported crime
situation-csv-crime-preliminary = Reported crime (preliminary)
situation-csv-category = Category
situation-csv-from = From
situation-csv-to = To
situation-csv-before-from = Compared from
situation-csv-before-to = Compared to
situation-csv-count = Count
situation-csv-count-before = Count compared with
situation-csv-ratio = Change (ratio)
situation-csv-lower = Lower bound (95 %)
situation-csv-upper = Upper bound (95 %)
situation-csv-verdict = Verdict

# The tertial analysis
analysis-title = Situation picture tertial { $tertial } { $year }
analysis-reports-heading = Incident reports
analysis-col-change = Change
analysis-hot-places-lead = The places with the most reports in the tertial. Places with fewer than { $threshold } reports are not shown to the public.
analysis-police-less-sure = { $count } of them are linked to the municipality only by the place in the title or the coordinates.
analysis-heading = Analysis
analysis-next-steps-heading = What we do next
analysis-not-written = The analysis has not been written yet.
analysis-published-on = Published { $date }.
analysis-draft-note = Draft: the figures are counted again until the analysis is published.
analyses-heading = Situation picture by tertial
analyses-lead = The coordinator writes an analysis of each tertial. When it is published, the figures are kept with it, so the analysis always says what it said.
analyses-none = No analysis has been published yet.
analyses-staff-title = Analyses of the situation picture
analyses-staff-lead = Write an analysis for each tertial: what the reports show, why, and what the parties do next. Save a draft, preview and publish. Publishing keeps the tertial's figures with it.
analyses-col-tertial = Tertial
analyses-col-status = Status
analysis-status-none = Not started
analysis-status-draft = Draft
analysis-status-published = Published { $date }
analysis-write = Write
analysis-edit = Continue writing
analysis-read = Read
field-analysis = Analysis
field-analysis-hint = What do the reports show, and why? Do not write names or anything else that points out individuals. Blank lines separate paragraphs.
field-next-steps = What we do next (optional)
analysis-save = Save draft
analysis-preview = Preview
analysis-publish = Publish
analysis-saved = The draft is saved.
analysis-preview-heading = Preview: how residents will see the analysis
analysis-preview-lead = Figures below 5 are shown as “fewer than 5”. Publishing keeps the tertial's figures as they are now, and the analysis cannot be changed afterwards.
analysis-download-pdf = Download as PDF
