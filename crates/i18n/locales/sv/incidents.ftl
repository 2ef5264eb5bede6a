## Incident reports (lägesbild)

incident-category-vandalism = Skadegörelse
incident-category-graffiti = Klotter
incident-category-gathering = Otrygghetsskapande samling
incident-category-disorder = Annat ordningsstörande
incident-category-motor_vehicles = Störning från motorfordon
incident-category-drug_find = Narkotikarelaterat fynd
incident-category-fire = Brand
incident-category-unsafe_place = Otrygg plats
incident-category-event = Arrangemang
cli-incidents-imported = { $added } händelserapporter importerade, { $present } fanns redan.
situation-title = Lägesbild för { $municipality }
situation-breadcrumb = Lägesbild
situation-lead-public = Händelser som kommunens verksamheter och samverkansparter har rapporterat, per kategori, ett år i taget jämfört med samma dagar året innan. Antal under { $threshold } visas inte, så att ingen enskild händelse går att peka ut.
situation-lead-staff = Alla rapporterade händelser per kategori, ett år i taget jämfört med samma dagar året innan. Allmänheten ser samma tabell men inte antal under fem.
situation-period = { $from } – { $to }, jämfört med samma dagar året innan ({ $before_from } – { $before_to }).
situation-synthetic = Exempeldata: händelserna är påhittade för demon.
situation-none = Inga händelser är rapporterade för de här perioderna.
situation-caption = Rapporterade händelser per kategori
situation-col-category = Kategori
situation-col-now = { $year }
situation-col-before = Samma period { $year }
situation-col-verdict = Bedömning (förändring, 95 % intervall)
situation-fewer-than = färre än { $count }
situation-held-back = visas inte (få händelser)
situation-change = { $change } ({ $lower } till { $upper })
situation-change-none-before = inga förra året
situation-explain-heading = Så läser du siffrorna
situation-explain-interval = Antalet händelser varierar av en slump även när inget har förändrats. Intervallet visar vilka förändringar som är förenliga med siffrorna; bara när hela intervallet ligger på ena sidan om noll säger vi att det har blivit bättre eller sämre.
situation-explain-source = Siffrorna är rapporter, inte anmälda brott: de visar vad som har setts och rapporterats, och påverkas av hur många som rapporterar.
incident-title = Rapportera en händelse
incident-what = Vad har hänt?
incident-where = Var?
incident-save = Spara händelsen
incident-saved = Sparat: { $category }, { $date }, { $place }. Tack!
incident-confirm-no-personal-data = Jag har kontrollerat att det inte är en personuppgift.
field-incident-text = Kort beskrivning (valfri)
field-incident-text-hint = Beskriv platsen och händelsen, aldrig personer: inga namn, personnummer eller telefonnummer.
field-reporter = Rapporterande organisation
incident-reporting-for = Du rapporterar för { $organisation }.
field-reporter-hint = Till exempel ”Gnestahem” eller ”Kommunens fältgrupp”. Nästa rapport behåller det du skriver.
field-incident-when = När hände det?
field-incident-when-hint = Står kvar på nu om du inte ändrar; rapporterar du efteråt, ange när det hände.
incidents-title = Veckans händelserapporter
incidents-weeks = Veckor
incidents-previous = Föregående vecka
incidents-next = Nästa vecka
incidents-week = Vecka { $week }: { $from } – { $to }
incidents-own-title = Våra händelserapporter
incidents-none = Inga händelser är rapporterade den här veckan.
incidents-to-review = { $count ->
    [0] Alla är granskade.
    [one] En är inte granskad än.
   *[other] { $count } är inte granskade än.
  }
