package api_test

import (
	"brobygger/api/apitest"
	"context"
	"strings"
	"testing"

	"brobygger/api"
	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify/webpushtest"
)

const testVAPIDPublic = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"

// TestPushAPI_SubscribeOpenNotification: the key is public; a citizen registers a browser's
// subscription (bad ones are 400); a push row for them opens once with its reference and stops
// its fallback, and another citizen's notification is 404.
func TestPushAPI_SubscribeOpenNotification(t *testing.T) {
	fake := webpushtest.New()
	defer fake.Close()
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			e := apitest.NewEnvWith(t, d, func(deps *api.Deps) { deps.VAPIDPublicKey, deps.AllowLoopbackPush = testVAPIDPublic, true })
			res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/push/vapid-public-key", nil, ""))
			if res.Status != 200 || !strings.Contains(string(res.Body), testVAPIDPublic) {
				t.Fatalf("vapid key: %d %s", res.Status, res.Body)
			}
			_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
			id := e.Refer(lw.AccessToken, "26100031")
			tok := e.CitizenLogin("26100031").AccessToken
			sub := fake.Subscribe()
			body := func(endpoint, p256dh, auth string) map[string]any {
				return map[string]any{"platform": "web", "subscription": map[string]any{"endpoint": endpoint, "expirationTime": nil,
					"keys": map[string]string{"p256dh": p256dh, "auth": auth}}}
			}
			if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/devices", body(sub.Endpoint, sub.P256dh, sub.Auth), tok)); res.Status != 201 {
				t.Fatalf("web device: %d %s", res.Status, res.Body)
			}
			for name, bad := range map[string]map[string]any{
				"http off loopback": body("http://push.example.com/x", sub.P256dh, sub.Auth),
				"short key":         body(sub.Endpoint, sub.Auth, sub.Auth),
				"long auth":         body(sub.Endpoint, sub.P256dh, sub.P256dh[:30]),
				"token for web":     {"platform": "web", "token": "abcdefghijkl"},
				"sub for ios":       {"platform": "ios", "subscription": map[string]any{"endpoint": sub.Endpoint, "keys": map[string]string{"p256dh": sub.P256dh, "auth": sub.Auth}}},
			} {
				if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/devices", bad, tok)); res.Status != 400 {
					t.Errorf("%s: %d %s", name, res.Status, res.Body)
				}
			}
			if devs, _ := e.Store.PushDevices(context.Background(), id); len(devs) != 1 {
				t.Fatalf("devices: %+v", devs)
			}
			ctx := context.Background()
			item, err := e.Store.EnqueueItem(ctx, models.NewOutbound{CitizenID: &id, Phone: "+4526100031", Body: "Hej fra Mette",
				Kind: models.KindStaffMessage, Channel: models.ChannelPush})
			if err != nil {
				t.Fatal(err)
			}
			open := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/notifications/"+item.ID, nil, tok))
			if open.Status != 200 || !strings.Contains(string(open.Body), `"kind":"message"`) || !strings.Contains(string(open.Body), "Hej fra Mette") {
				t.Fatalf("open: %d %s", open.Status, open.Body)
			}
			got, _ := e.Store.OutboxItemForCitizen(ctx, id, item.ID)
			if got.OpenedAt == nil || got.FallbackAt != nil {
				t.Errorf("opened row: %+v", got)
			}
			other := e.Refer(lw.AccessToken, "26100032")
			theirs, _ := e.Store.EnqueueItem(ctx, models.NewOutbound{CitizenID: &other, Phone: "+4526100032", Body: "x",
				Kind: models.KindStaffMessage, Channel: models.ChannelPush})
			for _, nid := range []string{theirs.ID, "not-an-id"} {
				if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/notifications/"+nid, nil, tok)); res.Status != 404 {
					t.Errorf("someone else's notification %s: %d %s", nid, res.Status, res.Body)
				}
			}
		})
	}
}

// TestPushAPI_NoKeyNoPush: a server without VAPID keys says push is not offered.
func TestPushAPI_NoKeyNoPush(t *testing.T) {
	e := apitest.NewEnv(t, models.SQLite)
	if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/push/vapid-public-key", nil, "")); res.Status != 404 {
		t.Fatalf("vapid key without push: %d %s", res.Status, res.Body)
	}
}

// TestStore_DeviceCapReplacesOldest: an eleventh device replaces the citizen's oldest.
func TestStore_DeviceCapReplacesOldest(t *testing.T) {
	fake := webpushtest.New()
	defer fake.Close()
	clock := &apitest.Clock{}
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		c := storetest.Citizen(t, s, nil, models.LangDA)
		var first string
		for i := range models.MaxDevicesPerCitizen + 1 {
			clock.Advance(1e9)
			d, err := s.RegisterWebDevice(context.Background(), c.ID, fake.Subscribe(), true)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = d.ID
			}
		}
		devs, _ := s.PushDevices(context.Background(), c.ID)
		if len(devs) != models.MaxDevicesPerCitizen {
			t.Fatalf("devices: %d", len(devs))
		}
		for _, d := range devs {
			if d.ID == first {
				t.Errorf("the oldest device was kept")
			}
		}
	}, models.WithClock(clock.Now))
}
