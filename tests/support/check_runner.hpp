#pragma once
// Runs one check of the catalogue on hand-built facts, for check unit tests.

#include <map>
#include <string>
#include <vector>

#include "core/registry.hpp"

namespace mra::test {

inline std::vector<Result> run_check(std::string_view id, const facts::Facts& facts,
                                     const std::map<std::string, std::string>& options = {}) {
    const Check* check = catalogue().find(id);
    if (!check) throw std::logic_error("no check " + std::string(id));
    Results results;
    check->run(CheckContext(facts, check->info, options), results);
    return results.all();
}

}  // namespace mra::test
