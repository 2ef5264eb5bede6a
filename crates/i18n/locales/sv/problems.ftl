## Problems with input (field errors)

problem-malformed = Felaktigt format: { $detail }
problem-required = Måste fyllas i.
problem-empty = Får inte vara tomt.
problem-in-future = Tidpunkten ligger i framtiden. Rapportera det som har hänt, med datum och tid då det hände.
problem-ends-before-start = Perioden slutar innan den börjar.
problem-personal-data = Texten ser ut att innehålla { $kind ->
    [identity-number] ett personnummer
   *[phone-number] ett telefonnummer
  }. Skriv om händelsen utan personuppgifter, eller bekräfta att det inte är en personuppgift.
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
problem-feed-date-time = Ange tidpunkten som polisens flöde skriver den, till exempel 2024-05-13 22:40:00 +02:00.
problem-police-link = Länken ska gå till polisen.se, till exempel /aktuellt/handelser/2024/maj/13/… eller https://polisen.se/…
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
problem-unit-exists = Det finns redan en enhet som heter ”{ $value }”.
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
