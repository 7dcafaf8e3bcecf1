package segment

import (
	"bufio"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// mark separates the expected sentences in a test input: the text is the
// input with the marks removed, and each piece between marks, trimmed, is one
// sentence. ("|" cannot serve: it is a danda in Devanagari text.)
const mark = "¶"

// parseMarked returns the text of a marked test input and the spans of its
// expected sentences.
func parseMarked(marked string) (text string, want []Span) {
	pos := 0
	for _, part := range strings.Split(marked, mark) {
		a := strings.IndexFunc(part, func(r rune) bool { return !unicode.IsSpace(r) })
		if a >= 0 {
			b := strings.LastIndexFunc(part, func(r rune) bool { return !unicode.IsSpace(r) })
			_, n := utf8.DecodeRuneInString(part[b:])
			want = append(want, Span{pos + a, pos + b + n})
		}
		pos += len(part)
	}
	return strings.ReplaceAll(marked, mark, ""), want
}

// showMarked puts a mark after each sentence but the last, to print spans in
// the same form as the test tables.
func showMarked(text string, spans []Span) string {
	var b strings.Builder
	prev := 0
	for i, sp := range spans {
		b.WriteString(text[prev:sp.End])
		if i < len(spans)-1 {
			b.WriteString(mark)
		}
		prev = sp.End
	}
	b.WriteString(text[prev:])
	return b.String()
}

type sentenceCase struct {
	name   string
	lang   string
	marked string
	rules  []Rule // the rule of each sentence, when the case checks them
}

// sentenceCases covers every behaviour the segmenter promises, one named case
// each, in every language that has data.
var sentenceCases = []sentenceCase{
	// English: terminators.
	{name: "en/full-stop", lang: "en", marked: "The cat sat on the mat.¶ It was warm."},
	{name: "en/question-exclamation", lang: "en", marked: "Where is it?¶ Over there!¶ Thanks."},
	{name: "en/interrobang", lang: "en", marked: "You did what‽¶ I can't believe it."},
	{name: "en/ellipsis-char-end", lang: "en", marked: "I waited…¶ Nobody came."},
	{name: "en/end-of-text-no-terminator", lang: "en", marked: "No final punctuation here"},
	{name: "en/multiple-terminators", lang: "en", marked: "Really?!¶ Yes."},
	{name: "en/rules", lang: "en", marked: "One.¶ Two?¶ Three", rules: []Rule{RuleTerminator, RuleTerminator, RuleEndOfText}},
	// English: no break.
	{name: "en/decimal", lang: "en", marked: "Pi is about 3.14 and e is 2.72 today.¶ Done."},
	{name: "en/version", lang: "en", marked: "Upgrade to v1.2.3 before Friday.¶ Then restart."},
	{name: "en/time-mid-sentence", lang: "en", marked: "We met at 5 p.m. yesterday in the lobby.¶ It rained."},
	{name: "en/time-sentence-end", lang: "en", marked: "The shop opens at 9 a.m.¶ The queue starts early."},
	{name: "en/url", lang: "en", marked: "See https://example.com/a.b?c=d for details.¶ Then reply."},
	{name: "en/domain-end", lang: "en", marked: "Write to us at example.org.¶ We answer fast."},
	{name: "en/email", lang: "en", marked: "Mail jane.doe@mail.example.com with questions.¶ Thanks."},
	{name: "en/ellipsis-mid-sentence", lang: "en", marked: "Well... maybe we should wait.¶ Or not."},
	{name: "en/ellipsis-char-mid", lang: "en", marked: "I waited… then I left.¶ Bye."},
	{name: "en/address-line", lang: "en", marked: "Write to jane@example.com¶ Phone calls are fine too.", rules: []Rule{RuleAddress, RuleEndOfText}},
	{name: "en/url-list", lang: "en", marked: "Photos: http://a.example/1.jpg¶ http://a.example/2.jpg"},
	{name: "en/ellipsis-spaced", lang: "en", marked: "And then . . . nothing happened at all.¶ Odd."},
	{name: "en/ellipsis-end", lang: "en", marked: "I hoped for more...¶ The end was flat."},
	{name: "en/title-dr", lang: "en", marked: "Dr. Watson met Mr. Holmes at noon.¶ They talked."},
	{name: "en/title-mrs-ms", lang: "en", marked: "Mrs. Hudson and Ms. Adler came along.¶ Tea followed."},
	{name: "en/us-mid", lang: "en", marked: "The U.S. Senate voted on the bill.¶ It passed."},
	{name: "en/us-end", lang: "en", marked: "She moved to the U.S.¶ The job was in Ohio."},
	{name: "en/eg", lang: "en", marked: "Bring fruit, e.g. apples or pears.¶ Nothing else."},
	{name: "en/ie", lang: "en", marked: "Use the short form, i.e. the one on page two.¶ Sign it."},
	{name: "en/etc-mid", lang: "en", marked: "Pens, paper, etc. are in the drawer.¶ Take some."},
	{name: "en/etc-end", lang: "en", marked: "We sell pens, paper, etc.¶ The shop is small."},
	{name: "en/number-abbrev", lang: "en", marked: "He lives at No. 5 on the hill.¶ Visit him."},
	{name: "en/inc", lang: "en", marked: "Acme Inc. Sales rose in the spring.¶ Profit fell."},
	{name: "en/inc-end", lang: "en", marked: "He works for Acme Inc.¶ The pay is good."},
	{name: "en/month", lang: "en", marked: "The fair opens on Sept. 14 in town.¶ Come early."},
	{name: "en/initials", lang: "en", marked: "J. R. R. Tolkien wrote it.¶ I read it twice."},
	{name: "en/middle-initial", lang: "en", marked: "Mary K. Jones signed the letter.¶ It was short."},
	{name: "en/initial-end", lang: "en", marked: "We chose Plan B.¶ Then we left."},
	{name: "en/ps", lang: "en", marked: "P.S. I will call you tonight."},
	{name: "en/abbrev-capitals", lang: "en", marked: "ACME PVT. LTD. is hiring now.¶ Apply."},
	{name: "en/numbered-list-inline", lang: "en", marked: "1. Mix the flour.¶ 2. Add water.¶ 3. Bake it."},
	{name: "en/numbered-list-lines", lang: "en", marked: "Steps:¶\n1. Mix the flour¶\n2. Add water", rules: []Rule{RuleListItem, RuleListItem, RuleEndOfText}},
	{name: "en/bullets", lang: "en", marked: "Bring:¶\n- a tent¶\n- a lamp"},
	{name: "en/year-end", lang: "en", marked: "It was built in 1999.¶ It still stands."},
	{name: "en/lowercase-start", lang: "en", marked: "i saw it yesterday.¶ it was great."},
	{name: "en/quote-after-terminator", lang: "en", marked: `He said, "Stop."¶ Then he left.`},
	{name: "en/curly-quote", lang: "en", marked: "She asked, “Why not?”¶ Nobody knew."},
	{name: "en/quote-continues", lang: "en", marked: `"Stop!" he shouted at the dog.¶ It sat.`},
	{name: "en/bracket", lang: "en", marked: "They won (again.)¶ We lost."},
	{name: "en/exclamation-in-name", lang: "en", marked: "We tried Yahoo! for a week and left.¶ Why?"},
	{name: "en/no-space", lang: "en", marked: "File names like notes.txt stay whole.¶ Good."},
	{name: "en/headline", lang: "en", marked: "Storm Hits Coast¶\nHeavy rain fell on Monday.", rules: []Rule{RuleLineBreak, RuleEndOfText}},
	{name: "en/signature", lang: "en", marked: "See you on Monday.¶\nBest regards,¶\nAnna Smith"},
	{name: "en/wrapped-line", lang: "en", marked: "This sentence was wrapped by a mail program that\nbreaks lines at a fixed width.¶ Next one."},
	{name: "en/long-wrapped-line", lang: "en", marked: "The committee discussed the proposal for the new library at length\nAnd then voted on it.¶ Done."},
	{name: "en/hyphen-wrap", lang: "en", marked: "It was a well-\nknown fact.¶ Yes."},
	{name: "en/greeting", lang: "en", marked: "Hi John,¶ Thanks for the notes.¶ See you.", rules: []Rule{RuleGreeting, RuleTerminator, RuleEndOfText}},
	{name: "en/closing", lang: "en", marked: "Call me later.¶ Best regards,¶ Anna"},
	{name: "en/comma-no-greeting", lang: "en", marked: "However, I think so.¶ Fine."},
	{name: "en/emoticon-after", lang: "en", marked: "I love it. :)¶ See you soon."},
	{name: "en/emoticon-ends", lang: "en", marked: "what a day :-(¶ Tomorrow will be better", rules: []Rule{RuleEmoticon, RuleEndOfText}},
	{name: "en/no-emoticon-in-ratio", lang: "en", marked: "The score was 3:2 at half time.¶ Then 3:3."},
	{name: "en/comma-after-terminator", lang: "en", marked: "They said no. , and left.¶ Fine."},
	{name: "en/spaced-bracket", lang: "en", marked: "(We fly on Monday. )¶ Then home."},
	{name: "en/lost-character", lang: "en", marked: "Phone:? 555 0100 Fax:? 555 0101"},
	{name: "en/white-space", lang: "en", marked: "  \t Spaces around.¶   And inside\u00a0too.  "},

	// Hindi.
	{name: "hi/danda", lang: "hi", marked: "राम घर गया।¶ वह खुश था।", rules: []Rule{RuleDanda, RuleEndOfText}},
	{name: "hi/danda-spaced", lang: "hi", marked: "राम घर गया ।¶ वह खुश था ।"},
	{name: "hi/danda-no-space", lang: "hi", marked: "यह पहला वाक्य है।¶दूसरा वाक्य यह है।"},
	{name: "hi/double-danda", lang: "hi", marked: "सत्यमेव जयते॥¶ यह सूत्र है।"},
	{name: "hi/bar-as-danda", lang: "hi", marked: "मौसम अच्छा है |¶ हम चलेंगे|¶ फिर लौटेंगे"},
	{name: "hi/bar-in-latin", lang: "hi", marked: "Use a | b in the shell.¶ तब देखो।"},
	{name: "hi/digit-before-danda", lang: "hi", marked: "यह पुल 2019।¶ में बना था।"},
	{name: "hi/devanagari-digit-before-danda", lang: "hi", marked: "कुल संख्या १२०।¶ बाकी शून्य।"},
	{name: "hi/quote-after-danda", lang: "hi", marked: `उसने कहा, "हम जीतेंगे।"¶ इसके बाद सब चुप हो गए।`},
	{name: "hi/question", lang: "hi", marked: "क्या तुम आओगे?¶ हाँ, मैं आऊँगा।"},
	{name: "hi/full-stop-terminator", lang: "hi", marked: "आज बारिश हुई.¶ सड़कें भीग गईं.¶ बच्चे खेले."},
	{name: "hi/full-stop-after-ki", lang: "hi", marked: "उसने मदद की.¶ वह खुश हुआ."},
	{name: "hi/full-stop-final-word", lang: "hi", marked: "यह मेरा घर है.¶ वह उसका है."},
	{name: "hi/title-dr", lang: "hi", marked: "डॉ. शर्मा ने मरीज को देखा।¶ वह ठीक है।"},
	{name: "hi/title-shri", lang: "hi", marked: "श्री. गुप्ता आज आएंगे।¶ तैयारी करो।"},
	{name: "hi/initial-pee", lang: "hi", marked: "पी. चिदंबरम ने बजट पेश किया।¶ संसद में बहस हुई।"},
	{name: "hi/initials-chain", lang: "hi", marked: "ई. एस. एल. नरसिम्हन राज्यपाल बने।¶ शपथ आज हुई।"},
	{name: "hi/initial-two-syllables", lang: "hi", marked: "जॉर्ज डब्लू. बुश ने भाषण दिया।¶ लोग सुनते रहे।"},
	{name: "hi/initials-no-space", lang: "hi", marked: "ए.पी.जे. अब्दुल कलाम वैज्ञानिक थे।¶ वे राष्ट्रपति भी बने।"},
	{name: "hi/abbrev-postposition", lang: "hi", marked: "उसने डी. फिल. की उपाधि ली।¶ फिर पढ़ाया।"},
	{name: "hi/numbered-list", lang: "hi", marked: "1. आटा गूंधें।¶ 2. रोटी बेलें।"},
	{name: "hi/decimal", lang: "hi", marked: "विकास दर 7.5 प्रतिशत रही।¶ यह अच्छा है।"},
	{name: "hi/zwj-nukta", lang: "hi", marked: "मल्\u200dलों ने ज़मीन ख़रीदी।¶ फ़िर \u095bमीन बिकी।"},
	{name: "hi/dash-after-verb", lang: "hi", marked: "यह काम कठिन है -¶ फिर भी हम करेंगे।"},
	{name: "hi/dash-reduplication", lang: "hi", marked: "वे दो - दो करके आए।¶ सब बैठे।"},
	{name: "hi/dash-before-quote", lang: "hi", marked: "वे कहते हैं - 'हम तैयार हैं।'¶ सब ने माना।"},
	{name: "hi/latin-inside", lang: "hi", marked: "Dr. Smith दिल्ली आए।¶ उन्होंने U.S. की बात की।"},
	{name: "hi/opener-after-final", lang: "hi", marked: "इस दूरी को पाटने में कई दशक लग गए¶ बहरहाल , उरी के लोग खुश हैं ।", rules: []Rule{RuleOpener, RuleEndOfText}},
	{name: "hi/opener-unspaced-comma", lang: "hi", marked: "मैं जंगलों में रहने की आदी हूं¶ लेकिन, उनके पति असहमत थे।"},
	{name: "hi/opener-after-comma", lang: "hi", marked: "वह आया है , लेकिन , देर से ।"},
	{name: "hi/opener-not-after-final", lang: "hi", marked: "राम लेकिन , श्याम नहीं आया ।"},
	{name: "hi/opener-without-comma", lang: "hi", marked: "वह आ गया लेकिन देर से ।"},
	{name: "hi/opener-sentence-start", lang: "hi", marked: "यह ठीक है ।¶ लेकिन , कल क्या होगा ?"},
	{name: "hi/opener-after-quote", lang: "hi", marked: "उसने कहा था \"लेकिन , अब नहीं\" ।"},
	{name: "hi/headline-line", lang: "hi", marked: "बाढ़ से तबाही¶\nकई गांव डूब गए।"},

	// Marathi.
	{name: "mr/full-stop", lang: "mr", marked: "तो घरी गेला.¶ ती शाळेत गेली."},
	{name: "mr/danda", lang: "mr", marked: "पाऊस आला।¶ शेते भिजली।"},
	{name: "mr/title", lang: "mr", marked: "डॉ. पाटील आज येतील.¶ सौ. पाटील पण येतील."},
	{name: "mr/initials", lang: "mr", marked: "पु. ल. देशपांडे लेखक होते.¶ त्यांची पुस्तके गाजली."},
	{name: "mr/quote-attribution", lang: "mr", marked: `"मला माहीत नाही." शिक्षक म्हणाले.¶ वर्ग शांत झाला.`},
	{name: "mr/quote-no-attribution", lang: "mr", marked: `"मला माहीत नाही."¶ वर्ग शांत झाला.`},
	{name: "mr/question", lang: "mr", marked: "तू येशील का?¶ हो, नक्की."},

	// Urdu.
	{name: "ur/full-stop", lang: "ur", marked: "وہ گھر گیا۔¶ وہ خوش تھا۔", rules: []Rule{RuleArabicTerminator, RuleEndOfText}},
	{name: "ur/question", lang: "ur", marked: "کیا آپ آئیں گے؟¶ جی ہاں۔"},
	{name: "ur/no-space", lang: "ur", marked: "بارش ہوئی۔¶سڑکیں گیلی ہیں۔"},
	{name: "ur/initials", lang: "ur", marked: "ایس۔ ایم۔ خان نے تقریر کی۔¶ لوگ خوش ہوئے۔"},
	{name: "ur/decimal", lang: "ur", marked: "شرح 4.5 فیصد رہی۔¶ یہ اچھا ہے۔"},
	{name: "ur/dash-after-verb", lang: "ur", marked: "کام مکمل ہو گیا ہے -¶ اب آرام کریں۔"},
	{name: "ur/dash-after-quote", lang: "ur", marked: "شاعر نے کہا ''دل ہے'' -¶ سب نے سنا۔"},
	{name: "ur/numbered-list", lang: "ur", marked: "1۔ پانی لائیں۔¶ 2۔ آگ جلائیں۔"},

	// Chinese.
	{name: "zh/full-stop", lang: "zh", marked: "今天下雨。¶我們在家。", rules: []Rule{RuleCJKTerminator, RuleEndOfText}},
	{name: "zh/exclamation-question", lang: "zh", marked: "真好！¶你來嗎？¶我來。"},
	{name: "zh/closing-quote", lang: "zh", marked: "他說：「我們走吧。」¶大家都走了。"},
	{name: "zh/quote-cluster", lang: "zh", marked: "他問：「誰會聽呢？」。¶沒有人回答。"},
	{name: "zh/decimal", lang: "zh", marked: "面積為24.5平方公里。¶人口很少。"},
	{name: "zh/fullwidth-decimal", lang: "zh", marked: "長度為３．５米．¶很長。"},
	{name: "zh/latin-terminator", lang: "zh", marked: "這是結尾..¶下一句開始。"},
	{name: "zh/ellipsis-mid-sentence", lang: "zh", marked: "我去過兩次……下次再去。¶好。"},
	{name: "zh/fullwidth-full-stop", lang: "zh", marked: "第一句．¶第二句。"},
	{name: "zh/english-inside", lang: "zh", marked: "他讀了 Dr. Seuss 的書。¶很有趣。"},

	// Auto (by script).
	{name: "auto/mixed", lang: "", marked: "Dr. Rao spoke.¶ डॉ. राव बोले।¶ 他說話了。¶ وہ بولے۔"},
}

func TestAppendSentences(t *testing.T) {
	for _, tc := range sentenceCases {
		t.Run(tc.name, func(t *testing.T) {
			seg, err := New(tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			text, want := parseMarked(tc.marked)
			got := seg.AppendSentences(nil, text)
			spans := make([]Span, len(got))
			for i, s := range got {
				spans[i] = s.Span
			}
			if !slices.Equal(spans, want) {
				t.Errorf("got  %q\nwant %q", showMarked(text, spans), tc.marked)
			}
			checkSpans(t, text, spans)
			if tc.rules != nil {
				rules := make([]Rule, len(got))
				for i, s := range got {
					rules[i] = s.Rule
				}
				if !slices.Equal(rules, tc.rules) {
					t.Errorf("rules %v, want %v", rules, tc.rules)
				}
			}
		})
	}
}

// TestLanguagesHaveCases makes adding a language mean adding its tests.
func TestLanguagesHaveCases(t *testing.T) {
	for _, lang := range Languages() {
		n := 0
		for _, tc := range sentenceCases {
			if tc.lang == lang {
				n++
			}
		}
		if n < 3 {
			t.Errorf("language %q has %d test cases, want at least 3", lang, n)
		}
	}
}

// checkSpans checks the span invariants: in bounds, in order, not
// overlapping, not empty, trimmed, and together covering every non-space
// character of text.
func checkSpans(t testing.TB, text string, spans []Span) {
	t.Helper()
	// The offsets at which a rune starts; an invalid byte is a rune of its own.
	bound := make(map[int]bool, len(text)+1)
	for i := range text {
		bound[i] = true
	}
	bound[len(text)] = true
	prev := 0
	for i, sp := range spans {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
			t.Fatalf("span %d %v out of order, empty or out of bounds (prev end %d, len %d)", i, sp, prev, len(text))
		}
		if !bound[sp.Start] || !bound[sp.End] {
			t.Fatalf("span %d %v cuts a rune", i, sp)
		}
		if r, _ := utf8.DecodeRuneInString(text[sp.Start:]); unicode.IsSpace(r) {
			t.Fatalf("span %d %v starts with space", i, sp)
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:sp.End]); unicode.IsSpace(r) {
			t.Fatalf("span %d %v ends with space", i, sp)
		}
		if gap := text[prev:sp.Start]; strings.TrimFunc(gap, unicode.IsSpace) != "" {
			t.Fatalf("text %q before span %d is not covered", gap, i)
		}
		prev = sp.End
	}
	if gap := text[prev:]; strings.TrimFunc(gap, unicode.IsSpace) != "" {
		t.Fatalf("text %q at the end is not covered", gap)
	}
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		lang, tag string
	}{
		{"", ""},
		{"en", "en"},
		{"hi-IN", "hi-IN"},
		{"mr", "mr"},
		{"ur", "ur"},
		{"zh-Hant", "zh-Hant"},
		{"fr", "fr"}, // no data: script defaults
	} {
		s, err := New(tc.lang)
		if err != nil {
			t.Errorf("New(%q): %v", tc.lang, err)
			continue
		}
		if s.Language() != tc.tag {
			t.Errorf("New(%q).Language() = %q, want %q", tc.lang, s.Language(), tc.tag)
		}
	}
	for _, bad := range []string{"not a tag", "e", "en_US!"} {
		if _, err := New(bad); err == nil {
			t.Errorf("New(%q): no error", bad)
		}
	}
	// hi-IN uses the Hindi data, mr the Marathi data.
	hi, _ := New("hi-IN")
	mr, _ := New("mr")
	if hi.data[scriptDevanagari].tag != "hi" || mr.data[scriptDevanagari].tag != "mr" {
		t.Errorf("Devanagari data: hi-IN %s, mr %s", hi.data[scriptDevanagari].tag, mr.data[scriptDevanagari].tag)
	}
	if mr.data[scriptLatin].tag != "en" {
		t.Errorf("mr uses %s data for Latin words, want en", mr.data[scriptLatin].tag)
	}
}

