#include "engine/data/bert_paragraphs.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "engine/core/error.h"
#include "engine/data/bert_tokenizer.h"
#include "engine/data/text_file.h"

namespace dl {

namespace {

bool is_blank(const std::string& line) {
    return std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); });
}

bool is_sentence_end(char c) {
    return c == '.' || c == '!' || c == '?';
}

// Quotes and brackets that may close a sentence after its . ! ?: ' " ) ] and the typographic ’ ”.
size_t closing_marks(std::string_view text, size_t at) {
    size_t end = at;
    while (end < text.size()) {
        const std::string_view rest = text.substr(end);
        if (rest[0] == '\'' || rest[0] == '"' || rest[0] == ')' || rest[0] == ']')
            ++end;
        else if (rest.substr(0, 3) == "\u2019" || rest.substr(0, 3) == "\u201D")
            end += 3;
        else
            break;
    }
    return end;
}

// A full stop after an initial ("H. G. Wells") or a title ("Mr. Hillyer") does not end a sentence.
bool is_abbreviation_stop(std::string_view text, size_t stop) {
    size_t start = stop;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
    const std::string_view word = text.substr(start, stop - start);
    if (word.size() == 1) return std::isupper(static_cast<unsigned char>(word[0]));
    return word == "Mr" || word == "Mrs" || word == "Dr" || word == "St" || word == "Messrs";
}

// The sentences of one joined paragraph, tokenized; sentences without words are left out.
BertParagraph split_sentences(std::string_view text) {
    BertParagraph sentences;
    size_t start = 0;
    auto add = [&](size_t end) {
        BertSentence words = bert_tokenize(text.substr(start, end - start));
        if (!words.empty()) sentences.push_back(std::move(words));
        start = end;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        if (!is_sentence_end(text[i]) || (text[i] == '.' && is_abbreviation_stop(text, i))) continue;
        const size_t end = closing_marks(text, i + 1);
        if (end == text.size() || std::isspace(static_cast<unsigned char>(text[end]))) {
            add(end);
            i = end;
        }
    }
    if (start < text.size()) add(text.size());
    return sentences;
}

void keep_if_pairable(BertParagraph paragraph, BertParagraphs& out) {
    if (paragraph.size() >= 2) out.push_back(std::move(paragraph));
}

BertSentence wikitext_words(std::string_view sentence) {
    BertSentence words;
    size_t start = 0;
    while (start <= sentence.size()) {
        size_t end = sentence.find(' ', start);
        if (end == std::string_view::npos) end = sentence.size();
        const std::string_view token = sentence.substr(start, end - start);
        if (token == "<unk>") {
            words.emplace_back(token);
        } else {
            for (std::string& word : bert_tokenize(token)) words.push_back(std::move(word));
        }
        start = end + 1;
    }
    return words;
}

bool ends_with_tokens(const std::string& path) {
    const std::string_view suffix = ".tokens";
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

BertParagraphs text_paragraphs(const std::vector<std::string>& lines) {
    BertParagraphs paragraphs;
    std::string joined;
    for (const std::string& line : lines) {
        if (is_blank(line)) {
            keep_if_pairable(split_sentences(joined), paragraphs);
            joined.clear();
        } else {
            joined += (joined.empty() ? "" : " ") + line;
        }
    }
    keep_if_pairable(split_sentences(joined), paragraphs);
    return paragraphs;
}

BertParagraphs wikitext_paragraphs(const std::vector<std::string>& lines) {
    BertParagraphs paragraphs;
    const std::string_view separator = " . ";
    for (const std::string& line : lines) {
        BertParagraph sentences;
        const std::string_view text = line;
        size_t start = 0;
        while (true) {
            const size_t end = text.find(separator, start);
            BertSentence words = wikitext_words(text.substr(start, end == std::string_view::npos ? end : end - start));
            if (!words.empty()) sentences.push_back(std::move(words));
            if (end == std::string_view::npos) break;
            start = end + separator.size();
        }
        keep_if_pairable(std::move(sentences), paragraphs);
    }
    return paragraphs;
}

BertParagraphs read_bert_paragraphs(const std::string& path) {
    const std::vector<std::string> lines = read_text_lines(path);
    const bool wikitext = ends_with_tokens(path);
    BertParagraphs paragraphs = wikitext ? wikitext_paragraphs(lines) : text_paragraphs(lines);
    if (paragraphs.empty())
        throw InputError(path + (wikitext ? ": no line with at least two sentences split by \" . \" (WikiText's format)"
                                          : ": no paragraph with at least two sentences (paragraphs are separated by "
                                            "blank lines; BERT's next-sentence task needs pairs of sentences)"));
    return paragraphs;
}

}  // namespace dl
