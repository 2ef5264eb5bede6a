## Staff area

footer-staff = Inloggning för personal
staff-nav = Personal
logout = Logga ut
login-title = Logga in
login-intro = För personal hos polisen och kommunen som skriver och följer upp medborgarlöften.
login-submit = Logga in
login-organisation = Logga in med organisationens konto
login-or-password = Eller med e-postadress och lösenord
login-oidc-refused = Inloggningen via din organisation kunde inte slutföras. Börja om och försök igen.
login-oidc-unknown = Det finns inget konto i Löfte för den här inloggningen. Be en administratör att lägga upp dig med den e-postadress du har i din organisation.
login-oidc-unavailable = Din organisations inloggningstjänst svarar inte just nu. Försök igen om en stund, eller logga in med lösenord.
login-failed = Fel e-postadress eller lösenord.
login-too-many = För många försök. Vänta { $minutes ->
    [one] en minut
   *[other] { $minutes } minuter
} och försök igen.
account-title = Mitt konto
account-change-password = Byt lösenord
account-save-password = Spara nytt lösenord
account-password-changed = Lösenordet är bytt. Andra inloggningar på kontot har loggats ut.
account-reminder-heading = Veckopåminnelse
account-reminder-label = Skicka mig en påminnelse varje vecka om det som är mitt att göra
account-reminder-hint = Ett e-brev i veckan med försenade och snart förfallna uppgifter i dina kommuner. Inget att göra, inget brev.
account-reminder-save = Spara
account-reminder-on = Du får en påminnelse varje vecka.
account-reminder-off = Du får inga fler påminnelser. Din översikt visar fortfarande vad som är ditt att göra.
dashboard-title = Översikt
due-heading = Att göra
due-late = Försenat
finding-overdue = { $status }, försenat (skulle vara klart { $date })
due-draft = utkast
due-not-started = inte påbörjad
due-report = { $report } ({ $title }): { $state }, ska vara klar { $date }
due-report-late = { $report } ({ $title }): { $state }, skulle ha varit klar { $date }
due-inputs = { $count ->
    [one] 1 synpunkt från invånare väntar på granskning
   *[other] { $count } synpunkter från invånare väntar på granskning
}
due-inputs-late = { $count ->
    [one] 1 synpunkt från invånare väntar på granskning, sedan mer än en vecka
   *[other] { $count } synpunkter från invånare väntar på granskning, { $late } av dem sedan mer än en vecka
}
due-input-actions = { $count ->
    [one] 1 åtgärd efter en synpunkt har passerat sitt datum
   *[other] { $count } åtgärder efter synpunkter har passerat sitt datum
}
due-findings = { $count ->
    [one] 1 fynd från trygghetsvandringar har passerat sitt datum
   *[other] { $count } fynd från trygghetsvandringar har passerat sitt datum
}
due-walks = { $count ->
    [one] 1 trygghetsvandring skulle ha gjorts om
   *[other] { $count } trygghetsvandringar skulle ha gjorts om
}
dashboard-greeting = Välkommen, { $name }.
dashboard-empty = Ditt konto hör inte till någon kommun ännu. Be en administratör lägga till dig.
dashboard-no-promises = Inga medborgarlöften ännu.
status-draft = Utkast
status-signed = Undertecknat
status-published = Publicerat
status-closed = Avslutat
role-partner = Samarbetspartner
role-viewer = Läsare
role-analyst = Analytiker
role-reporter = Rapportör
role-coordinator = Samordnare
role-admin = Administratör
version-label = Version
staff-public-link = Visa den publika sidan
staff-edit-promise = Ändra löftets uppgifter
staff-add-commitment = Lägg till ett åtagande
staff-copy-next-year = Börja { $year } års löfte som en kopia av detta
new-commitment-title = Nytt åtagande
history-commitment-create = Ett åtagande lades till
staff-edit-commitment-named = Ändra åtagandet: { $text }
title-with-errors = Fel: { $title }
new-promise-title = Nytt medborgarlöfte
new-promise-intro = Skriv grunderna här; fler åtaganden, mätbara mål och undertecknare lägger du till efteråt. Löftet sparas som utkast och syns inte för invånarna förrän det publiceras. Slutredovisningen planeras till första kvartalet året efter.
new-promise-first-commitment = Första åtagandet
new-promise-create = Skapa utkast
field-first-year = Första året
field-last-year = Sista året
field-last-year-hint = Lämna tomt om löftet gäller ett år.
field-first-commitment = Åtagandet
staff-edit-commitment = Ändra åtagandet
workflow-heading = Arbetsgång
transition-draft = Tillbaka till utkast
transition-signed = Markera som undertecknat
transition-published = Publicera
transition-closed = Avsluta året
history-heading = Historik
history-empty = Inga ändringar ännu.
history-when = När
history-who = Vem
history-what = Vad
history-detail = Ändring
history-system = Systemet
history-promise-create = Löftet skapades
history-promise-update = Löftets uppgifter ändrades
history-promise-status = Status ändrades
history-commitment-update = Ett åtagande ändrades
edit-promise-title = Ändra { $title }
edit-commitment-title = Ändra åtagande
back-without-saving = Tillbaka utan att spara
save = Spara
form-errors-heading = Rätta följande
target-legend = Mätbart mål
target-none = Inget mätbart mål
scope-anywhere = Var som helst i kommunen
scope-outlying = I kransorterna
scope-places = På vissa platser
emphasis-none = Ingen tyngdpunkt
party-option-together = Tillsammans
party-option-police = Polisen
party-option-municipality = Kommunen
party-option-partner = Annan part
kind-output = Produktionsmål (antal, tid)
kind-process = Processmål (arbetssätt)
kind-outcome = Effektmål (förändring hos invånarna)
follow-up-option-tertial = Per tertial
follow-up-option-yearly = En gång om året
conflict-title = Någon annan hann ändra först
conflict-body = Medan du redigerade sparade någon annan en ändring. Din ändring är inte sparad. Jämför och gör om din ändring på den sparade versionen.
conflict-mine = Din ändring (inte sparad)
conflict-theirs = Sparat nu (version { $version })
conflict-reload = Öppna den sparade versionen
error-forbidden-title = Du har inte behörighet
error-forbidden-body = Ditt konto får inte göra detta i den här kommunen.
error-cross-site-title = Begäran stoppades
error-cross-site-body = Begäran kom från en annan webbplats och har inte utförts. Försök igen från den här webbplatsen.
api-unauthorized = En giltig API-nyckel behövs (Authorization: Bearer …).
api-forbidden = API-nyckeln får inte göra detta här.
problem-time = Ange en tid som TT:MM.
problem-counts-only = Den här aktivitetstypen gäller personer som kan identifieras, som orosbesök hos barn och unga: bara antal får sparas, ingen anteckning.
problem-unknown-column = Okänd kolumn. Kolumner som går att använda: { $expected }.
problem-missing-column = Kolumnen saknas men behövs.
csv-cell = Rad { $line }, kolumn { $column }: { $message }
csv-row = Rad { $line }: { $message }
problem-override-needs-reason = Du har valt en annan status än den som räknats fram. Skriv varför, så att invånarna förstår.
problem-verdict-required = Välj om åtagandet hölls: uppfyllt, delvis uppfyllt eller inte uppfyllt.
problem-promise-closed = Löftet är avslutat: året är slut och slutredovisningen publicerad, så löftet ändras inte längre.
problem-link = ”{ $value }” är ingen webblänk. Länkar börjar med https://.
problem-already-published = Uppföljningen är redan publicerad och kan inte ändras. Det som hänt sedan kommer med i nästa uppföljning.
problem-stale-version = Någon annan har sparat under tiden. Ladda om sidan och gör om din ändring.
problem-number = Ange ett heltal.
problem-date = Ange ett datum som ÅÅÅÅ-MM-DD.
problem-mismatch = Lösenorden är inte lika.

