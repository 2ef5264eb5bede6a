## Site chrome

site-name = Löfte
site-tagline = Citizen promises from the Police and the municipalities
skip-to-content = Skip to content
nav-home = Home
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
field-finding-photo = Photo (optional)
field-finding-photo-hint = JPEG or PNG, at most { $max_mb } MB. The photo is shown publicly on the site: avoid faces and number plates. Details the phone stores in the picture (such as position and model) are removed, and large pictures are made smaller.
finding-assign = Change owner or date
finding-assign-save = Save owner
finding-photo-add = Add photo
finding-photo-replace = Replace photo

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
about-privacy-intro = Here you can send comments about safety and read how the police and the municipality follow up their citizen promises. We do not ask for your name or phone number, and we do not store your IP address. Your e-mail address is stored only if you leave it yourself: to follow something here, or to be asked “Was it done?” about an input.
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
about-privacy-kept-follow = Your e-mail address, if you follow a promise, a commitment or the situation picture, and what you follow.
about-privacy-kept-follow-time = Until you unsubscribe with the link in every message. An address never confirmed is deleted after a week, and an address that cannot be delivered to is deleted after a year. The address is shown nowhere, given to no one and kept in no backup.
about-privacy-kept-question = Your e-mail address, if you leave it with an input to be asked “Was it done?”, and your answer.
about-privacy-kept-question-time = The address is stored apart from the input and deleted when you answer, when the input is withdrawn, or three months after you wrote at the latest. It is not in the backups. The answer (yes, partly or no) is shown with the input.
about-privacy-kept-network = Your IP address.
about-privacy-kept-network-time = Not stored. It is used only in memory, to limit how many comments can be sent at a time.
about-privacy-kept-dialogue = Comments from citizen dialogues, entered by staff.
about-privacy-kept-dialogue-time = Without names; the number of participants by gender and age group, not who they were.
about-privacy-kept-incident = Incident reports from the municipality's services and partners (housing companies, for example), about places and events, never people.
about-privacy-kept-incident-time = The text is removed two years after the incident; category, time and place stay for the situation picture. The public sees counts only, none below five.
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
