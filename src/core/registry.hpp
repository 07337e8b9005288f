#pragma once
// The catalogue of checks, in a stable order, with unique ids.

#include <string_view>
#include <utility>
#include <vector>

#include "core/check.hpp"

namespace mra {

class Registry {
public:
    void add(const Check& check);  // std::logic_error on a duplicate or malformed id
    const Check* find(std::string_view id) const;
    const std::vector<const Check*>& all() const { return m_checks; }

private:
    std::vector<const Check*> m_checks;
};

// The checks in rank order (Registration in core/check.hpp). std::logic_error when two share a
// rank, or an id (Registry::add).
Registry rank_order(std::vector<std::pair<int, const Check*>> ranked);

// Every check this build knows (each registers itself: Registration in core/check.hpp), by rank.
// std::logic_error when two share a rank or an id.
const Registry& catalogue();

// "cert.*" matches every id of the group; "*" every id; otherwise the id itself.
bool id_matches(std::string_view pattern, std::string_view id);

}  // namespace mra