## Form fields

field-email = E-postadress
field-password = Lösenord
field-current-password = Nuvarande lösenord
field-new-password = Nytt lösenord
field-new-password-hint = Minst 12 tecken. En fras med flera ord fungerar bra.
field-repeat-password = Nytt lösenord en gång till
field-title = Rubrik
field-aim = Övergripande mål
field-focus-areas = Fokusområden
field-focus-areas-hint = Ett fokusområde per rad.
field-focus-text = Text om fokus
field-outcome-text = Effektmål
field-outcome-measured-in = År då effekten mäts
field-outcome-baseline = Jämförelseår i trygghetsmätningen
field-outcome-baseline-hint = Året som mätåret jämförs med, till exempel året innan löftet började.
outcome-link-legend = Hur effektmålet mäts i trygghetsmätningen
outcome-link-hint = Välj de indikatorer som visar om målet nås och åt vilket håll de ska gå. Löfte jämför jämförelseåret med mätåret och säger om förändringen är större än osäkerheten.
outcome-indicator-unused = Används inte
outcome-option-lower = Används – lägre är bättre
outcome-option-higher = Används – högre är bättre
field-follow-up-internal = Intern uppföljning
field-final-report-year = År för slutredovisning
field-final-report-quarter = Kvartal för slutredovisning
field-final-report-quarter-hint = 1–4.
field-signed-on = Undertecknat den
field-signed-on-hint = ÅÅÅÅ-MM-DD. Lämna tomt om löftet inte är undertecknat.
field-signatories = Undertecknare
field-signatories-hint = En per rad: namn, befattning.
field-party = Vem lovar
field-partner = Annan parts namn
field-partner-hint = Bara om ”Annan part” är vald.
field-text = Åtagandet
field-kind = Slag av mål
field-local-plan = Lokal plan
field-local-plan-hint = Till exempel Lokal ANDT-handlingsplan.
field-english-title = Rubrik på engelska
field-english-aim = Övergripande mål på engelska
field-english-focus-areas = Fokusområden på engelska
field-english-focus-areas-hint = Ett per rad, i samma ordning som på svenska.
field-english-focus-text = Text om fokus på engelska
field-english-outcome-text = Effektmål på engelska
field-english-text = Åtagandet på engelska
english-version-legend = Engelsk version (valfri)
english-version-summary = Engelsk version (valfri)
english-version-hint = Den engelska webbplatsen visar det som står här. Där inget står visas den svenska texten, och sidan säger att den är på svenska.
field-target-activity = Vilken aktivitet räknas
field-target-at-least = Minst antal
field-target-at-least-hint = Lämna tomt om löftet inte anger något antal.
field-target-also = Räknas också
field-target-also-hint = Kryssa i om fler slags aktiviteter räknas mot samma mål.
field-target-measure = Vad räknas
field-target-per = Antalet gäller
field-target-per-hint = Gäller löftet flera år och ska antalet nås varje år, välj ”Varje år”.
field-when-months = Bara dessa månader
field-when-months-hint = Kryssa inget om alla månader räknas.
field-when-weekdays = Bara dessa veckodagar
field-when-weekdays-hint = Kryssa inget om alla dagar räknas. En kväll som går över midnatt räknas till dagen den börjar.
field-hours-from = Bara från klockan
field-hours-from-hint = TT:MM, till exempel 20:00. Lämna båda tiderna tomma om alla tider räknas.
field-hours-to = Till klockan
field-hours-to-hint = TT:MM. En tid före starttiden betyder över midnatt, till exempel 20:00–02:00.
measure-choice-count = Antal aktiviteter
measure-choice-participants = Antal deltagare
measure-choice-minutes = Antal minuter
measure-choice-places = Antal olika platser
per-choice-span = Hela löftesperioden
per-choice-year = Varje år
field-method-code = Metod
field-method-code-hint = Väljer du en metod räknas bara aktiviteter vars tid ligger inom metodens tidsfönster nedan.
field-method-min = Metodens kortaste tid (minuter)
field-method-max = Metodens längsta tid (minuter)
field-scope = Var räknas aktiviteterna
field-scope-places = Platser
field-scope-places-hint = Kryssa i platserna. Platser inom en ort räknas till orten.
field-emphasis = Var önskas mer närvaro
field-emphasis-places = Platser med mer närvaro

