## Site chrome

site-name = Löfte
site-tagline = Medborgarlöften från polisen och kommunerna
skip-to-content = Hoppa till innehållet
nav-home = Start
nav-main = Huvudmeny
nav-breadcrumbs = Du är här
lang-switch-label = Språk
footer-about = Löfte visar de medborgarlöften som polisen och kommunerna ger invånarna, och hur de följs upp.
footer-open-data = Öppna data (API)

## Start page

home-title = Medborgarlöften
home-intro = Varje år lovar polisen och kommunen invånarna att arbeta med trygghet och brottsförebyggande arbete. Här kan du läsa löftena och se hur de följs upp.
home-list-heading = Kommuner med medborgarlöften
home-empty = Inga medborgarlöften är publicerade ännu.
home-years = Löften: { $years }

## Municipality and promise pages

municipality-title = { $name } – medborgarlöften
municipality-no-promise = { $name } har inget publicerat medborgarlöfte ännu.
municipality-police = Lokalpolisområde { $area }, { $region }
promise-years-nav = Medborgarlöften per år
promise-parties = { $municipality } och Polisen
promise-aim-heading = Övergripande mål
promise-progress-heading = Hur det går
promise-focus-heading = Fokusområden
promise-outcome-heading = Effektmål
promise-outcome-measured = Mäts år { $year }.
promise-follow-up-heading = Uppföljning
promise-continues = Fortsätter medborgarlöftet { $year }.
promise-continued-by = Fortsätter i { $title }.
promise-signed = Undertecknat { $date } av
promise-status-closed = Avslutat: året är slut och slutredovisningen gjord.
promise-content-language = Löftets text är på svenska.
promise-content-language-partly = Texter utan engelsk version visas på svenska.
party-together = Tillsammans
party-police = Polisen lovar
party-municipality = { $municipality } lovar
party-partner = { $partner } lovar
local-plan = Enligt: { $plan }
not-measurable = Inget mätbart mål
follow-up-tertial =
    Medborgarlöftet kommer att följas upp internt tertialvis av kommunen och polisen under { $year } samt en officiell slutredovisning i { $quarter ->
        [1] första
        [2] andra
        [3] tredje
       *[4] fjärde
    } kvartalet { $report_year }.
follow-up-yearly =
    Medborgarlöftet kommer att följas upp internt en gång om året av kommunen och polisen under { $year } samt en officiell slutredovisning i { $quarter ->
        [1] första
        [2] andra
        [3] tredje
       *[4] fjärde
    } kvartalet { $report_year }.

## Targets

target-at-least = Mål: minst { $activity }
target-tracked = Följs upp genom: { $activity }
target-method = enligt { $method } ({ $min }–{ $max } minuter)
target-scope-outlying = i kransorterna
target-scope-places = i { $places }
target-emphasis-outlying = med mer närvaro i kransorterna
target-emphasis-places = med mer närvaro i { $places }
list-and = { $first } och { $last }
list-or = { $first } eller { $last }
measure-activities = { $count ->
    [one] { $count } aktivitet ({ $activity })
   *[other] { $count } aktiviteter ({ $activity })
}
measure-participants = { $count } deltagare i { $activity }
measure-minutes = { $count ->
    [one] { $count } minut med { $activity }
   *[other] { $count } minuter med { $activity }
}
measure-places = { $count ->
    [one] { $count } plats med { $activity }
   *[other] { $count } olika platser med { $activity }
}
measure-noun-participants = deltagare
measure-noun-minutes = minuter
measure-noun-places = platser
target-per-year = varje år
target-months = under { $months }
target-weekdays = på { $weekdays }
target-hours = kl. { $from }–{ $to }
weekday-plural-mon = måndagar
weekday-plural-tue = tisdagar
weekday-plural-wed = onsdagar
weekday-plural-thu = torsdagar
weekday-plural-fri = fredagar
weekday-plural-sat = lördagar
weekday-plural-sun = söndagar
progress-by-year = Per år: { $years }
progress-year = { $year }: { $actual } av { $target } – { $status }
progress-this-year = år { $year }
progress-revised = { $report } visade { $was }; med det som loggats, ändrats eller tagits bort i efterhand är det { $now } för samma period. Den publicerade uppföljningen står kvar som den var.
progress-years-reached = { $reached } av { $years } år nådde { $target }
exclusion-outside-months = de gjordes under andra månader än målet räknar
exclusion-outside-weekdays = de gjordes på andra veckodagar än målet räknar
exclusion-outside-hours = de gjordes på andra tider på dygnet än målet räknar
exclusion-no-participants = antalet deltagare saknas, och målet räknar deltagare
exclusion-no-place = platsen saknas, och målet räknar platser
exclusion-one-outside-months = den gjordes en månad som målet inte räknar
exclusion-one-outside-weekdays = den gjordes en veckodag som målet inte räknar
exclusion-one-outside-hours = den gjordes en tid på dygnet som målet inte räknar
exclusion-one-no-participants = antalet deltagare saknas, och målet räknar deltagare
exclusion-one-no-place = platsen saknas, och målet räknar platser
method-twenty_minute = 20-minutersmetoden
method-fifteen_minute = 15-minutersmetoden
activity-own-count = { $count } { $name }
activity-traffic_control = { $count ->
    [one] { $count } trafikkontroll
   *[other] { $count } trafikkontroller
}
activity-traffic_control-name = trafikkontroller
activity-foot_patrol = { $count ->
    [one] { $count } fotpatrull
   *[other] { $count } fotpatruller
}
activity-foot_patrol-name = fotpatruller
activity-bicycle_patrol = { $count ->
    [one] { $count } cykelpatrull
   *[other] { $count } cykelpatruller
}
activity-bicycle_patrol-name = cykelpatruller
activity-safety_walk = { $count ->
    [one] { $count } trygghetsvandring
   *[other] { $count } trygghetsvandringar
}
activity-safety_walk-name = trygghetsvandringar
activity-trygg_vuxen = { $count ->
    [one] { $count } Trygg vuxen-aktivitet
   *[other] { $count } Trygg vuxen-aktiviteter
}
activity-trygg_vuxen-name = Trygg vuxen-aktiviteter
activity-parenting_support = { $count ->
    [one] { $count } träff med föräldraskapsstöd
   *[other] { $count } träffar med föräldraskapsstöd
}
activity-parenting_support-name = träffar med föräldraskapsstöd
activity-andt_activity = { $count ->
    [one] { $count } ANDT-insats
   *[other] { $count } ANDT-insatser
}
activity-andt_activity-name = ANDT-insatser
activity-licensing_inspection = { $count ->
    [one] { $count } tillsyn av alkohol- eller tobaksförsäljning
   *[other] { $count } tillsyner av alkohol- och tobaksförsäljning
}
activity-licensing_inspection-name = tillsyner av alkohol- och tobaksförsäljning
activity-concern_visit = { $count ->
    [one] { $count } orosbesök
   *[other] { $count } orosbesök
}
activity-concern_visit-name = orosbesök
activity-citizen_dialogue = { $count ->
    [one] { $count } medborgardialog
   *[other] { $count } medborgardialoger
}
activity-citizen_dialogue-name = medborgardialoger
activity-other = { $count ->
    [one] { $count } annan aktivitet
   *[other] { $count } andra aktiviteter
}
activity-other-name = andra aktiviteter

## Errors shown as pages

error-bad-request-title = Begäran kunde inte läsas
error-bad-request-body = Adressen eller det som skickades har inte den form som väntades, till exempel ett nummer i adressen som inte är ett nummer. Kontrollera adressen, eller gå tillbaka och skicka formuläret igen.
error-too-large-title = För mycket på en gång
error-too-large-body = Det som skickades är större än vad som tas emot. Gör texten eller filen mindre och försök igen.
error-unsupported-media-type-title = Okänt format
error-unsupported-media-type-body = Det som skickades har ett format som inte tas emot här. Skicka ett formulär, eller JSON med Content-Type: application/json.
error-not-found-title = Sidan finns inte
error-not-found-body = Vi hittade ingen sida på den här adressen. Kontrollera adressen eller gå till startsidan.
error-unknown-municipality = Det finns ingen kommun med koden { $code }.
error-no-promise-year = { $municipality } har inget publicerat medborgarlöfte för { $year }.
error-internal-title = Något gick fel
error-internal-body = Ett fel uppstod hos oss. Försök igen om en stund.
error-back-home = Till startsidan

## API errors

api-not-found = Finns inte.
api-internal = Internt fel. Försök igen om en stund.

## Problems with input (field errors)