func TestLanguages(t *testing.T) {
	got := Languages()
	want := []string{"en", "hi", "mr", "ur", "zh"}
	if !slices.Equal(got, want) {
		t.Errorf("Languages() = %q, want %q", got, want)
	}
}

func TestParseData(t *testing.T) {
	d, err := parseData("x.txt", "x", "# c\n[titles]\nDr.\nMr # inline\n[closings]\nBest  regards\n")
	if err != nil {
		t.Fatal(err)
	}
	if d.kind("Dr") != kindTitle || d.kind("Mr") != kindTitle || d.kind("DR") != kindTitle || d.kind("Best regards") != kindClosing {
		t.Errorf("words %v", d.words)
	}
	for _, bad := range []string{"Dr.\n", "[nope]\nx\n", "[titles]\na b\n", "[titles]\n.\n"} {
		if _, err := parseData("x.txt", "x", bad); err == nil {
			t.Errorf("parseData(%q): no error", bad)
		} else if !strings.Contains(err.Error(), "x.txt:") {
			t.Errorf("error %q has no location", err)
		}
	}
}

func TestRuleString(t *testing.T) {
	seen := map[string]bool{}
	for r := Rule(0); r < numRules; r++ {
		s := r.String()
		if s == "" || strings.ToLower(s) != s || strings.ContainsAny(s, " _") || seen[s] {
			t.Errorf("Rule(%d).String() = %q: want a unique kebab-case name", r, s)
		}
		seen[s] = true
	}
	if s := numRules.String(); !strings.Contains(s, "rule(") {
		t.Errorf("unknown rule: %q", s)
	}
}

