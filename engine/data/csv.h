#pragma once
// CSV tables as data sets, the preprocessing of D2L §2.2:
//  - numeric columns: missing values ("", NA, N/A, NaN, nan) become the column mean;
//  - text columns: one-hot encoded, one column per value ("Roof_Slate"), plus "Roof_nan" when some
//    values are missing (like pandas get_dummies(dummy_na=True), which D2L uses);
//  - the target column: text ⇒ classification labels (classes sorted), numbers ⇒ regression [N,1].
// Means and standard deviations come from the training rows only, so the test set stays unseen.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/data/dataset.h"

namespace dl {

enum class TargetKind { Auto, Classification, Regression };  // Auto: numeric ⇒ regression, text ⇒ classes

struct CsvOptions {
    std::string target;                         // target column name; empty = the last column
    TargetKind target_kind = TargetKind::Auto;  // force Classification for numeric class ids like 0/1
    bool standardize = false;                   // numeric features → (x - mean) / std (sample std, as pandas)
    double test_fraction = 0.2;                 // random rows held out as the test set
    uint64_t seed = 0;
};

// Features [N, d] with feature_names set; the data set is named after the file.
DataSplit load_csv(const std::string& path, const CsvOptions& options = {});

bool is_missing_value(std::string_view field);

}  // namespace dl
