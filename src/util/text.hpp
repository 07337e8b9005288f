#pragma once
// Small text helpers shared by checks and writers.

#include <string>
#include <string_view>
#include <vector>

namespace mra {

// "a, b, c"
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// ASCII case folding, independent of the locale (RFC 4343 for DNS names).
bool equal_ignoring_case(std::string_view a, std::string_view b);
std::string lower_case(std::string_view text);
std::string upper_case(std::string_view text);

// Invalid UTF-8 sequences replaced by U+FFFD: writers of formats that must be UTF-8 (XML,
// Prometheus labels) are handed what a hostile certificate put in its names.
std::string valid_utf8(std::string_view text);
// valid_utf8, with the C0 control characters other than tab, line feed and carriage return (and
// DEL) replaced by U+FFFD as well: XML 1.0 cannot carry them even escaped, HTML calls them errors.
std::string printable_utf8(std::string_view text);

}  // namespace mra
