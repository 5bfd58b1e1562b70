-- The operator's order of priority items (issue 10 "Priority", decisions §4): several priority
-- items in one window air in this order, smaller first (PUT /api/priority-order). NULL: no order;
-- such items air after the ordered ones, in rotation order. Only approved priority items are
-- given one; the planner ignores it on any other item.
ALTER TABLE items ADD COLUMN priority_order INTEGER;
