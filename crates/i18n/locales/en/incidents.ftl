## Incident reports (lägesbild)

incident-category-vandalism = Vandalism
incident-category-graffiti = Graffiti
incident-category-gathering = Gathering that makes people feel unsafe
incident-category-disorder = Other disorder
incident-category-motor_vehicles = Disturbance from motor vehicles
incident-category-drug_find = Drug-related find
incident-category-fire = Fire
incident-category-unsafe_place = Unsafe place
incident-category-event = Event
cli-incidents-imported = { $added } incident reports imported, { $present } were already there.
