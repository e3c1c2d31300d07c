// Package calendar holds civil dates, Danish public holidays and closed days, and the send
// window that decides when a scheduled SMS may go out; it imports nothing of ours.
package calendar
