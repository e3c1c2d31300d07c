// Package phone reads phone numbers and SMS senders as people and Twilio write them: numbers in
// E.164 with Denmark as the default region (Normalize), the stored address of an inbound SMS's
// sender (SenderAddress, CanReceiveSMS) and inbound text made storable on both databases
// (CleanText). It is a leaf: it imports nothing of ours, and models reports its InvalidError as
// an EINVALID domain error.
package phone
