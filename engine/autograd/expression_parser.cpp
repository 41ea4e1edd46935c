#include "engine/autograd/expression_parser.h"

#include <cmath>

#include "engine/core/expression_error.h"

namespace dl {

namespace {
// Runs an engine op; an engine error becomes an ExpressionError at `where`.
template <class F>
ExpressionValue guarded(const Token& where, F f) {
    try {
        return f();
    } catch (const ExpressionError&) {
        throw;
    } catch (const std::exception& e) {  // ShapeError, InputError, or a logic error of the engine
        throw ExpressionError(e.what(), where.position, where.length());
    }
}

ExpressionValue list_of(std::vector<ExpressionValue> elements, const std::vector<Token>& at) {
    ExpressionValue list;
    list.kind = ExpressionValue::Kind::List;
    list.shape = {static_cast<int64_t>(elements.size())};
    for (size_t i = 0; i < elements.size(); ++i) {
        const ExpressionValue& e = elements[i];
        if (e.is_number() && (i == 0 || list.shape.size() == 1)) {
            list.items.push_back(e.number);
            continue;
        }
        if (e.kind == ExpressionValue::Kind::List) {
            Shape inner(list.shape.begin() + 1, list.shape.end());
            if (i == 0) inner = e.shape;
            if (e.shape == inner) {
                if (i == 0) list.shape.insert(list.shape.end(), e.shape.begin(), e.shape.end());
                list.items.insert(list.items.end(), e.items.begin(), e.items.end());
                continue;
            }
            throw ExpressionError("the rows of a tensor must all have the same length: this one has shape " +
                                      to_string(e.shape) + ", the first " + to_string(inner),
                                  at[i].position, at[i].length());
        }
        throw ExpressionError(
            "a list for tensor() holds numbers or lists of the same length, not " + value_kind_text(e), at[i].position,
            at[i].length());
    }
    return list;
}
}  // namespace

ExpressionParser::ExpressionParser(std::vector<Token> tokens, const ExpressionVariables& variables,
                                   bool leaves_require_grad)
    : tokens_(std::move(tokens)), variables_(variables), leaves_require_grad_(leaves_require_grad) {}

const Token& ExpressionParser::peek(size_t ahead) const {
    return tokens_[std::min(at_ + ahead, tokens_.size() - 1)];
}

const Token& ExpressionParser::next() {
    const Token& t = peek();
    if (at_ < tokens_.size() - 1) ++at_;
    return t;
}

bool ExpressionParser::accept(const char* symbol) {
    if (!peek().is(symbol)) return false;
    next();
    return true;
}

const Token& ExpressionParser::expect(const char* symbol) {
    if (!peek().is(symbol))
        throw ExpressionError("expected '" + std::string(symbol) + "' but found " + token_name(peek()) + " " +
                                  at_character(peek().position),
                              peek().position, peek().length());
    return next();
}

void ExpressionParser::unexpected(const Token& t) const {
    const std::string what = t.kind == TokenKind::End ? "the line ends too early" : "unexpected " + token_name(t);
    throw ExpressionError(what + " " + at_character(t.position), t.position, t.length());
}

ExpressionResult ExpressionParser::statement() {
    ExpressionResult result;
    if (peek().kind == TokenKind::End) unexpected(peek());
    if (peek().kind == TokenKind::Name && peek(1).is("=")) {
        result.assigned = next().text;
        next();
    }
    result.value = sum();
    if (peek().kind != TokenKind::End) unexpected(peek());
    return result;
}

ExpressionValue ExpressionParser::sum() {
    ExpressionValue left = product();
    while (peek().is("+") || peek().is("-")) {
        const Token op = next();
        ExpressionValue right = product();
        left = guarded(op, [&] { return binary_op(op, left, right); });
    }
    return left;
}

ExpressionValue ExpressionParser::product() {
    ExpressionValue left = unary();
    while (peek().is("*") || peek().is("/") || peek().is("@")) {
        const Token op = next();
        ExpressionValue right = unary();
        left = guarded(op, [&] { return binary_op(op, left, right); });
    }
    return left;
}

ExpressionValue ExpressionParser::unary() {
    if (peek().is("-")) {
        const Token op = next();
        ExpressionValue v = unary();
        return guarded(op, [&] { return negate(op, v); });
    }
    if (accept("+")) return unary();
    return power();
}

ExpressionValue ExpressionParser::power() {
    ExpressionValue base = postfix();
    if (!peek().is("**")) return base;
    const Token op = next();
    ExpressionValue exponent = unary();
    return guarded(op, [&] { return binary_op(op, base, exponent); });
}

ExpressionValue ExpressionParser::postfix() {
    ExpressionValue v = primary();
    for (;;) {
        if (accept(".")) {
            const Token name = next();
            if (name.kind != TokenKind::Name) unexpected(name);
            if (accept("(")) {
                ExpressionArguments args = arguments();
                v = guarded(name, [&] { return call_method(v, name, args); });
            } else {
                v = guarded(name, [&] { return attribute(v, name); });
            }
        } else if (peek().is("[")) {
            const Token bracket = next();
            std::vector<IndexItem> items = index_items();
            v = guarded(bracket, [&] { return index_value(bracket, v, items); });
        } else {
            return v;
        }
    }
}

ExpressionValue ExpressionParser::primary() {
    const Token t = next();
    if (t.kind == TokenKind::Number) return ExpressionValue::of_number(t.number);
    if (t.kind == TokenKind::Name) return name_value(t);
    if (t.is("(")) return parenthesised(t);
    if (t.is("[")) return list_literal(t);
    unexpected(t);
}

ExpressionValue ExpressionParser::name_value(const Token& name) {
    if (accept("(")) {
        ExpressionArguments args = arguments();
        return guarded(name, [&] { return call_function(name, args, leaves_require_grad_); });
    }
    if (name.text == "True" || name.text == "False" || name.text == "None") {
        ExpressionValue v;
        v.kind = name.text == "None" ? ExpressionValue::Kind::None : ExpressionValue::Kind::Bool;
        v.number = name.text == "True" ? 1 : 0;
        return v;
    }
    auto it = variables_.find(name.text);
    if (it == variables_.end()) throw ExpressionError("unknown name '" + name.text + "'", name.position, name.length());
    return it->second;
}

// (a) is a; (3, 4) is a tuple of numbers.
ExpressionValue ExpressionParser::parenthesised(const Token& open) {
    std::vector<ExpressionValue> elements{sum()};
    std::vector<Token> at{open};
    bool tuple = false;
    while (accept(",")) {
        tuple = true;
        if (peek().is(")")) break;
        at.push_back(peek());
        elements.push_back(sum());
    }
    expect(")");
    return tuple ? list_of(std::move(elements), at) : elements[0];
}

ExpressionValue ExpressionParser::list_literal(const Token& open) {
    std::vector<ExpressionValue> elements;
    std::vector<Token> at;
    while (!peek().is("]")) {
        at.push_back(peek());
        elements.push_back(sum());
        if (!accept(",")) break;
    }
    expect("]");
    if (elements.empty()) throw ExpressionError("an empty list makes no tensor", open.position);
    return list_of(std::move(elements), at);
}

// After '(': positional and keyword arguments up to ')'.
ExpressionArguments ExpressionParser::arguments() {
    ExpressionArguments args;
    while (!peek().is(")")) {
        ExpressionArgument a;
        if (peek().kind == TokenKind::Name && peek(1).is("=")) {
            a.keyword = next().text;
            next();
        }
        a.token = peek();
        a.value = sum();
        args.push_back(std::move(a));
        if (!accept(",")) break;
    }
    expect(")");
    return args;
}

std::optional<int64_t> ExpressionParser::index_number() {
    if (peek().is(":") || peek().is(",") || peek().is("]")) return std::nullopt;
    const Token at = peek();
    const ExpressionValue v = sum();
    if (!v.is_number() || !is_whole_number(v.number))
        throw ExpressionError("an index must be a whole number, got " + value_kind_text(v), at.position, at.length());
    return static_cast<int64_t>(v.number);
}

// After '[': entries up to ']'.
std::vector<IndexItem> ExpressionParser::index_items() {
    std::vector<IndexItem> items;
    do {
        IndexItem item;
        item.token = peek();
        item.start = index_number();
        if (accept(":")) {
            item.is_slice = true;
            item.stop = index_number();
            if (peek().is(":"))
                throw ExpressionError("slices with a step (start:stop:step) are not supported", peek().position);
        } else if (!item.start) {
            unexpected(peek());
        }
        items.push_back(item);
    } while (accept(","));
    expect("]");
    return items;
}

}  // namespace dl
