## Problems with input (field errors)

problem-malformed = Malformed input: { $detail }
problem-required = Required.
problem-empty = Must not be empty.
problem-in-future = The time is in the future. Report what has happened, with the date and time it happened.
problem-ends-before-start = The period ends before it begins.
problem-personal-data = The text seems to contain { $kind ->
    [identity-number] a personal identity number
   *[phone-number] a phone number
  }. Describe the incident without personal data, or confirm that it is not personal data.
problem-too-long = Must be at most { $max } characters.
problem-too-many = At most { $max } may be given.
problem-out-of-range = Must be between { $min } and { $max }.
problem-municipality-code = “{ $value }” is not a municipality code. A municipality code has four digits, for example 0482 for Flen.
problem-unknown-municipality = There is no municipality with the code { $code }.
problem-other-municipality = The document is for another municipality than { $expected }.
problem-year-span-backwards = The last year ({ $last }) comes before the first year ({ $first }).
problem-year-span-too-long = A citizen promise may run for at most { $max } years.
problem-measured-before-start = The outcome cannot be measured before the promise's first year ({ $first }).
problem-translation-count = Write one English name per focus area ({ $expected }), in the same order, or none.
problem-final-report-too-early = The final report must come after the promise's last year ({ $last }).
problem-continues-not-earlier = A promise can only continue a promise from before { $first }.
problem-slug = “{ $value }” is not allowed here. Use lowercase letters a–z, digits and hyphens.
problem-unknown-activity-type = There is no activity type “{ $value }”.
problem-activity-type-exists = There already is an activity type with the code “{ $value }”.
problem-unknown-place = The place “{ $value }” does not exist in the municipality. Add it under Places in the staff area (or with lofte municipality import) and try again.
problem-method-window = The method's time window { $min }–{ $max } minutes does not add up: at least 1 minute, and the start before the end.
problem-coordinates = The coordinates are not in Sweden. Give latitude and longitude in WGS 84.
problem-feed-date-time = Give the time as the police's feed writes it, for example 2024-05-13 22:40:00 +02:00.
problem-police-link = The link must go to polisen.se, for example /aktuellt/handelser/2024/maj/13/… or https://polisen.se/…
problem-boundary = The municipality boundary must be a GeoJSON geometry of type Polygon or MultiPolygon with closed rings (at least four points, the first equal to the last) in Sweden, as [longitude, latitude].
problem-outside-municipality = The point you marked lies outside { $municipality }. Check the place on the map, or remove the point and choose a locality from the list.
problem-not-an-image = The file is not a picture. Choose a photo in JPEG or PNG format.
problem-identity-linked = The account, or the person at the identity provider, is already linked to another account.
problem-image-too-large = The picture has too many pixels. It may have at most { $max_megapixels } megapixels: take the photo at a lower resolution, or make the picture smaller, and try again.
problem-file-too-large = The file is too large. It may be at most { $max_mb } MB.
problem-not-a-backup = The file is not a Löfte backup (neither a SQLite copy nor a portable dump).
problem-backup-damaged = The backup is damaged or cut off at line { $line }.
problem-backup-schema = The backup comes from another version of Löfte (schema { $found }) than this database ({ $expected }). Restore with the same version that took it.
problem-control-character = The text holds an invisible control character (such as a NUL byte). Retype it or paste it as plain text.
problem-not-utf8 = The content is not UTF-8 text. Save the file as UTF-8 and send it again.
problem-no-commitments = A citizen promise needs at least one commitment.
problem-promise-exists = Municipality { $municipality } already has a citizen promise for { $year }. The existing promise has not been changed.
problem-unit-exists = There already is a unit called “{ $value }”.
problem-duplicate = “{ $value }” is already there; each code or column may appear only once.
problem-not-in-codebook = “{ $value }” is not in the codebook. Allowed values: { $allowed }.
problem-weight = The weight “{ $value }” must be a number greater than zero (decimal point, e.g. 1.25).
problem-column-count = The row has { $found } fields but the header has { $expected }.
problem-other-year = The year does not match: the file is imported for { $expected }.
problem-duplicate-respondent = The same respondent id is already on line { $line }.
problem-survey-year-exists = There are already responses for { $year } from another file. Tick “Replace the responses for the file's years” (on the command line --replace) if they are to be replaced.
problem-no-survey-items = The file has none of the codebook's questions as a column.
problem-no-codebook = The municipality has no codebook for the safety survey yet. Add the codebook first.
problem-codebook-in-use = “{ $value }” is used by responses already imported and cannot be removed or changed.
problem-unknown-survey-item = The question “{ $value }” is not in the codebook.
problem-survey-code = “{ $value }” is not a valid code. Use lowercase letters a–z, digits, _ and -, starting with a letter.
problem-unknown-indicator = The indicator “{ $value }” is not in the municipality's codebook.
problem-too-few = At least { $min } are needed.
problem-choice = Choose one of the options.
problem-json-syntax = This is not valid JSON: reading stopped at line { $line }, character { $column }. Check the commas, quotes and brackets there.
problem-unknown-field = There is no field “{ $value }” here. { $allowed ->
    [none] There are no fields here.
   *[other] Allowed fields: { $allowed }.
}
problem-wrong-type = { $expected ->
    [number] A whole number goes here.
    [text] A text in quotes goes here.
    [list] A list in [ ] goes here.
    [object] An object in {"{"} {"}"} goes here.
    [boolean] true or false goes here.
    [text-or-list] A text or a list of texts goes here.
   *[other] This is a value of the wrong kind.
}
path-commitment = Commitment { $number }
problem-date-time = Give the moment in RFC 3339 with its offset, for example 2021-03-01T07:30:00+01:00.
problem-not-a-draft = Only a draft can be replaced or deleted. This citizen promise is already signed or published; edit it instead.
problem-needed-to-sign = Fill this in before the promise is marked as signed: residents see who signed it and when.
problem-signatory = Write name and role separated by a comma, one person per line, for example: Anna Andersson, chair of the municipal executive board
problem-shape = The shape must be GeoJSON: a line (LineString) for a road or a surface (Polygon) for an area, with positions [longitude, latitude] in Sweden.
problem-separator = The file must be separated by commas or semicolons, but the header line uses { $found ->
    [tab] tabs
   *[other] “{ $found }”
}. Save it as CSV with commas or semicolons and try again.
problem-not-yours = You may not import data for municipality { $municipality }. Remove those rows, or ask someone with access there to import them.
problem-not-a-spreadsheet = The file cannot be read as an Excel sheet (XLSX). Save it again as XLSX or as CSV and try again.
problem-not-one-of = “{ $value }” is not allowed here. Allowed values: { $allowed }.
problem-empty-hours = The hours must end at another time than they start, for example 20:00–02:00.
problem-baseline-not-before = The baseline year must come before the year of measurement ({ $measured }).

problem-email = Enter a valid e-mail address, for example name@municipality.se.
problem-password-too-short = The password must have at least { $min } characters. A phrase of several words is easy to remember.
problem-email-taken = There is already an account with that e-mail address.
problem-wrong-password = The password is not correct.
