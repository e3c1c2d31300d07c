// Package offerimport reads a municipality's offer directory from a spreadsheet (CSV in Excel's
// encodings and separators, Danish or English headers, free contact text, Danish and English
// schedule text such as "man-fre 9-15") into plain fields, leaving validation to the caller's
// offer type; it is a leaf and imports nothing of ours.
package offerimport
