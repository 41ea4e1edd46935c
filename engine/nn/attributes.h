#pragma once
// Attributes: a layer's settings ("out_features" = 256, "init" = "xavier_uniform"), typed and
// validated against the layer's AttrSpec list. Kept free of JSON so layers stay free of I/O.
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace dl {

using AttrValue = std::variant<bool, int64_t, double, std::string, std::vector<int64_t>>;

std::string to_string(const AttrValue& v);

class Attributes {
public:
    void set(const std::string& name, AttrValue value) { values_[name] = std::move(value); }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    const AttrValue& get(const std::string& name) const;  // throws InputError if absent
    int64_t get_int(const std::string& name) const;
    double get_float(const std::string& name) const;  // ints convert
    const std::string& get_string(const std::string& name) const;
    bool get_bool(const std::string& name) const;
    const std::vector<int64_t>& get_ints(const std::string& name) const;
    const std::map<std::string, AttrValue>& values() const { return values_; }
    bool operator==(const Attributes& other) const { return values_ == other.values_; }

private:
    std::map<std::string, AttrValue> values_;
};

// What a layer accepts for one attribute: shown by the UI inspector, checked on every load.
struct AttrSpec {
    enum class Kind { Int, Float, Bool, Choice, IntList };
    std::string name;
    Kind kind = Kind::Int;
    AttrValue default_value;
    double min = -1e300, max = 1e300;  // inclusive bounds for Int/Float
    std::vector<std::string> choices;  // for Choice
    std::string help;                  // one sentence for tooltips
};

// Fills defaults and checks every value against its spec. Errors name the node, the layer type and
// the attribute (e.g. "node 'fc1' (Linear): out_features must be an integer ≥ 1, got -3").
Attributes validate_attributes(const std::string& node_id, const std::string& type, const std::vector<AttrSpec>& specs,
                               const Attributes& given);

}  // namespace dl
