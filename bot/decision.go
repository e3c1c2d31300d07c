package bot

import (
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
)

// inbound is everything the conversation step reads, loaded before it runs by the shell
// (loadInbound for one message, handleBatch for a batch): the step itself reads nothing.
type inbound struct {
	// msg is the message: its id, sender and text.
	msg *models.Message
	// citizen is the open citizen holding the sender's number, nil for an unknown sender, and
	// worker their link worker.
	citizen *models.Citizen
	worker  *models.Staff
	// conv is the open conversation, nil when none.
	conv *models.Conversation
	// checkin is the open check-in conversation's check-in. answers (answered items, skipped
	// ones absent) and previous (the citizen's last score of the instrument) are read when the
	// message may answer its last item, since the step scores the check-in then.
	checkin  *models.Checkin
	answers  map[int]int
	previous *float64
	// recent are the citizen's earlier SMS within recentWindow, oldest first, read when the
	// distress detector may read them with this one (mayReadRecent).
	recent []string
	// numberOptedOut says an unknown sender's number said STOP (read when it can take an SMS).
	numberOptedOut bool
	// sendWindow is the site's, read for a citizen whose opt-out came with their number: their
	// START is followed by the contact question, which waits for the window.
	sendWindow calendar.SendWindow
}

// decision is what a step decided: the shell (write) stores it in the caller's transaction.
// Every change is a typed value; nothing in it has been written yet.
type decision struct {
	// citizenID is whom the step is about ("" for an unknown sender).
	citizenID string
	// replies are SMS to queue and flags the reasons to raise, in the order decided; both go
	// to the caller's pending writes (dedupe keys decide, as Enqueue and RaiseFlag do).
	replies []models.NewOutbound
	flags   []models.NewFlag
	// safetyFlag opens or joins the citizen's safety case (Store.RaiseSafetyFlag).
	safetyFlag *models.NewFlag
	citizen    citizenChange
	conv       convChange
	// answer is a check-in item's answer to store, finish the check-in's score once its last
	// item is answered, attendance the answer to "did you go?".
	answer     *models.Answer
	finish     *checkinFinish
	attendance *attendanceAnswer
	// refreshStatus: the citizen's derived status may have changed; it is recomputed after
	// everything above is written.
	refreshStatus bool
	// numberOptOut and numberOptIn are an unknown sender's STOP and START, remembered for the
	// number.
	numberOptOut, numberOptIn string
	// needsReply and conversationID are the message's marks: it waits in the link worker's
	// inbox, and which conversation it belonged to.
	needsReply     bool
	conversationID *string
}

// citizenChange is what a step changes on the citizen.
type citizenChange struct {
	// update holds the moments of the path the step reached (contact confirmed, declined,
	// check-ins paused).
	update models.CitizenUpdate
	// optOut is STOP (Store.MarkOptedOut: the number too, queued SMS cancelled, conversations
	// closed, a flag), optIn START (Store.MarkOptedIn).
	optOut, optIn bool
	// withdrawResearch is FORSKNING STOP.
	withdrawResearch bool
	// suppressQueued, when set, cancels the citizen's queued messages for this reason.
	suppressQueued string
}

// convChange is what a step changes on the conversations.
type convChange struct {
	// update saves this conversation's step and re-prompt count.
	update *models.Conversation
	// close ends this conversation; closeOpen ends whichever is open (an emergency).
	close     *models.Conversation
	closeOpen bool
	// start opens this conversation, and first is its first SMS, queued with it at once (the
	// citizen's status counts a queued contact question).
	start *models.Conversation
	first *models.NewOutbound
}

// checkinFinish is a check-in's score, stored when its last item is answered.
type checkinFinish struct {
	checkinID string
	result    models.CheckinResult
}

// attendanceAnswer answers "did you go?" for one occurrence of a prescription.
type attendanceAnswer struct {
	prescriptionID string
	on             time.Time
	answer         string
}
