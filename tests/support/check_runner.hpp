#pragma once
// Runs one check of the catalogue on hand-built facts, for check unit tests.

#include <doctest/doctest.h>

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

// The one finding `id` gives on `facts`; fails the test when it gives none or several.
inline Result only_result(std::string_view id, const facts::Facts& facts,
                          const std::map<std::string, std::string>& options = {}) {
    const auto results = run_check(id, facts, options);
    REQUIRE(results.size() == 1);
    return results.front();
}

}  // namespace mra::test
