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

}  // namespace mra
