#pragma once
// The tokens of the tensor expression language: numbers, names and symbols, each with its place in
// the line.
#include <cstdint>
#include <string>
#include <vector>

namespace dl {

enum class TokenKind { Number, Name, Symbol, End };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;
    double number = 0;
    int64_t position = 0;  // 0-based
    bool is(const char* symbol) const { return kind == TokenKind::Symbol && text == symbol; }
    int64_t length() const { return text.empty() ? 1 : static_cast<int64_t>(text.size()); }
};

// Splits a line; throws ExpressionError at a character that starts no token. The last token is End.
std::vector<Token> tokenize(const std::string& line);

// How an error names a token: "','" or "the end of the line".
std::string token_name(const Token& token);

// "at character 9" for a 0-based position (people count from 1).
std::string at_character(int64_t position);

}  // namespace dl
