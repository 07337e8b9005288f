// cert.validity-period (Apple HT210176/HT211025; CA/Browser Forum SC-081) and cert.expiry's window.

#include <doctest/doctest.h>

#include "support/check_runner.hpp"
#include "util/time.hpp"

namespace {

using mra::Status;

std::int64_t at(const char* rfc3339) {
    return *mra::parse_rfc3339(rfc3339);
}

// One chain whose leaf runs from `from` for `days`, trusted through `store` ("system" = public).
mra::facts::Facts leaf_valid(const char* from, std::int64_t days, const std::string& store, const char* now) {
    mra::facts::Facts facts;
    facts.evaluated_at = at(now);
    mra::facts::Chain chain;
    chain.presented.resize(1);
    chain.presented[0].not_before = at(from);
    chain.presented[0].not_after = at(from) + days * 86400;
    chain.path = {0};
    chain.trust.trusted = true;
    chain.trust.store = store;
    facts.certificates.chains.push_back({"", {}, chain, ""});
    return facts;
}

}  // namespace

TEST_CASE("cert.validity-period: over 825 days fails, over 398 warns, private or public") {
    for (const char* store : {"ca.pem", "system"}) {
        CAPTURE(store);
        CHECK(mra::test::only_result("cert.validity-period",
                                     leaf_valid("2025-01-01T00:00:00Z", 826, store, "2025-02-01T00:00:00Z"))
                  .status == Status::fail);
        CHECK(mra::test::only_result("cert.validity-period",
                                     leaf_valid("2025-01-01T00:00:00Z", 825, store, "2025-02-01T00:00:00Z"))
                  .status == Status::warn);
        CHECK(mra::test::only_result("cert.validity-period",
                                     leaf_valid("2025-01-01T00:00:00Z", 399, store, "2025-02-01T00:00:00Z"))
                  .status == Status::warn);
        CHECK(mra::test::only_result("cert.validity-period",
                                     leaf_valid("2025-01-01T00:00:00Z", 398, store, "2025-02-01T00:00:00Z"))
                  .status == Status::pass);
    }
}

TEST_CASE("cert.validity-period: a public leaf longer than SC-081 allows at its issuance is info") {
    const auto run = [](const char* from, std::int64_t days, const std::string& store) {
        return mra::test::only_result("cert.validity-period", leaf_valid(from, days, store, from));
    };
    const auto long_public = run("2026-04-01T00:00:00Z", 300, "system");
    CHECK(long_public.status == Status::info);
    CHECK(long_public.message.find("SC-081") != std::string::npos);
    CHECK(long_public.evidence["sc081_maximum_days"] == 200);
    CHECK(long_public.evidence["renewals_a_year"].get<double>() == doctest::Approx(1.2));
    CHECK(run("2026-03-14T00:00:00Z", 300, "system").status == Status::pass);  // issued before the ballot's date
    CHECK(run("2026-04-01T00:00:00Z", 300, "ca.pem").status == Status::pass);  // a private CA: no such limit
    CHECK(run("2026-04-01T00:00:00Z", 200, "system").status == Status::pass);
    CHECK(run("2027-03-15T00:00:00Z", 101, "system").status == Status::info);
    CHECK(run("2027-03-15T00:00:00Z", 100, "system").status == Status::pass);
    CHECK(run("2029-03-15T00:00:00Z", 48, "system").status == Status::info);
    CHECK(run("2029-03-15T00:00:00Z", 47, "system").status == Status::pass);
    const auto short_leaf = run("2029-03-15T00:00:00Z", 47, "system");
    CHECK(short_leaf.evidence["renewals_a_year"].get<double>() == doctest::Approx(7.8));
}

TEST_CASE("cert.expiry: the window is the profile's days or the last third of the lifetime, whichever is shorter") {
    const auto expiry = [](std::int64_t days, const char* now, std::map<std::string, std::string> options = {}) {
        return mra::test::only_result("cert.expiry", leaf_valid("2029-03-15T00:00:00Z", days, "system", now), options)
            .status;
    };
    // 47 days: the window is 15 days and 16 hours (a third), not 30.
    CHECK(expiry(47, "2029-04-01T00:00:00Z") == Status::pass);  // 30 days left
    CHECK(expiry(47, "2029-04-14T00:00:00Z") == Status::pass);  // 17 days left
    CHECK(expiry(47, "2029-04-16T00:00:00Z") == Status::warn);  // 15 days left
    // 398 days: the profile's 30 days.
    CHECK(expiry(398, "2030-03-10T00:00:00Z") == Status::pass);  // 38 days left (ends 2030-04-17)
    CHECK(expiry(398, "2030-03-20T00:00:00Z") == Status::warn);  // 28 days left
    CHECK(expiry(398, "2030-03-20T00:00:00Z", {{"warn_days", "10"}}) == Status::pass);
}
