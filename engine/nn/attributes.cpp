#include "engine/nn/attributes.h"

#include <cmath>
#include <sstream>

#include "engine/core/error.h"

namespace dl {

std::string to_string(const AttrValue& v) {
    std::ostringstream out;
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>)
                out << (x ? "true" : "false");
            else if constexpr (std::is_same_v<T, std::string>)
                out << '"' << x << '"';
            else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
                out << '[';
                for (size_t i = 0; i < x.size(); ++i) out << (i ? ", " : "") << x[i];
                out << ']';
            } else
                out << x;
        },
        v);
    return out.str();
}

const AttrValue& Attributes::get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw InputError("missing attribute '" + name + "'");
    return it->second;
}

int64_t Attributes::get_int(const std::string& name) const {
    const AttrValue& v = get(name);
    if (auto p = std::get_if<int64_t>(&v)) return *p;
    throw InputError("attribute '" + name + "' must be an integer, got " + to_string(v));
}

double Attributes::get_float(const std::string& name) const {
    const AttrValue& v = get(name);
    if (auto p = std::get_if<double>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
    throw InputError("attribute '" + name + "' must be a number, got " + to_string(v));
}

const std::string& Attributes::get_string(const std::string& name) const {
    const AttrValue& v = get(name);
    if (auto p = std::get_if<std::string>(&v)) return *p;
    throw InputError("attribute '" + name + "' must be text, got " + to_string(v));
}

bool Attributes::get_bool(const std::string& name) const {
    const AttrValue& v = get(name);
    if (auto p = std::get_if<bool>(&v)) return *p;
    throw InputError("attribute '" + name + "' must be true or false, got " + to_string(v));
}

const std::vector<int64_t>& Attributes::get_ints(const std::string& name) const {
    const AttrValue& v = get(name);
    if (auto p = std::get_if<std::vector<int64_t>>(&v)) return *p;
    throw InputError("attribute '" + name + "' must be a list of integers, got " + to_string(v));
}

namespace {
std::string bounds(const AttrSpec& s) {
    std::ostringstream out;
    if (s.min > -1e299 && s.max < 1e299)
        out << "between " << s.min << " and " << s.max;
    else if (s.min > -1e299)
        out << "≥ " << s.min;
    else if (s.max < 1e299)
        out << "≤ " << s.max;
    return out.str();
}

AttrValue check(const AttrSpec& s, const AttrValue& v, const std::string& where) {
    auto fail = [&](const std::string& expected) -> AttrValue {
        throw InputError(where + s.name + " must be " + expected + ", got " + to_string(v));
    };
    switch (s.kind) {
        case AttrSpec::Kind::Int: {
            int64_t x;
            if (auto p = std::get_if<int64_t>(&v))
                x = *p;
            else if (auto d = std::get_if<double>(&v); d && std::floor(*d) == *d && std::fabs(*d) < 9e15)
                x = static_cast<int64_t>(*d);
            else
                return fail("an integer " + bounds(s));
            if (x < s.min || x > s.max) return fail("an integer " + bounds(s));
            return x;
        }
        case AttrSpec::Kind::Float: {
            double x;
            if (auto p = std::get_if<double>(&v))
                x = *p;
            else if (auto i = std::get_if<int64_t>(&v))
                x = static_cast<double>(*i);
            else
                return fail("a number " + bounds(s));
            if (!std::isfinite(x) || x < s.min || x > s.max) return fail("a number " + bounds(s));
            return x;
        }
        case AttrSpec::Kind::Bool:
            if (!std::holds_alternative<bool>(v)) return fail("true or false");
            return v;
        case AttrSpec::Kind::Choice: {
            auto p = std::get_if<std::string>(&v);
            std::string options;
            for (const auto& c : s.choices) options += (options.empty() ? "" : ", ") + c;
            if (!p) return fail("one of " + options);
            for (const auto& c : s.choices)
                if (c == *p) return v;
            return fail("one of " + options);
        }
        case AttrSpec::Kind::IntList: {
            // A single integer is a one-element list, as in PyTorch's kernel_size=5 versus (5, 3).
            const bool bounded = s.min > -1e299 || s.max < 1e299;
            const std::string expected = "one integer or a list of integers" + (bounded ? ", each " + bounds(s) : "");
            std::vector<int64_t> list;
            if (auto p = std::get_if<int64_t>(&v))
                list = {*p};
            else if (auto l = std::get_if<std::vector<int64_t>>(&v))
                list = *l;
            else
                return fail(expected);
            for (int64_t x : list)
                if (x < s.min || x > s.max) return fail(expected);
            return list;
        }
    }
    return v;
}
}  // namespace

Attributes validate_attributes(const std::string& node_id, const std::string& type, const std::vector<AttrSpec>& specs,
                               const Attributes& given) {
    const std::string where = "node '" + node_id + "' (" + type + "): ";
    for (const auto& [name, value] : given.values()) {
        bool known = false;
        for (const auto& s : specs) known = known || s.name == name;
        if (!known) {
            std::string names;
            for (const auto& s : specs) names += (names.empty() ? "" : ", ") + s.name;
            throw InputError(where + "unknown setting '" + name + "'" +
                             (names.empty() ? std::string(" (this layer has no settings)") : "; it accepts " + names));
        }
    }
    Attributes out;
    for (const auto& s : specs)
        out.set(s.name, given.has(s.name) ? check(s, given.get(s.name), where) : s.default_value);
    return out;
}

}  // namespace dl
