-- Speech from text (issue 11): an item made by the speech engine keeps the text it was made from, so
-- a reviewer reads what was spoken, and how (voice, rate). `spoken` is the text after normalisation
-- (numbers, dates, abbreviations in words): what the engine was actually given. One row per item; a
-- new text (a later replace-audio upload) is not speech, so the row stays as the item's origin.
CREATE TABLE item_speech (
  item_id    TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  text       TEXT NOT NULL,
  spoken     TEXT NOT NULL,
  voice      TEXT NOT NULL,
  rate       REAL NOT NULL,
  engine     TEXT NOT NULL,   -- the program that spoke (espeak-ng…), never its full command line
  created_at INTEGER NOT NULL -- epoch ms
);
