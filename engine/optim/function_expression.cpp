#include "engine/optim/function_expression.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <string_view>
#include <utility>

namespace dl {

bool FunctionValue::finite() const {
    return std::isfinite(value) && std::isfinite(gradient[0]) && std::isfinite(gradient[1]);
}

namespace {

using Op = FunctionExpression::Op;

struct NamedFunction {
    std::string_view name;
    Op op;
};
constexpr NamedFunction kFunctions[] = {{"sin", Op::Sin}, {"cos", Op::Cos},   {"tan", Op::Tan}, {"exp", Op::Exp},
                                        {"log", Op::Log}, {"sqrt", Op::Sqrt}, {"abs", Op::Abs}, {"tanh", Op::Tanh}};

std::string quoted(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '\'';
    out += s;
    out += '\'';
    return out;
}

}  // namespace

// Recursive descent over the text, emitting the postfix program as it goes.
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | power
//   power   := primary (('^' | '**') unary)?      right-associative: 2^3^2 = 2^(3^2)
//   primary := number | name | function '(' sum ')' | '(' sum ')'
class FunctionParser {
public:
    FunctionParser(std::string_view text, FunctionExpression& out) : text_(text), out_(out) {}

    void parse() {
        skipSpaces();
        if (pos_ == text_.size()) failAt(0, "the formula is empty", "type e.g. 0.1*x1^2 + 2*x2^2");
        sum();
        skipSpaces();
        if (pos_ < text_.size()) {
            if (text_[pos_] == ')') fail("unexpected ')'", "no '(' opened it");
            if (!isAscii(text_[pos_])) unexpectedSymbol();
            fail("unexpected " + quoted(tokenAt(pos_)), "expected an operator (+ - * / ^) or the end");
        }
    }

private:
    // Throws "<what> at character N[: <hint>]".
    [[noreturn]] void fail(const std::string& what, const std::string& hint = {}) const { failAt(pos_, what, hint); }
    // Positions count characters, not bytes: "−" (3 bytes of UTF-8) is one character, as in the line edit.
    [[noreturn]] void failAt(size_t at, const std::string& what, const std::string& hint = {}) const {
        int position = 1;
        for (size_t i = 0; i < at && i < text_.size(); ++i)
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++position;  // not a UTF-8 continuation
        throw ExpressionError(what + " at character " + std::to_string(position) + (hint.empty() ? "" : ": " + hint),
                              position - 1);
    }

    void skipSpaces() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool accept(std::string_view token) {
        skipSpaces();
        if (text_.substr(pos_, token.size()) != token) return false;
        pos_ += token.size();
        return true;
    }
    // The word or single (UTF-8) character at `at`, for error messages.
    std::string tokenAt(size_t at) const {
        if (at < text_.size() && !isAscii(text_[at])) {
            size_t end = at + 1;
            while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
            return std::string(text_.substr(at, end - at));
        }
        size_t end = at;
        while (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) ++end;
        return std::string(text_.substr(at, std::max(end, at + 1) - at));
    }
    void emit(Op op, double number = 0.0) { out_.program_.push_back({op, number}); }

