## Site chrome

site-name = Löfte
site-tagline = Medborgarlöften från polisen och kommunerna
skip-to-content = Hoppa till innehållet
nav-home = Start
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
field-finding-photo = Foto (frivilligt)
field-finding-photo-hint = JPEG eller PNG, högst { $max_mb } MB. Fotot visas öppet på webbplatsen: undvik ansikten och registreringsskyltar. Uppgifter som telefonen sparar i bilden (som position och modell) tas bort, och stora bilder görs mindre.
finding-assign = Ändra ansvarig eller datum
finding-assign-save = Spara ansvarig
finding-photo-add = Lägg till foto
finding-photo-replace = Byt foto

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
about-privacy-intro = Här kan du lämna synpunkter om tryggheten och läsa hur polisen och kommunen följer upp sina medborgarlöften. Vi frågar inte efter ditt namn eller ditt telefonnummer, och vi sparar inte din IP-adress. Din e-postadress sparas bara om du själv lämnar den: för att följa något här, eller för att få frågan ”Blev det gjort?” om en synpunkt.
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
about-privacy-kept-follow = Din e-postadress, om du följer ett löfte, ett åtagande eller lägesbilden, och vad du följer.
about-privacy-kept-follow-time = Tills du avslutar med länken i varje e-brev. En adress som inte bekräftats raderas efter en vecka, och en adress som inte går att leverera till raderas efter ett år. Adressen visas ingenstans, lämnas inte ut och finns inte i säkerhetskopiorna.
about-privacy-kept-question = Din e-postadress, om du lämnar den med en synpunkt för att få frågan ”Blev det gjort?”, och ditt svar.
about-privacy-kept-question-time = Adressen sparas skild från synpunkten och raderas när du svarat, när synpunkten dras tillbaka, eller senast tre månader efter att du skrev. Den finns inte i säkerhetskopiorna. Svaret (ja, delvis eller nej) visas vid synpunkten.
about-privacy-kept-network = Din IP-adress.
about-privacy-kept-network-time = Sparas inte. Den används bara i minnet för att begränsa hur många synpunkter som kan skickas i taget.
about-privacy-kept-dialogue = Synpunkter från medborgardialoger, som personalen för in.
about-privacy-kept-dialogue-time = Utan namn; antal deltagare per kön och åldersgrupp, inte vilka de var.
about-privacy-kept-incident = Händelserapporter från kommunens verksamheter och samverkansparter (till exempel bostadsbolag), om platser och händelser, aldrig om personer.
about-privacy-kept-incident-time = Texten tas bort två år efter händelsen; kategori, tid och plats finns kvar för lägesbilden. Allmänheten ser bara antal, inga under fem.
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
