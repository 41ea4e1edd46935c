#pragma once
// BERT's pretraining text (D2L §14.9): paragraphs of sentences of words. Next-sentence prediction pairs up
// the sentences of one paragraph, so only paragraphs with at least two sentences are kept (D2L's _read_wiki).
#include <string>
#include <vector>

namespace dl {

using BertSentence = std::vector<std::string>;    // words, bert_tokenize'd
using BertParagraph = std::vector<BertSentence>;  // sentences in reading order
using BertParagraphs = std::vector<BertParagraph>;

// Any text, as lines (read_text_lines): blank lines separate paragraphs, a paragraph's lines are joined, and
// a sentence ends after . ! or ? (and any closing quotes or brackets) before a space or the paragraph's end,
// except a full stop after an initial or a title ("H. G. Wells", "Mr. Hillyer").
// Sentences without words are dropped, then paragraphs with fewer than 2 sentences (The Time Machine's title
// line, chapter numbers, one-sentence replies).
BertParagraphs text_paragraphs(const std::vector<std::string>& lines);

// WikiText-2's format (wiki.train.tokens), as D2L's _read_wiki reads it: one paragraph a line, sentences
// split at " . ", lines with fewer than 2 sentences dropped. WikiText's "<unk>" stays "<unk>" (the
// vocabulary's id 0); the other tokens go through bert_tokenize ("@-@" vanishes, "1 @,@ 000" → "1" "000").
// D2L also shuffles the paragraphs; here they keep the file's order (the trainer shuffles examples).
BertParagraphs wikitext_paragraphs(const std::vector<std::string>& lines);

// A file: WikiText when its name ends in ".tokens", else any text. Throws InputError naming the file when
// it cannot be read (read_text_lines) or holds no paragraph of 2 sentences.
BertParagraphs read_bert_paragraphs(const std::string& path);

}  // namespace dl
