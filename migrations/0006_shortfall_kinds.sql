-- Shortfalls gain a kind (decisions §8): a topic below its target ('topic-below-target'), a peak
-- window left empty ('empty-window') or a day with nothing planned ('empty-day'); the last two have
-- no topic. SQLite cannot drop a NOT NULL in place, so the table is rebuilt (same ids, same rows).

CREATE TABLE shortfalls_new (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  zone_id      TEXT NOT NULL,
  kind         TEXT NOT NULL DEFAULT 'topic-below-target'
               CHECK (kind IN ('topic-below-target', 'empty-window', 'empty-day')),
  topic_id     TEXT, -- null for an empty window or day
  period       TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  body         TEXT NOT NULL, -- JSON shortfall
  planned_at   INTEGER NOT NULL
);

INSERT INTO shortfalls_new (id, zone_id, kind, topic_id, period, period_start, period_end, body, planned_at)
SELECT id, zone_id, 'topic-below-target', topic_id, period, period_start, period_end, body, planned_at FROM shortfalls;

DROP TABLE shortfalls;
ALTER TABLE shortfalls_new RENAME TO shortfalls;
CREATE INDEX shortfalls_period ON shortfalls(period_start, period_end);
-- A replan deletes a zone's shortfalls by period end.
CREATE INDEX shortfalls_zone_period ON shortfalls(zone_id, period_end);
