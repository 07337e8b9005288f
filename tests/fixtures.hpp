#pragma once
// Paths to committed fixtures, for tests.
#include <string>

namespace mra::test {

inline std::string fixture(const std::string& relative) {
    return std::string(MRA_SOURCE_DIR) + "/fixtures/" + relative;
}

}  // namespace mra::test
