#pragma once
// What the binary does with input it cannot use: exit 3, one line on stderr naming the problem,
// nothing on stdout.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "support/process.hpp"

namespace mra::test {

inline void refused(const Outcome& outcome, const std::string& words) {
    INFO(outcome.err);
    CHECK(outcome.exit_code == 3);
    CHECK(outcome.out.empty());
    CHECK(outcome.err.find(words) != std::string::npos);
    CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
}

}  // namespace mra::test