problem-malformed = Felaktigt format: { $detail }
problem-required = Måste fyllas i.
problem-empty = Får inte vara tomt.
problem-too-long = Får vara högst { $max } tecken.
problem-too-many = Högst { $max } får anges.
problem-out-of-range = Måste vara mellan { $min } och { $max }.
problem-municipality-code = ”{ $value }” är ingen kommunkod. En kommunkod har fyra siffror, till exempel 0482 för Flen.
problem-unknown-municipality = Det finns ingen kommun med koden { $code }.
problem-other-municipality = Dokumentet gäller en annan kommun än { $expected }.
problem-year-span-backwards = Sista året ({ $last }) kommer före första året ({ $first }).
problem-year-span-too-long = Ett medborgarlöfte får gälla högst { $max } år.
problem-measured-before-start = Effekten kan inte mätas före löftets första år ({ $first }).
problem-translation-count = Skriv ett engelskt namn per fokusområde ({ $expected }), i samma ordning, eller inget.
problem-final-report-too-early = Slutredovisningen ska komma efter löftets sista år ({ $last }).
problem-continues-not-earlier = Löftet kan bara fortsätta ett löfte från före { $first }.
problem-slug = ”{ $value }” är inte tillåtet här. Använd små bokstäver a–z, siffror och bindestreck.
problem-unknown-activity-type = Aktivitetstypen ”{ $value }” finns inte.
problem-activity-type-exists = Det finns redan en aktivitetstyp med koden ”{ $value }”.
problem-unknown-place = Platsen ”{ $value }” finns inte i kommunen. Lägg till den under Platser i personalområdet (eller med lofte municipality import) och försök igen.
problem-method-window = Metodens tidsfönster { $min }–{ $max } minuter går inte ihop: minst 1 minut, och början före slutet.
problem-coordinates = Koordinaterna ligger inte i Sverige. Ange latitud och longitud i WGS 84.
problem-boundary = Kommungränsen måste vara en GeoJSON-geometri av typen Polygon eller MultiPolygon med slutna ringar (minst fyra punkter, första och sista lika) i Sverige, som [longitud, latitud].
problem-outside-municipality = Punkten du markerade ligger utanför { $municipality }. Kontrollera platsen på kartan, eller ta bort punkten och välj ort i listan.
problem-not-an-image = Filen är inte en bild. Välj ett foto i formatet JPEG eller PNG.
problem-identity-linked = Kontot, eller personen hos identitetsleverantören, är redan kopplat till ett annat konto.
problem-image-too-large = Bilden har för många bildpunkter. Den får ha högst { $max_megapixels } megapixlar: ta fotot med lägre upplösning, eller gör bilden mindre, och försök igen.
problem-file-too-large = Filen är för stor. Den får vara högst { $max_mb } MB.
problem-not-a-backup = Filen är ingen säkerhetskopia från Löfte (varken en SQLite-kopia eller en portabel dump).
problem-backup-damaged = Säkerhetskopian är skadad eller avbruten på rad { $line }.
problem-backup-schema = Säkerhetskopian kommer från en annan version av Löfte (schema { $found }) än den här databasen ({ $expected }). Återställ med samma version som tog kopian.
problem-control-character = Texten innehåller ett osynligt styrtecken (till exempel en nollbyte). Skriv om texten eller klistra in den som vanlig text.
problem-not-utf8 = Innehållet är inte text i UTF-8. Spara filen som UTF-8 och skicka den igen.
problem-no-commitments = Ett medborgarlöfte behöver minst ett åtagande.
problem-promise-exists = Kommun { $municipality } har redan ett medborgarlöfte för { $year }. Det befintliga löftet har inte ändrats.
problem-duplicate = ”{ $value }” finns redan; varje kod eller kolumn får bara förekomma en gång.
problem-not-in-codebook = ”{ $value }” finns inte i kodboken. Tillåtna värden: { $allowed }.
problem-weight = Vikten ”{ $value }” måste vara ett tal större än noll (decimalpunkt, till exempel 1.25).
problem-column-count = Raden har { $found } fält men rubrikraden har { $expected }.
problem-other-year = Året stämmer inte: filen importeras för { $expected }.
problem-duplicate-respondent = Samma svarande-id finns redan på rad { $line }.
problem-survey-year-exists = Det finns redan svar för { $year } från en annan fil. Kryssa i ”Ersätt svaren för filens år” (på kommandoraden --replace) om de ska ersättas.
problem-no-survey-items = Filen har ingen av kodbokens frågor som kolumn.
problem-no-codebook = Kommunen har ingen kodbok för trygghetsmätningen ännu. Lägg in kodboken först.
problem-codebook-in-use = ”{ $value }” används av svar som redan är importerade och kan inte tas bort eller ändras.
problem-unknown-survey-item = Frågan ”{ $value }” finns inte i kodboken.
problem-survey-code = ”{ $value }” är ingen giltig kod. Använd små bokstäver a–z, siffror, _ och -, och börja med en bokstav.
problem-unknown-indicator = Indikatorn ”{ $value }” finns inte i kommunens kodbok.
problem-too-few = Minst { $min } behövs.
problem-choice = Välj ett av alternativen.
problem-json-syntax = Det här är inte giltig JSON: läsningen stannade på rad { $line }, tecken { $column }. Kontrollera kommatecken, citattecken och klamrar där.
problem-unknown-field = Fältet ”{ $value }” finns inte här. { $allowed ->
    [none] Här finns inga fält.
   *[other] Tillåtna fält: { $allowed }.
}
problem-wrong-type = { $expected ->
    [number] Här ska det stå ett heltal.
    [text] Här ska det stå en text inom citattecken.
    [list] Här ska det stå en lista inom [ ].
    [object] Här ska det stå ett objekt inom {"{"} {"}"}.
    [boolean] Här ska det stå true eller false.
    [text-or-list] Här ska det stå en text eller en lista av texter.
   *[other] Här står ett värde av fel slag.
}
path-commitment = Åtagande { $number }
problem-date-time = Ange tidpunkten enligt RFC 3339 med tidszon, till exempel 2021-03-01T07:30:00+01:00.
problem-not-a-draft = Bara ett utkast kan ersättas eller tas bort. Det här medborgarlöftet är redan undertecknat eller publicerat; ändra det i stället.
problem-needed-to-sign = Fyll i det här innan löftet markeras som undertecknat: invånarna ser vem som undertecknade och när.
problem-signatory = Skriv namn och roll åtskilda av ett kommatecken, en person per rad, till exempel: Anna Andersson, kommunstyrelsens ordförande
problem-shape = Formen ska vara GeoJSON: en linje (LineString) för en väg eller en yta (Polygon) för ett område, med positioner [longitud, latitud] i Sverige.
problem-separator = Filen ska vara separerad med kommatecken eller semikolon, men raden med kolumnnamn använder { $found ->
    [tab] tabbtecken
   *[other] ”{ $found }”
}. Spara den som CSV med kommatecken eller semikolon och försök igen.
problem-not-yours = Du får inte läsa in uppgifter för kommun { $municipality }. Ta bort de raderna, eller be någon med behörighet där att läsa in dem.
problem-not-a-spreadsheet = Filen går inte att läsa som ett Excel-ark (XLSX). Spara den igen som XLSX eller som CSV och försök igen.
problem-not-one-of = ”{ $value }” går inte här. Tillåtna värden: { $allowed }.
problem-empty-hours = Tiden måste sluta vid en annan tidpunkt än den börjar, till exempel 20:00–02:00.
problem-baseline-not-before = Jämförelseåret måste komma före mätåret ({ $measured }).

problem-email = Ange en giltig e-postadress, till exempel namn@kommun.se.
problem-password-too-short = Lösenordet måste ha minst { $min } tecken. En fras med flera ord är lätt att minnas.
problem-email-taken = Det finns redan ett konto med den e-postadressen.
problem-wrong-password = Lösenordet stämmer inte.

## Command line

