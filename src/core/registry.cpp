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

// What registered itself so far, in no order: filled before main() by each check's Registration
// (a function's static, so that it exists before the first of them, whatever the order of files).
std::vector<std::pair<int, const Check*>>& registrations() {
    static std::vector<std::pair<int, const Check*>> all;
    return all;
}

}  // namespace

Registration::Registration(const Check& check, int rank) {
    registrations().emplace_back(rank, &check);
}

Registry rank_order(std::vector<std::pair<int, const Check*>> ranked) {
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Registry all;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        if (i > 0 && ranked[i].first == ranked[i - 1].first)
            throw std::logic_error("checks " + std::string(ranked[i - 1].second->info.id) + " and " +
                                   std::string(ranked[i].second->info.id) + " share the rank " +
                                   std::to_string(ranked[i].first));
        all.add(*ranked[i].second);
    }
    return all;
}

const Registry& catalogue() {
    static const Registry registry = rank_order(registrations());
    return registry;
}

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
