#include "util/one_line.hpp"

#include <algorithm>
#include <cstdio>

namespace mra {

std::string one_line(std::string_view text, std::size_t max_bytes) {
    std::string line;
    if (text.size() > max_bytes) {
        std::size_t cut = max_bytes;
        // Back off over continuation bytes (10xxxxxx) so no character is split.
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
        line.assign(text.substr(0, cut));
        line += "…";
    } else {
        line.assign(text);
    }
    std::replace_if(
        line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }, ' ');
    return line;
}

std::string excerpt_of(std::string_view bytes) {
    const std::string_view start = bytes.substr(0, 60);
    const std::string_view first_line = start.substr(0, start.find_first_of("\r\n"));
    const bool printable = !first_line.empty() && std::all_of(first_line.begin(), first_line.end(),
                                                              [](char c) { return c >= 0x20 && c <= 0x7e; });
    if (printable) return "\"" + std::string(first_line) + "\"";
    std::string hex = "bytes";
    for (const char c : bytes.substr(0, 8)) {
        char digits[4];
        std::snprintf(digits, sizeof digits, " %02x", static_cast<unsigned char>(c));
        hex += digits;
    }
    return hex;
}

}  // namespace mra
