package gen

import (
	"strconv"
	"strings"
	"time"
)

// idEpoch is the millisecond the generated ids' time prefix starts at.
var idEpoch = uint64(time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC).UnixMilli())

// idChunk is how many ids share one backing string: millions of ids cost
// their 36 bytes each instead of a 48-byte allocation.
const idChunk = 4096

// idSource makes UUIDv7-shaped ids, time-ordered like store.NewID's (which
// reads the clock and crypto/rand, so two runs would differ): the time
// prefix and the 12 bits after the version count up from idEpoch, the
// last 62 bits mix the seed with the counter. The same seed gives the same
// ids in the same order.
type idSource struct {
	seed  uint64
	seq   uint64
	chunk string
	next0 int // offset of the next id in chunk
}

func (s *idSource) next() string {
	if s.next0 == len(s.chunk) {
		var b strings.Builder
		b.Grow(36 * idChunk)
		var buf [36]byte
		for i := range uint64(idChunk) {
			b.Write(s.format(&buf, s.seq+i))
		}
		s.seq += idChunk
		s.chunk, s.next0 = b.String(), 0
	}
	id := s.chunk[s.next0 : s.next0+36]
	s.next0 += 36
	return id
}

const hexDigits = "0123456789abcdef"

func (s *idSource) format(buf *[36]byte, seq uint64) []byte {
	hi := (idEpoch+seq>>12)<<16 | 0x7000 | seq&0x0fff
	lo := mix(s.seed^seq*0x9e3779b97f4a7c15)&^(3<<62) | 2<<62
	k := 0
	put := func(v uint64, nibbles int) {
		for i := nibbles - 1; i >= 0; i-- {
			buf[k] = hexDigits[v>>(4*uint(i))&0xf]
			k++
		}
	}
	put(hi>>32, 8)
	buf[k] = '-'
	k++
	put(hi>>16&0xffff, 4)
	buf[k] = '-'
	k++
	put(hi&0xffff, 4)
	buf[k] = '-'
	k++
	put(lo>>48, 4)
	buf[k] = '-'
	k++
	put(lo&0xffffffffffff, 12)
	return buf[:]
}

// mix is SplitMix64's finaliser: consecutive counters give unrelated bits.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// codeSource makes the people's staff codes, "CB" and seven digits, in
// shared chunks like the ids.
type codeSource struct {
	n     int
	chunk string
	off   int
}

const codeLen = 9

func (c *codeSource) next() string {
	if c.off == len(c.chunk) {
		var b strings.Builder
		b.Grow(codeLen * idChunk)
		var buf [16]byte
		for i := range idChunk {
			b.WriteString("CB")
			d := strconv.AppendInt(buf[:0], int64(c.n+i+1), 10)
			for range 7 - len(d) {
				b.WriteByte('0')
			}
			b.Write(d)
		}
		c.n += idChunk
		c.chunk, c.off = b.String(), 0
	}
	code := c.chunk[c.off : c.off+codeLen]
	c.off += codeLen
	return code
}
