package models_test

import (
	"errors"
	"fmt"
	"testing"

	"brobygger/models"
)

func asError(err error, target **models.Error) bool { return errors.As(err, target) }

func TestErrorCode_UnwrapsAndDefaults(t *testing.T) {
	wrapped := fmt.Errorf("outer: %w", models.NotFound("citizen"))
	if models.ErrorCode(wrapped) != models.ENOTFOUND {
		t.Fatal("wrapped code lost")
	}
	if models.ErrorCode(errors.New("boom")) != models.EINTERNAL {
		t.Fatal("plain error must be internal")
	}
}
