package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"brobygger/models"
	"brobygger/models/sms"
)

// cmdChat lets a developer or link worker play a citizen against the local database: each line
// typed is handled exactly as an inbound SMS from the webhook would be, and what the bot queued
// for the number is printed, times in TIMEZONE. The outbox is only read, never settled: marking
// rows sent here once swallowed a citizen's real check-in due the next morning.
func cmdChat(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout io.Writer) error {
	fs := newFlags("chat")
	phone := fs.String("phone", "", "the citizen's phone number")
	if err := parseFlags(fs, args, chatHelp, stdout); err != nil {
		return err
	}
	from, err := models.NormalizePhone(*phone)
	if err != nil {
		return usageError{"chat: --phone: " + oneLine(err)}
	}
	cfg, store, _, err := openConfigured(ctx, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	engine, err := newEngine(cfg, store)
	if err != nil {
		return err
	}
	if c, err := store.OpenCitizenByPhone(ctx, from); err == nil {
		fmt.Fprintf(stdout, "Chatting as %s (%s, status %s). Type a message; Ctrl-D ends.\n", c.Name, c.Language, c.Status)
	} else {
		fmt.Fprintf(stdout, "No citizen has %s: you are an unknown sender. Type a message; Ctrl-D ends.\n", from)
	}
	shown := queuedPrinter{store: store, phone: from, loc: cfg.Location, out: stdout, seen: map[string]bool{}}
	shown.print(ctx)
	sc := bufio.NewScanner(stdin)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimRight(sc.Text(), "\r")
		sid := fmt.Sprintf("SM%032x", time.Now().UnixNano()+int64(n))
		if _, err := engine.HandleInbound(ctx, models.InboundSMS{SID: sid, From: from, Body: text, Segments: sms.CountSegments(text).Count}); err != nil {
			return err
		}
		shown.print(ctx)
	}
	return sc.Err()
}

// queuedPrinter prints each pending outbox row for the number once, as the dispatcher would
// send it, and leaves it pending.
type queuedPrinter struct {
	store *models.Store
	phone string
	loc   *time.Location
	out   io.Writer
	seen  map[string]bool
}

func (p queuedPrinter) print(ctx context.Context) {
	due, err := p.store.ListOutbox(ctx, models.OutboxFilter{Phone: p.phone, Statuses: []models.OutboxStatus{models.OutboxPending}})
	if err != nil {
		fmt.Fprintln(p.out, "! could not read the outbox:", err)
		return
	}
	for _, item := range due {
		if p.seen[item.ID] {
			continue
		}
		p.seen[item.ID] = true
		when := ""
		if item.NotBefore.After(p.store.Now().Add(time.Minute)) {
			when = fmt.Sprintf(" (scheduled for %s)", item.NotBefore.In(p.loc).Format("Mon 02 Jan 2006 15:04 MST"))
		}
		fmt.Fprintf(p.out, "bot%s: %s\n", when, strings.ReplaceAll(item.Body, "\n", "\n     "))
	}
}
