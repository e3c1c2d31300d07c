package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"sync"
	"time"

	"brobygger"
	"brobygger/api"
	"brobygger/bot"
	"brobygger/models"
	"brobygger/notify"
	"brobygger/scheduler"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// shutdownGrace bounds how long in-flight requests and workers get to finish on SIGTERM.
const shutdownGrace = 20 * time.Second

// backgroundWorker is a long-running part of serve (the dispatcher, the scheduler): it runs
// until ctx is cancelled and then returns once its current unit of work is finished.
type backgroundWorker interface {
	Name() string
	Run(ctx context.Context) error
}

// cmdServe runs the API, scheduler and dispatcher until ctx is cancelled (SIGTERM/SIGINT).
func cmdServe(ctx context.Context, args []string, getenv env, stdout io.Writer) error {
	if err := parseFlags(newFlags("serve"), args, serveHelp, stdout); err != nil {
		return err
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	log := newLogger(cfg.LogFormat, stdout)
	// Instruments load before the database opens: a bad operator file stops start-up at once.
	instruments, files, err := loadInstruments(cfg)
	if err != nil {
		return err
	}
	store, res, err := openMigrated(ctx, cfg, models.WithClock(cfg.Clock))
	if err != nil {
		return err
	}
	defer store.Close()
	sys, err := wire(cfg, store, instruments, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return fmt.Errorf("listen on LISTEN_ADDR %s: %w", cfg.ListenAddr, err)
	}
	logStartup(log, cfg, res)
	if len(files) > 0 {
		log.Info("operator instruments loaded", "dir", cfg.InstrumentsDir, "files", files)
	}
	return serveUntilDone(ctx, log, sys, ln)
}

// system is the wired process: the HTTP app and the workers beside it.
type system struct {
	app interface {
		Listener(net.Listener) error
		ShutdownWithTimeout(time.Duration) error
	}
	workers []backgroundWorker
}

// wire builds every component from the config. It is the only place that knows them all. The
// engine, the scheduler and the API share one instrument registry.
func wire(cfg config, store *models.Store, instruments *models.InstrumentRegistry, log *slog.Logger) (*system, error) {
	engine, err := engineWith(cfg, store, instruments)
	if err != nil {
		return nil, err
	}
	// Loading the distress detector reads its vocabulary and model (about 50 MB of short-lived
	// allocations); hand that heap back to the OS now rather than carry it through the first
	// quiet minutes of a replica's life.
	debug.FreeOSMemory()
	sched, err := newScheduler(cfg, store, engine, log)
	if err != nil {
		return nil, err
	}
	keys, err := vapidKeys(context.Background(), cfg.Channels, store)
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	app := api.New(api.Deps{
		Store: store, Bot: engine, Logger: log, Registry: reg, Gatherer: reg, OpenAPI: brobygger.OpenAPISpec(),
		PublicBaseURL: cfg.PublicBaseURL, TwilioAuthToken: cfg.Twilio.AuthToken,
		TwilioRecipients: api.TwilioRecipients{Numbers: cfg.Twilio.Froms, MessagingServiceSID: cfg.Twilio.MessagingServiceSID}, Location: cfg.Location, JWTSecret: cfg.JWTSecret, Now: cfg.Clock,
		ResearchPseudonymKey: cfg.ResearchPseudonymKey, TrustedProxies: cfg.Signin.TrustedProxies, HashSlots: cfg.Signin.HashSlots,
		MetricsToken: cfg.Signin.MetricsToken, MedCom: cfg.MedCom.Store, MedComGatewayToken: cfg.MedCom.GatewayToken,
		VAPIDPublicKey: keys.Public, AllowLoopbackPush: cfg.Channels.AllowLoopbackPush,
	})
	sender, err := newSender(cfg, log)
	if err != nil {
		return nil, err
	}
	dispatcher := notify.NewDispatcher(store, sender, notify.DispatcherConfig{
		RatePerSecond:     cfg.SMSRatePerSecond,
		StatusCallbackURL: cfg.PublicBaseURL.String() + "/webhooks/twilio/status",
	}, log)
	registerWorkMetrics(reg, engine, dispatcher)
	push := newPushDispatcher(cfg, store, keys, log)
	email, err := newEmailDispatcher(cfg, store, log)
	if err != nil {
		return nil, err
	}
	return &system{app: app, workers: []backgroundWorker{dispatcher, sched, push, email}}, nil
}

// newSender sends through Twilio when credentials are set, and otherwise writes each SMS to the
// log, so the README's run command works without an account.
func newSender(cfg config, log *slog.Logger) (notify.Sender, error) {
	if !cfg.Twilio.sending() {
		return notify.NewLogSender(log), nil
	}
	sender, err := notify.NewTwilioSender(notify.TwilioSenderConfig{AccountSID: cfg.Twilio.AccountSID, AuthToken: cfg.Twilio.AuthToken,
		From: cfg.Twilio.From, Froms: cfg.Twilio.Froms, MessagingServiceSID: cfg.Twilio.MessagingServiceSID, APIURL: cfg.Twilio.APIURL})
	if err != nil {
		return nil, fmt.Errorf("twilio: %w", err)
	}
	return sender, nil
}

// newScheduler builds the scheduler with the shipped plan rules in TIMEZONE, over the engine's
// instruments. It paces waves at the configured SMS rate, so a wave the dispatcher cannot send
// before 20:00 waits for the next morning.
func newScheduler(cfg config, store *models.Store, engine *bot.Engine, log *slog.Logger) (*scheduler.Scheduler, error) {
	schedCfg := scheduler.DefaultConfig(cfg.Location)
	// Each sender number has its own rate, so a wave goes out as fast as all of them together.
	schedCfg.SendRate = cfg.SMSRatePerSecond * float64(cfg.Twilio.senders())
	schedCfg.AppFallback = cfg.AppCheckinFallback
	schedCfg.Logger = log.With("worker", "scheduler")
	sched, err := scheduler.New(store, engine, engine.Instruments(), schedCfg)
	if err == nil && cfg.MedCom.enabled() {
		sched.EnableMedCom(cfg.MedCom.job())
	}
	logMedCom(log, cfg.MedCom)
	return sched, err
}

// loadInstruments loads the shipped instruments and the operator's files in INSTRUMENTS_DIR,
// returning the files it loaded. A bad file is an error naming the file and what is wrong.
func loadInstruments(cfg config) (*models.InstrumentRegistry, []string, error) {
	instruments, err := models.LoadInstruments()
	if err != nil || cfg.InstrumentsDir == "" {
		return instruments, nil, err
	}
	files, err := instruments.LoadDir(cfg.InstrumentsDir)
	if err != nil {
		return nil, nil, fmt.Errorf("INSTRUMENTS_DIR: %w", err)
	}
	return instruments, files, nil
}

// newEngine builds the conversation engine with the shipped and the operator's instruments.
func newEngine(cfg config, store *models.Store) (*bot.Engine, error) {
	instruments, _, err := loadInstruments(cfg)
	if err != nil {
		return nil, err
	}
	return engineWith(cfg, store, instruments)
}

// engineWith builds the conversation engine over instruments loaded once for the process.
func engineWith(cfg config, store *models.Store, instruments *models.InstrumentRegistry) (*bot.Engine, error) {
	botCfg := bot.DefaultConfig()
	botCfg.Location, botCfg.CrisisRegion = cfg.Location, cfg.CrisisRegion
	return bot.New(store, instruments, botCfg)
}

func logStartup(log *slog.Logger, cfg config, res models.MigrationResult) {
	mode := "logging (no TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN: SMS are written to this log, not sent)"
	if cfg.Twilio.sending() {
		mode = "sending through Twilio"
		if cfg.Twilio.APIURL != "" {
			mode += " API at " + cfg.Twilio.APIURL
		}
	}
	log.Info("brobygger starting",
		"database", string(cfg.Database.Dialect)+" "+cfg.Database.Where,
		"schema_version", res.Version, "migrations_applied", len(res.Applied),
		"twilio", mode, "listen", cfg.ListenAddr, "url", cfg.PublicBaseURL.String(),
		"timezone", cfg.Location.String(), "sms_rate_per_second", cfg.SMSRatePerSecond)
	if cfg.ClockIsFake {
		log.Warn(clockStartVar+" is set: this process runs on a shifted clock (tests and demos only)", "now", cfg.Clock().UTC())
	}
	if cfg.JWTSecretIsRandom {
		log.Warn("JWT_SECRET is not set: using a random key, so logins end when the process stops")
	}
}

// serveUntilDone serves HTTP and runs the workers; when ctx ends it stops taking requests,
// lets in-flight ones finish, stops the workers, and returns nil for a clean exit.
func serveUntilDone(ctx context.Context, log *slog.Logger, sys *system, ln net.Listener) error {
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	var wg sync.WaitGroup
	for _, w := range sys.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Run(workCtx); err != nil && !errors.Is(err, context.Canceled) {
				log.Error("worker stopped", "worker", w.Name(), "error", err.Error())
			}
		}()
	}
	httpErr := make(chan error, 1)
	go func() { httpErr <- sys.app.Listener(ln) }()
	log.Info("ready", "addr", ln.Addr().String())

	var err error
	select {
	case <-ctx.Done():
		log.Info("shutting down: finishing in-flight requests")
	case err = <-httpErr:
		log.Error("http server stopped", "error", fmt.Sprint(err))
	}
	if serr := sys.app.ShutdownWithTimeout(shutdownGrace); serr != nil {
		log.Error("http shutdown", "error", serr.Error())
	}
	stopWork()
	wg.Wait()
	log.Info("stopped")
	return err
}