cli-listening = Löfte lyssnar på { $url }
cli-demo-loaded = Demodata för Flen: { $added } medborgarlöften inlästa, { $present } fanns redan.
cli-migrated = Databasen är uppdaterad.
cli-replaced = Utkastet till medborgarlöfte { $year } för { $municipality } är ersatt.
cli-imported = Medborgarlöfte { $year } för { $municipality } är inläst.
cli-profile-imported = Kommunprofil för { $municipality } är inläst ({ $places } platser).
cli-invalid-file = { $file } innehåller fel; inget har sparats:
cli-not-found = Det finns inget medborgarlöfte för kommun { $municipality } år { $year }.
cli-copied = Utkast till medborgarlöfte { $year } för { $municipality } är skapat som en kopia av { $from }.
cli-activities-imported = { $added } aktiviteter inlästa, { $present } fanns redan.
cli-demo-activities = Exempeldata: { $added } påhittade aktiviteter för Flen 2020 och 2021 inlästa (märkta som exempeldata).
cli-demo-survey = Exempeldata: { $rows } påhittade enkätsvar för Flens trygghetsmätning 2019–2022 inlästa (märkta som syntetiska).
cli-more-errors = Fler fel finns; rätta dessa först.
cli-backup-exists = { $file } finns redan. Välj ett nytt filnamn; en säkerhetskopia skriver aldrig över en annan.
cli-backup-sqlite = Säkerhetskopia sparad i { $file } (en kopia av SQLite-databasen, tagen medan den användes).
cli-backup-dump = Säkerhetskopia sparad i { $file }: { $rows } rader ur { $tables } tabeller (portabel, JSON-rader).
cli-restore-not-empty = Databasen innehåller redan data. Ange --replace för att ersätta allt i den med säkerhetskopian.
cli-restore-failed = Kunde inte återställa från { $file }. { $reason } Databasen är oförändrad.
cli-restored = Återställt från { $file }: { $rows } rader i { $tables } tabeller.
cli-check-ok = Databasen är hel: integritetskontrollen och kontrollen av främmande nycklar hittade inget fel.
cli-check-failed = Databasen är skadad:
cli-national-loaded = Exempeldata för hela landet: { $municipalities } kommuner, { $promises } medborgarlöften, { $activities } aktiviteter och { $responses } enkätsvar inlästa (allt påhittat och märkt som exempel).
cli-demo-inputs = Exempeldata: { $added } påhittade synpunkter från invånare i Flen publicerade (märkta som exempel).
cli-demo-follow-ups = Exempeldata: { $added } påhittade uppföljningar för Flen 2020 och 2021 inlästa, alla publicerade utom 2021 års slutredovisning (märkta som exempeldata).
cli-token-created = API-nyckel { $id } är skapad. Den visas bara nu; spara den på ett säkert ställe:
cli-token-revoked = API-nyckel { $id } är spärrad.
cli-token-unknown = Det finns ingen aktiv API-nyckel med nummer { $id }.
cli-bad-organisation = ”{ $value }” är ingen organisation. Skriv municipality:0482, police:Katrineholm, partner:NAMN@0482 eller installation.
cli-user-added = Kontot { $email } är skapat. Lösenordet visas bara nu:
cli-user-disabled-mark = avstängt
cli-user-disabled = Kontot { $email } är avstängt.
cli-user-no-issuer = oidc_issuer är inte inställt: ange organisationens identitetsleverantör (LOFTE_OIDC_ISSUER) först.
cli-user-linked = { $email } loggar nu in som { $subject } hos identitetsleverantören.
cli-user-reset = Nytt lösenord för { $email } (visas bara nu):
cli-user-unknown = Det finns inget konto med e-postadressen { $email }.
cli-demo-logins = Demokonton (lösenorden är nya för varje start):

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

## Changes after publication

changes-heading = Ändringar efter publiceringen
changes-intro = Löftet har ändrats efter att det publicerades. Här syns vad som ändrats och när.
change-field-title = Rubriken ändrades.
change-field-aim = Det övergripande målet ändrades.
change-field-focus = Fokusområdena ändrades.
change-field-outcome-goal = Effektmålet ändrades.
change-field-follow-up = Planen för uppföljning ändrades.
change-field-signing = Uppgifterna om undertecknandet ändrades.
change-field-english = Den engelska versionen av texterna ändrades.
change-commitment = Åtagandet ”{ $before }” ändrades till ”{ $after }”.
change-commitment-target = Det mätbara målet för åtagandet ”{ $text }” ändrades.
change-commitment-added = Ett åtagande lades till: ”{ $text }”.
change-commitment-removed = Ett åtagande togs bort: ”{ $text }”.

## Progress

progress-of = { $actual } av { $target }
progress-logged = { $activity } har loggats
progress-pace = Med jämn takt hade det varit { $expected } hittills; med nuvarande takt blir det { $forecast } när perioden är slut.
progress-emphasis = { $count } av { $actual } i kransorterna ({ $percent } %).
progress-excluded = { $count } till räknas inte: { $reason }.
progress-as-of = Siffrorna gäller till och med { $date } och räknas fram ur det loggade arbetet.
progress-synthetic = Exempeldata: siffrorna bygger på påhittade aktiviteter som demon har skapat, inte på verkligt arbete i kommunen.
progress-status-on-track = Enligt plan
progress-status-at-risk = Risk att inte nås
progress-status-behind = Efter plan
progress-status-not-started = Inte påbörjat
progress-status-kept = Uppfyllt
progress-status-partly-kept = Delvis uppfyllt
progress-status-not-kept = Inte uppfyllt
progress-status-not-assessed = Bedöms i ord
exclusion-outside-method-window = tiden låg utanför metodens tidsfönster
exclusion-no-duration = hur länge de pågick saknas, och målet kräver det
exclusion-outside-scope = de gjordes på andra platser än löftet gäller
exclusion-other-party = de gjordes av en annan part än den som lovade
exclusion-outside-period = de gjordes utanför löftets år

## Logging activities

log-title = Logga aktivitet
log-what = Vad
log-where = Var
log-how-long = Hur länge
log-who = Utfört av
log-by-police = Polisen
log-by-municipality = Kommunen
log-no-place = Ingen särskild plats
log-nearest = Välj platsen närmast mig
log-minutes = { $minutes } min
log-other-duration = Annan tid
log-save = Spara
log-saved = Sparat: { $type }, { $date }, { $place }.
log-counts = Räknas mot: { $target }
log-does-not-count = Räknas inte mot ”{ $target }”: { $reason }.
log-no-target = Det finns inget mätbart mål för den här aktiviteten i årets löfte.
log-no-promise = Det finns inget medborgarlöfte för det året ännu.
logged-list-link = Loggade aktiviteter
logged-title = Loggade aktiviteter
logged-intro = De senast loggade aktiviteterna. Den som loggade en aktivitet och kommunens samordnare kan ändra den eller ta bort den; siffrorna räknas om direkt, men en publicerad uppföljning behåller sina.
logged-how = Välj tiden för att ändra eller ta bort en aktivitet.
logged-empty = Inget är loggat ännu.
logged-caption = Senast loggat först
logged-when = När
logged-minutes = Minuter
logged-by = Loggad av
logged-change-named = Ändra { $activity }
logged-synthetic = Exempeldata
logged-correct-title = Ändra en loggad aktivitet
logged-correct-save = Spara ändringen
logged-delete-link = Ta bort aktiviteten
logged-delete-title = Ta bort aktiviteten?
logged-delete-intro = Den räknas inte längre i siffrorna. En publicerad uppföljning behåller siffrorna den publicerades med. Borttagningen sparas i historiken.
logged-delete-confirm = Ja, ta bort aktiviteten
logged-delete-back = Nej, tillbaka till aktiviteten
logged-changed = Aktiviteten är ändrad.
logged-deleted = Aktiviteten är borttagen.
log-type-traffic_control = Trafikkontroll
log-type-foot_patrol = Fotpatrull
log-type-bicycle_patrol = Cykelpatrull
log-type-safety_walk = Trygghetsvandring
log-type-trygg_vuxen = Trygg vuxen
log-type-parenting_support = Föräldraskapsstöd
log-type-andt_activity = ANDT-insats
log-type-licensing_inspection = Tillsyn alkohol/tobak
log-type-concern_visit = Orosbesök (bara antal)
log-type-citizen_dialogue = Medborgardialog
log-type-other = Annat
exclusion-one-outside-method-window = tiden ligger utanför metodens tidsfönster
exclusion-one-no-duration = hur länge den pågick saknas, och målet kräver det
exclusion-one-outside-scope = platsen ligger utanför det löftet gäller
exclusion-one-other-party = en annan part än den som lovade utförde den
exclusion-one-outside-period = den ligger utanför löftets år
field-other-duration = Annan tid (minuter)
field-when = När började det?
field-when-hint = Starttiden. Står kvar på nu om du inte ändrar; loggar du efteråt, ange när arbetet började.
field-participants = Antal (till exempel besök eller deltagare)
field-note = Anteckning
field-note-hint = Inga namn eller personuppgifter. Orosbesök får ingen anteckning.

## Follow-up reports

