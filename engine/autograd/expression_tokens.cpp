#include "engine/autograd/expression_tokens.h"

#include <cctype>
#include <cstdlib>

#include "engine/core/expression_error.h"

namespace dl {

namespace {
bool is_name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

Token number_token(const std::string& line, size_t& i) {
    const size_t start = i;
    while (i < line.size() && (is_digit(line[i]) || line[i] == '.')) ++i;
    if (i < line.size() && (line[i] == 'e' || line[i] == 'E')) {
        size_t j = i + 1;
        if (j < line.size() && (line[j] == '+' || line[j] == '-')) ++j;
        if (j < line.size() && is_digit(line[j])) {
            i = j;
            while (i < line.size() && is_digit(line[i])) ++i;
        }
    }
    Token t{TokenKind::Number, line.substr(start, i - start), 0, static_cast<int64_t>(start)};
    char* end = nullptr;
    t.number = std::strtod(t.text.c_str(), &end);
    if (end != t.text.c_str() + t.text.size() || t.text == ".")
        throw ExpressionError("'" + t.text + "' is not a number " + at_character(t.position), t.position, t.length());
    return t;
}
}  // namespace

std::string at_character(int64_t position) {
    return "at character " + std::to_string(position + 1);
}

std::string token_name(const Token& token) {
    return token.kind == TokenKind::End ? std::string("the end of the line") : "'" + token.text + "'";
}

std::vector<Token> tokenize(const std::string& line) {
    static const char* const kTwoCharSymbols[] = {"**", "=="};
    static const std::string kSymbols = "+-*/@()[],.:=";
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        const auto pos = static_cast<int64_t>(i);
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (is_digit(c) || (c == '.' && i + 1 < line.size() && is_digit(line[i + 1]))) {
            tokens.push_back(number_token(line, i));
        } else if (is_name_start(c)) {
            const size_t start = i;
            while (i < line.size() && is_name_char(line[i])) ++i;
            tokens.push_back({TokenKind::Name, line.substr(start, i - start), 0, pos});
        } else {
            std::string symbol(1, c);
            for (const char* two : kTwoCharSymbols)
                if (line.compare(i, 2, two) == 0) symbol = two;
            if (symbol.size() == 1 && kSymbols.find(c) == std::string::npos)
                throw ExpressionError("unexpected '" + symbol + "' " + at_character(pos), pos);
            tokens.push_back({TokenKind::Symbol, symbol, 0, pos});
            i += symbol.size();
        }
    }
    tokens.push_back({TokenKind::End, "", 0, static_cast<int64_t>(line.size())});
    return tokens;
}

}  // namespace dl