## Activity types
activity-types-title = Aktivitetstyper
activity-types-intro = Det här är de slags arbete som kan loggas och räknas mot mål. De inbyggda finns i alla kommuner; lägg till egna om ni gör något annat som löftet räknar, till exempel hundpatruller.
activity-types-caption = Aktivitetstyper i kommunen
activity-types-name = Namn
activity-types-code = Kod (för CSV och API)
activity-types-kind = Slag
activity-types-own = Kommunens egen
activity-types-builtin = Inbyggd
activity-types-counts-only = bara antal
activity-types-add = Lägg till en egen aktivitetstyp
activity-types-swedish = På svenska
activity-types-english = På engelska
activity-types-add-button = Lägg till aktivitetstypen
field-name-sv-one = Namn, en
field-name-sv-one-hint = Med liten bokstav, som mitt i en mening, till exempel ”hundpatrull”.
field-name-sv-other = Namn, flera
field-name-sv-other-hint = Till exempel ”hundpatruller”.
field-name-en-one = Name, one
field-name-en-one-hint = Till exempel ”dog patrol”.
field-name-en-other = Name, several
field-name-en-other-hint = Till exempel ”dog patrols”.
field-code = Kod
field-code-hint = Valfri. Används i CSV-filer och API:t; lämnas den tom blir den namnet utan å, ä, ö och mellanslag, till exempel ”hundpatrull”.
field-counts-only = Bara antal, ingen anteckning
field-counts-only-hint = Kryssa i om arbetet gäller personer som kan identifieras, som orosbesök hos barn och unga.

