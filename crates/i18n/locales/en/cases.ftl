## An input as a case, and "Blev det gjort?"

input-case-title = Input { $reference }
input-case-heading = Input
input-case-open = The input's page:
input-case-withdrawn = This input was published and then withdrawn.
input-case-withdrawn-reason = Why:
input-case-handling = How it is handled
input-case-action = Action:
input-case-reply = Reply from the municipality and the police
input-case-no-reply = No reply yet.
input-case-has-reply = The municipality and the police have replied.
input-case-routed = Responsible unit: { $unit }
input-case-answered = The resident answered: { $answer }
resident-answer-yes = Yes
resident-answer-partly = Partly
resident-answer-no = No

staff-cases-heading = Published inputs
staff-cases-lead = Reply publicly, route to the unit responsible, make it an action with an owner and a date, or withdraw an input that should not have been published.
staff-cases-none = No inputs are published yet.
staff-cases-replied = Replied
staff-cases-open = Not handled yet
staff-case-public = Everything you write here is shown on the input's public page.
staff-case-public-page = See the public page
staff-case-will-ask = The resident left their e-mail address and will be asked whether it was done when the action is marked fixed, or four weeks after publication.
field-case-reply = Reply to residents
field-case-reply-hint = Shown publicly. At most 4,000 characters.
field-case-routed = Responsible unit
field-case-status = Status
field-withdraw-reason = Why is it withdrawn?
field-withdraw-reason-hint = Shown to residents on the input's page, instead of its text.
staff-case-action = Action
staff-case-no-action = No action
staff-case-save = Save
staff-case-saved = The case is saved.
staff-case-withdraw-heading = Withdraw the input
staff-case-withdraw-lead = The input is taken off the list and the map. Its page only says that it was withdrawn and why. If the resident left their e-mail address, it is deleted.
staff-case-withdraw = Withdraw

question-subject = Was it done? Your input { $reference } to { $municipality }
question-body = You wrote to { $municipality } on { $date } (input { $reference }):
question-reply = The reply from the municipality and the police: { $reply }
question-why = Was it done? Answer with a button on the page below. Your answer is shown with the input. Your e-mail address is deleted when you answer, and otherwise three months after you wrote. We will send nothing more.
question-link = Answer here
question-title = Was it done?
question-intro = You wrote in input { $reference }:
question-public = Was it done? Your answer is shown publicly with the input, without your name or address. Your e-mail address is deleted when you answer.
question-see-input = See the input
question-thanks-title = Thank you for your answer
question-thanks = You answered “{ $answer }”. It is now shown with the input, and your e-mail address is deleted.
question-gone-title = This link does not work
question-gone = The question is already answered, or the time to answer has run out. Nothing was changed.

## Units inputs are routed to

units-title = Units
units-intro = Units that residents' inputs can be sent on to. The name is shown publicly with the input. A unit with an e-mail address gets a message when an input is sent to it.
units-none = No units yet. Add the first one below.
units-caption = Units to send inputs to
units-no-email = No e-mail: gets no message
units-remove = Remove
units-remove-named = Remove { $name }
units-add = Add a unit
units-add-button = Add
field-unit-name = The unit's name
field-unit-name-hint = Shown publicly with inputs sent to the unit, e.g. “Planning and building department, streets and parks”.
field-unit-email = The unit's e-mail (optional)
field-unit-email-hint = A shared mailbox, not a person's address. It is not shown to residents.
field-case-routed-hint = The unit gets an e-mail if it has an address. The units are listed under Units.
staff-case-no-unit = No unit
staff-case-former-unit = { $unit } (no longer in the list)
staff-case-saved-unit-told = The case is saved, and { $unit } has been sent an e-mail about the input.
staff-case-units-link = Add or change units
routing-subject = Input { $reference } has been sent to { $unit }
routing-intro = { $municipality } has sent an input from a resident to you: { $category }, { $place }. It is published, and the resident can follow how it is handled.
routing-text = The input: “{ $text }”
routing-open = Open the case in Löfte
