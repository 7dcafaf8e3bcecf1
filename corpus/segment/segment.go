package segment

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Span is a half-open byte range [Start, End) into the text given to a
// function of this package.
type Span struct{ Start, End int }

// Rule tells why a sentence ended. [Sentence.Rule] carries it, so that a user
// can see why the text was cut where it was.
type Rule uint8

// The rules that end a sentence.
const (
	// RuleEndOfText: the paragraph ended.
	RuleEndOfText Rule = iota
	// RuleTerminator: a terminator followed by white space (. ? ! … ‽).
	RuleTerminator
	// RuleDanda: a Devanagari danda । or double danda ॥ (or | written as one).
	RuleDanda
	// RuleArabicTerminator: an Arabic-script full stop ۔ or question mark ؟.
	RuleArabicTerminator
	// RuleCJKTerminator: an ideographic full stop, exclamation or question mark
	// (。！？), or a Latin terminator directly before a CJK character.
	RuleCJKTerminator
	// RuleLineBreak: a line end inside the paragraph after a line with no final
	// punctuation: a headline, a list item, a signature.
	RuleLineBreak
	// RuleListItem: a line end before a line that starts a list item.
	RuleListItem
	// RuleDash: a dash written as a full stop after a word that ends
	// sentences (Urdu "ہے -").
	RuleDash
	// RuleAddress: an e-mail address or a URL that ends a line of a
	// signature, a header or a list of links, before a capitalized word or
	// another address.
	RuleAddress
	// RuleEmoticon: an emoticon that closes a sentence without a terminator.
	RuleEmoticon
	// RuleGreeting: the comma after a salutation or a closing ("Hi John,",
	// "Thanks,").
	RuleGreeting
	// RuleOpener: a sentence left without its terminator before a word that
	// opens a sentence with a comma (Hindi "… लग गए बहरहाल , …").
	RuleOpener
	numRules
)

var ruleNames = [numRules]string{
	RuleEndOfText:        "end-of-text",
	RuleTerminator:       "terminator",
	RuleDanda:            "danda",
	RuleArabicTerminator: "arabic-terminator",
	RuleCJKTerminator:    "cjk-terminator",
	RuleLineBreak:        "line-break",
	RuleListItem:         "list-item",
	RuleDash:             "dash",
	RuleAddress:          "address",
	RuleEmoticon:         "emoticon",
	RuleGreeting:         "greeting",
	RuleOpener:           "opener",
}

// String returns the short kebab-case name of r, such as "end-of-text".
func (r Rule) String() string {
	if r < numRules {
		return ruleNames[r]
	}
	return fmt.Sprintf("rule(%d)", uint8(r))
}

// Sentence is one sentence: its byte span in the paragraph text and the rule
// that ended it.
type Sentence struct {
	Span
	Rule Rule
}

// Segmenter splits paragraphs into sentences with the data of one language.
// It is immutable after [New] and safe for concurrent use.
type Segmenter struct {
	tag string
	// data holds the language data used for words of each script: the data
	// of the segmenter's language for its own script, the default language
	// of the script otherwise.
	data [numScripts]*langData
	// openerEnds holds the last bytes of the [openers] words of data, so
	// that the comma rule can skip the look back for an opener when the
	// word before the comma cannot be one.
	openerEnds byteSet
	// openerTails has the bit tailHash of each [openers] word of data set,
	// a finer filter of the same kind, when every such word is at least
	// tailLen bytes long (tailsOK).
	openerTails [1 << tailLog / 64]uint64
	tailsOK     bool
}

// scriptDefaults names the language whose data serves each script when the
// segmenter's language has none for it.
var scriptDefaults = [numScripts]string{
	scriptOther:      "en",
	scriptLatin:      "en",
	scriptDevanagari: "hi",
	scriptArabic:     "ur",
	scriptHan:        "zh",
}

