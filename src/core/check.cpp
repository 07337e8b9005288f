#include "core/check.hpp"

#include <stdexcept>

namespace mra {

CheckContext::CheckContext(const facts::Facts& facts, const CheckInfo& info,
                           const std::map<std::string, std::string>& overrides)
    : m_facts(facts), m_info(info), m_overrides(overrides) {}

std::string CheckContext::option(std::string_view name) const {
    if (auto it = m_overrides.find(std::string(name)); it != m_overrides.end()) return it->second;
    for (const auto& declared : m_info.options)
        if (declared.name == name) return std::string(declared.default_value);
    throw std::logic_error("check " + std::string(m_info.id) + " has no option " + std::string(name));
}

long CheckContext::option_number(std::string_view name) const {
    const std::string text = option(name);
    std::size_t used = 0;
    const long value = std::stol(text, &used);
    if (used != text.size()) throw std::invalid_argument("option " + std::string(name) + " is not a number: " + text);
    return value;
}

void Results::add(Subject subject, Status status, std::string message, Evidence evidence,
                  std::optional<Severity> at_most) {
    m_results.push_back({std::move(subject), status, std::move(message), std::move(evidence), at_most});
}

}  // namespace mra
