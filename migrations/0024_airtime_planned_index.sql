-- A replan counts a saved slot that started with no airtime row as aired (src/scheduling/planInput.ts):
-- it asks the database for those slots alone, each one a look-up of its zone's row of that planned
-- start, instead of reading the month's slots and rows into memory to match them (0.8 s of a 50-zone
-- station's replan at a month's end).
CREATE INDEX airtime_zone_planned ON airtime(zone_id, planned_start, item_id) WHERE planned_start IS NOT NULL;
