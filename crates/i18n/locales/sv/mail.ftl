## E-mail: the words under every message

mail-footer-follower = Du får det här meddelandet för att du följer det på { $site }. Din adress används bara för det här.
mail-footer-one-off = Det här meddelandet skickades från { $site } för att någon bad om det.
mail-unsubscribe = Sluta följa (ett klick)
mail-manage = Se, ändra eller radera allt som sparats om din adress

## Notices to followers

notice-follow-up-title = { $municipality }: { $report } är publicerad
notice-follow-up-summary = Så här går det för löftets { $count } åtaganden, enligt polisen och kommunen:
notice-read-report = Läs uppföljningen

## The staff page of e-mail sent (administrators)

mail-log-title = E-post som skickats
mail-log-empty = Ingen e-post har skickats ännu.
mail-log-caption = Den senaste e-posten, nyast först
mail-col-when = Skapad
mail-col-kind = Slag
mail-col-subject = Ämne
mail-col-to = Till
mail-col-state = Läge
mail-kind-follow-confirm = Bekräfta följning
mail-kind-password-reset = Nytt lösenord
mail-kind-notice = Nyhet till följare
mail-to-follower = En följare (adressen visas inte)
mail-state-sent = Skickat { $time }
mail-state-failed = Gav upp
mail-state-waiting = Väntar (försök hittills: { $attempts })
mail-waiting = Väntar på att skickas: { $count }
mail-transport-none = E-post är inte inställd.
mail-transport-smtp = E-posten skickas till e-postservern (smtp_url).
mail-transport-files = Ingen e-postserver är inställd: meddelandena skrivs som filer i { $dir } och kan läsas här.
notice-analysis-title = { $municipality }: lägesbildens analys för tertial { $tertial } { $year } är publicerad
notice-analysis-summary = Polisen och kommunen har skrivit vad rapporterna under tertialet visar och vad de gör härnäst.
notice-read-analysis = Läs analysen
notice-digest-subject = Nytt i det du följer: { $count } { $count ->
        [one] händelse
       *[other] händelser
    }
notice-digest-intro = Det här har hänt i det du följer sedan förra sammanfattningen:
mail-kind-reminder = Påminnelse till personal
mail-kind-digest = Sammanfattning till följare
mail-kind-question = Blev det gjort? till invånare
mail-kind-routing = Synpunkt till enhet

## Staff reminders (weekly)

reminder-subject = Löfte: { $count } { $count ->
        [one] sak
       *[other] saker
    } att göra
reminder-intro = Hej { $name }! Nedan står det som är ditt att göra i Löfte just nu, det försenade först.
reminder-turn-off = Vill du inte ha den här påminnelsen varje vecka? Stäng av den under Mitt konto: { $address }
reminder-dashboard = Öppna din översikt
notice-input-published-title = Ny synpunkt i { $place }: { $category }
notice-input-changed-title = Synpunkt { $reference } i { $place } har hanterats
notice-input-status = Åtgärden: { $status }.
notice-input-reply = Svar: { $reply }
notice-read-input = Läs synpunkten
notice-promise-published-title = { $municipality }: medborgarlöftet { $years } är publicerat
notice-promise-published-summary = Polisen och kommunen har gett ett nytt medborgarlöfte med { $count } åtaganden.
notice-promise-changed-title = { $municipality }: medborgarlöftet { $years } har ändrats
notice-promise-changed-summary = Det här har ändrats sedan förra gången vi skrev:
notice-commitment-changed-title = { $municipality }: ett åtagande i medborgarlöftet { $years } har ändrats
notice-commitment-removed-title = { $municipality }: ett åtagande har tagits bort ur medborgarlöftet { $years }
notice-read-promise = Läs löftet
notice-finding-title = Fynd från trygghetsvandring i { $place }: { $status }
notice-read-findings = Se fynden