    void sum() {
        product();
        for (;;) {
            if (accept("+")) {
                product();
                emit(Op::Add);
            } else if (accept("-")) {
                product();
                emit(Op::Sub);
            } else {
                return;
            }
        }
    }
    void product() {
        unary();
        for (;;) {
            skipSpaces();
            if (text_.substr(pos_, 2) == "**") return;  // a power, handled below unary
            if (accept("*")) {
                unary();
                emit(Op::Mul);
            } else if (accept("/")) {
                unary();
                emit(Op::Div);
            } else {
                return;
            }
        }
    }
    void unary() {
        if (accept("-")) {
            unary();
            emit(Op::Neg);
        } else if (accept("+")) {
            unary();
        } else {
            power();
        }
    }
    void power() {
        primary();
        if (accept("^") || accept("**")) {
            unary();  // the exponent may be negative (2^-1) and is itself a power (right-associative)
            emit(Op::Pow);
        }
    }
    void primary() {
        skipSpaces();
        if (pos_ == text_.size()) fail("the formula ends too early", "expected a number, a variable or '('");
        const char c = text_[pos_];
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return name();
        if (c == '(') {
            const size_t open = pos_++;
            sum();
            if (!accept(")")) closingParenthesisMissing(open);
            return;
        }
        if (c == ')') fail("unexpected ')'", "expected a number, a variable or '(' before it");
        if (std::string_view("+-*/^").find(c) != std::string_view::npos)
            fail("unexpected " + quoted(std::string(1, c)), "an operator needs a number or a variable before it");
        unexpectedSymbol();
    }
    static bool isAscii(char c) { return static_cast<unsigned char>(c) < 0x80; }
    // A character the grammar has no use for; typographic symbols copied from a book get a hint.
    [[noreturn]] void unexpectedSymbol() const {
        const std::string symbol = tokenAt(pos_);
        std::string hint;
        if (symbol == "−" || symbol == "–") hint = "type '-' for minus";
        if (symbol == "·" || symbol == "×" || symbol == "⋅") hint = "type '*' for a product";
        if (symbol == "²" || symbol == "³") hint = std::string("type ^") + (symbol == "²" ? "2" : "3") + " for a power";
        if (symbol == "π") hint = "type pi";
        fail("unexpected character " + quoted(symbol), hint);
    }
    [[noreturn]] void closingParenthesisMissing(size_t open) {
        skipSpaces();
        if (pos_ < text_.size())
            fail("unexpected " + quoted(tokenAt(pos_)),
                 "expected ')' to close the '(' at character " + std::to_string(open + 1));
        failAt(open, "missing ')' for the '('");
    }
    void number() {
        const size_t start = pos_;
        auto digits = [&](size_t at) {
            while (at < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at]))) ++at;
            return at;
        };
        size_t end = digits(start);
        if (end < text_.size() && text_[end] == '.') end = digits(end + 1);
        if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
            // An exponent only when digits follow (1e-3); "2e" stays a number followed by a name.
            size_t exponent = end + 1;
            if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) ++exponent;
            if (digits(exponent) > exponent) end = digits(exponent);
        }
        const std::string literal(text_.substr(start, end - start));
        if (literal == ".") failAt(start, "malformed number '.'");
        pos_ = end;
        if (pos_ < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
            fail("a number is followed by " + quoted(tokenAt(pos_)), "write a multiplication as 2*x1");
        emit(Op::Number, std::strtod(literal.c_str(), nullptr));
    }
    void name() {
        const size_t start = pos_;
        const std::string word = tokenAt(start);
        pos_ += word.size();
        if (word == "x1" || word == "x") return emit(Op::X1);
        if (word == "x2" || word == "y") {
            out_.uses_x2_ = true;
            return emit(Op::X2);
        }
        if (word == "pi") return emit(Op::Number, std::numbers::pi);
        if (word == "e") return emit(Op::Number, std::numbers::e);
        for (const auto& f : kFunctions) {
            if (word != f.name) continue;
            skipSpaces();
            if (pos_ >= text_.size() || text_[pos_] != '(')
                failAt(start, quoted(word) + " needs its argument in parentheses", "e.g. " + word + "(x1)");
            const size_t open = pos_++;
            sum();
            if (!accept(")")) closingParenthesisMissing(open);
            return emit(f.op);
        }
        failAt(start, "unknown name " + quoted(word),
               "known are x1, x2, x, y, pi, e, sin, cos, tan, exp, log, sqrt, abs, tanh");
    }

    std::string_view text_;
    FunctionExpression& out_;
    size_t pos_ = 0;
};

