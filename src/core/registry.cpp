#include "core/registry.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace mra {
namespace {

// "group.kebab-name": lower-case letters, digits and hyphens, one dot.
bool well_formed_id(std::string_view id) {
    const auto dot = id.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == id.size()) return false;
    return std::all_of(
               id.begin(), id.end(),
               [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'; }) &&
           id.find('.', dot + 1) == std::string_view::npos;
}

}  // namespace

void Registry::add(const Check& check) {
    if (!well_formed_id(check.info.id)) throw std::logic_error("malformed check id: " + std::string(check.info.id));
    if (find(check.info.id)) throw std::logic_error("duplicate check id: " + std::string(check.info.id));
    m_checks.push_back(&check);
}

const Check* Registry::find(std::string_view id) const {
    for (const Check* check : m_checks)
        if (check->info.id == id) return check;
    return nullptr;
}

bool id_matches(std::string_view pattern, std::string_view id) {
    if (pattern == "*") return true;
    if (pattern.ends_with(".*")) return id.starts_with(pattern.substr(0, pattern.size() - 1));
    return pattern == id;
}

}  // namespace mra
