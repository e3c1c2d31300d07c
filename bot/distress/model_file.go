package distress

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The statistical layer ships trained. Training from data/training.tsv took 1–6 s of CPU and a
// transient 100 MB at every start of the server (the features of every message at once), which
// pushed start-up from under 0.1 s to seconds and idle memory from 36 MB to 130 MB. The weights
// are trained here, in a test, and stored in data/model.txt.gz; a process only reads them
// (a few tens of milliseconds, 6 MB). TestModel_ShippedWeightsAreTheTrainedOnes retrains and
// fails when the file no longer matches data/training.tsv and the training constants;
// UPDATE_DISTRESS_MODEL=1 rewrites it.

//go:embed data/model.txt.gz
var modelGz []byte

// modelFileHeader opens the file and names its format: a bias line, then one line per n-gram
// (sorted) with its weights for everyday, distress and emergency, as float32 text.
const modelFileHeader = "# brobygger distress model v1: logistic regression weights (everyday, distress, emergency)"

// writeModel writes m in the shipped format, compressed; the same model gives the same bytes.
func writeModel(w io.Writer, m *ngramModel) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, modelFileHeader)
	fmt.Fprintf(bw, "\t%s\n", weightsText(m.bias))
	grams := make([]string, 0, len(m.weights))
	for g := range m.weights {
		grams = append(grams, g)
	}
	slices.Sort(grams)
	for _, g := range grams {
		if strings.ContainsAny(g, "\t\n") {
			return fmt.Errorf("distress model: n-gram %q holds a tab or newline", g)
		}
		fmt.Fprintf(bw, "%s\t%s\n", g, weightsText(*m.weights[g]))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func weightsText(w [3]float64) string {
	parts := make([]string, 3)
	for i, v := range w {
		parts[i] = strconv.FormatFloat(v, 'g', -1, 32)
	}
	return strings.Join(parts, "\t")
}

// loadModel reads a model written by writeModel.
func loadModel(gz []byte) (*ngramModel, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("distress model: %w", err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	if !sc.Scan() || sc.Text() != modelFileHeader {
		return nil, fmt.Errorf("distress model: not a %q file", modelFileHeader)
	}
	m := &ngramModel{}
	var grams gramTableBuilder
	line := 1
	for sc.Scan() {
		line++
		// The line's bytes, not sc.Text: a string per line, kept as its n-gram's key, was most
		// of the model's memory.
		gram, rest, ok := bytes.Cut(sc.Bytes(), []byte("\t"))
		fields := strings.Split(string(rest), "\t")
		if !ok || len(fields) != 3 {
			return nil, fmt.Errorf("distress model: line %d: want an n-gram and three weights", line)
		}
		var w [3]float64
		for i, f := range fields {
			if w[i], err = strconv.ParseFloat(f, 64); err != nil {
				return nil, fmt.Errorf("distress model: line %d: %w", line, err)
			}
		}
		if line == 2 {
			if len(gram) != 0 {
				return nil, fmt.Errorf("distress model: line 2 must be the bias")
			}
			m.bias = w
			continue
		}
		grams.add(gram, w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("distress model: %w", err)
	}
	if len(grams.ends) == 0 {
		return nil, fmt.Errorf("distress model: no weights")
	}
	m.table = grams.build()
	return m, nil
}
