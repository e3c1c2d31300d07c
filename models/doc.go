// Package models holds the domain (GORM structs, typed enums, errors with codes) and the one
// concrete Store, one file of queries per aggregate, with aliases for the types its leaves own
// (calendar, instrument, migrations, offerimport, sms, internal/bulkinsert); it imports nothing
// of ours but those leaves.
package models
