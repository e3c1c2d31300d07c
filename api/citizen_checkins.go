package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/bot"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type scaleOptionView struct {
	Value int    `json:"value"`
	Label string `json:"label"`
}

type checkinItemView struct {
	Number   int    `json:"number"`
	Text     string `json:"text"`
	Answered bool   `json:"answered"`
}

type checkinView struct {
	ID         string            `json:"id"`
	Instrument string            `json:"instrument"`
	Version    string            `json:"version"`
	Title      string            `json:"title"`
	Intro      string            `json:"intro"`
	Status     string            `json:"status"`
	DueAt      time.Time         `json:"due_at"`
	Score      *float64          `json:"score"`
	Band       string            `json:"band"`
	Items      []checkinItemView `json:"items"`
	Scale      []scaleOptionView `json:"scale"`
}

type checkinList struct {
	Items []checkinView `json:"items"`
}

// handleMyCheckins lists the citizen's check-ins waiting for answers, with items and answer
// options in their language.
func (h *handlers) handleMyCheckins(c *fiber.Ctx) error {
	me := operations.Caller(c)
	citizen, err := h.deps.Store.CitizenByID(c.UserContext(), me.ID)
	if err != nil {
		return err
	}
	pending, err := h.deps.Store.PendingCheckins(c.UserContext(), me.ID)
	if err != nil {
		return err
	}
	out := checkinList{Items: []checkinView{}}
	for i := range pending {
		v, err := h.checkinView(c, &pending[i], citizen.Language)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, v)
	}
	return c.JSON(out)
}

type answerRequest struct {
	Answers []struct {
		Item  int `json:"item"`
		Value int `json:"value"`
	} `json:"answers"`
}

// handleAnswerCheckin takes one or more answers; the last one scores the check-in.
func (h *handlers) handleAnswerCheckin(c *fiber.Ctx) error {
	var req answerRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	answers := make([]bot.AppAnswer, 0, len(req.Answers))
	for _, a := range req.Answers {
		answers = append(answers, bot.AppAnswer{Item: a.Item, Value: a.Value})
	}
	me := operations.Caller(c)
	checkin, err := h.deps.Bot.AnswerCheckinInApp(c.UserContext(), me.ID, c.Params("id"), answers)
	if err != nil {
		return err
	}
	citizen, err := h.deps.Store.CitizenByID(c.UserContext(), me.ID)
	if err != nil {
		return err
	}
	v, err := h.checkinView(c, checkin, citizen.Language)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (h *handlers) checkinView(c *fiber.Ctx, ch *models.Checkin, lang models.Lang) (checkinView, error) {
	inst, ok := h.deps.Bot.Instruments().Get(ch.Instrument, ch.Version)
	if !ok {
		return checkinView{}, models.Errorf(models.EINTERNAL, "The check-in's instrument is not loaded.")
	}
	answered, err := h.deps.Store.CheckinAnswers(c.UserContext(), ch.ID)
	if err != nil {
		return checkinView{}, err
	}
	v := checkinView{ID: ch.ID, Instrument: ch.Instrument, Version: ch.Version, Title: inst.Title.In(lang), Intro: inst.SMSIntro.In(lang),
		Status: string(ch.Status), DueAt: ch.DueAt, Score: ch.Score, Band: ch.Band}
	for _, it := range inst.Items {
		_, done := answered[it.Number]
		v.Items = append(v.Items, checkinItemView{Number: it.Number, Text: it.Text.In(lang), Answered: done})
	}
	for _, opt := range inst.Scale {
		v.Scale = append(v.Scale, scaleOptionView{Value: opt.Value, Label: opt.Label.In(lang)})
	}
	return v, nil
}

type scorePoint struct {
	CheckinID   string    `json:"checkin_id"`
	Instrument  string    `json:"instrument"`
	Version     string    `json:"version"`
	CompletedAt time.Time `json:"completed_at"`
	Score       float64   `json:"score"`
	Band        string    `json:"band"`
}

type scoreSeries struct {
	Items []scorePoint `json:"items"`
}

// handleMyScores returns the citizen's own past scores as a simple series.
func (h *handlers) handleMyScores(c *fiber.Ctx) error {
	scored, err := h.deps.Store.ScoredCheckins(c.UserContext(), operations.Caller(c).ID)
	if err != nil {
		return err
	}
	out := scoreSeries{Items: []scorePoint{}}
	for _, ch := range scored {
		if ch.Score == nil || ch.CompletedAt == nil {
			continue
		}
		out.Items = append(out.Items, scorePoint{CheckinID: ch.ID, Instrument: ch.Instrument, Version: ch.Version,
			CompletedAt: *ch.CompletedAt, Score: *ch.Score, Band: ch.Band})
	}
	return c.JSON(out)
}
