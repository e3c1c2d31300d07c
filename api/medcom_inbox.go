package api

import (
	"crypto/subtle"
	"strings"

	"brobygger/api/operations"
	"brobygger/models"
	"brobygger/models/medcom"

	"github.com/gofiber/fiber/v2"
)

// mimeFHIRJSON is the content type of MedCom's FHIR messages.
const mimeFHIRJSON = "application/fhir+json"

// requireGatewayToken admits the MedCom gateway: Authorization: Bearer MEDCOM_GATEWAY_TOKEN,
// compared in constant time. With MedCom not configured the route answers 503.
func (h *handlers) requireGatewayToken(c *fiber.Ctx) error {
	if h.deps.MedComGatewayToken == "" || !h.deps.MedCom.Enabled() {
		return models.Errorf(eUNAVAILABLE, "MedCom is not configured on this site.")
	}
	got, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(h.deps.MedComGatewayToken)) != 1 {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="medcom"`)
		return models.Errorf(models.EUNAUTHORIZED, "The gateway token is missing or wrong.")
	}
	return c.Next()
}

// handleMedComInbox takes one MedCom message from the gateway and answers with its MedCom
// Acknowledgement: 200 when stored (positive), 400 when the message could not be read at all and
// 422 when it was read but refused (negative, with the reason in an OperationOutcome). A second
// delivery gets the first one's acknowledgement. An acknowledgement of ours is taken with 204; one
// addressed to another receiver's SOR is refused with 400 and logged, and changes nothing.
func (h *handlers) handleMedComInbox(c *fiber.Ctx) error {
	if !hasContentType(c, mimeFHIRJSON) && !hasContentType(c, fiber.MIMEApplicationJSON) {
		return models.Errorf(eUNSUPPORTED, "The body must be application/fhir+json.")
	}
	r, err := h.deps.Store.ReceiveMedCom(c.UserContext(), h.deps.MedCom, c.Body())
	if err != nil {
		return err
	}
	h.deps.Logger.Info("medcom received", "request_id", operations.RequestID(c), "message_id", r.MessageID, "header_id", r.HeaderID,
		"outcome", r.Outcome, "ack", string(r.AckCode), "duplicate", r.Duplicate)
	if r.Kind == medcom.EventAcknowledgement {
		if r.Outcome == "ignored" {
			h.deps.Logger.Warn("medcom acknowledgement ignored: addressed to another receiver", "request_id", operations.RequestID(c),
				"header_id", r.HeaderID, "reason", r.Reason)
			return models.Errorf(models.EINVALID, "%s", r.Reason)
		}
		if r.Outcome == "rejected" {
			return models.Errorf(models.EINVALID, "The acknowledgement could not be read: %s", r.Reason)
		}
		return c.SendStatus(fiber.StatusNoContent)
	}
	status := fiber.StatusOK
	if r.AckCode != medcom.AckOK {
		status = fiber.StatusUnprocessableEntity
		if r.HeaderID == "" {
			status = fiber.StatusBadRequest
		}
	}
	c.Set(fiber.HeaderContentType, mimeFHIRJSON)
	return c.Status(status).Send(r.AckJSON)
}
