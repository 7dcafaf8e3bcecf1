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
//
// The manifest is what makes the new parts count. Until it is written, the
// errors and ids parts of the interrupted run a resumed run continues are
// only set aside; if anything fails, they are put back and the caller's
// abort removes the new files, so that the folder is still the checkpoint
// of that interrupted run.
func (b *builder) checkpoint() (err error) {
	var parts []formats.OutputFile
	for _, w := range b.writers {
		ps, err := w.Checkpoint()
		if err != nil {
			return err
		}
		parts = append(parts, ps...)
	}
	errLines := b.errs.lines
	if err := b.errs.seal(); err != nil {
		return err
	}
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
	outs := make([]formats.OutputFile, len(parts))
	for i, p := range parts {
		rel, err := filepath.Rel(b.cfg.Output, p.Path)
		if err != nil {
			return err
		}
		p.Path = filepath.ToSlash(rel)
		outs[i] = p
	}
	idsTmp := filepath.Join(b.cfg.Output, idsPart+".tmp")
	ids, err := writeIDs(idsTmp, b.ids)
	if err != nil {
		return err
	}
	var swap partSwap
	defer func() {
		if err != nil {
			if ids != nil {
				os.Remove(idsTmp) // if not renamed yet
			}
			if uerr := swap.undo(); uerr != nil {
				err = errors.Join(err, uerr)
			}
		}
	}()
	cp.IDs = ids
	if err := swap.put(b.errs.tmp, filepath.Join(b.cfg.Output, errorsPart)); err != nil {
		return err
	}
	if ids != nil {
		if err := swap.put(idsTmp, filepath.Join(b.cfg.Output, idsPart)); err != nil {
			return err
		}
	}
	m := newManifest(b.cfg, b.sum, inputs[:cp.Files], outs, &ErrorsFile{Path: errorsPart, Lines: errLines})
	m.Complete = false
	m.Checkpoint = cp
	if err := writeManifest(b.cfg.Output, m); err != nil {
		return err
	}
	// The manifest lists the new parts: there is nothing to undo any more.
	swap.commit()
	b.writers = nil
	b.errs = nil
	return nil
}

// asideSuffix ends the name under which a checkpoint keeps a part file of
// the interrupted run it continues while it writes its own manifest.
const asideSuffix = ".old"

// partSwap renames the new files of a checkpoint to their part names,
// setting aside (under NAME.old) the files of the interrupted run that had
// these names, until the checkpoint's manifest is written: then commit
// removes them, or, when it fails, undo puts them back.
type partSwap struct {
	moved []swapped
}

// swapped is a file put at a part name by a partSwap.
type swapped struct {
	path  string // the part name
	aside bool   // the file that had the name is at path+asideSuffix
}

// put renames tmp to path, setting aside the file at path if any.
func (p *partSwap) put(tmp, path string) error {
	s := swapped{path: path}
	switch err := os.Rename(path, path+asideSuffix); {
	case err == nil:
		s.aside = true
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("set aside %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		err = fmt.Errorf("rename %s: %w", tmp, err)
		if s.aside {
			if perr := os.Rename(path+asideSuffix, path); perr != nil {
				err = errors.Join(err, fmt.Errorf("put back %s: %w", path, perr))
			}
		}
		return err
	}
	p.moved = append(p.moved, s)
	return nil
}

// commit removes the files set aside.
func (p *partSwap) commit() {
	for _, s := range p.moved {
		if s.aside {
			os.Remove(s.path + asideSuffix)
		}
	}
	p.moved = nil
}

// undo removes the new files and puts back those set aside, in reverse
// order. The error says which it could not put back.
func (p *partSwap) undo() error {
	var errs []error
	for i := len(p.moved) - 1; i >= 0; i-- {
		s := p.moved[i]
		if s.aside {
			if err := os.Rename(s.path+asideSuffix, s.path); err != nil {
				errs = append(errs, fmt.Errorf("put back %s: %w", s.path, err))
			}
		} else if err := os.Remove(s.path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove %s: %w", s.path, err))
		}
	}
	p.moved = nil
	return errors.Join(errs...)
}
