package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"brobygger/models"
)

// cmdStaff handles "staff add": it creates a link worker or admin, reading the password from
// stdin so it never appears in shell history or the process list.
func cmdStaff(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		args = []string{"add", "-h"}
	}
	if len(args) == 0 || args[0] != "add" {
		return usageError{"usage: brobygger " + staffAddHelp.usage + "; run brobygger staff add -h"}
	}
	fs := newFlags("staff add")
	email := fs.String("email", "", "email address (login)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", string(models.RoleLinkWorker), "link_worker or admin")
	phone := fs.String("phone", "", "phone number citizens can call")
	if err := parseFlags(fs, args[1:], staffAddHelp, stdout); err != nil {
		return err
	}
	password, err := readPassword(stdin)
	if err != nil {
		return usageError{"staff add: " + err.Error()}
	}
	n := models.NewStaff{Email: *email, Name: *name, Role: models.StaffRole(*role), Password: password, Phone: *phone}
	if err := n.Validate(); err != nil {
		return usageError{"staff add: " + oneLine(err)}
	}
	_, store, _, err := openConfigured(ctx, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.CreateStaff(ctx, n)
	if models.IsCode(err, models.ECONFLICT) || models.IsCode(err, models.EINVALID) {
		return usageError{"staff add: " + oneLine(err)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s %s <%s> id %s\n", st.Role, st.Name, st.Email, st.ID)
	return nil
}

// readPassword takes the first line of stdin, without its line ending.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("no password on stdin")
	}
	return line, nil
}

// oneLine returns a domain error's sentence, the part an operator needs.
func oneLine(err error) string {
	if e, ok := err.(*models.Error); ok {
		return e.Message
	}
	return err.Error()
}
