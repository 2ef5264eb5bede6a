## An input as a case, and "Blev det gjort?"

input-case-title = Synpunkt { $reference }
input-case-heading = Synpunkt
input-case-open = Synpunktens sida:
input-case-withdrawn = Synpunkten har publicerats men dragits tillbaka.
input-case-withdrawn-reason = Varför:
input-case-handling = Så hanteras den
input-case-action = Åtgärd:
input-case-reply = Svar från kommunen och polisen
input-case-no-reply = Inget svar ännu.
input-case-has-reply = Kommunen och polisen har svarat.
input-case-routed = Ansvarig enhet: { $unit }
input-case-answered = Invånaren svarade: { $answer }
resident-answer-yes = Ja
resident-answer-partly = Delvis
resident-answer-no = Nej

staff-cases-heading = Publicerade synpunkter
staff-cases-lead = Svara öppet, skicka vidare till den enhet som ansvarar, gör en åtgärd med ansvarig och datum, eller dra tillbaka en synpunkt som inte borde ha publicerats.
staff-cases-none = Inga synpunkter är publicerade ännu.
staff-cases-replied = Besvarad
staff-cases-open = Inte hanterad ännu
staff-case-public = Allt du skriver här visas på synpunktens öppna sida.
staff-case-public-page = Se den öppna sidan
staff-case-will-ask = Invånaren har lämnat sin e-post och får en fråga om det blev gjort när åtgärden markeras som åtgärdad, eller fyra veckor efter publiceringen.
field-case-reply = Svar till invånarna
field-case-reply-hint = Visas öppet. Högst 4 000 tecken.
field-case-routed = Ansvarig enhet
field-case-status = Status
field-withdraw-reason = Varför dras den tillbaka?
field-withdraw-reason-hint = Visas för invånarna på synpunktens sida, i stället för texten.
staff-case-action = Åtgärd
staff-case-no-action = Ingen åtgärd
staff-case-save = Spara
staff-case-saved = Ärendet är sparat.
staff-case-withdraw-heading = Dra tillbaka synpunkten
staff-case-withdraw-lead = Synpunkten tas bort från listan och kartan. Dess sida visar bara att den dragits tillbaka och varför. Om invånaren lämnat sin e-post raderas den.
staff-case-withdraw = Dra tillbaka

question-subject = Blev det gjort? Din synpunkt { $reference } till { $municipality }
question-body = Du skrev till { $municipality } den { $date } (synpunkt { $reference }):
question-reply = Svaret från kommunen och polisen: { $reply }
question-why = Blev det gjort? Svara med en knapp på sidan nedan. Ditt svar visas vid synpunkten. Din e-postadress raderas när du svarat, och annars tre månader efter att du skrev. Vi skickar inget mer.
question-link = Svara här
question-title = Blev det gjort?
question-intro = Du skrev i synpunkt { $reference }:
question-public = Blev det gjort? Ditt svar visas öppet vid synpunkten, utan ditt namn eller din adress. Din e-postadress raderas när du svarat.
question-see-input = Se synpunkten
question-thanks-title = Tack för ditt svar
question-thanks = Du svarade ”{ $answer }”. Det visas nu vid synpunkten, och din e-postadress är raderad.
question-gone-title = Länken gäller inte
question-gone = Frågan är redan besvarad, eller så har tiden för att svara gått ut. Inget har ändrats.

## Units inputs are routed to

units-title = Enheter
units-intro = Enheter som synpunkter från invånare kan skickas vidare till. Namnet visas öppet vid synpunkten. En enhet med e-postadress får ett meddelande när en synpunkt skickas till den.
units-none = Inga enheter ännu. Lägg till den första nedan.
units-caption = Enheter att skicka synpunkter till
units-no-email = Ingen e-post: får inget meddelande
units-remove = Ta bort
units-remove-named = Ta bort { $name }
units-add = Lägg till en enhet
units-add-button = Lägg till
field-unit-name = Enhetens namn
field-unit-name-hint = Visas öppet vid synpunkter som skickas till enheten, t.ex. ”Samhällsbyggnadsförvaltningen, gata/park”.
field-unit-email = Enhetens e-post (frivillig)
field-unit-email-hint = En gemensam funktionsbrevlåda, inte en persons adress. Den visas inte för invånarna.
field-case-routed-hint = Enheten får ett e-postmeddelande om den har en adress. Enheterna finns under Enheter.
staff-case-no-unit = Ingen enhet
staff-case-former-unit = { $unit } (inte längre i listan)
staff-case-saved-unit-told = Ärendet är sparat, och { $unit } har fått ett e-postmeddelande om synpunkten.
staff-case-units-link = Lägg till eller ändra enheter
routing-subject = Synpunkt { $reference } har skickats till { $unit }
routing-intro = { $municipality } har skickat en synpunkt från en invånare till er: { $category }, { $place }. Den är publicerad, och invånaren kan följa hur den hanteras.
routing-text = Synpunkten: ”{ $text }”
routing-open = Öppna ärendet i Löfte
