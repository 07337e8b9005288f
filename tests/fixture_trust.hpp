#pragma once
// The instant every certificate fixture is written for and the trust store of the fixtures' root,
// shared by the tests that judge fixture chains (fixtures/certs/README.md).

#include <cstdint>

#include "tests/fixtures.hpp"
#include "x509/chain.hpp"

namespace mra::test {

// 2027-01-15T00:00:00Z.
inline constexpr std::int64_t fixture_time = 1799971200;

inline const x509::TrustStore& fixture_root_store() {
    static const auto store = x509::TrustStore::from_file(fixture("certs/ca/root.pem"));
    return store;
}

}  // namespace mra::test