public-timeline-label = Uppföljningar av åtagandet
period-t1 = Uppföljning tertial 1 { $year }
period-t2 = Uppföljning tertial 2 { $year }
period-t3 = Uppföljning tertial 3 { $year }
period-slutredovisning = Slutredovisning { $year }
reports-heading = Uppföljningar
report-published = Publicerad
report-draft = Utkast
report-not-started = Inte påbörjad
follow-up-back = Tillbaka till löftet
follow-up-cutoff = Siffrorna räknas till och med { $date }.
follow-up-suggested = Uträknad status: { $status }. Väljer du en annan, skriv varför.
follow-up-published-on = Publicerad { $date }. Siffrorna är låsta som de var då.
follow-up-commitment = Åtagande
follow-up-save-draft = Spara utkast
follow-up-publish = Publicera uppföljningen
follow-up-preview = Förhandsgranska och publicera
follow-up-preview-title = Förhandsvisning: { $report }
follow-up-preview-note = Förhandsvisning. Så här ser invånarna uppföljningen när den publiceras; den är inte publicerad än. Siffrorna låses när du publicerar.
follow-up-preview-back = Tillbaka och ändra
follow-up-choose-verdict = Välj bedömning
follow-up-saved-draft = Utkastet sparades kl. { $time }. Det syns inte för invånarna förrän det publiceras.
follow-up-saved-published = Uppföljningen är publicerad.
follow-up-saved-corrected = Rättelsen är publicerad, med dagens datum.
follow-up-correct-heading = Rätta en publicerad text
follow-up-correct-intro = Statusar och siffror är låsta som de publicerades. En rättad text ersätter den gamla på den offentliga sidan, med dagens datum och vad du skriver nedan; den gamla texten finns kvar i historiken.
follow-up-correct-open = Visa texterna att rätta
follow-up-correct-save = Publicera rättelsen
field-correction-note = Vad rättades?
field-correction-note-hint = Visas för invånarna vid uppföljningen, till exempel ”Stavfel i åtagande 3”.
follow-up-public-page = Se den som invånarna ser den
follow-up-public-pdf = PDF
follow-up-commitments = Åtagandena
follow-up-has-errors = (behöver rättas)
field-follow-up-status = Bedömning
field-follow-up-reason = Varför en annan bedömning än den uträknade
field-follow-up-narrative = Vad har gjorts
field-follow-up-evidence = Länkar till underlag (en per rad)
public-reports-heading = Uppföljningar av löftet
public-report-evidence = Underlag
summary-line = Enligt { $report }: { $parts }.
summary-kept = { $count ->
    [one] 1 åtagande uppfyllt
   *[other] { $count } åtaganden uppfyllda
}
summary-partly-kept = { $count ->
    [one] 1 delvis uppfyllt
   *[other] { $count } delvis uppfyllda
}
summary-not-kept = { $count ->
    [one] 1 inte uppfyllt
   *[other] { $count } inte uppfyllda
}
summary-on-track = { $count } enligt plan
summary-at-risk = { $count } med risk att inte nås
summary-behind = { $count } efter plan
summary-not-started = { $count ->
    [one] 1 inte påbörjat
   *[other] { $count } inte påbörjade
}
summary-not-assessed = { $count ->
    [one] 1 bedömt i ord
   *[other] { $count } bedömda i ord
}
summary-final = Enligt { $report } hölls { $kept } av { $total ->
    [one] 1 åtagande
   *[other] { $total } åtaganden
}{ $rest }.
summary-final-partly = { $count } delvis
summary-final-not = { $count } inte
summary-final-open = { $count } utan bedömning

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

## Reports (PDF and HTML)
report-no-promise = { $municipality } har inget publicerat medborgarlöfte för { $year }.
report-not-published = { $report } är inte publicerad ännu.
report-published-on = Publicerad { $date }
report-corrected = Rättad { $date }: { $note }
report-as-of = Siffrorna avser läget den { $date } och är låsta som de var när rapporten publicerades.
report-synthetic = Exempeldata: siffrorna bygger på påhittade aktiviteter och texter som demon har skapat, inte på verkligt arbete i kommunen.
report-party-police = Polisen, lokalpolisområde { $area }
report-no-place = Utan plats
report-outcome-missing = Effektmålet mäts { $year } i trygghetsmätningar och medborgardialoger. Mätresultaten finns inte i Löfte ännu, så här står inget resultat.
report-chart-title = { $activity } per månad, sammanlagt
report-chart-alt = Linjediagram över { $activity } sammanlagt per månad. Kurvan når { $reached } i { $month }; målet är { $target }.
report-chart-title-each-year = { $activity } per månad, sammanlagt inom varje år
report-chart-alt-each-year = Linjediagram över { $activity } sammanlagt per månad, från noll varje januari; målet är { $target } varje år. Varje års antal: { $years }.
report-chart-axis = antal
report-chart-actual = Utfört, sammanlagt
report-chart-target = Mål
report-chart-pace = Jämn takt
report-download-pdf = Ladda ner som PDF (svenska)
report-download-pdf-en = Ladda ner som PDF (engelska)
report-label-parties = Parter
report-label-signatories = Undertecknat av
report-label-summary = Sammanfattning
report-label-commitment = Åtagande
report-label-party = Part
report-label-status = Status
report-label-figures = Siffror
report-label-narrative = Beskrivning
report-label-evidence = Underlag
report-label-by-place = Per plats
report-label-chart = Diagram
report-label-outcome = Effektmål
report-label-learned = Lärdomar
report-label-page = Sida {"{"}page{"}"} av {"{"}pages{"}"}
report-label-contents = Innehåll
report-label-status-reason = Skäl till bedömningen
report-label-no-figures = Inga siffror: åtagandet bedöms i ord.
report-label-number = Nr
report-label-text = Åtagande
report-label-place = Plats
report-label-count = Antal
report-label-aim = Syfte
report-label-goal = Effektmål
report-label-indicator = Indikator
report-label-value = Värde
report-label-note = Kommentar
month-short-1 = jan
month-short-2 = feb
month-short-3 = mar
month-short-4 = apr
month-short-5 = maj
month-short-6 = jun
month-short-7 = jul
month-short-8 = aug
month-short-9 = sep
month-short-10 = okt
month-short-11 = nov
month-short-12 = dec
month-long-1 = januari
month-long-2 = februari
month-long-3 = mars
month-long-4 = april
month-long-5 = maj
month-long-6 = juni
month-long-7 = juli
month-long-8 = augusti
month-long-9 = september
month-long-10 = oktober
month-long-11 = november
month-long-12 = december
cli-report-bad-lang = --lang: ”{ $value }” är inget språk som Löfte har; välj sv eller en.
cli-report-bad-period = --period: ”{ $value }” är ingen uppföljning; välj T1, T2, T3 eller final.
cli-report-written = Skrev { $report } till { $file }.

