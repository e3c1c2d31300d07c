package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type vapidKeyResponse struct {
	PublicKey string `json:"public_key"`
}

// handleVAPIDPublicKey gives the app the key to subscribe to Web Push with.
func (h *handlers) handleVAPIDPublicKey(c *fiber.Ctx) error {
	if h.deps.VAPIDPublicKey == "" {
		return models.Errorf(models.ENOTFOUND, "Push messages are not offered by this server.")
	}
	return c.JSON(vapidKeyResponse{PublicKey: h.deps.VAPIDPublicKey})
}

type deviceRequest struct {
	Platform     string               `json:"platform"`
	Token        string               `json:"token"`
	Subscription *subscriptionRequest `json:"subscription"`
}

type subscriptionRequest struct {
	Endpoint string `json:"endpoint"`
	// ExpirationTime is what PushSubscription.toJSON() sends (usually null); it is not kept.
	ExpirationTime *float64 `json:"expirationTime"`
	Keys           struct {
		P256dh string `json:"p256dh"`
		Auth   string `json:"auth"`
	} `json:"keys"`
}

type deviceResponse struct {
	ID       string `json:"id"`
	Platform string `json:"platform"`
}

// handleRegisterDevice stores a push device: a web push subscription (platform web), or an FCM
// token (ios, android).
func (h *handlers) handleRegisterDevice(c *fiber.Ctx) error {
	var req deviceRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	var d *models.Device
	var err error
	switch {
	case req.Platform == "web" && req.Subscription != nil && req.Token == "":
		sub := models.WebSubscription{Endpoint: req.Subscription.Endpoint, P256dh: req.Subscription.Keys.P256dh,
			Auth: req.Subscription.Keys.Auth}
		d, err = h.deps.Store.RegisterWebDevice(c.UserContext(), operations.Caller(c).ID, sub, h.deps.AllowLoopbackPush)
	case req.Platform == "web":
		return models.Invalid("subscription", "A web device needs its push subscription (and no token).")
	case req.Subscription != nil:
		return models.Invalid("subscription", "Only a web device has a push subscription.")
	default:
		d, err = h.deps.Store.RegisterDevice(c.UserContext(), operations.Caller(c).ID, req.Platform, req.Token)
	}
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(deviceResponse{ID: d.ID, Platform: d.Platform})
}

// notificationResponse is what a push pointed at. It is fetched with the citizen's token, so the
// push itself carries no health data.
type notificationResponse struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"`
	CreatedAt time.Time  `json:"created_at"`
	CheckinID string     `json:"checkin_id,omitempty"`
	Activity  string     `json:"activity,omitempty"`
	StartsAt  *time.Time `json:"starts_at,omitempty"`
	Text      string     `json:"text,omitempty"`
}

// handleOpenNotification returns one of the citizen's push notifications and marks it opened,
// which also cancels its fallback SMS or e-mail.
func (h *handlers) handleOpenNotification(c *fiber.Ctx) error {
	me := operations.Caller(c).ID
	n, err := h.deps.Store.OpenNotification(c.UserContext(), me, c.Params("id"))
	if err != nil {
		return err
	}
	out := notificationResponse{ID: n.ID, CreatedAt: n.CreatedAt.UTC()}
	switch n.Kind {
	case models.KindCheckin:
		out.Kind = "checkin"
		if n.Ref != nil {
			out.CheckinID = *n.Ref
		}
	case models.KindReminder:
		out.Kind, out.Text, out.StartsAt = "reminder", n.Body, n.NotAfter
		out.Activity, err = h.activityTitle(c, me, n.Ref)
		if err != nil {
			return err
		}
	default:
		out.Kind, out.Text = "message", n.Body
	}
	return c.JSON(out)
}

// activityTitle names the reminder's activity (its prescription's offer), or "" when it is gone.
func (h *handlers) activityTitle(c *fiber.Ctx, citizenID string, prescriptionID *string) (string, error) {
	if prescriptionID == nil {
		return "", nil
	}
	ps, err := h.deps.Store.CitizenPrescriptions(c.UserContext(), citizenID)
	if err != nil {
		return "", err
	}
	for _, p := range ps {
		if p.ID == *prescriptionID {
			return p.Offer.Title, nil
		}
	}
	return "", nil
}
