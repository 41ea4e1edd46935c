#include "engine/data/text_file.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/error.h"

namespace dl {

namespace fs = std::filesystem;

namespace {

// Bytes that do not occur in text: C0 controls other than tab, line ends and form feed, and DEL.
bool is_control_byte(unsigned char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f;
}

std::string read_bytes(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path + ": no such file");
    if (fs::is_directory(path, ec)) throw InputError(path + ": is a folder, not a text file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot be opened for reading (check its permissions)");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) throw InputError(path + ": reading failed");
    return std::move(bytes).str();
}

// Throws for NUL bytes anywhere, or a first 64 KiB that is more than 10 % control bytes.
void check_not_binary(const std::string& path, const std::string& bytes) {
    if (const size_t nul = bytes.find('\0'); nul != std::string::npos)
        throw InputError(path + ": looks like a binary file, not text (a NUL byte at byte " + std::to_string(nul + 1) +
                         ")");
    const size_t sample = std::min<size_t>(bytes.size(), 65536);
    size_t controls = 0;
    for (size_t i = 0; i < sample; ++i) controls += is_control_byte(static_cast<unsigned char>(bytes[i]));
    if (controls * 10 > sample)
        throw InputError(path + ": looks like a binary file, not text (" + std::to_string(controls) + " of its first " +
                         std::to_string(sample) + " bytes are control characters)");
}

// "line 3, byte 17" for a 0-based offset into the file (both counted from 1).
std::string position_of(const std::string& bytes, size_t offset) {
    size_t line = 1, line_start = 0;
    for (size_t i = 0; i < offset; ++i)
        if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
            ++line;
            line_start = i + 1;
        }
    return "line " + std::to_string(line) + ", byte " + std::to_string(offset - line_start + 1) +
           " of the line (byte " + std::to_string(offset + 1) + " of the file)";
}

std::vector<std::string> split_lines(const std::string& bytes) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != '\n' && bytes[i] != '\r') continue;
        lines.push_back(bytes.substr(start, i - start));
        if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < bytes.size()) lines.push_back(bytes.substr(start));
    return lines;
}

}  // namespace

std::vector<std::string> split_tab_fields(const std::string& line) {
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
        const size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) return fields;
        start = tab + 1;
    }
}

size_t first_invalid_utf8(const std::string& bytes) {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const size_t n = bytes.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra;
        uint32_t min, cp;
        if ((c & 0xE0) == 0xC0)
            extra = 1, min = 0x80, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0)
            extra = 2, min = 0x800, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0)
            extra = 3, min = 0x10000, cp = c & 0x07;
        else
            return i;
        if (i + extra >= n) return i;  // cut off at the end of the file
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += extra + 1;
    }
    return std::string::npos;
}

std::vector<std::string> read_text_lines(const std::string& path) {
    std::string bytes = read_bytes(path);
    if (bytes.empty()) throw InputError(path + ": the file is empty");
    check_not_binary(path, bytes);
    if (const size_t bad = first_invalid_utf8(bytes); bad != std::string::npos)
        throw InputError(path + ": not valid UTF-8 text at " + position_of(bytes, bad) +
                         "; save the file as UTF-8 and open it again");
    if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
    return split_lines(bytes);
}

}  // namespace dl
