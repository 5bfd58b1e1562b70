-- Demo items are marked as such (decisions §11): the demo loader sets `demo` on every item it makes,
-- the items API returns it, and `loa demo remove` deletes the demo items that never aired and
-- archives the others. The flag is set when an item is made and never cleared.
ALTER TABLE items ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
CREATE INDEX items_demo ON items(id) WHERE demo = 1;

-- Demo items loaded before this migration: what the loader wrote and nobody else writes together —
-- a generated upload name (demo-N.wav) submitted by the admin, with the demo note or the demo's own
-- approval entry in the append-only history. An item whose audio was since replaced is left unmarked.
UPDATE items SET demo = 1
WHERE original_name GLOB 'demo-[0-9]*.wav'
  AND submitted_by IN (SELECT id FROM users WHERE username = 'admin')
  AND (note = 'Dữ liệu mẫu (demo)'
       OR EXISTS (SELECT 1 FROM item_events e
                  WHERE e.item_id = items.id AND e.action = 'approved' AND e.note = 'Dữ liệu mẫu (demo): tự động duyệt'));

-- The history stays append-only, with one exception: the entries of a demo item that never aired,
-- which `loa demo remove` deletes together with the item (nothing that aired is ever deleted).
DROP TRIGGER item_events_no_delete;
CREATE TRIGGER item_events_no_delete BEFORE DELETE ON item_events
WHEN NOT EXISTS (SELECT 1 FROM items i WHERE i.id = OLD.item_id AND i.demo = 1)
  OR EXISTS (SELECT 1 FROM airtime a WHERE a.item_id = OLD.item_id)
BEGIN SELECT RAISE(ABORT, 'item_events is append-only'); END;
