#include "engine/data/csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "engine/core/error.h"
#include "engine/data/csv_table.h"

namespace dl {

bool is_missing_value(std::string_view field) {
    return field.empty() || field == "NA" || field == "N/A" || field == "NaN" || field == "nan";
}

namespace {

std::optional<double> parse_number(std::string_view text) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);  // from_chars rejects a leading '+'
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// One CSV column with the rows it is judged on.
struct ColumnView {
    const CsvTable& table;
    size_t column;
    const std::string& name() const { return table.header[column]; }
    const std::string& at(size_t row) const { return table.rows[row][column]; }
    size_t rows() const { return table.rows.size(); }
    std::string where(size_t row) const { return table.path + " line " + std::to_string(table.row_lines[row]); }
};

// The first non-missing value that is not a number, or -1 if the column is numeric.
int64_t first_text_row(const ColumnView& col) {
    for (size_t r = 0; r < col.rows(); ++r)
        if (!is_missing_value(col.at(r)) && !parse_number(col.at(r))) return static_cast<int64_t>(r);
    return -1;
}

// Mean and sample standard deviation of the non-missing values on the given rows.
struct ColumnStats {
    double mean = 0.0, stddev = 1.0;
};

ColumnStats numeric_stats(const ColumnView& col, const std::vector<int64_t>& rows) {
    std::vector<double> values;
    for (int64_t r : rows)
        if (!is_missing_value(col.at(r))) values.push_back(*parse_number(col.at(r)));
    ColumnStats stats;
    if (values.empty()) return stats;  // nothing known: missing values become 0
    double sum = 0.0;
    for (double v : values) sum += v;
    stats.mean = sum / static_cast<double>(values.size());
    if (values.size() > 1) {
        double squares = 0.0;
        for (double v : values) squares += (v - stats.mean) * (v - stats.mean);
        const double sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
        if (sd > 0.0) stats.stddev = sd;  // a constant column stays as it is
    }
    return stats;
}

// Builds the [N, d] feature matrix column by column.
class FeatureBuilder {
public:
    explicit FeatureBuilder(size_t rows) : rows_(rows) {}

    void add_numeric(const ColumnView& col, const std::vector<int64_t>& train_rows, bool standardize) {
        const ColumnStats stats = numeric_stats(col, train_rows);
        std::vector<float> values(rows_);
        for (size_t r = 0; r < rows_; ++r) {
            const double v = is_missing_value(col.at(r)) ? stats.mean : *parse_number(col.at(r));
            values[r] = static_cast<float>(standardize ? (v - stats.mean) / stats.stddev : v);
        }
        add(col.name(), std::move(values));
    }

    void add_one_hot(const ColumnView& col) {
        std::set<std::string> categories;  // sorted, as pandas get_dummies
        bool has_missing = false;
        for (size_t r = 0; r < col.rows(); ++r) {
            if (is_missing_value(col.at(r)))
                has_missing = true;
            else
                categories.insert(col.at(r));
        }
        for (const std::string& category : categories) {
            std::vector<float> values(rows_);
            for (size_t r = 0; r < rows_; ++r) values[r] = col.at(r) == category ? 1.0f : 0.0f;
            add(col.name() + "_" + category, std::move(values));
        }
        if (has_missing) {
            std::vector<float> values(rows_);
            for (size_t r = 0; r < rows_; ++r) values[r] = is_missing_value(col.at(r)) ? 1.0f : 0.0f;
            add(col.name() + "_nan", std::move(values));
        }
    }

    const std::vector<std::string>& names() const { return names_; }

    Tensor matrix() const {
        const auto d = static_cast<int64_t>(columns_.size());
        Tensor out = Tensor::empty({static_cast<int64_t>(rows_), d});
        for (int64_t j = 0; j < d; ++j)
            for (size_t r = 0; r < rows_; ++r) out[static_cast<int64_t>(r) * d + j] = columns_[j][r];
        return out;
    }

private:
    void add(std::string name, std::vector<float> values) {
        names_.push_back(std::move(name));
        columns_.push_back(std::move(values));
    }
    size_t rows_;
    std::vector<std::string> names_;
    std::vector<std::vector<float>> columns_;
};

size_t find_target(const CsvTable& table, const std::string& target) {
    if (target.empty()) return table.header.size() - 1;
    for (size_t c = 0; c < table.header.size(); ++c)
        if (table.header[c] == target) return c;
    std::string columns;
    for (const std::string& h : table.header) columns += (columns.empty() ? "" : ", ") + h;
    throw InputError(table.path + ": no column named '" + target + "' to predict; the columns are: " + columns);
}

void check_target_present(const ColumnView& col) {
    for (size_t r = 0; r < col.rows(); ++r)
        if (is_missing_value(col.at(r)))
            throw InputError(col.where(r) + ": the target '" + col.name() +
                             "' is missing; every row needs a value "
                             "to learn from (remove the row or fill it in)");
}

void set_regression_target(const ColumnView& col, Dataset& data) {
    if (const int64_t bad = first_text_row(col); bad >= 0)
        throw InputError(col.where(bad) + ": the target '" + col.name() + "' is '" + col.at(bad) +
                         "', not a number, so it cannot be a regression target");
    data.targets = Tensor::empty({static_cast<int64_t>(col.rows()), 1});
    for (size_t r = 0; r < col.rows(); ++r)
        data.targets[static_cast<int64_t>(r)] = static_cast<float>(*parse_number(col.at(r)));
}

void set_class_labels(const ColumnView& col, Dataset& data) {
    std::vector<std::string> classes;
    for (size_t r = 0; r < col.rows(); ++r) classes.push_back(col.at(r));
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    if (first_text_row(col) < 0)  // numeric class ids sort as numbers: 2 before 10
        std::stable_sort(classes.begin(), classes.end(), [](const std::string& a, const std::string& b) {
            return *parse_number(a) < *parse_number(b);
        });
    std::map<std::string, int32_t> index;
    for (size_t c = 0; c < classes.size(); ++c) index[classes[c]] = static_cast<int32_t>(c);
    for (size_t r = 0; r < col.rows(); ++r) data.labels.push_back(index.at(col.at(r)));
    data.num_classes = static_cast<int>(classes.size());
    data.class_names = std::move(classes);
}

}  // namespace

DataSplit load_csv(const std::string& path, const CsvOptions& options) {
    const CsvTable table = read_csv_table(path);
    const size_t target = find_target(table, options.target);
    if (table.header.size() < 2)
        throw InputError(path + ": has only the target column '" + table.header[target] +
                         "'; there is nothing to learn from");
    std::vector<int64_t> train_rows, test_rows;
    split_indices(static_cast<int64_t>(table.rows.size()), options.test_fraction, options.seed, train_rows, test_rows);

    FeatureBuilder features(table.rows.size());
    for (size_t c = 0; c < table.header.size(); ++c) {
        if (c == target) continue;
        const ColumnView col{table, c};
        if (first_text_row(col) < 0)
            features.add_numeric(col, train_rows, options.standardize);
        else
            features.add_one_hot(col);
    }

    Dataset all;
    all.name = std::filesystem::path(path).stem().string();
    all.features = features.matrix();
    all.feature_names = features.names();
    const ColumnView target_col{table, target};
    check_target_present(target_col);
    const bool classify = options.target_kind == TargetKind::Classification ||
                          (options.target_kind == TargetKind::Auto && first_text_row(target_col) >= 0);
    if (classify)
        set_class_labels(target_col, all);
    else
        set_regression_target(target_col, all);
    return {subset(all, train_rows), subset(all, test_rows)};
}

}  // namespace dl