func TestAppendSentencesAllocs(t *testing.T) {
	seg, _ := New("")
	text := strings.Repeat("Dr. Rao spoke at 5 p.m. today. डॉ. राव बोले। 他說話了。 ", 50)
	dst := seg.AppendSentences(nil, text)
	allocs := testing.AllocsPerRun(100, func() {
		dst = seg.AppendSentences(dst[:0], text)
	})
	if allocs != 0 {
		t.Errorf("AppendSentences with a reused dst: %v allocs, want 0", allocs)
	}
}

// slowReader hands out 1, 2 or 3 bytes per Read, cutting multi-byte runes.
type slowReader struct {
	s string
	n int
}

func (r *slowReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	r.n = r.n%3 + 1
	n := min(r.n, len(r.s), len(p))
	copy(p, r.s[:n])
	r.s = r.s[n:]
	return n, nil
}

// scanAll returns the tokens of Split over a slow reader.
func scanAll(t testing.TB, seg *Segmenter, text string) []string {
	t.Helper()
	sc := bufio.NewScanner(&slowReader{s: text})
	sc.Split(seg.Split)
	var got []string
	for sc.Scan() {
		got = append(got, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

func sentenceTexts(seg *Segmenter, text string) []string {
	var out []string
	for _, s := range seg.AppendSentences(nil, text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSplitSlowReader(t *testing.T) {
	for _, tc := range sentenceCases {
		t.Run(tc.name, func(t *testing.T) {
			seg, _ := New(tc.lang)
			text, _ := parseMarked(tc.marked)
			want := sentenceTexts(seg, text)
			if got := scanAll(t, seg, text); !slices.Equal(got, want) {
				t.Errorf("Split gave %q,\nAppendSentences %q", got, want)
			}
		})
	}
	t.Run("long", func(t *testing.T) {
		seg, _ := New("")
		text := mixedProse(20 << 10)
		want := sentenceTexts(seg, text)
		if got := scanAll(t, seg, text); !slices.Equal(got, want) {
			t.Errorf("Split and AppendSentences differ on %d bytes of prose: %d and %d sentences", len(text), len(got), len(want))
		}
	})
}

func TestSplitLongSentence(t *testing.T) {
	seg, _ := New("en")
	long := strings.Repeat("word ", MaxSentence/5+100) // no terminator
	text := long + "end. Next one."
	// A plain reader: a slow one would make Split rescan the growing
	// sentence after every byte.
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Split(seg.Split)
	var got []string
	for sc.Scan() {
		got = append(got, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) < 3 {
		t.Fatalf("got %d tokens, want the long sentence in pieces and the last one", len(got))
	}
	if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != strings.Join(strings.Fields(text), " ") {
		t.Errorf("tokens lost text")
	}
	for _, tok := range got {
		if len(tok) > MaxSentence {
			t.Errorf("token of %d bytes, more than MaxSentence", len(tok))
		}
	}
	if got[len(got)-1] != "Next one." {
		t.Errorf("last token %q", got[len(got)-1])
	}
}

func TestSplitEmpty(t *testing.T) {
	seg, _ := New("")
	for _, text := range []string{"", "   ", "\n\n", "\u3000"} {
		if got := scanAll(t, seg, text); len(got) != 0 {
			t.Errorf("Split(%q) = %q, want no tokens", text, got)
		}
	}
}

func TestTagScript(t *testing.T) {
	for tag, want := range map[string]script{
		"en": scriptLatin, "hi": scriptDevanagari, "mr": scriptDevanagari, "ne": scriptDevanagari,
		"ur": scriptArabic, "zh": scriptHan, "ja": scriptHan, "bn": scriptOther,
	} {
		if got := tagScript(tag); got != want {
			t.Errorf("tagScript(%q) = %d, want %d", tag, got, want)
		}
	}
}