## Exports
export-activities = Aktiviteter
export-commitments = Åtaganden
export-follow-ups = Uppföljningar
export-heading = Ladda ner data
export-intro = Löftets aktiviteter, åtaganden och publicerade uppföljningar som kalkylblad. Anteckningar på aktiviteter tas inte med.
export-xlsx = Allt i en Excel-fil (.xlsx)
export-csv = { $table } som CSV
export-column-date = Datum
export-column-time = Klockslag
export-column-activity = Aktivitet
export-column-performer = Utförd av
export-column-place = Plats
export-column-duration = Minuter
export-column-participants = Deltagare
export-column-synthetic = Exempeldata
export-column-year = År
export-column-number = Nr
export-column-party = Part
export-column-text = Åtagande
export-column-target = Mål
export-column-target-number = Målvärde
export-column-actual = Utfört
export-column-status = Status
export-column-period = Uppföljning
export-column-published = Publicerad
export-column-reason = Skäl till bedömningen
export-column-narrative = Beskrivning
export-column-evidence = Underlag
cli-export-no-promise = { $municipality } har inget medborgarlöfte för { $year }.
cli-export-bad-table = --table: ”{ $value }” finns inte; välj activities, commitments eller follow-ups.
cli-export-written = Skrev { $file }.
cli-survey-codebook-set = Kodboken för trygghetsmätningen i { $municipality } är sparad ({ $items } frågor, { $indicators } indikatorer).
cli-survey-reading = Läser svar
cli-survey-imported = { $rows } svar inlästa ({ $years }).
cli-survey-already = Filen är redan inläst (import { $import }, { $rows } svar); inget lades till.
cli-survey-no-imports = Inga svar är inlästa ännu.
cli-survey-import-line = Import { $import }: { $file }, { $rows } svar ({ $years }), inläst { $at }
cli-survey-removed = Import { $import } och dess svar är borttagna.
cli-survey-unknown-import = Det finns ingen import { $import } för kommunen.
field-follow-up-learned = Vad parterna har lärt sig
field-follow-up-learned-hint = Frivilligt. Visas i slutredovisningen under ”Lärdomar”: vad som fungerade, vad som inte gjorde det och vad ni tar med till nästa år.
method-none = Ingen särskild metod
method-twenty_minute-choice = 20-minutersmetoden (trafikkontroller)
method-fifteen_minute-choice = 15-minutersmetoden (fotpatruller)
remove-commitment-title = Ta bort åtagandet?
remove-commitment-yes = Ja, ta bort åtagandet
remove-no-links = Inget är kopplat till åtagandet. Det tas bort ur löftet, och borttagningen syns i historiken.
remove-links-intro = Det här är kopplat till åtagandet:
remove-links-inputs = { $count ->
    [one] 1 synpunkt från invånare
   *[other] { $count } synpunkter från invånare
}
remove-links-findings = { $count ->
    [one] 1 iakttagelse från en trygghetsvandring
   *[other] { $count } iakttagelser från trygghetsvandringar
}
remove-links-draft-entries = { $count ->
    [one] 1 text i en uppföljning som inte är publicerad
   *[other] { $count } texter i uppföljningar som inte är publicerade
}
remove-links-published-entries = { $count ->
    [one] 1 publicerad uppföljning
   *[other] { $count } publicerade uppföljningar
}
remove-blocked-published = Åtagandet redovisas i en publicerad uppföljning, som invånarna har kunnat läsa och som inte ändras i efterhand. Därför kan det inte tas bort. Ändra texten i stället om det behövs.
remove-links-legend = Vad ska hända med det som är kopplat?
remove-links-move = Koppla synpunkter och iakttagelser till ett annat åtagande
remove-move-to = Vilket åtagande
remove-move-option = { $number }. { $text }
remove-links-drop = Ta bort kopplingarna (synpunkterna och iakttagelserna finns kvar, utan åtagande)
remove-choose-links = Välj vad som ska hända med det som är kopplat till åtagandet. Inget har tagits bort.
staff-remove-commitment = Ta bort
staff-remove-commitment-named = Ta bort åtagandet ”{ $text }”
staff-move-up = Flytta upp
staff-move-down = Flytta ned
staff-move-up-named = Flytta upp åtagandet ”{ $text }”
staff-move-down-named = Flytta ned åtagandet ”{ $text }”
staff-delete-draft = Ta bort utkastet
staff-promise-closed = Löftet är avslutat: året är slut och slutredovisningen publicerad. Det ändras inte längre; nästa års löfte kan börja som en kopia.
delete-draft-title = Ta bort utkastet?
delete-draft-body = { $title } är ett utkast med { $count } åtaganden. Det tas bort helt; historiken sparar vad det innehöll.
delete-draft-yes = Ja, ta bort utkastet
history-commitment-remove = Ett åtagande togs bort
history-commitment-move = Ett åtagande flyttades
history-promise-delete = Utkastet togs bort
history-promise-replace = Utkastet ersattes av ett inläst dokument
history-follow-up-update = En uppföljning sparades som utkast
history-follow-up-publish = En uppföljning publicerades
history-follow-up-correct = En publicerad uppföljning rättades
history-other = Annan ändring
copy-intro = Utkastet får samma text, med årtalen flyttade ett steg framåt. Det blir ett utkast som ni ändrar och undertecknar innan det publiceras.
copy-yes = Skapa utkastet
copy-none-chosen = Välj minst ett åtagande att ta med.
field-commitments = Åtaganden att ta med
field-commitments-hint = Bocka ur de åtaganden som inte ska följa med. Du kan också lägga till nya i utkastet efteråt.
places-link = Platser
places-title = Platser i { $municipality }
places-intro = Platserna används i löftenas mål, när arbete loggas och när invånare tycker till. En plats behåller sin kortform för alltid, eftersom loggat arbete och löften pekar på den.
places-new-title = Lägg till plats
places-edit-title = Ändra { $name }
places-edit = Ändra
places-edit-named = Ändra platsen { $name }
places-empty = Kommunen har inga platser ännu.
places-table-caption = Kommunens platser
places-within-column = Ligger i
places-within-none = Ingen (en egen ort)
place-kind-locality = Ort
place-kind-area = Område
place-kind-hot_spot = Brottsutsatt plats
place-kind-road = Väg
place-kind-school = Skola
place-kind-station = Station
field-name = Namn
field-slug = Kortform
field-slug-hint = Små bokstäver a–z, siffror och bindestreck. Lämna tomt så skapas den av namnet (Väg 315 → vag-315).
field-place-kind = Slags plats
field-within = Ligger i orten
field-outlying = En kransort (en ort utanför centralorten)
field-place-position = Var platsen är
field-place-position-hint = Klicka på kartan eller skriv koordinaterna. En väg ritas som en linje och ett område som en yta på kartan, eller klistras in som GeoJSON i fältet Form; utan punkt hamnar punkten mitt i formen.
field-place-lat = Latitud
field-place-lon = Longitud
field-shape = Form (GeoJSON, valfritt)
field-shape-hint = En vägs sträckning som LineString eller ett områdes gräns som Polygon, till exempel exporterad från Lantmäteriet eller geojson.io. Positionerna skrivs [longitud, latitud].
history-place-create = En plats lades till
history-place-update = En plats ändrades
activity-file-title = Läs in aktiviteter från en fil
activity-file-link = Läs in från en fil
activity-file-back = Tillbaka till att logga en aktivitet
activity-file-intro = En CSV-fil från ett annat system eller ett kalkylprogram, med kommatecken eller semikolon, kolumner på svenska eller engelska. Hela filen läses in, eller inget av den.
activity-file-label = Fil (CSV)
activity-file-hint = Kolumnerna Aktivitet, Utförare och Datum krävs; Tid, Minuter, Plats, Antal deltagare, Kommentar och Ärendenummer kan finnas med.
activity-file-import = Läs in
activity-file-none = Välj en fil att läsa in.
activity-file-refused = Filen innehåller fel; inget har sparats
activity-file-unknown-places = Platser som saknas
activity-file-unknown-places-intro = Filen nämner platser som kommunen inte har. Lägg till dem (eller be en samordnare göra det) och läs in filen igen.
activity-file-add-places = Lägg till platserna som saknas
activity-file-add-places-intro = Filen nämner platser som kommunen inte har. Det är filens enda fel: ange vad för slags plats var och en är och vilken ort den ligger i, så läggs platserna till och filen läses in i samma steg. Platsen får ortens läge på kartan tills du markerar den under Platser.
activity-file-place-kind = Slags plats
activity-file-place-locality = Ligger i orten
activity-file-locality-choose = Välj ort
activity-file-choose-locality = Välj orten platsen ligger i.
activity-file-places-incomplete = Uppgifter om platserna saknas; inget har sparats.
activity-file-add-places-submit = Lägg till platserna och läs in filen
activity-file-places-added = { $count ->
    [one] En plats lades till: { $names }.
   *[other] { $count } platser lades till: { $names }.
}
confirm-close-title = Avsluta året?
confirm-close-body = När { $title } är avslutat går det inte att ändra längre, och invånarna ser det som avslutat. Skriv slutredovisningen först om den inte är publicerad.
confirm-close-yes = Ja, avsluta året
confirm-publish-title = Publicera löftet?
confirm-publish-body = När { $title } publiceras ser invånarna det på kommunens sida, och varje ändring efter det visas för dem i listan över ändringar.
confirm-publish-yes = Ja, publicera löftet
confirm-preview-link = Se löftet som invånarna kommer att se det
promise-preview-note = Förhandsvisning. Så här ser invånarna löftet när det är publicerat.
promise-preview-back = Tillbaka till löftet i personalområdet
confirm-cancel = Nej, gå tillbaka
report-pdf-link = PDF

## Safety survey (trygghetsmätning) and the outcome goal

