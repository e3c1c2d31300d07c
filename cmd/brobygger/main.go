// Command brobygger runs the Brobygger service and its operator tools.
//
//	brobygger serve                      API + scheduler + dispatcher in one process
//	brobygger migrate                    apply database migrations
//	brobygger staff add --email … --name … --role link_worker|admin   (password on stdin)
//	brobygger chat --phone +45…          play a citizen over SMS in the terminal
//	brobygger seed --demo                a small demo caseload
//	brobygger export research --out FILE the pseudonymised research export and its codebook
//	brobygger erase --dry-run|--retention the retention job now: report, or erase
//
// `brobygger CMD -h` prints a command's flags and an example. The benchmark is its own
// command, cmd/brobygger-bench, so that the fake Twilio it sends to is not in this binary. It may
// import every package of ours except the test helpers.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes: 2 is a usage or input error the operator can fix, 1 anything else.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// benchMoved answers `brobygger bench`: the benchmark links the fake Twilio, so it is not in
// the production binary.
const benchMoved = `the benchmarks are their own command, so the fake Twilio they send to never ships in this binary:
  DATABASE_URL=sqlite:/tmp/bench.db go run ./cmd/brobygger-bench --scale small
  go run ./cmd/brobygger-bench -h   (flags and examples)`

// usageError is an input mistake: it prints as one line and exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// env is how commands read configuration; tests pass a map.
type env func(string) string

// run dispatches a subcommand and turns its error into an exit code and one line on stderr.
func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "serve":
		err = cmdServe(ctx, args[1:], getenv, stdout)
	case "migrate":
		err = cmdMigrate(ctx, args[1:], getenv, stdout)
	case "bench":
		err = usageError{benchMoved}
	case "seed":
		err = cmdSeed(ctx, args[1:], getenv, stdout)
	case "chat":
		err = cmdChat(ctx, args[1:], getenv, stdin, stdout)
	case "staff":
		err = cmdStaff(ctx, args[1:], getenv, stdin, stdout)
	case "export":
		err = cmdExport(ctx, args[1:], getenv, stdin, stdout)
	case "erase":
		err = cmdErase(ctx, args[1:], getenv, stdout)
	case "medcom":
		err = cmdMedCom(ctx, args[1:], getenv, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = usageError{fmt.Sprintf("unknown command %q; run brobygger help", args[0])}
	}
	if err == nil || errors.Is(err, errHelpShown) {
		return exitOK
	}
	fmt.Fprintln(stderr, "brobygger: "+err.Error())
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitError
}

const usage = `usage: brobygger <command> [flags]

commands:
  serve      run the API, scheduler and SMS dispatcher
  migrate    apply database migrations and exit
  staff add  create a link worker or admin (password read from stdin)
  chat       play a citizen over SMS against the local database: --phone +45…
  seed       --demo for a small demo caseload, or --citizens N --seed S for a large one
  export     research (the pseudonymised export and its codebook), research-key (the key
             file, for granted admins), research-key-access (grant or revoke that permission)
  erase      --dry-run reports what the retention job would erase now; --retention erases it
  medcom     import FILE… takes MedCom messages dropped as files by the gateway (as POST /medcom/inbox)

brobygger CMD -h prints a command's flags and an example. The benchmarks are a separate
command: go run ./cmd/brobygger-bench -h

environment: DATABASE_URL, LISTEN_ADDR, PUBLIC_BASE_URL, TIMEZONE, JWT_SECRET,
  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID,
  TWILIO_API_URL, SMS_RATE_PER_SECOND, LOG_FORMAT (json|text), RESEARCH_PSEUDONYM_KEY,
  TRUSTED_PROXIES (CIDRs whose X-Forwarded-For is believed, e.g. 10.0.0.0/8; default none),
  PASSWORD_HASH_MEMORY_MB (memory for concurrent password hashes; default a quarter of
  GOMEMLIMIT, else 512), METRICS_TOKEN (bearer token for GET /metrics; unset: not served),
  MEDCOM_RECEIVER_SOR, CPR_ENCRYPTION_KEY, MEDCOM_GATEWAY_TOKEN, MEDCOM_OUTBOX_DIR or
  MEDCOM_GATEWAY_URL, MEDCOM_ACK_TIMEOUT, MEDCOM_ORGANIZATION_NAME (see README, MedCom)

replicas: TWILIO_FROM may list several numbers (comma-separated); each citizen always gets SMS
  from the same one, and SMS_RATE_PER_SECOND is per number. On PostgreSQL the rate holds across
  every replica (turns taken in the database), the scheduler runs on one elected replica, and an
  SMS whose outcome a crash lost is looked up at Twilio before it is sent again.
`
