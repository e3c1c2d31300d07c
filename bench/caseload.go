package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
)

// caseload measures a link worker's caseload page (250 citizens, status and flag counts) and
// review queue at random workers, against a plain indexed SELECT of the same 250 rows.
func caseload(ctx context.Context, store *models.Store, iterations int) ([]Figure, error) {
	workers, err := store.LinkWorkerIDs(ctx, 100000)
	if err != nil || len(workers) == 0 {
		return nil, fmt.Errorf("caseload bench: no link workers: %v", err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var page, queue, base latencies
	for i := 0; i < iterations; i++ {
		w := workers[r.IntN(len(workers))]
		t0 := time.Now()
		if _, err := store.Caseload(ctx, models.CaseloadQuery{WorkerID: w, Limit: 250}); err != nil {
			return nil, err
		}
		t1 := time.Now()
		if _, err := store.ReviewQueue(ctx, models.ReviewQuery{StaffID: w, Limit: 250}); err != nil {
			return nil, err
		}
		t2 := time.Now()
		if err := plainCaseload(ctx, store, w); err != nil {
			return nil, err
		}
		page, queue, base = append(page, t1.Sub(t0)), append(queue, t2.Sub(t1)), append(base, time.Since(t2))
	}
	need, site, err := needSorts(ctx, store, workers, iterations)
	if err != nil {
		return nil, err
	}
	b := ms(base.percentile(0.95))
	return []Figure{
		{Name: "caseload page (250) p95", Unit: "ms", Value: ms(page.percentile(0.95)), Baseline: b, Target: "< 20 ms"},
		{Name: "caseload page by need (250) p95", Unit: "ms", Value: ms(need.percentile(0.95)), Baseline: b, Target: "< 20 ms"},
		{Name: "whole site by need, first page (50) p95", Unit: "ms", Value: ms(site.percentile(0.95)), Baseline: b, Target: "< 2000 ms"},
		{Name: "review queue p95", Unit: "ms", Value: ms(queue.percentile(0.95)), Baseline: b, Target: "< 20 ms"},
	}, nil
}

// needSorts measures the caseload as it opens (sorted by need, which ranks every citizen in the
// scope) for random link workers, and for an admin over the whole site, a few times.
func needSorts(ctx context.Context, store *models.Store, workers []string, iterations int) (need, site latencies, err error) {
	r := rand.New(rand.NewPCG(3, 4))
	w := calendar.DefaultSendWindow(time.UTC)
	for i := 0; i < iterations; i++ {
		t0 := time.Now()
		if _, err := store.Caseload(ctx, models.CaseloadQuery{WorkerID: workers[r.IntN(len(workers))], Sort: "need", Limit: 250, Window: w}); err != nil {
			return nil, nil, err
		}
		need = append(need, time.Since(t0))
	}
	for i := 0; i < min(iterations, 10); i++ {
		t0 := time.Now()
		if _, err := store.Caseload(ctx, models.CaseloadQuery{Sort: "need", Limit: 50, Window: w}); err != nil {
			return nil, nil, err
		}
		site = append(site, time.Since(t0))
	}
	return need, site, nil
}

// plainCaseload is the floor: the worker's 250 citizens by the index, nothing derived.
func plainCaseload(ctx context.Context, store *models.Store, worker string) error {
	db, err := store.SQLDB()
	if err != nil {
		return err
	}
	q := "SELECT id, name, status FROM citizens WHERE link_worker_id = ? AND closed_at IS NULL ORDER BY id DESC LIMIT 250"
	if store.Dialect() == models.Postgres {
		q = "SELECT id, name, status FROM citizens WHERE link_worker_id = $1 AND closed_at IS NULL ORDER BY id DESC LIMIT 250"
	}
	rows, err := db.QueryContext(ctx, q, worker)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name, status string
		if err := rows.Scan(&id, &name, &status); err != nil {
			return err
		}
	}
	return rows.Err()
}
