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