survey-page-title = Trygghetsmätningen i { $municipality }
survey-breadcrumb = Trygghetsmätningen
survey-lead = Så svarar invånarna i polisens trygghetsmätning, år för år. Varje siffra är en uppskattning från ett urval och visas med sitt osäkerhetsintervall.
survey-years = Svar per år:
survey-synthetic = Exempeldata: enkätsvaren är påhittade (syntetiska) för att visa hur Löfte fungerar. De är inte en riktig mätning.
survey-explain-heading = Så läser du siffrorna
survey-explain-sample = Bara ett urval av invånarna får enkäten, så siffrorna är uppskattningar. Svaren är viktade så att urvalet speglar befolkningen.
survey-explain-interval = Intervallet inom parentes (och de lodräta strecken i diagrammen) visar osäkerheten: med 95 procents säkerhet ligger det verkliga värdet för hela befolkningen inom intervallet. Ju färre svar, desto bredare intervall.
survey-explain-few = Där färre än { $min } personer har svarat står ”för få svar” i stället för en siffra. Så få svar ger ingen säker siffra och kan avslöja vad enskilda har svarat.
survey-explain-change = En förändring mellan två år räknas som verklig först när hela intervallet för förändringen ligger på samma sida om noll. Annars kan skillnaden bero på slumpen i urvalet, och då står det ”ingen påvisbar förändring”.
survey-indicators-nav = Indikatorer
survey-chart-caption = Punkterna är uppskattningarna och de lodräta strecken deras 95-procentiga osäkerhetsintervall. År med för få svar saknas. Samma siffror finns i tabellen.
survey-chart-alt = Diagrammet visar indikatorn år för år för alla och per kön, med osäkerhetsintervall. Alla värden finns i tabellen under diagrammet.
survey-axis-percent = andel, %
survey-axis-mean = medelvärde
survey-all = Alla
survey-year = År
survey-area = Område
survey-age-band = Ålder
survey-in-year = { $year }
survey-table-by-gender = { $indicator }, per år och kön
survey-table-by-area = { $indicator }, per område { $year }
survey-table-by-age = { $indicator }, per åldersgrupp { $year }
survey-too-few = för få svar
survey-answers = { $n } svar
survey-download = Ladda ner alla siffror som CSV (öppna data)
survey-none = Det finns inga resultat från trygghetsmätningen för { $municipality } i Löfte ännu.
survey-how-share = Andel av dem som svarat på frågan ”{ $question }” som svarade { $answers }. ”Vet ej” och obesvarade räknas inte.
survey-how-mean = Medelvärdet av svaren på frågan ”{ $question }”. ”Vet ej” och obesvarade räknas inte.
survey-how-index = Medelvärde av { $count } frågor för den som besvarat minst { $min } av dem: { $questions }
outcome-survey-heading = Vad trygghetsmätningen visar
outcome-compared = Jämförelse mellan { $baseline } och { $measured } i trygghetsmätningen.
outcome-better-lower = Lägre är bättre.
outcome-better-higher = Högre är bättre.
outcome-year-missing = { $year }: ingen mätning i Löfte
outcome-change-points = Förändring { $diff } procentenheter (intervall { $low } till { $high }; p { $p })
outcome-change-mean = Förändring { $diff } (intervall { $low } till { $high }; p { $p })
outcome-verdict-improved = Förbättrat
outcome-verdict-no-detectable-change = Ingen påvisbar förändring
outcome-verdict-worsened = Försämrat
outcome-verdict-not-measurable = Går inte att bedöma
outcome-survey-link = Alla resultat från trygghetsmätningen
outcome-not-linked = Effektmålet är inte kopplat till några indikatorer i trygghetsmätningen.

## Staff: safety survey

staff-survey-title = Trygghetsmätning
staff-survey-intro = Här lägger analytiker in kodboken och svaren från polisens trygghetsmätning. Resultaten räknas fram ur svaren och visas på den öppna sidan, där grupper med för få svar aldrig visas med siffror.
staff-survey-public = Se den öppna sidan med resultaten.
staff-survey-codebook = Kodbok
staff-survey-codebook-summary = { $title }: { $items } frågor och { $indicators } indikatorer.
staff-survey-no-codebook = Kommunen har ingen kodbok ännu. Lägg in den först: den talar om vilka frågor, svarsalternativ, områden och indikatorer som finns.
staff-survey-codebook-file = Kodbok (JSON)
staff-survey-codebook-hint = Formatet beskrivs i docs/survey-format.md. Indikatorer och texter kan ändras när som helst; frågor och koder som redan inlästa svar använder kan inte tas bort.
staff-survey-codebook-save = Spara kodboken
staff-survey-codebook-saved = Kodboken är sparad ({ $items } frågor, { $indicators } indikatorer).
staff-survey-responses = Läs in svar
staff-survey-file = Fil
staff-survey-file-hint = En CSV-fil med en rad per svarande (högst 32 MB här; större filer läses in med kommandot lofte survey import). Hela filen läses in eller ingenting; samma fil två gånger lägger inte till något.
staff-survey-replace = Ersätt svaren för filens år
staff-survey-replace-hint = Svar som redan finns för de år filen har tas bort i samma steg; andra år i en tidigare fil finns kvar. Annars vägras filen om ett år redan har svar.
staff-survey-year = Undersökningsår
staff-survey-year-hint = Valfritt. Anges ett år kontrolleras att varje rad gäller det året.
staff-survey-import = Läs in svaren
staff-survey-imports = Inlästa filer
staff-survey-no-imports = Inga svar är inlästa ännu.
staff-survey-years = År
staff-survey-rows = Svar
staff-survey-imported-at = Inläst
staff-survey-actions = Åtgärder
staff-survey-remove = Ta bort
staff-survey-remove-label = Ta bort importen { $file } och dess svar
staff-survey-remove-confirm = Svaren i filen försvinner från alla resultat. Det går inte att ångra, men filen kan läsas in igen.
staff-survey-synthetic = syntetiska exempeldata
staff-survey-refused = Inget har sparats:

## Citizen input (Tyck till om tryggheten)

input-title = Tyck till om tryggheten
input-lead = Berätta var du känner dig otrygg eller vad som borde göras. Polisen och kommunen läser allt som kommer in och använder det i arbetet med medborgarlöftet.
input-privacy-heading = Det här sparas, och så länge
input-privacy = Vi sparar det du skriver i formuläret och när det kom in, inget mer: inte ditt namn, inte din e-post och inte din IP-adress. Ålder och kön är frivilliga och används bara för att räkna hur olika grupper upplever tryggheten. Personal hos kommunen och polisen läser inlägget och tar bort sådant som kan peka ut någon innan det visas öppet på webbplatsen. Markerar du en plats på kartan sparas den punkten, inte var du själv befinner dig. Inlägg som inte publiceras raderas efter ett år.
input-no-names = Skriv inte namn eller annat som kan peka ut en person. Vill du anmäla ett brott, ring polisen på 114 14; vid nödläge 112.
field-input-locality = Ort
field-input-place = Plats i orten (om den finns i listan)
field-input-address = Adress eller plats med egna ord
field-input-address-hint = Valfritt, till exempel ”gångtunneln vid Storgatan”.
field-input-category = Vad gäller det?
field-input-text = Vad vill du berätta?
field-input-text-hint = Högst 2 000 tecken.
field-input-age-band = Ålder (valfritt)
field-input-gender = Kön (valfritt)
input-website = Lämna det här fältet tomt
input-choose = Välj …
input-no-place = Ingen särskild plats
input-not-said = Vill inte säga
input-send = Skicka
input-see-list = Se vad andra har tyckt
input-too-many = Du har skickat många inlägg på kort tid. Vänta { $minutes } minuter och försök igen; det du redan skickat har kommit fram.
input-thanks-title = Tack för ditt inlägg
input-thanks = Ditt inlägg har kommit fram. Det läses av personal innan det visas på webbplatsen, så det kan dröja några dagar innan du ser det i listan.
input-send-another = Skicka ett till
input-category-unsafe_place = Otrygg plats
input-category-lighting = Belysning
input-category-vegetation = Buskar och träd som skymmer
input-category-litter = Nedskräpning
input-category-graffiti = Klotter och skadegörelse
input-category-traffic = Trafik
input-category-drugs = Droger och alkohol
input-category-disturbance = Bråk och störningar
input-category-other = Annat
input-age-under_16 = Under 16 år
input-age-16_24 = 16–24 år
input-age-25_44 = 25–44 år
input-age-45_64 = 45–64 år
input-age-65_plus = 65 år eller äldre
input-gender-woman = Kvinna
input-gender-man = Man
input-gender-other = Annat
inputs-title = Invånarnas synpunkter i { $municipality }
inputs-lead = Det här har invånare skrivit i formuläret Tyck till om tryggheten, efter granskning.
inputs-all-localities = Alla orter
inputs-all-categories = Alla slag
field-ort = Ort
field-kategori = Vad det gäller
inputs-filter = Visa
inputs-counts-heading = Synpunkter per ort
inputs-count-locality = Ort
inputs-count-number = Antal
inputs-shown = Visar { $shown } av { $total } publicerade synpunkter.
inputs-none = Det finns inga publicerade synpunkter här ännu.
inputs-received = Inkom
staff-inputs-title = Synpunkter att granska
staff-inputs-intro = Inläggen från formuläret Tyck till om tryggheten visas inte öppet förrän någon här har publicerat dem. Ta bort namn och annat som kan peka ut någon innan du publicerar; dölj det som inte ska visas och skriv varför.
staff-inputs-none = Inga synpunkter väntar på granskning.
staff-inputs-publish = Publicera
staff-inputs-hide = Dölj
field-moderation-text = Text som visas
field-moderation-reason = Varför den döljs
staff-inputs-published = Synpunkten är publicerad.
staff-inputs-hidden = Synpunkten är dold.
staff-inputs-place = Plats
staff-inputs-about = Om den som skrev
municipality-links = Mer om tryggheten
municipality-inputs-link = Invånarnas synpunkter

