// Package migrations holds the versioned schema, one folder of goose SQL files per dialect
// (sqlite/, postgres/, embedded), and runs it on a database/sql pool; it is a leaf and imports
// nothing of ours.
package migrations