// New returns the segmenter for the BCP 47 tag lang ("en", "hi", "hi-IN",
// "mr", "ur", "zh-Hant", ...). The empty tag means auto: the data are chosen
// by script for each word the segmenter looks at (Devanagari → Hindi, Arabic
// script → Urdu, Han → Chinese, otherwise English). A well-formed tag without
// data of its own uses the same script defaults; a malformed tag is an error.
func New(lang string) (*Segmenter, error) {
	all := mustData()
	s := &Segmenter{}
	for sc, tag := range scriptDefaults {
		s.data[sc] = all[tag]
	}
	if lang != "" {
		t, err := language.Parse(lang)
		if err != nil {
			return nil, fmt.Errorf("segment: malformed language tag %q: %w", lang, err)
		}
		s.tag = t.String()
		d := all[strings.ToLower(s.tag)]
		if d == nil {
			base, _ := t.Base()
			d = all[base.String()]
		}
		if d != nil {
			// The language's data serve the words of its script.
			s.data[tagScript(d.tag)] = d
		}
	}
	s.tailsOK = true
	for _, d := range s.data {
		if d == nil || !d.hasOpeners {
			continue
		}
		for w, k := range d.words {
			if k&kindOpener != 0 {
				s.openerEnds.add(w[len(w)-1])
				if len(w) < tailLen {
					s.tailsOK = false
				} else {
					h := tailHash(w)
					s.openerTails[h/64] |= 1 << (h % 64)
				}
			}
		}
	}
	return s, nil
}

// tailLen is the number of bytes at the end of a word that tailHash reads,
// and tailLog the base-2 logarithm of the number of bits of the filter.
const (
	tailLen = 5
	tailLog = 12
)

// tailHash hashes the last bytes of w, which holds at least tailLen bytes,
// to a bit of Segmenter.openerTails: the last two and the fourth and fifth
// from the end, which tell apart the last two runes of a Devanagari word
// (the third byte from the end is the lead byte E0 of the last rune).
func tailHash(w string) uint32 {
	n := len(w)
	h := uint32(w[n-1]) | uint32(w[n-2])<<8 | uint32(w[n-4])<<16 | uint32(w[n-5])<<24
	return h * 0x9E3779B1 >> (32 - tailLog)
}

// mayEndOpener reports whether an [openers] word may end at s[j]: it is
// false when no such word ends with the last bytes of s[:j].
func (sg *Segmenter) mayEndOpener(s string, j int) bool {
	if j == 0 || !sg.openerEnds.has(s[j-1]) {
		return false
	}
	if !sg.tailsOK {
		return true
	}
	if j <= tailLen {
		// An opener word of at least tailLen bytes would have to start
		// the text, and opener wants a word before it.
		return false
	}
	h := tailHash(s[:j])
	return sg.openerTails[h/64]&(1<<(h%64)) != 0
}

// tagScript returns the script in which the language tag is most likely
// written.
func tagScript(tag string) script {
	sc, _ := language.Make(tag).Script()
	switch sc.String() {
	case "Latn":
		return scriptLatin
	case "Deva":
		return scriptDevanagari
	case "Arab":
		return scriptArabic
	case "Hans", "Hant", "Hani", "Jpan":
		return scriptHan
	}
	return scriptOther
}

// Language returns the canonical tag the segmenter was made for, or "" for
// auto.
func (s *Segmenter) Language() string { return s.tag }

// AppendSentences appends to dst the sentences of one paragraph text and
// returns the extended slice. The spans are trimmed of surrounding white
// space, in order, non-overlapping and never empty, and together they cover
// every non-space character of text. It allocates only to grow dst.
func (s *Segmenter) AppendSentences(dst []Sentence, text string) []Sentence {
	pos := skipSpace(text, 0)
	for pos < len(text) {
		end, next, rule, _ := s.first(text[pos:], true)
		dst = append(dst, Sentence{Span{pos, pos + end}, rule})
		pos += next // skipSpace(text, pos+end)
	}
	return dst
}
