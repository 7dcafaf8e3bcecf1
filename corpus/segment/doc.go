// Package segment cuts documents into paragraphs and paragraphs into
// sentences, in any script.
//
// [AppendParagraphs] finds paragraphs by blank lines or by lines. A
// [Segmenter] finds the sentences of a paragraph: [Segmenter.AppendSentences]
// for a whole paragraph in memory, [Segmenter.Split] (a [bufio.SplitFunc]) for
// a stream. Both give byte spans into the text they were given, which is never
// changed: zero-width joiners, combining marks and nukta letters pass through
// as they are, and the spans of a text that was normalized must be mapped
// back by the caller.
//
// # Where sentences end
//
// A sentence ends at a terminator of any script: . ? ! … ‽ (when white space
// follows), the Devanagari danda । and double danda ॥ (and | written for a
// danda), the Arabic-script full stop ۔ and question mark ؟, and the CJK
// 。！？．, which need no space after them. Closing quotes and brackets after
// a terminator stay in the sentence: "हम जीतेंगे।" इसके breaks after the
// quote. A sentence also ends at a line end inside a paragraph after a line
// without final punctuation (a headline, a list item, a signature) unless the
// next line starts in lowercase or the line looks wrapped, at a dash that
// stands for a full stop (Urdu "ہے -"), at an emoticon, after the closing or
// salutation of a letter ("Best regards,"), before a word that opens a
// sentence with a comma right after a word that ends one (Hindi "… लग गए
// बहरहाल , …"), and after an e-mail address or URL that ends a line of a
// signature or a list of links. [Sentence.Rule] tells which of these ended
// a sentence.
//
// A sentence goes on across decimals, versions, times and addresses
// (3.14, v1.2.3, 5 p.m. today, example.com), ellipses in mid-sentence,
// titles and abbreviations (Dr., U.S., e.g., No. 5, Inc., डॉ., श्री.),
// initials (J. R. R. Tolkien, ई. एस. एल. नरसिम्हन), list numbers (1. First),
// quotations followed by their attribution ("Stop!" he said), and a full
// stop followed by a word that never starts a sentence (Hindi की, में).
//
// # Language data
//
// What is known about a language is data, not code: one file data/<tag>.txt
// per language, embedded in the package and chosen by [New]. Adding a
// language means adding its file and its test cases. A file has word lists,
// one entry per line, in sections:
//
//	# a comment
//	[titles]
//	Dr.
//	[closings]
//	Best regards
//
// The sections are:
//
//   - [titles]: words that, followed by a full stop, never end a sentence
//     when more text follows (Mr., Dr., डॉ., e.g.).
//   - [abbreviations]: words that, followed by a full stop, end a sentence
//     only when the next word is a sentence starter (Inc., U.S., etc.).
//   - [numeric]: words that, followed by a full stop, do not end a sentence
//     when a number follows (No. 5, pp. 12, Sept. 11).
//   - [starters]: words that often begin a sentence; after an abbreviation or
//     an initial they show that the sentence did end.
//   - [final]: words that often end a sentence (Hindi है, Urdu ہے); they are
//     never taken for an initial, and a dash after them ends a sentence.
//   - [continuers]: words that never begin a sentence (Hindi postpositions
//     की, में); after a full stop they show that the sentence goes on.
//   - [greetings]: words that open a salutation ("Hi John,"); the comma after
//     a salutation of up to four words ends a sentence when a capital follows.
//   - [closings]: closings of a letter ("Best regards,"); entries may have
//     spaces. The comma after one ends a sentence when a capital follows.
//   - [openers]: sentence adverbs and conjunctions that open a sentence when
//     a comma follows them (Hindi बहरहाल ,  लेकिन ,); right after a [final]
//     word they show that the sentence before them lost its terminator.
//   - [speech]: verbs of saying that follow a quotation inside the same
//     sentence (Marathi म्हणाला): "…नाही." वकील म्हणाला. is one sentence.
//
// A trailing full stop on an entry is optional and ignored. Matching is exact
// (case-sensitive) on the word as it stands in the text; entries of [titles],
// [abbreviations] and [numeric] that start with a capital also match in
// capitals (INC., DR.). Besides the lists, one Devanagari syllable before a
// full stop is taken for an initial unless it is a [final] word, since Hindi
// and Marathi write initials as letter names with a Latin full stop.
//
// The words of each script are looked up in the data of the segmenter's
// language when it is written in that script, and otherwise in the data of
// the script's default language: English for Latin, Hindi for Devanagari,
// Urdu for Arabic script, Chinese for Han. So "Dr. Rao" inside Hindi text
// uses the English titles.
package segment