## A commitment measured by the situation picture
indicator-legend = Mätt i lägesbilden
indicator-lead = Mäts åtagandet av händelserapporterna, till exempel färre rapporter om störning från motorfordon vid resecentrum på kvällarna? Då visar sidan, uppföljningarna och slutredovisningen förändringen mot ett jämförelseår. Lämna tomt om åtagandet inte mäts så.
field-indicator-categories = Kategorier som räknas
field-indicator-categories-hint = Kryssa i minst en kategori. Kryssa ingen om åtagandet inte mäts i lägesbilden.
field-indicator-places = Bara rapporter från dessa platser
field-indicator-places-hint = Kryssa inget om rapporter från hela kommunen räknas.
field-indicator-from = Bara rapporter från klockan
field-indicator-from-hint = TT:MM, efter när händelsen började. Lämna båda tiderna tomma om alla tider räknas.
field-indicator-to = Till klockan
field-indicator-baseline = Jämförelseår
field-indicator-baseline-hint = Året som samma dagar jämförs med, till exempel året innan löftet.
field-indicator-better = Vad är bättre
indicator-better-lower = Färre rapporter är bättre
indicator-better-higher = Fler rapporter är bättre

## Forgotten password

reset-link = Glömt lösenordet?
reset-title = Glömt lösenordet
reset-intro = Skriv e-postadressen du loggar in med. Om det finns ett konto med adressen får det en länk för att välja ett nytt lösenord.
reset-submit = Skicka länken
reset-sent = Om det finns ett konto med adressen har vi skickat en länk till den. Länken gäller i 30 minuter och kan användas en gång.
reset-back-to-login = Tillbaka till inloggningen
reset-mail-subject = Välj ett nytt lösenord till Löfte
reset-mail-body = Någon bad om att få välja ett nytt lösenord för ditt konto. Länken gäller i 30 minuter och kan användas en gång. När du har valt ett nytt lösenord loggas alla andra inloggningar på kontot ut.
reset-mail-not-you = Bad du inte om det kan du strunta i meddelandet: lösenordet ändras inte.
reset-mail-link = Välj ett nytt lösenord
reset-new-title = Välj ett nytt lösenord
reset-new-intro = För kontot { $email }. Alla andra inloggningar på kontot loggas ut när du sparar.
reset-new-submit = Spara det nya lösenordet
reset-gone-title = Länken gäller inte
reset-gone = Länken är för gammal, redan använd eller ändrad. Inget har ändrats. Be om en ny länk.
reset-ask-again = Be om en ny länk
reset-done-title = Lösenordet är bytt
reset-done = Logga in med det nya lösenordet. Alla andra inloggningar på kontot är utloggade.