incidents-reviewed = Granskad
incidents-category = Kategori
incidents-mark-reviewed = Markera som granskad
incidents-duplicate-of = Samma händelse som
incidents-remove-duplicate = Ta bort som dubblett
cli-demo-incidents = Exempeldata: { $added } påhittade händelserapporter för Flen 2020 och 2021 inlästa (märkta som exempeldata).
cli-demo-police-events = Exempeldata: { $added } påhittade händelser från polisen för Flen 2020 och 2021 inlästa (märkta som exempeldata).
cli-demo-crime-stats = Exempeldata: { $crime } påhittade siffror om anmälda brott och { $population } befolkningssiffror för Flen 2020 och 2021 inlästa (märkta som exempeldata).
situation-years = År

situation-police-heading = Polisens händelser
situation-police-lead = Händelser som polisen har publicerat på polisen.se och som Löfte har kopplat till kommunen, under samma perioder. De är ett urval av polisens arbete, inte all brottslighet.
situation-police-less-sure = { $count } av dem är kopplade till kommunen bara genom orten i rubriken eller flödets position, och kan höra till en grannkommun.
situation-police-synthetic = Exempeldata: polisens händelser här är påhittade för demon.
situation-police-caption = Polisens händelser per typ
situation-police-col-kind = Typ av händelse

situation-crime-heading = Anmälda brott per 100 000 invånare
situation-crime-lead = Anmälda brott enligt den officiella kriminalstatistiken, { $basis }, jämfört med samma del av året innan. { $population }
situation-crime-basis-year = hela året
situation-crime-basis-quarters = kvartal { $parts }
situation-crime-basis-halves = halvår { $parts }
situation-crime-population = Per 100 000 invånare räknat på befolkningen { $year } ({ $residents } invånare); förändringen gäller antalet per invånare, med 95 % intervall.
situation-crime-no-population = Ingen befolkningssiffra är inläst, så inga tal per invånare visas.
situation-crime-rate = { $rate } per 100 000
situation-crime-preliminary = (preliminär)
situation-crime-synthetic = Exempeldata: brottsstatistiken och befolkningen här är påhittade för demon.
situation-crime-caption = Anmälda brott per brottstyp
situation-crime-col-category = Brottstyp
situation-crime-col-verdict = Bedömning (förändring per invånare, 95 % intervall)

situation-when-where-heading = När och var
situation-when-where-lead = Veckor, tider och platser för { $category }. Välj en kategori:
situation-categories = Kategorier
situation-all-categories = Alla kategorier
situation-all-categories-lower = alla kategorier
situation-weeks-heading = De senaste veckorna
situation-weeks-caption = Rapporter per vecka, jämfört med samma vecka året innan
situation-week = Vecka { $week } ({ $from }–{ $to })
situation-week-col = Vecka
situation-week-before = Samma vecka { $year }
situation-grid-heading = Veckodag och tid
situation-grid-caption = Rapporter per veckodag och timme
situation-grid-col-day = Dag
situation-grid-note-public = Timmarna är sammanslagna fyra och fyra, och rutor med färre än { $threshold } rapporter visas som ”<{ $threshold }”.
situation-grid-without-time = { $count } rapporter angav ingen tid på dygnet och finns inte i tabellen.
situation-map-label = Karta över platser med flest rapporter
situation-map-help = Kartan visar samma platser som listan nedan. En ruta ritas i sin mitt, aldrig där en enskild händelse rapporterades.
situation-map-reports = { $count } rapporter
situation-hot-spots-heading = Platser med flest rapporter
situation-hot-spots-public = Platser och områden med minst { $threshold } rapporter under perioden. Punkter som inte hör till en plats räknas i rutor om ungefär 300 × 300 meter.
situation-hot-spots-staff = Platser, och punkter samlade i rutor om ungefär 300 × 300 meter, med flest rapporter under perioden.
situation-hot-spots-none = Ingen plats har tillräckligt många rapporter för att visas.
situation-hot-spot-cell = Rutan kring { $lat }, { $lon }
situation-col-reports = Rapporter
situation-col-place = Plats
weekday-mon = Måndag
weekday-tue = Tisdag
weekday-wed = Onsdag
weekday-thu = Torsdag
weekday-fri = Fredag
weekday-sat = Lördag
weekday-sun = Söndag

