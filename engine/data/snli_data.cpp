#include "engine/data/snli_data.h"

#include <algorithm>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/data/bert_encoding.h"
#include "engine/data/bert_tokenizer.h"
#include "engine/data/bert_vocabulary.h"
#include "engine/data/text_file.h"

namespace dl {

namespace fs = std::filesystem;

namespace {

const char* const kTrainFile = "snli_1.0_train.txt";

size_t column(const std::vector<std::string>& header, const std::string& name, std::string& missing) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) missing += (missing.empty() ? "" : ", ") + name;
    return static_cast<size_t>(it - header.begin());
}

int32_t label_of(const std::string& gold, const std::string& who, size_t line) {
    const std::vector<std::string>& names = snli_class_names();
    const auto it = std::find(names.begin(), names.end(), gold);
    if (it == names.end())
        throw InputError(who + ", line " + std::to_string(line + 1) + ": gold_label '" + gold +
                         "' is none of entailment, contradiction, neutral or -");
    return static_cast<int32_t>(it - names.begin());
}

}  // namespace

const std::vector<std::string>& snli_class_names() {
    static const std::vector<std::string> names{"entailment", "contradiction", "neutral"};
    return names;
}

SnliExamples parse_snli(const std::vector<std::string>& lines, const std::string& who) {
    if (lines.empty()) throw InputError(who + ": the file is empty (an SNLI file starts with a header row)");
    const std::vector<std::string> header = split_tab_fields(lines.front());
    std::string missing;
    const size_t gold = column(header, "gold_label", missing), premise = column(header, "sentence1", missing),
                 hypothesis = column(header, "sentence2", missing);
    if (!missing.empty())
        throw InputError(who + ": the header row has no column " + missing +
                         " (an SNLI file is tab-separated with gold_label, sentence1 and sentence2 among its columns)");
    const size_t needed = std::max({gold, premise, hypothesis}) + 1;
    SnliExamples out;
    for (size_t i = 1; i < lines.size(); ++i) {
        const std::vector<std::string> fields = split_tab_fields(lines[i]);
        if (fields.size() < needed || fields[gold] == "-") continue;
        out.labels.push_back(label_of(fields[gold], who, i));
        out.premises.push_back(bert_tokenize(fields[premise]));
        out.hypotheses.push_back(bert_tokenize(fields[hypothesis]));
    }
    if (out.labels.empty()) throw InputError(who + ": no labelled sentence pair (every gold_label is '-', or no rows)");
    return out;
}

SnliExamples read_snli(const std::string& path) {
    return parse_snli(read_text_lines(path), path);
}

bool is_snli_path(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return fs::is_regular_file(fs::path(path) / kTrainFile, ec);
    const std::string file = fs::path(path).filename().string();
    return file.rfind("snli_", 0) == 0 && file.size() > 4 && file.compare(file.size() - 4, 4, ".txt") == 0;
}

DataSplit load_snli(const std::string& path, const std::string& name, const SnliOptions& o) {
    std::error_code ec;
    const bool folder = fs::is_directory(path, ec);
    const fs::path train_path = folder ? fs::path(path) / kTrainFile : fs::path(path);
    fs::path test_path;
    const std::string file = train_path.filename().string();
    if (const size_t at = file.rfind("_train.txt"); at != std::string::npos && at + 10 == file.size())
        test_path = train_path.parent_path() / (file.substr(0, at) + "_test.txt");
    const SnliExamples train = read_snli(train_path.string());
    auto vocab = o.vocabulary;
    if (!vocab) {
        std::vector<BertSentence> sentences = train.premises;
        sentences.insert(sentences.end(), train.hypotheses.begin(), train.hypotheses.end());
        vocab = std::make_shared<const BertVocabulary>(build_bert_vocabulary(sentences, o.min_freq));
    }
    DataSplit split;
    split.train =
        bert_pair_dataset(name, train.premises, train.hypotheses, train.labels, snli_class_names(), vocab, o.max_len);
    if (!test_path.empty() && fs::is_regular_file(test_path, ec)) {
        const SnliExamples test = read_snli(test_path.string());
        split.test =
            bert_pair_dataset(name, test.premises, test.hypotheses, test.labels, snli_class_names(), vocab, o.max_len);
    } else {
        split.test.name = name;
    }
    return split;
}

}  // namespace dl