namespace {

// The deepest the operand stack gets while running `program`.
int stackDepth(const std::vector<FunctionExpression::Instruction>& program) {
    int depth = 0, deepest = 0;
    for (const auto& instruction : program) {
        switch (instruction.op) {
            case Op::Number:
            case Op::X1:
            case Op::X2:
                ++depth;
                break;
            case Op::Add:
            case Op::Sub:
            case Op::Mul:
            case Op::Div:
            case Op::Pow:
                --depth;
                break;
            default:
                break;  // unary: depth unchanged
        }
        deepest = std::max(deepest, depth);
    }
    return deepest;
}

// A value with its two partial derivatives.
struct Dual {
    double v = 0.0, d1 = 0.0, d2 = 0.0;
};
Dual scaled(const Dual& a, double value, double slope) {
    return {value, slope * a.d1, slope * a.d2};
}

Dual apply(Op op, const Dual& a, const Dual& b) {
    switch (op) {
        case Op::Add:
            return {a.v + b.v, a.d1 + b.d1, a.d2 + b.d2};
        case Op::Sub:
            return {a.v - b.v, a.d1 - b.d1, a.d2 - b.d2};
        case Op::Mul:
            return {a.v * b.v, a.d1 * b.v + a.v * b.d1, a.d2 * b.v + a.v * b.d2};
        case Op::Div: {
            const double q = a.v / b.v;
            return {q, (a.d1 - q * b.d1) / b.v, (a.d2 - q * b.d2) / b.v};
        }
        default:
            break;
    }
    // Pow. A constant exponent uses n·a^(n−1) (defined for negative bases); otherwise a^b·(b' ln a + b a'/a).
    const double p = std::pow(a.v, b.v);
    if (b.d1 == 0.0 && b.d2 == 0.0) return scaled(a, p, b.v == 0.0 ? 0.0 : b.v * std::pow(a.v, b.v - 1.0));
    const double ln = std::log(a.v);
    const double da = b.v * std::pow(a.v, b.v - 1.0);
    return {p, da * a.d1 + p * ln * b.d1, da * a.d2 + p * ln * b.d2};
}

Dual apply(Op op, const Dual& a) {
    switch (op) {
        case Op::Neg:
            return {-a.v, -a.d1, -a.d2};
        case Op::Sin:
            return scaled(a, std::sin(a.v), std::cos(a.v));
        case Op::Cos:
            return scaled(a, std::cos(a.v), -std::sin(a.v));
        case Op::Tan: {
            const double t = std::tan(a.v);
            return scaled(a, t, 1.0 + t * t);
        }
        case Op::Exp: {
            const double e = std::exp(a.v);
            return scaled(a, e, e);
        }
        case Op::Log:
            return scaled(a, std::log(a.v), 1.0 / a.v);
        case Op::Sqrt: {
            const double s = std::sqrt(a.v);
            return scaled(a, s, 0.5 / s);
        }
        case Op::Abs:
            return scaled(a, std::abs(a.v), a.v > 0 ? 1.0 : (a.v < 0 ? -1.0 : 0.0));
        case Op::Tanh: {
            const double t = std::tanh(a.v);
            return scaled(a, t, 1.0 - t * t);
        }
        default:
            return a;
    }
}

double apply(Op op, double a, double b) {
    switch (op) {
        case Op::Add:
            return a + b;
        case Op::Sub:
            return a - b;
        case Op::Mul:
            return a * b;
        case Op::Div:
            return a / b;
        default:
            return std::pow(a, b);
    }
}

double apply(Op op, double a) {
    switch (op) {
        case Op::Neg:
            return -a;
        case Op::Sin:
            return std::sin(a);
        case Op::Cos:
            return std::cos(a);
        case Op::Tan:
            return std::tan(a);
        case Op::Exp:
            return std::exp(a);
        case Op::Log:
            return std::log(a);
        case Op::Sqrt:
            return std::sqrt(a);
        case Op::Abs:
            return std::abs(a);
        case Op::Tanh:
            return std::tanh(a);
        default:
            return a;
    }
}

bool isBinary(Op op) {
    return op == Op::Add || op == Op::Sub || op == Op::Mul || op == Op::Div || op == Op::Pow;
}

// Runs the postfix program on values of type T (double, or Dual for the gradient).
template <class T>
T run(const std::vector<FunctionExpression::Instruction>& program, int depth, const T& x1, const T& x2) {
    constexpr int kInline = 32;
    T inlineStack[kInline]{};
    std::vector<T> heapStack(depth > kInline ? depth : 0);
    T* stack = depth > kInline ? heapStack.data() : inlineStack;
    int top = 0;
    for (const auto& instruction : program) {
        const Op op = instruction.op;
        if (op == Op::Number) {
            stack[top++] = T{instruction.number};
        } else if (op == Op::X1) {
            stack[top++] = x1;
        } else if (op == Op::X2) {
            stack[top++] = x2;
        } else if (isBinary(op)) {
            --top;
            stack[top - 1] = apply(op, stack[top - 1], stack[top]);
        } else {
            stack[top - 1] = apply(op, stack[top - 1]);
        }
    }
    return stack[0];
}

}  // namespace

FunctionExpression::FunctionExpression(std::string text) : text_(std::move(text)) {
    FunctionParser(text_, *this).parse();
    stack_depth_ = stackDepth(program_);
}

double FunctionExpression::value(double x1, double x2) const {
    return run<double>(program_, stack_depth_, x1, x2);
}

FunctionValue FunctionExpression::evaluate(double x1, double x2) const {
    const Dual result = run<Dual>(program_, stack_depth_, Dual{x1, 1.0, 0.0}, Dual{x2, 0.0, 1.0});
    FunctionValue out;
    out.value = result.v;
    out.gradient = {result.d1, dimension() == 2 ? result.d2 : 0.0};
    return out;
}

}  // namespace dl
