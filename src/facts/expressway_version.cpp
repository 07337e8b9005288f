#include "facts/expressway_version.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace mra::facts {
namespace {

// "15.4" or "15.4.0" (no prefix, no spaces): two or three dot-separated numbers of 1–3 digits.
std::optional<ExpresswayVersion> parse_numbers(std::string_view text) {
    std::vector<int> numbers;
    while (true) {
        const auto dot = text.find('.');
        const std::string_view part = text.substr(0, dot);
        if (part.empty() || part.size() > 3 ||
            !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        int value = 0;
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (error != std::errc() || end != part.data() + part.size()) return std::nullopt;
        numbers.push_back(value);
        if (dot == std::string_view::npos) break;
        text.remove_prefix(dot + 1);
    }
    if (numbers.size() < 2 || numbers.size() > 3 || numbers[0] == 0) return std::nullopt;
    return ExpresswayVersion{numbers[0], numbers[1], numbers.size() == 3 ? numbers[2] : 0};
}

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

}  // namespace

std::string ExpresswayVersion::text() const {
    return "X" + std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(maintenance);
}

std::optional<ExpresswayVersion> parse_expressway_version(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    if (!text.empty() && (text.front() == 'X' || text.front() == 'x')) text.remove_prefix(1);
    return parse_numbers(text);
}

std::optional<ExpresswayVersion> expressway_version_in_header(std::string_view header) {
    // Expressway (TANDBERG product code 4352) puts its version in a comment: "(X15.4.0)". A
    // comment may add more after the version ("(X15.4.0 RC1)"): the version is its first word.
    for (std::size_t open = header.find('('); open != std::string_view::npos; open = header.find('(', open + 1)) {
        std::string_view comment = header.substr(open + 1);
        comment = comment.substr(0, comment.find(')'));
        if (comment.empty() || (comment.front() != 'X' && comment.front() != 'x')) continue;
        std::size_t end = 1;
        while (end < comment.size() && (std::isdigit(static_cast<unsigned char>(comment[end])) || comment[end] == '.'))
            ++end;
        if (auto version = parse_numbers(comment.substr(1, end - 1))) return version;
    }
    return std::nullopt;
}

}  // namespace mra::facts
