package bulkinsert

import "github.com/jackc/pgx/v5/pgtype"

// Dictionary encoding of text columns: worth it for long texts repeated across the chunk, like
// a wave's opening SMS (about 300 bytes, in a language or two), which otherwise would be sent
// and encoded once per row.
const (
	// dictionaryMaxValues is the most distinct values a dictionary-encoded column may have.
	dictionaryMaxValues = 8
	// dictionaryMinBytes is the least average length in bytes that makes a dictionary pay: an
	// index costs as much as a short text.
	dictionaryMinBytes = 32
)

// textColumn is a text column that may go as a dictionary of its few values plus an index per
// row: ($k::text[])[u.aN].
type textColumn struct {
	typedColumn[pgtype.Text]
}

func (c *textColumn) bind(q *arrayQuery) {
	dict, index, ok := c.dictionary()
	if !ok || len(dict) == 1 {
		c.typedColumn.bind(q)
		return
	}
	q.selects = append(q.selects, "("+q.param(dict, "text[]")+")[u."+q.unnested(index, "int4")+"]")
}

// dictionary returns the column's distinct values and each row's 1-based position among them,
// or ok false when the column has too many values or too short ones to gain from it.
func (c *textColumn) dictionary() (dict pgArray[pgtype.Text], index pgArray[pgtype.Int4], ok bool) {
	total := 0
	for _, v := range c.vals {
		total += len(v.String)
	}
	if len(c.vals) == 0 || total/len(c.vals) < dictionaryMinBytes {
		return nil, nil, false
	}
	index = make(pgArray[pgtype.Int4], len(c.vals))
	for i, v := range c.vals {
		pos := position(dict, v)
		if pos == 0 {
			if len(dict) == dictionaryMaxValues {
				return nil, nil, false
			}
			dict = append(dict, v)
			pos = len(dict)
		}
		index[i] = pgtype.Int4{Int32: int32(pos), Valid: true}
	}
	return dict, index, true
}

// position is v's 1-based position in dict, 0 when absent.
func position(dict []pgtype.Text, v pgtype.Text) int {
	for i, d := range dict {
		if d == v {
			return i + 1
		}
	}
	return 0
}
