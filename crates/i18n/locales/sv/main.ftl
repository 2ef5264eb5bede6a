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
promise-focus-heading = Fokusområden
promise-outcome-heading = Effektmål
promise-outcome-measured = Mäts år { $year }.
promise-follow-up-heading = Uppföljning
promise-continues = Fortsätter medborgarlöftet { $year }.
promise-signed = Undertecknat { $date } av
promise-status-closed = Avslutat: året är slut och slutredovisningen gjord.
promise-content-language = Löftets text är på svenska.
party-together = Tillsammans
party-police = Polisen lovar
party-municipality = { $municipality } lovar
party-partner = { $partner } lovar
local-plan = Enligt: { $plan }
not-measurable = Inget mätbart mål
follow-up-tertial =
    Medborgarlöftet kommer att följas upp internt tertialvis av kommunen och Polis under { $year } samt en officiell slutredovisning i { $quarter ->
        [1] första
        [2] andra
        [3] tredje
       *[4] fjärde
    } kvartalet { $report_year }.
follow-up-yearly =
    Medborgarlöftet kommer att följas upp internt en gång om året av kommunen och Polis under { $year } samt en officiell slutredovisning i { $quarter ->
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
method-twenty_minute = 20-minutersmetoden
method-fifteen_minute = 15-minutersmetoden
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
problem-year-span-backwards = Sista året ({ $last }) kommer före första året ({ $first }).
problem-year-span-too-long = Ett medborgarlöfte får gälla högst { $max } år.
problem-measured-before-start = Effekten kan inte mätas före löftets första år ({ $first }).
problem-final-report-too-early = Slutredovisningen ska komma efter löftets sista år ({ $last }).
problem-continues-not-earlier = Löftet kan bara fortsätta ett löfte från före { $first }.
problem-slug = ”{ $value }” är inte tillåtet här. Använd små bokstäver a–z, siffror och bindestreck.
problem-unknown-activity-type = Aktivitetstypen ”{ $value }” finns inte.
problem-unknown-place = Platsen ”{ $value }” finns inte i kommunen.
problem-method-window = Metodens tidsfönster { $min }–{ $max } minuter går inte ihop: minst 1 minut, och början före slutet.
problem-coordinates = Koordinaterna ligger inte i Sverige. Ange latitud och longitud i WGS 84.
problem-no-commitments = Ett medborgarlöfte behöver minst ett åtagande.
problem-promise-exists = Kommun { $municipality } har redan ett medborgarlöfte för { $year }. Det befintliga löftet har inte ändrats.

problem-email = Ange en giltig e-postadress, till exempel namn@kommun.se.
problem-password-too-short = Lösenordet måste ha minst { $min } tecken. En fras med flera ord är lätt att minnas.
problem-email-taken = Det finns redan ett konto med den e-postadressen.
problem-wrong-password = Lösenordet stämmer inte.

## Command line

cli-listening = Löfte lyssnar på { $url }
cli-demo-loaded = Demodata för Flen: { $added } medborgarlöften inlästa, { $present } fanns redan.
cli-migrated = Databasen är uppdaterad.
cli-imported = Medborgarlöfte { $year } för { $municipality } är inläst.
cli-profile-imported = Kommunprofil för { $municipality } är inläst ({ $places } platser).
cli-invalid-file = { $file } innehåller fel; inget har sparats:
cli-not-found = Det finns inget medborgarlöfte för kommun { $municipality } år { $year }.
cli-copied = Utkast till medborgarlöfte { $year } för { $municipality } är skapat som en kopia av { $from }.
