package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// errHelpShown says a command answered -h: run exits 0.
var errHelpShown = errors.New("help shown")

// commandHelp is what `brobygger CMD -h` prints besides the flags.
type commandHelp struct {
	usage   string // the synopsis, after "usage: brobygger "
	about   string // one or two sentences
	example string // one or more command lines
}

// newFlags makes a command's flag set; parseFlags prints its help on -h.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses a command's flags. On -h it writes the synopsis, the flags and an example to
// out and returns errHelpShown; a bad flag is a usage error that points at -h.
func parseFlags(fs *flag.FlagSet, args []string, help commandHelp, out io.Writer) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		printHelp(fs, help, out)
		return errHelpShown
	}
	if err != nil {
		return usageError{fmt.Sprintf("%s: %v; run brobygger %s -h", fs.Name(), err, fs.Name())}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q; run brobygger %s -h", fs.Name(), fs.Arg(0), fs.Name())}
	}
	return nil
}

func printHelp(fs *flag.FlagSet, help commandHelp, out io.Writer) {
	fmt.Fprintf(out, "usage: brobygger %s\n\n%s\n\n", help.usage, help.about)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		fmt.Fprint(out, "flags: none; configured by the environment (brobygger help lists it)\n")
	} else {
		fmt.Fprint(out, "flags:\n")
		fs.SetOutput(out)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fmt.Fprintf(out, "\nexample:\n  %s\n", strings.ReplaceAll(help.example, "\n", "\n  "))
}

// Each command's help, printed by `brobygger CMD -h`.
var (
	serveHelp = commandHelp{
		usage:   "serve",
		about:   "Runs the API, the dashboard, the scheduler and the SMS dispatcher in one process until\nSIGTERM or Ctrl-C. Migrates the database first. Without Twilio credentials SMS are logged.",
		example: "DATABASE_URL=sqlite:brobygger.db JWT_SECRET=$(openssl rand -hex 32) brobygger serve",
	}
	eraseHelp = commandHelp{
		usage:   "erase --dry-run | --retention",
		about:   "Runs the retention job now, as the nightly scheduler does: citizens whose case was closed\nlonger ago than the retention period (GET /v1/admin/retention, default 24 months) have their\nidentifying data erased. --dry-run prints the counts and changes nothing. Prints a JSON report.",
		example: "DATABASE_URL=postgres://brobygger@db.example.dk/brobygger brobygger erase --dry-run",
	}
	migrateHelp = commandHelp{
		usage:   "migrate",
		about:   "Applies the pending database migrations to DATABASE_URL, prints the schema version and exits.",
		example: "DATABASE_URL=postgres://brobygger@db.example.dk/brobygger brobygger migrate",
	}
	seedHelp = commandHelp{
		usage:   "seed [--demo | --citizens N --messages M --seed S] [--password P]",
		about:   "Writes data into DATABASE_URL: with --demo a small caseload to look around the dashboard with\n(it can run again: a second run says the demo is there), otherwise a large generated\npopulation for benchmarks, the same for the same --seed.",
		example: "DATABASE_URL=sqlite:demo.db brobygger seed --demo\nDATABASE_URL=sqlite:big.db brobygger seed --citizens 100000 --seed 7",
	}
	chatHelp = commandHelp{
		usage:   "chat --phone NUMBER",
		about:   "Plays a citizen over SMS in the terminal: each line you type is handled as an inbound SMS\nfrom NUMBER, and what the bot would send back is printed (in TIMEZONE). Nothing is marked\nsent: a running server's dispatcher sends the replies as it would any other. Use a test\ndatabase or a test citizen.",
		example: "DATABASE_URL=sqlite:demo.db brobygger chat --phone 26123456",
	}
	staffAddHelp = commandHelp{
		usage:   "staff add --email EMAIL --name NAME --role link_worker|admin [--phone PHONE] < password",
		about:   "Creates a link worker or an admin. The password is the first line of stdin, so it never\nappears in the shell history or the process list.",
		example: "printf '%s\\n' 'a long password here' | brobygger staff add --email lise@kommune.dk --name 'Lise Holm' --role admin",
	}
)