## The police's public events (polisen.se)

cli-events-imported = { $added } händelser från polisen importerade, { $present } fanns redan. Kopplade till kommun:
events-assigned-location = efter platsen i flödet (säker)
events-assigned-title = efter orten i rubriken (trolig)
events-assigned-point = efter positionen (osäker: flödets punkt är ofta länets mitt)
events-unassigned = utan kommun (till exempel länets sammanfattningar)

## Crime statistics and population

cli-crime-stats-imported = { $stored } siffror om anmälda brott sparade; { $unpublished } rader utan publicerad siffra (..) hoppades över.
cli-population-imported = { $stored } befolkningssiffror sparade; { $unpublished } rader utan publicerad siffra (..) hoppades över.

# The picture as CSV
situation-download-csv = Ladda ner som CSV
situation-csv-source = Källa
situation-csv-reports = Händelserapporter
situation-csv-police = Polisens händelser
situation-csv-crime = Anmälda brott
situation-csv-crime-preliminary = Anmälda brott (preliminärt)
situation-csv-category = Kategori
situation-csv-from = Från
situation-csv-to = Till
situation-csv-before-from = Jämförelse från
situation-csv-before-to = Jämförelse till
situation-csv-count = Antal
situation-csv-count-before = Antal i jämförelsen
situation-csv-ratio = Förändring (kvot)
situation-csv-lower = Nedre gräns (95 %)
situation-csv-upper = Övre gräns (95 %)
situation-csv-verdict = Bedömning

# The tertial analysis
analysis-title = Lägesbild tertial { $tertial } { $year }
analysis-reports-heading = Händelserapporter
analysis-col-change = Förändring
analysis-hot-places-lead = Platserna med flest rapporter under tertialet. Platser med färre än { $threshold } rapporter visas inte för allmänheten.
analysis-police-less-sure = { $count } av dem är kopplade till kommunen bara genom orten i rubriken eller koordinaten.
analysis-heading = Analys
analysis-next-steps-heading = Det här gör vi framåt
analysis-not-written = Analysen är inte skriven än.
analysis-published-on = Publicerad { $date }.
analysis-draft-note = Utkast: siffrorna räknas om tills analysen publiceras.
analyses-heading = Lägesbild per tertial
analyses-lead = Samordnaren skriver en analys av varje tertial. När den publiceras sparas siffrorna med den, så analysen säger alltid det den sa.
analyses-none = Ingen analys är publicerad än.
analyses-staff-title = Analyser av lägesbilden
analyses-staff-lead = Skriv en analys för varje tertial: vad rapporterna visar, varför, och vad parterna gör framåt. Spara som utkast, förhandsgranska och publicera. När analysen publiceras sparas tertialets siffror med den.
analyses-col-tertial = Tertial
analyses-col-status = Status
analysis-status-none = Inte påbörjad
analysis-status-draft = Utkast
analysis-status-published = Publicerad { $date }
analysis-write = Skriv
analysis-edit = Fortsätt skriva
analysis-read = Läs
field-analysis = Analys
field-analysis-hint = Vad visar rapporterna, och varför? Skriv inte namn eller annat som pekar ut enskilda personer. Tomma rader delar stycken.
field-next-steps = Det här gör vi framåt (valfritt)
analysis-save = Spara utkast
analysis-preview = Förhandsgranska
analysis-publish = Publicera
analysis-saved = Utkastet är sparat.
analysis-preview-heading = Förhandsvisning: så här ser invånarna analysen
analysis-preview-lead = Siffror under 5 visas som ”färre än 5”. När du publicerar sparas tertialets siffror som de är nu, och analysen kan inte ändras efteråt.
analysis-download-pdf = Ladda ner som PDF
