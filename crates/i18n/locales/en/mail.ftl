## E-mail: the words under every message

mail-footer-follower = You get this message because you follow it on { $site }. Your address is used for this only.
mail-footer-one-off = This message was sent from { $site } because someone asked for it.
mail-unsubscribe = Stop following (one click)
mail-manage = See, change or delete everything stored about your address

## Notices to followers

notice-follow-up-title = { $municipality }: { $report } is published
notice-follow-up-summary = How the promise's { $count } commitments are going, according to the police and the municipality:
notice-read-report = Read the follow-up

## The staff page of e-mail sent (administrators)

mail-log-title = E-mail sent
mail-log-empty = No e-mail has been sent yet.
mail-log-caption = The latest e-mail, newest first
mail-col-when = Created
mail-col-kind = Kind
mail-col-subject = Subject
mail-col-to = To
mail-col-state = State
mail-kind-follow-confirm = Confirm a follow
mail-kind-password-reset = New password
mail-kind-notice = News to followers
mail-to-follower = A follower (the address is not shown)
mail-state-sent = Sent { $time }
mail-state-failed = Given up
mail-state-waiting = Waiting (attempts so far: { $attempts })
mail-waiting = Waiting to be sent: { $count }
mail-transport-none = E-mail is not set up.
mail-transport-smtp = E-mail goes to the mail server (smtp_url).
mail-transport-files = No mail server is set up: messages are written as files in { $dir } and can be read here.
notice-analysis-title = { $municipality }: the situation picture's analysis for tertial { $tertial } { $year } is published
notice-analysis-summary = The police and the municipality have written what the tertial's reports show and what they do next.
notice-read-analysis = Read the analysis
notice-digest-subject = New in what you follow: { $count } { $count ->
        [one] event
       *[other] events
    }
notice-digest-intro = This has happened in what you follow since the last summary:
mail-kind-reminder = Reminder to staff
mail-kind-digest = Summary to followers
mail-kind-question = “Was it done?” to a resident
mail-kind-routing = Input to a unit

## Staff reminders (weekly)

reminder-subject = Löfte: { $count } { $count ->
        [one] thing
       *[other] things
    } to do
reminder-intro = Hello { $name }! Below is what is yours to do in Löfte right now, the late first.
reminder-turn-off = Would you rather not get this reminder every week? Turn it off under My account: { $address }
reminder-dashboard = Open your dashboard
notice-input-published-title = New input in { $place }: { $category }
notice-input-changed-title = Input { $reference } in { $place } was handled
notice-input-status = The action: { $status }.
notice-input-reply = Reply: { $reply }
notice-read-input = Read the input
notice-promise-published-title = { $municipality }: the citizen promise { $years } is published
notice-promise-published-summary = The police and the municipality have made a new citizen promise with { $count } commitments.
notice-promise-changed-title = { $municipality }: the citizen promise { $years } has changed
notice-promise-changed-summary = This has changed since we last wrote:
notice-commitment-changed-title = { $municipality }: a commitment in the citizen promise { $years } has changed
notice-commitment-removed-title = { $municipality }: a commitment has been removed from the citizen promise { $years }
notice-read-promise = Read the promise
notice-finding-title = Safety-walk finding in { $place }: { $status }
notice-read-findings = See the findings
