## Municipality and promise pages

municipality-title = { $name } – medborgarlöften
municipality-no-promise = { $name } har inget publicerat medborgarlöfte ännu.
municipality-police = Lokalpolisområde { $area }, { $region }
promise-years-nav = Medborgarlöften per år
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
exclusion-other-type = de är av en annan typ än målet räknar
exclusion-other-party = de gjordes av en annan part än den som lovade
exclusion-outside-period = de gjordes utanför löftets år

## Correcting a closed promise
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

# Hints for writing commitments that can be followed up (lint)
hints-heading = Tips för ett åtagande som går att följa upp
hints-lead = Tips, inga krav: åtagandet sparas som det är.
hint-vague-verb = ”{ $value }” lovar en ansträngning, inte något som görs.
hint-vague-verb-suggestion = Skriv vad som ska göras och hur mycket, till exempel ”minst 20 trafikkontroller vid skolorna under terminen”.
hint-no-number = Åtagandet har inget antal.
hint-no-number-suggestion = Lägg till ett mål som räknas från loggade aktiviteter, eller skriv ett antal i texten.
hint-no-place = Åtagandet säger inte var.
hint-no-place-suggestion = Nämn platserna där problemen är störst, eller begränsa målet till kommunens platser.
hint-no-time = Åtagandet säger inte när.
hint-no-time-suggestion = Skriv när arbetet görs: månader, veckodagar eller tider på dygnet, eller ett mål per år eller tertial.
hint-no-responsible = Det framgår inte vem som gör det.
hint-no-responsible-suggestion = Skriv vem som ansvarar: polisen, kommunen eller en namngiven samverkanspart.
hint-no-data-source = Det framgår inte hur ni får veta att det blev gjort.
hint-no-data-source-suggestion = Lägg till ett mål som räknas från loggade aktiviteter, eller nämn källan: trygghetsmätning, medborgardialog eller statistik.
hint-outcome-without-indicator = Effektmålet har ingen indikator i trygghetsmätningen.
hint-outcome-without-indicator-suggestion = Koppla effektmålet till frågor i trygghetsmätningen, så visar uppföljningen om målet nåddes.
hint-unlogged-type = Ingen har loggat aktivitetstypen ”{ $value }” det senaste året.
hint-unlogged-type-suggestion = Kontrollera att typen är den som faktiskt loggas, eller kom överens om vem som loggar den.

# A commitment measured by the situation picture
indicator-headline = Mätt i lägesbilden: { $what }, { $now } rapporter { $from } – { $to } mot { $before } samma dagar { $baseline }.
indicator-at = { " " }vid { $places }
indicator-hours = { " " }kl. { $from }–{ $to }
indicator-removed = händelserapporter (måttet har sedan tagits bort från åtagandet)
indicator-summary = Lägesbilden: { $verdict }
indicator-synthetic = Rapporterna är påhittade exempeldata för demon.

# Did the work go where the problems were?
targeting-heading = Gick arbetet dit problemen var?
targeting-places = { $within } av { $of } { $work } med plats ({ $share } %, { $lower }–{ $upper } %) gjordes där minst hälften av rapporterna fanns: { $places }. Jämnt spritt över kommunens platser hade gett { $expected } %.
targeting-more-places = { " " }och { $count } till
targeting-hours = { $within } av { $of } { $work } ({ $share } %, { $lower }–{ $upper } %) gjordes under de { $hot } av veckans { $week } timmar då minst hälften av rapporterna kom. Jämnt spritt över timmarna hade gett { $expected } %.
targeting-both = Både där och då: { $within } av { $of } { $work } med plats ({ $share } %, { $lower }–{ $upper } %). Jämnt spritt hade gett { $expected } %.
targeting-no-work = Inga { $work } att räkna än.
targeting-too-few = Med färre än { $min } rapporter med plats eller med tid går det inte att säga var eller när problemen var störst.
targeting-without-place = { $count } { $work } utan plats räknas inte i andelen för platser.
targeting-explain = Jämförelsen gäller årets rapporter i åtagandets kategorier och årets räknade arbete. Intervallen visar osäkerheten med 95 procents säkerhet; ”mer än jämnt” betyder att hela intervallet ligger över vad jämnt spritt arbete hade gett.
targeting-aim-more-than-even = Mer än jämnt
targeting-aim-as-even = Som jämnt spritt
targeting-aim-less-than-even = Mindre än jämnt
targeting-aim-not-measurable = Går inte att bedöma