## Safety walks (trygghetsvandringar)

walks-title = Trygghetsvandringar
walks-intro = En trygghetsvandring registreras här med sin runda och sina fynd. Den räknas samtidigt som en aktivitet (trygghetsvandring) mot löftets mål. Varje fynd har en ansvarig, ett datum och en status som invånarna kan följa.
walks-none = Inga trygghetsvandringar är registrerade ännu.
walks-participants = deltagare
walks-findings-count = { $total } fynd, { $open } öppna
walks-again = Gå rundan igen senast { $date }
walks-add = Registrera en trygghetsvandring
walks-save = Spara vandringen
walks-performer-municipality = Kommunen
walks-performer-police = Polisen
field-walk-date = Datum
field-route = Rundan (platserna ni gick förbi)
field-walk-participants = Antal deltagare
field-walk-performer = Vem ordnade vandringen
field-again-by = Gå rundan igen senast (valfritt)
walk-title = Trygghetsvandring { $date }
walk-facts = Runda: { $route }. { $participants } deltagare.
walk-findings = Fynd
walk-no-findings = Inga fynd är noterade ännu.
walk-add-finding = Notera ett fynd
walk-save-finding = Spara fyndet
field-finding-place = Plats
field-finding-category = Vad gäller det?
field-description = Beskrivning
field-owner = Ansvarig
field-owner-hint = Till exempel ”Kommunen, gatuenheten” eller ”Fastighetsbolaget”.
field-due = Åtgärdas senast (valfritt)
field-finding-status = Ny status
field-reason = Motivering
field-reason-hint = Krävs för ”Görs inte”; visas för invånarna.
finding-change = Ändra status
finding-reason = Motivering
finding-owner = Ansvarig: { $owner }. Senast: { $due }.
finding-category-lighting = Belysning
finding-category-vegetation = Buskar och träd
finding-category-litter = Nedskräpning
finding-category-graffiti = Klotter
finding-category-other = Annat
finding-status-reported = Anmält
finding-status-planned = Planerat
finding-status-fixed = Åtgärdat
finding-status-wont_fix = Görs inte
findings-public-heading = Från trygghetsvandringarna
findings-public-lead = Det här hittade vi på trygghetsvandringarna, och så går det.
findings-public-none = Inga fynd från trygghetsvandringar här ännu.
findings-all-statuses = Alla
findings-walked = Trygghetsvandring { $date }
field-status-filter = Status på fynd
inputs-download = Öppna data – publicerade synpunkter och fynd:
inputs-export-kind = Slag
inputs-export-date = Datum
inputs-export-locality = Ort
inputs-export-place = Plats
inputs-export-address = Adress
inputs-export-category = Vad det gäller
inputs-export-text = Text
inputs-export-status = Status
inputs-export-reason = Motivering
inputs-export-owner = Ansvarig
inputs-export-due = Senast
inputs-export-lat = Latitud
inputs-export-lon = Longitud
input-status-pending = Väntar på granskning
input-status-published = Publicerad
input-status-hidden = Dold
inputs-export-precision = Läge
inputs-export-precision-point = Markerat på kartan
inputs-export-precision-place = Platsens läge
field-moderation-address = Adress eller plats som visas
field-moderation-address-hint = Så som invånaren skrev den. Ta bort namn, telefonnummer och allt som pekar ut en bostad; lämna tomt för att inte visa någon adress.
field-moderation-point = Punkten på kartan
field-moderation-point-hint = Invånaren markerade en punkt, kanske vid sin egen dörr. Allmänheten ser den ungefärligt (inom cirka 300 meter) om du inte bekräftar att den markerar en offentlig plats. Flytta den genom att ändra koordinaterna.
moderation-point-approximate = Visa ungefärligt (cirka 300 meter)
moderation-point-exact = Visa exakt: punkten markerar en offentlig plats (gata, park, skola, hållplats)
moderation-point-remove = Ta bort punkten
field-latitude = Latitud
field-longitude = Longitud
inputs-export-precision-area = Ungefärligt läge (cirka 300 meter)
inputs-export-moderation = Granskning
inputs-export-hidden-reason = Varför dold
inputs-export-age-band = Ålder
inputs-export-gender = Kön
staff-inputs-export = Alla synpunkter som sparas (också de som väntar eller är dolda, med ålder och kön), för analys inom kommunen och polisen:
inputs-export-kind-input = Synpunkt
inputs-export-kind-finding = Fynd på trygghetsvandring
voices-said-label = Ni sa:
voices-said = { $count ->
    [one] en synpunkt från invånare
   *[other] { $count } synpunkter från invånare
}
voices-done-label = Vi gjorde (trygghetsvandringar):
field-commitment = Koppla till åtagande
staff-no-commitment = Inget särskilt åtagande
field-focus-link = Koppla till fokusområde
staff-no-focus-area = Inget särskilt fokusområde

## Citizen dialogues (medborgardialoger)

dialogues-title = Medborgardialoger
dialogues-intro = Registrera en medborgardialog med datum, plats, form och hur många som deltog, per kön och ålder (inga namn). Dialogen räknas som en aktivitet (medborgardialog), och det som kom fram läggs in som synpunkter som visas direkt.
dialogues-none = Inga medborgardialoger är registrerade ännu.
dialogues-inputs = synpunkter
dialogues-participants = { $count } deltagare
dialogues-add = Registrera en medborgardialog
dialogues-save = Spara dialogen
dialogues-by-gender = Deltagare per kön
dialogues-by-age = Deltagare per ålder
dialogues-counts-hint = Antal; lämna tomt det ni inte räknade.
field-dialogue-date = Datum
field-dialogue-place = Plats
field-dialogue-format = Form
dialogue-format-meeting = Möte
dialogue-format-street_survey = Gatuenkät
dialogue-format-web_survey = Webbenkät
dialogue-format-other = Annat
dialogue-title = Medborgardialog { $date }
dialogue-facts = { $place }, { $format }. Deltagare per kön: { $genders }. Per ålder: { $ages }.
dialogue-raised = Det som kom fram
dialogue-none-raised = Inget är inlagt ännu.
dialogue-add-input = Lägg in en synpunkt från dialogen
dialogue-add-input-hint = Skriv utan namn; synpunkten visas direkt i listan över invånarnas synpunkter.
dialogue-save-input = Spara synpunkten
inputs-from-dialogue = Från medborgardialog { $date }

## Maps
map-label = Karta
map-input-help = Klicka eller tryck på kartan där det gäller, så sparas just den punkten. Kartan är frivillig: ort och plats i listorna räcker.
map-list-help = Kartan visar samma synpunkter och fynd som listan nedanför, på sina platser. Välj en markör för att läsa mer.
map-picked = Du har markerat en punkt på kartan.
map-none-picked = Ingen punkt markerad.
map-remove = Ta bort punkten
map-mark-centre = Markera kartans mitt
map-nearest = Orten närmast punkten är vald i listan ovanför. Ändra den om den är fel.
map-boundary-source = Kommungräns: { $source }
map-draw-label = Rita på kartan
map-draw-point = Markera en punkt
map-draw-line = Rita en linje
map-draw-area = Rita ett område
map-draw-undo = Ta bort senaste punkten
map-draw-clear = Ta bort formen
map-draw-add-centre = Lägg till kartans mitt
map-draw-line-status = Linje med { $count } punkter. Klicka på kartan för att lägga till fler; formen skrivs i fältet Form nedanför.
map-draw-area-status = Område med { $count } hörn. Klicka på kartan för att lägga till fler; formen skrivs i fältet Form nedanför.
map-draw-start = Klicka på kartan för att sätta ut punkterna en i taget.
map-draw-other = Formen har flera delar och visas på kartan; att rita ersätter den.
field-input-position = Plats på kartan
finding-photo-alt = Foto från trygghetsvandringen
finding-photo-link = Visa foto
field-finding-photo = Foto (frivilligt)
field-finding-photo-hint = JPEG eller PNG, högst { $max_mb } MB. Fotot visas öppet på webbplatsen: undvik ansikten och registreringsskyltar. Uppgifter som telefonen sparar i bilden (som position och modell) tas bort, och stora bilder görs mindre.
finding-assign = Ändra ansvarig eller datum
finding-assign-save = Spara ansvarig
finding-photo-add = Lägg till foto
finding-photo-replace = Byt foto
finding-photo-saved = Fotot är sparat.

