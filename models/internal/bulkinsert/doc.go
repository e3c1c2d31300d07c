// Package bulkinsert is the store's batch writer for the hot paths (a check-in wave, an inbound
// batch, the outbox): INSERT … ON CONFLICT DO NOTHING of many GORM model rows, as one prepared
// multi-row statement on SQLite and as unnested typed arrays on PostgreSQL; it is internal to
// models, a leaf, and imports nothing of ours.
package bulkinsert
