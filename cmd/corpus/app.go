package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"
)

// version is the tool version, recorded in every manifest; set at link time
// with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes, documented in `corpus build --help`.
const (
	exitOK          = 0   // success (skipped inputs are reported, not failures)
	exitInvalid     = 1   // bad input stopped the run (--on-error fail, --on-invalid fail); validate: findings
	exitUsage       = 2   // bad flags or arguments, unusable input paths, output folder not empty
	exitOutput      = 3   // the output could not be written (permissions, disk full)
	exitInterrupted = 130 // SIGINT or SIGTERM
)

// exitError carries an exit code through urfave/cli to run.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

func usageErrorf(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

// run is the whole program, with its environment injected so tests can
// call it: it returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "corpus: %v\n", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	return exitUsage // urfave/cli's own errors: unknown flags, missing values
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:            "corpus",
		Usage:           "turn raw text in any language into training-ready NLP corpora",
		Version:         version,
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		Commands: []*cli.Command{
			buildCommand(),
			segmentCommand(),
			schemaCommand(),
			validateCommand(),
		},
		OnUsageError: func(c *cli.Context, err error, isSubcommand bool) error {
			return withCode(exitUsage, err)
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run decides the exit code
	}
}
