package models_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// storeContractFile is the Store's public methods in one place, by the file (aggregate) that
// holds them, with the first sentence of each doc comment: the persistence API a newcomer reads
// before opening 50 files. The test below keeps it true; UPDATE_STORE_CONTRACT=1 rewrites it.
const storeContractFile = "STORE.md"

func TestStoreContract_IsCurrent(t *testing.T) {
	want := storeContract(t)
	if os.Getenv("UPDATE_STORE_CONTRACT") == "1" {
		if err := os.WriteFile(storeContractFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(storeContractFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("models/%s is out of date with the Store's methods: run UPDATE_STORE_CONTRACT=1 go test ./models -run TestStoreContract", storeContractFile)
	}
}

// storeContract lists every exported method on *Store (and every exported generic function over
// a *Store) by source file, sorted, with its signature and its doc comment's first sentence.
func storeContract(t *testing.T) []byte {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]string{}
	undocumented := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() || !onStore(fn) {
				continue
			}
			sig := signature(fset, fn)
			summary := new(doc.Package).Synopsis(fn.Doc.Text())
			if summary == "" {
				undocumented++
				summary = "(no doc comment)"
			}
			byFile[name] = append(byFile[name], fmt.Sprintf("- `%s`: %s", sig, summary))
		}
	}
	if undocumented > 0 {
		t.Errorf("%d exported Store methods have no doc comment", undocumented)
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteString("# The Store: the persistence contract\n\n")
	b.WriteString("Every exported method of `models.Store` (and the generic bulk loaders over a `*Store`), by the file\n")
	b.WriteString("that holds it: one file per aggregate. Generated from the source by\n")
	b.WriteString("`UPDATE_STORE_CONTRACT=1 go test ./models -run TestStoreContract`; a test fails when it is out of\n")
	b.WriteString("date. Writes check the domain's rules and run in one transaction; `InTx` joins several.\n")
	total := 0
	for _, name := range names {
		sort.Strings(byFile[name])
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", name, strings.Join(byFile[name], "\n"))
		total += len(byFile[name])
	}
	fmt.Fprintf(&b, "\n%d methods in %d files.\n", total, len(names))
	return b.Bytes()
}

// onStore reports whether fn is a method on *Store or a function whose first parameter after a
// context is a *Store (the generic loaders, which Go cannot write as methods).
func onStore(fn *ast.FuncDecl) bool {
	if fn.Recv != nil {
		star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
		if !ok {
			return false
		}
		id, ok := star.X.(*ast.Ident)
		return ok && id.Name == "Store"
	}
	for _, p := range fn.Type.Params.List {
		if star, ok := p.Type.(*ast.StarExpr); ok {
			if id, ok := star.X.(*ast.Ident); ok && id.Name == "Store" {
				return true
			}
		}
	}
	return false
}

// signature is the method's name, its parameters and results, without the receiver.
func signature(fset *token.FileSet, fn *ast.FuncDecl) string {
	var b bytes.Buffer
	b.WriteString(fn.Name.Name)
	if fn.Type.TypeParams != nil {
		b.WriteString("[…]")
	}
	b.WriteString("(")
	b.WriteString(fieldTypes(fset, fn.Type.Params))
	b.WriteString(")")
	if fn.Type.Results != nil {
		res := fieldTypes(fset, fn.Type.Results)
		if len(fn.Type.Results.List) > 1 || len(fn.Type.Results.List[0].Names) > 0 || strings.Contains(res, ",") {
			res = "(" + res + ")"
		}
		b.WriteString(" " + res)
	}
	return b.String()
}

func fieldTypes(fset *token.FileSet, fl *ast.FieldList) string {
	var parts []string
	for _, f := range fl.List {
		var tb bytes.Buffer
		_ = printer.Fprint(&tb, fset, f.Type)
		if len(f.Names) == 0 {
			parts = append(parts, tb.String())
		}
		for _, name := range f.Names {
			parts = append(parts, name.Name+" "+tb.String())
		}
	}
	return strings.Join(parts, ", ")
}
