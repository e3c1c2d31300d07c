-- +goose Up
-- A wave looks up each page's waiting (pending) check-ins, thousands of citizens at a time. In
-- (citizen_id, due_at) that meant every check-in a citizen ever had; pending ones are few, so
-- this index stays small however long the site runs, and the planner picks it even before the
-- table has statistics (a first wave over a freshly imported caseload).
CREATE INDEX "idx_checkins_pending" ON "checkins" ("citizen_id", "due_at") WHERE "status" = 'pending';

-- An admin's review queue is every open flag, most urgent first, then oldest first: in this
-- order it is read from the top instead of sorting tens of thousands of flags (1.5 s at a
-- million citizens) to show a page of them.
CREATE INDEX "idx_flags_open" ON "flags" ("severity" DESC, "created_at", "id") WHERE "acked_at" IS NULL;

-- +goose Down
DROP INDEX "idx_flags_open";
DROP INDEX "idx_checkins_pending";