## The pages a public-sector site must have (about.rs)
footer-accessibility = Tillgänglighet
footer-privacy = Personuppgifter
footer-contact = Kontakt
about-owner-unknown = Den organisation som driver webbplatsen
about-contact-unknown = kontaktuppgifterna som organisationen anger (de är inte ifyllda än)
about-contact-line = Kontakt: { $contact }
about-a11y-title = Tillgänglighetsredogörelse
about-a11y-intro = { $owner } står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service, vilka kända brister som finns och hur du kan rapportera problem till oss så att vi kan åtgärda dem.
about-a11y-how-heading = Hur tillgänglig är webbplatsen?
about-a11y-compliance-full = Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.
about-a11y-compliance-partial = Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.
about-a11y-compliance-none = Webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service. De kända bristerna beskrivs nedan.
about-a11y-issues-heading = Innehåll som inte är tillgängligt
about-a11y-issue-maps = Kartorna går inte att använda fullt ut med tangentbord eller skärmläsare. Allt som visas på kartorna finns också i listor och tabeller bredvid, och du kan välja ort och plats i listor i stället för på kartan.
about-a11y-issue-pdf = Rapporterna i PDF är taggade med rubriker, tabeller och språk, men har inte granskats manuellt med skärmläsare. Samma innehåll finns som webbsida.
about-a11y-issue-charts = Diagrammen över hur arbetet går och över trygghetsmätningen är bilder med en textbeskrivning; siffrorna finns också i tabeller på samma sida.
about-a11y-report-heading = Vad kan du göra om du inte kan använda delar av webbplatsen?
about-a11y-report = Om du behöver innehåll från webbplatsen i ett annat format, eller upptäcker problem som inte beskrivs här, kontakta oss så hjälper vi dig och åtgärdar bristen. Kontakt: { $contact }
about-a11y-supervision-heading = Tillsyn
about-a11y-supervision = Myndigheten för digital förvaltning (Digg) ansvarar för tillsynen över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det.
about-a11y-supervision-link = Anmäl till Digg
about-a11y-tested-heading = Hur vi testat webbplatsen
about-a11y-tested = Varje ändring av programmet Löfte testas automatiskt i en riktig webbläsare med verktyget axe mot WCAG 2.1 nivå A och AA, på alla publika sidor och personalens sidor, på svenska och engelska och både på bred skärm och på en mobil skärmbredd. Sidorna fungerar utan JavaScript.
about-a11y-reviewed = Redogörelsen granskades senast { $date }.
about-privacy-index-title = Personuppgifter
about-privacy-index-intro = Varje kommun ansvarar för de personuppgifter som dess invånare lämnar här. Välj kommun för att läsa vad som sparas, varför och hur länge.
about-privacy-index-none = Inga kommuner har publicerat medborgarlöften här än.
about-privacy-staff-heading = Personalens konton
about-privacy-staff = För personal på kommuner och polisen sparas e-postadress, namn, ett hashat lösenord (aldrig lösenordet självt), vilka organisationer de hör till och en logg över ändringar av kontot. { $owner } ansvarar för dessa uppgifter.
about-privacy-title = Personuppgifter
about-privacy-heading = Så hanterar { $municipality } dina personuppgifter
about-privacy-intro = Här kan du lämna synpunkter om tryggheten och läsa hur polisen och kommunen följer upp sina medborgarlöften. Vi frågar inte efter ditt namn, din e-postadress eller ditt telefonnummer, och vi sparar inte din IP-adress.
about-privacy-who-heading = Vem ansvarar?
about-privacy-controller = Personuppgiftsansvarig för det du lämnar i formuläret och för kommunens uppgifter här: { $controller }.
about-privacy-police = Polismyndigheten ansvarar för de uppgifter som polisen själv lägger in, till exempel rapporterade kontroller och insatser.
about-privacy-officer = Dataskyddsombud: { $officer }
about-privacy-kept-heading = Vad sparas och hur länge?
about-privacy-col-what = Vad
about-privacy-col-how-long = Hur länge
about-privacy-kept-input = Det du skriver i formuläret Tyck till om tryggheten: vad det gäller, din text, ort och plats, och om du vill, åldersgrupp och kön.
about-privacy-kept-input-time = Det som inte publiceras raderas efter ett år. Det som publiceras finns kvar så länge uppföljningen av löftet är publik. Innan något publiceras tar en handläggare bort namn, telefonnummer och annat som kan peka ut någon.
about-privacy-kept-place = En adress du skriver eller en punkt du markerar på kartan.
about-privacy-kept-place-time = En handläggare ser den och kan ändra eller ta bort den innan publicering. Allmänheten ser en markerad punkt bara ungefärligt, inom cirka 300 meter, om inte handläggaren bekräftat att den visar en offentlig plats.
about-privacy-kept-network = Din IP-adress.
about-privacy-kept-network-time = Sparas inte. Den används bara i minnet för att begränsa hur många synpunkter som kan skickas i taget.
about-privacy-kept-dialogue = Synpunkter från medborgardialoger, som personalen för in.
about-privacy-kept-dialogue-time = Utan namn; antal deltagare per kön och åldersgrupp, inte vilka de var.
about-privacy-kept-survey = Svar på trygghetsmätningen.
about-privacy-kept-survey-time = Utan svarspersonernas id. Resultat visas bara för grupper med tillräckligt många svar för att ingen ska kunna pekas ut.
about-privacy-kept-staff = Logg över vem i personalen som ändrat vad.
about-privacy-kept-staff-time = Loggen säger vem som gjorde en ändring och när, men sparar inte den text som en handläggare tog bort ur en synpunkt.
about-privacy-basis-heading = Varför vi får behandla uppgifterna
about-privacy-basis = Uppgifterna behandlas för att utföra en uppgift av allmänt intresse: att polisen och kommunen tillsammans arbetar för trygghet och följer upp det de lovat invånarna (dataskyddsförordningen artikel 6.1 e).
about-privacy-rights-heading = Dina rättigheter
about-privacy-rights = Du har rätt att få veta vilka uppgifter om dig som behandlas, att få felaktiga uppgifter rättade och att invända mot behandlingen. Eftersom vi inte sparar vem som skickat en synpunkt behöver du beskriva den (ungefär när, var och vad) för att vi ska kunna hitta den.
about-privacy-complaint = Om du anser att vi behandlar dina personuppgifter felaktigt kan du klaga hos Integritetsskyddsmyndigheten (IMY).
about-privacy-complaint-link = Integritetsskyddsmyndigheten
about-privacy-to-form = Till formuläret Tyck till om tryggheten
about-contact-title = Kontakt och om webbplatsen
about-contact-owner = Webbplatsen drivs av { $owner }.
about-contact-police = Det här är inte ett sätt att kontakta polisen. Ring 112 vid brott som pågår eller när liv är i fara, annars 114 14 eller polisen.se.
about-contact-software = Webbplatsen använder Löfte, fri programvara (AGPL-3.0) för medborgarlöften.

# Correcting a closed promise
promise-correct-title = Rätta texterna i { $title }
promise-correct-intro = Året är avslutat, så åtaganden, mål och plan är låsta som de var. Stavfel och liknande i texterna kan rättas, och en engelsk version kan läggas till. Rättelsen publiceras direkt med dagens datum och det du skriver om vad som rättades; de gamla texterna finns kvar i historiken.
promise-correct-promise-legend = Löftet
promise-correct-commitments-legend = Åtagandena
promise-correct-focus = Fokusområde { $number }
promise-correct-commitment = Åtagande { $number } ({ $party })
promise-correct-in-english = { $label } på engelska
promise-correct-note-hint = Visas för invånarna med datumet, till exempel ”Stavfel i åtagande 3”.
promise-correct-save = Publicera rättelsen
staff-correct-promise = Rätta texterna
staff-english-full = Engelsk version av alla texter
staff-english-partial = Engelsk version av några texter
staff-english-none = Ingen engelsk version
history-promise-correct = Texterna i det avslutade löftet rättades
change-corrected = Rättat:
