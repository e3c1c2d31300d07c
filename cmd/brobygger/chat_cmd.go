package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"brobygger/models"
)

// cmdChat lets a developer or link worker play a citizen against the local database: each line
// typed is handled exactly as an inbound SMS from the webhook would be, and the replies the bot
// queued are printed. Nothing is sent; the outbox rows are marked as sent by the simulator.
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
	printQueued(ctx, store, from, stdout)
	sc := bufio.NewScanner(stdin)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimRight(sc.Text(), "\r")
		sid := fmt.Sprintf("SM%032x", time.Now().UnixNano()+int64(n))
		if _, err := engine.HandleInbound(ctx, models.InboundSMS{SID: sid, From: from, Body: text, Segments: models.CountSegments(text).Count}); err != nil {
			return err
		}
		printQueued(ctx, store, from, stdout)
	}
	return sc.Err()
}

// printQueued prints and settles what the bot queued for this number, as the dispatcher would.
func printQueued(ctx context.Context, store *models.Store, phone string, out io.Writer) {
	due, err := store.ListOutbox(ctx, models.OutboxFilter{Phone: phone, Statuses: []models.OutboxStatus{models.OutboxPending}})
	if err != nil {
		fmt.Fprintln(out, "! could not read the outbox:", err)
		return
	}
	for _, item := range due {
		when := ""
		if item.NotBefore.After(store.Now().Add(time.Minute)) {
			when = fmt.Sprintf(" (scheduled for %s)", item.NotBefore.Local().Format("Mon 02 Jan 15:04"))
		}
		fmt.Fprintf(out, "bot%s: %s\n", when, strings.ReplaceAll(item.Body, "\n", "\n     "))
		seg := models.CountSegments(item.Body)
		if err := store.MarkSent(ctx, item, models.SentSMS{SID: "", Status: "sent", Segments: seg.Count}); err != nil {
			fmt.Fprintln(out, "! could not settle the reply:", err)
		}
	}
}
