#pragma once
// An enum's names as one table of {value, name} pairs, read both ways: the text a report or capture
// writes and the value it reads back come from the same place.

#include <optional>
#include <string_view>

namespace mra {

template <typename Table, typename Value>
std::string_view name_of(const Table& table, Value value) {
    for (const auto& [candidate, name] : table)
        if (candidate == value) return name;
    return "?";
}

template <typename Table>
auto value_of(const Table& table, std::string_view text) -> std::optional<decltype(table[0].first)> {
    for (const auto& [value, name] : table)
        if (text == name) return value;
    return std::nullopt;
}

}  // namespace mra
