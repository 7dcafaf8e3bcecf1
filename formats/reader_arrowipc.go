package formats

import (
	"encoding/binary"
	"errors"
	"io"
	"math"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// arrow-go trusts the counts and sizes in IPC metadata: it allocates as
// many fields as a schema claims, as many bytes as a compressed buffer
// claims to inflate to, and recurses as deep as nested fields go, so a
// corrupt file could exhaust memory or the stack, which no recover catches.
// ipcMessages reads the messages of an IPC stream itself and checks their
// flatbuffers (bounds, counts, depth, buffer sizes) before arrow-go sees
// them.

// Flatbuffer message header types and the slots of the tables read here
// (see Arrow's format/Message.fbs, Schema.fbs, File.fbs).
const (
	fbHeaderSchema          = 1
	fbHeaderDictionaryBatch = 2
	fbHeaderRecordBatch     = 3

	fbTypeTimestamp = 10
	fbTypeUnion     = 14

	maxFieldDepth = 64
)

// ipcMessages is an ipc.MessageReader over a stream of IPC messages, each
// checked before it is handed on.
type ipcMessages struct {
	r         io.Reader
	offset    int64 // bytes of the stream read so far
	limit     int64 // bytes of the stream
	msgStart  int64 // offset of the current message
	messages  int   // messages read
	batches   int   // record batches read
	cur       *ipc.Message
	header    [4]byte
	eos       bool
	refs      int64
	lastError error
}

func newIPCMessages(r io.Reader, limit int64) *ipcMessages {
	return &ipcMessages{r: r, limit: limit, refs: 1}
}

func (m *ipcMessages) Retain() { m.refs++ }

func (m *ipcMessages) Release() {
	m.refs--
	if m.refs == 0 && m.cur != nil {
		m.cur.Release()
		m.cur = nil
	}
}

func (m *ipcMessages) read(p []byte) error {
	n, err := io.ReadFull(m.r, p)
	m.offset += int64(n)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// Message returns the next checked message, or io.EOF at the end of the
// stream (an end-of-stream marker, or the end of the bytes between two
// messages).
func (m *ipcMessages) Message() (*ipc.Message, error) {
	if m.cur != nil {
		m.cur.Release()
		m.cur = nil
	}
	if m.eos {
		return nil, io.EOF
	}
	m.msgStart = m.offset
	if m.offset == m.limit {
		m.eos = true
		return nil, io.EOF
	}
	if err := m.read(m.header[:]); err != nil {
		return nil, m.fail(corrupt("arrow: message header: %v", err))
	}
	cid := binary.LittleEndian.Uint32(m.header[:])
	var metaLen int64
	switch cid {
	case 0:
		m.eos = true
		return nil, io.EOF
	case 0xFFFFFFFF:
		if err := m.read(m.header[:]); err != nil {
			return nil, m.fail(corrupt("arrow: message length: %v", err))
		}
		metaLen = int64(int32(binary.LittleEndian.Uint32(m.header[:])))
		if metaLen == 0 {
			m.eos = true
			return nil, io.EOF
		}
	default:
		// Streams written before Arrow 0.15 have no continuation marker.
		metaLen = int64(int32(cid))
	}
	if metaLen < 8 || metaLen > m.limit-m.offset {
		return nil, m.fail(corrupt("arrow: message metadata length %d does not fit the %d bytes left", metaLen, m.limit-m.offset))
	}
	meta := make([]byte, metaLen)
	if err := m.read(meta); err != nil {
		return nil, m.fail(corrupt("arrow: message metadata: %v", err))
	}
	kind, bodyLen, rb, err := checkMessage(meta)
	if err != nil {
		return nil, m.fail(err)
	}
	if bodyLen < 0 || bodyLen > m.limit-m.offset {
		return nil, m.fail(corrupt("arrow: message body length %d does not fit the %d bytes left", bodyLen, m.limit-m.offset))
	}
	body := make([]byte, bodyLen)
	if err := m.read(body); err != nil {
		return nil, m.fail(corrupt("arrow: message body: %v", err))
	}
	if kind == fbHeaderRecordBatch || kind == fbHeaderDictionaryBatch {
		if err := checkRecordBatch(rb, body); err != nil {
			return nil, m.fail(err)
		}
	}
	if kind == fbHeaderRecordBatch {
		m.batches++
	}
	m.messages++
	m.cur = ipc.NewMessage(memory.NewBufferBytes(meta), memory.NewBufferBytes(body))
	return m.cur, nil
}

// fail records err, the first error of the stream, and returns it.
func (m *ipcMessages) fail(err error) error {
	if m.lastError == nil {
		m.lastError = err
	}
	return err
}

// fb is a flatbuffer whose every read is bounds-checked.
type fb struct {
	b      []byte
	tables int // tables visited, against loops and blow-ups
}

var errFB = errors.New("bad flatbuffer")

func (f *fb) u32(pos int64) (uint32, error) {
	if pos < 0 || pos+4 > int64(len(f.b)) {
		return 0, errFB
	}
	return binary.LittleEndian.Uint32(f.b[pos:]), nil
}

func (f *fb) u16(pos int64) (uint16, error) {
	if pos < 0 || pos+2 > int64(len(f.b)) {
		return 0, errFB
	}
	return binary.LittleEndian.Uint16(f.b[pos:]), nil
}

// fbTable is a table of a flatbuffer.
type fbTable struct {
	f            *fb
	pos, vt      int64
	vtLen, tbLen int64
}

// table checks the table at pos.
func (f *fb) table(pos int64) (fbTable, error) {
	f.tables++
	if f.tables > len(f.b)/4+16 {
		return fbTable{}, errFB
	}
	so, err := f.u32(pos)
	if err != nil {
		return fbTable{}, err
	}
	vt := pos - int64(int32(so))
	vtLen, err := f.u16(vt)
	if err != nil {
		return fbTable{}, err
	}
	tbLen, err := f.u16(vt + 2)
	if err != nil {
		return fbTable{}, err
	}
	if vtLen < 4 || vt+int64(vtLen) > int64(len(f.b)) || pos+int64(tbLen) > int64(len(f.b)) {
		return fbTable{}, errFB
	}
	return fbTable{f: f, pos: pos, vt: vt, vtLen: int64(vtLen), tbLen: int64(tbLen)}, nil
}

// root returns the root table.
func (f *fb) root() (fbTable, error) {
	off, err := f.u32(0)
	if err != nil {
		return fbTable{}, err
	}
	return f.table(int64(off))
}

// field returns the position of slot i, or 0 when the field is absent.
func (t fbTable) field(i int, size int64) (int64, error) {
	at := 4 + 2*int64(i)
	if at+2 > t.vtLen {
		return 0, nil
	}
	vo, err := t.f.u16(t.vt + at)
	if err != nil || vo == 0 {
		return 0, err
	}
	if int64(vo)+size > t.tbLen {
		return 0, errFB
	}
	return t.pos + int64(vo), nil
}

func (t fbTable) u8(i int) (uint8, error) {
	p, err := t.field(i, 1)
	if err != nil || p == 0 {
		return 0, err
	}
	return t.f.b[p], nil
}

func (t fbTable) i64(i int) (int64, error) {
	p, err := t.field(i, 8)
	if err != nil || p == 0 {
		return 0, err
	}
	return int64(binary.LittleEndian.Uint64(t.f.b[p:])), nil
}

// ref returns the target of the offset in slot i, or 0 when absent.
func (t fbTable) ref(i int) (int64, error) {
	p, err := t.field(i, 4)
	if err != nil || p == 0 {
		return 0, err
	}
	off, err := t.f.u32(p)
	if err != nil {
		return 0, err
	}
	return p + int64(off), nil
}

// sub returns the table in slot i; ok is false when absent.
func (t fbTable) sub(i int) (fbTable, bool, error) {
	p, err := t.ref(i)
	if err != nil || p == 0 {
		return fbTable{}, false, err
	}
	s, err := t.f.table(p)
	return s, err == nil, err
}

// vector returns the start and length of the vector in slot i, checking
// that its elements of size bytes fit the buffer.
func (t fbTable) vector(i int, size int64) (start, n int64, err error) {
	p, err := t.ref(i)
	if err != nil || p == 0 {
		return 0, 0, err
	}
	l, err := t.f.u32(p)
	if err != nil {
		return 0, 0, err
	}
	if p+4+int64(l)*size > int64(len(t.f.b)) {
		return 0, 0, errFB
	}
	return p + 4, int64(l), nil
}

// tables calls fn on each table of the vector of tables in slot i.
func (t fbTable) tables(i int, fn func(fbTable) error) error {
	start, n, err := t.vector(i, 4)
	if err != nil {
		return err
	}
	for k := range n {
		pos := start + 4*k
		off, err := t.f.u32(pos)
		if err != nil {
			return err
		}
		s, err := t.f.table(pos + int64(off))
		if err != nil {
			return err
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return nil
}

// str checks the string in slot i.
func (t fbTable) str(i int) error {
	_, _, err := t.vector(i, 1)
	return err
}

// checkKeyValues checks a vector of KeyValue tables in slot i.
func checkKeyValues(t fbTable, i int) error {
	return t.tables(i, func(kv fbTable) error {
		if err := kv.str(0); err != nil {
			return err
		}
		return kv.str(1)
	})
}

// checkSchema checks a Schema table: fields, their children to a bounded
// depth, metadata.
func checkSchema(s fbTable) error {
	if err := s.tables(1, func(f fbTable) error { return checkField(f, 0) }); err != nil {
		return err
	}
	if err := checkKeyValues(s, 2); err != nil {
		return err
	}
	_, _, err := s.vector(3, 8) // features
	return err
}

func checkField(f fbTable, depth int) error {
	if depth > maxFieldDepth {
		return errFB
	}
	if err := f.str(0); err != nil {
		return err
	}
	kind, err := f.u8(2)
	if err != nil {
		return err
	}
	typ, ok, err := f.sub(3)
	if err != nil {
		return err
	}
	if ok && kind == fbTypeUnion {
		if _, _, err := typ.vector(1, 4); err != nil { // typeIds
			return err
		}
	}
	if ok && kind == fbTypeTimestamp {
		if err := typ.str(1); err != nil { // timezone
			return err
		}
	}
	if dict, ok, err := f.sub(4); err != nil {
		return err
	} else if ok {
		if _, _, err := dict.sub(1); err != nil { // indexType
			return err
		}
	}
	if err := f.tables(5, func(c fbTable) error { return checkField(c, depth+1) }); err != nil {
		return err
	}
	return checkKeyValues(f, 6)
}

// checkMessage checks a Message flatbuffer and returns its header type,
// body length, and its RecordBatch table (for dictionary batches, the
// batch's data).
func checkMessage(meta []byte) (kind uint8, bodyLen int64, rb fbTable, err error) {
	f := &fb{b: meta}
	bad := func(err error) (uint8, int64, fbTable, error) {
		return 0, 0, fbTable{}, corrupt("arrow: invalid message metadata: %v", err)
	}
	msg, err := f.root()
	if err != nil {
		return bad(err)
	}
	if kind, err = msg.u8(1); err != nil {
		return bad(err)
	}
	if bodyLen, err = msg.i64(3); err != nil {
		return bad(err)
	}
	if err := checkKeyValues(msg, 4); err != nil {
		return bad(err)
	}
	header, ok, err := msg.sub(2)
	if err != nil || !ok {
		return bad(errFB)
	}
	switch kind {
	case fbHeaderSchema:
		if err := checkSchema(header); err != nil {
			return bad(err)
		}
	case fbHeaderRecordBatch:
		rb = header
	case fbHeaderDictionaryBatch:
		data, ok, err := header.sub(1)
		if err != nil || !ok {
			return bad(errFB)
		}
		rb = data
	default:
		return 0, 0, fbTable{}, corrupt("arrow: unexpected message type %d", kind)
	}
	return kind, bodyLen, rb, nil
}

// checkRecordBatch checks a RecordBatch table against its body: node
// lengths, buffer ranges, and the sizes compressed buffers inflate to.
func checkRecordBatch(rb fbTable, body []byte) error {
	bad := func(format string, args ...any) error {
		return corrupt("arrow: invalid record batch: "+format, args...)
	}
	rows, err := rb.i64(0)
	if err != nil || rows < 0 || rows > math.MaxInt32 {
		return bad("length %d", rows)
	}
	start, n, err := rb.vector(1, 16) // nodes: {length, null_count int64}
	if err != nil {
		return bad("nodes")
	}
	for k := range n {
		p := start + 16*k
		length := int64(binary.LittleEndian.Uint64(rb.f.b[p:]))
		nulls := int64(binary.LittleEndian.Uint64(rb.f.b[p+8:]))
		if length < 0 || length > math.MaxInt32 || nulls < 0 || nulls > length {
			return bad("node %d: length %d, %d nulls", k, length, nulls)
		}
	}
	_, compressed, err := rb.sub(3)
	if err != nil {
		return bad("compression")
	}
	start, n, err = rb.vector(2, 16) // buffers: {offset, length int64}
	if err != nil {
		return bad("buffers")
	}
	size := int64(len(body))
	// A compressed buffer starts with its inflated size. Honest sizes are
	// within the utf8 limit and a generous ratio of the body.
	limit := min(int64(math.MaxInt32), 1<<20+4096*size)
	var total int64
	for k := range n {
		p := start + 16*k
		off := int64(binary.LittleEndian.Uint64(rb.f.b[p:]))
		length := int64(binary.LittleEndian.Uint64(rb.f.b[p+8:]))
		if off < 0 || length < 0 || off > size || length > size-off {
			return bad("buffer %d [%d, +%d) outside the body of %d bytes", k, off, length, size)
		}
		if compressed && length > 0 {
			if length < 8 {
				return bad("compressed buffer %d of %d bytes", k, length)
			}
			inflated := int64(binary.LittleEndian.Uint64(body[off:]))
			if inflated != -1 && (inflated < 0 || inflated > limit) {
				return bad("compressed buffer %d inflates to %d bytes", k, inflated)
			}
			total += max(inflated, 0)
			if total > 2*limit {
				return bad("compressed buffers inflate to %d bytes", total)
			}
		}
	}
	_, _, err = rb.vector(4, 8) // variadicBufferCounts
	if err != nil {
		return bad("variadic buffer counts")
	}
	return nil
}

// checkFooter checks the footer flatbuffer of an Arrow file and returns the
// number of record batches it lists.
func checkFooter(footer []byte) (int, error) {
	f := &fb{b: footer}
	bad := func(err error) (int, error) { return 0, corrupt("arrow: invalid footer: %v", err) }
	root, err := f.root()
	if err != nil {
		return bad(err)
	}
	if s, ok, err := root.sub(1); err != nil {
		return bad(err)
	} else if ok {
		if err := checkSchema(s); err != nil {
			return bad(err)
		}
	}
	if _, _, err := root.vector(2, 24); err != nil { // dictionaries
		return bad(err)
	}
	_, n, err := root.vector(3, 24) // recordBatches
	if err != nil {
		return bad(err)
	}
	if err := checkKeyValues(root, 4); err != nil {
		return bad(err)
	}
	return int(n), nil
}
