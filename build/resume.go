package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"

	"github.com/corpustools/corpus/formats"
)

// ErrNotResumable is returned by a --resume run when the output folder holds
// no interrupted run of the same inputs and options.
var ErrNotResumable = errors.New("nothing to resume")

// resumable reads the manifest of an interrupted run and checks that cfg
// continues it: same input arguments and options.
func resumable(cfg *Config) (*Manifest, error) {
	m, err := ReadManifest(cfg.Output)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &OutputError{fmt.Errorf("%s: %w: no manifest.json", cfg.Output, ErrNotResumable)}
		}
		return nil, &OutputError{err}
	}
	if m.Complete || m.Checkpoint == nil {
		return nil, &OutputError{fmt.Errorf("%s: %w: the run there is complete", cfg.Output, ErrNotResumable)}
	}
	if !reflect.DeepEqual(m.Args, cfg.Inputs) {
		return nil, &OutputError{fmt.Errorf("%s: %w: inputs were %q, now %q", cfg.Output, ErrNotResumable, m.Args, cfg.Inputs)}
	}
	if !sameJSON(m.Options, cfg.OptionsRecord) {
		return nil, &OutputError{fmt.Errorf("%s: %w: the options differ from the interrupted run's", cfg.Output, ErrNotResumable)}
	}
	if m.Checkpoint.Files > len(m.Inputs) {
		return nil, &OutputError{fmt.Errorf("%s: %w: checkpoint beyond the inputs", cfg.Output, ErrNotResumable)}
	}
	return m, nil
}

func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		return false
	}
	var va, vb any
	json.Unmarshal(ja, &va)
	json.Unmarshal(jb, &vb)
	return reflect.DeepEqual(va, vb)
}

// checkpoint ends an interrupted run consistently: every writer finishes its
// current shard under a part name, errors.jsonl is kept under its part name,
// the keys of the ids the input gave so far go to the ids part, and a
// manifest that says the run is incomplete records how far it got.
func (b *builder) checkpoint() error {
	var parts []formats.OutputFile
	for _, w := range b.writers {
		ps, err := w.Checkpoint()
		if err != nil {
			return err
		}
		parts = append(parts, ps...)
	}
	b.writers = nil
	errLines := b.errs.lines
	if err := b.errs.checkpoint(); err != nil {
		return err
	}
	b.errs = nil
	// Where the consumed outcomes end: whole files, then some of the next.
	inputs := b.reader.Inputs()
	rest := b.consumed - b.planSkips
	cp := &Checkpoint{Outcomes: b.consumed}
	for _, in := range inputs {
		if rest < in.Outcomes || in.SHA256 == "" { // not wholly consumed, or not closed yet
			break
		}
		rest -= in.Outcomes
		cp.Files++
	}
	cp.InFile = rest
	if rest < 0 {
		cp.InFile = 0
	}
	ids, err := writeIDs(b.cfg.Output, b.ids)
	if err != nil {
		return err
	}
	cp.IDs = ids
	outs := make([]formats.OutputFile, len(parts))
	for i, p := range parts {
		rel, err := filepath.Rel(b.cfg.Output, p.Path)
		if err != nil {
			return err
		}
		p.Path = filepath.ToSlash(rel)
		outs[i] = p
	}
	m := newManifest(b.cfg, b.sum, inputs[:cp.Files], outs, &ErrorsFile{Path: errorsPart, Lines: errLines})
	m.Complete = false
	m.Checkpoint = cp
	return writeManifest(b.cfg.Output, m)
}
