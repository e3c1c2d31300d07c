-- +goose Up
-- PostgreSQL widens messages.status and message_status_events.status to varchar(24) for
-- Twilio's "partially_delivered"; SQLite's text columns have no width, so nothing changes here.
-- The file keeps both dialects at the same version.
SELECT 1;

-- +goose Down
SELECT 1;
