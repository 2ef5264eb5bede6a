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
