package corpus

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
)

// inFlightBytes bounds the input bytes of the documents between reading and
// the sink; a larger document still passes, alone.
const inFlightBytes = 32 << 20

// Sink receives the outcome of every input of a run, in input order.
type Sink interface {
	// Document receives a processed document.
	Document(in *Input, d *Document) error
	// Skip receives a document or input that was skipped, with the reason.
	Skip(e *DocError) error
}

// SinkOf receives the outcome of every input of a [RunFunc], in input order.
type SinkOf[T any] interface {
	// Document receives the result of the work on one input.
	Document(in *Input, out T) error
	// Skip receives a document or input that was skipped, with the reason.
	Skip(e *DocError) error
}

// NextFunc returns the next input of a run, or io.EOF after the last one. A
// returned *DocError skips one input (it reaches Sink.Skip in order); any
// other error stops the run.
type NextFunc func() (*Input, error)

// Run processes the inputs returned by next with jobs workers (at least 1)
// and hands the results to sink in input order, so output is identical for
// any number of jobs. At most a few inputs per worker are in flight, so
// memory is bounded by document size, not corpus size. Run stops at the
// first error from next (other than io.EOF and *DocError) or from sink, or
// when ctx is done, and returns that error.
func Run(ctx context.Context, jobs int, o *Options, next NextFunc, sink Sink) error {
	work := func(in *Input) (*Document, error) { return Process(in, o) }
	return RunFunc[*Document](ctx, jobs, next, work, sink)
}

// RunFunc is [Run] with any pure function per input in place of [Process]: it
// runs on the workers, so what it adds to Process (turning documents into
// rows, encoding them) runs in parallel too. A *DocError from process skips the
// input; any other error stops the run.
func RunFunc[T any](ctx context.Context, jobs int, next NextFunc, process func(*Input) (T, error), sink SinkOf[T]) error {
	if jobs < 1 {
		jobs = 1
	}
	type item struct {
		seq int
		in  *Input
		out T
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// At most inFlight items, and about inFlightBytes of input, are read
	// and not yet handed to the sink: that bounds memory whatever the
	// corpus size. done holds as many, so workers never wait while the
	// sink is busy (a writer compressing a page or a row group). The item
	// bound only matters for small documents: with 16 items per worker,
	// two workers on 16 KB documents had 8 ms of work queued, less than a
	// Parquet writer takes for a page, and -j2 ran 1.63x as fast as -j1;
	// with 256 it is 1.81x.
	inFlight := 256 * jobs
	work := make(chan *item, jobs)
	done := make(chan *item, inFlight)
	slots := make(chan struct{}, inFlight)
	var used atomic.Int64           // input bytes in flight
	freed := make(chan struct{}, 1) // signalled when bytes are released
	var readErr error

	go func() { // producer
		defer close(work)
		for seq := 0; ; seq++ {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			for used.Load() >= inFlightBytes { // one document always fits
				select {
				case <-freed:
				case <-ctx.Done():
					return
				}
			}
			in, err := next()
			if err != nil {
				var de *DocError
				if errors.As(err, &de) {
					it := &item{seq: seq, err: de}
					select {
					case done <- it: // skips need no worker
					case <-ctx.Done():
						return
					}
					continue
				}
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				<-slots
				return
			}
			used.Add(int64(len(in.Raw)))
			select {
			case work <- &item{seq: seq, in: in}:
			case <-ctx.Done():
				return
			}
		}
	}()
	release := func(it *item) {
		if it.in != nil {
			used.Add(-int64(len(it.in.Raw)))
			select {
			case freed <- struct{}{}:
			default:
			}
		}
	}

	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range work {
				it.out, it.err = process(it.in)
				select {
				case done <- it:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	pending := map[int]*item{}
	nextSeq := 0
	var sinkErr error
	for it := range done {
		if sinkErr != nil {
			release(it)
			continue
		}
		pending[it.seq] = it
		for {
			it, ok := pending[nextSeq]
			if !ok {
				break
			}
			delete(pending, nextSeq)
			nextSeq++
			var err error
			var de *DocError
			switch {
			case it.err == nil:
				err = sink.Document(it.in, it.out)
			case errors.As(it.err, &de):
				err = sink.Skip(de)
			default:
				err = it.err
			}
			<-slots
			release(it)
			if err != nil {
				sinkErr = err
				cancel()
				break
			}
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}
