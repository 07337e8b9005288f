#include "core/registry.hpp"
#include "core/profile.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

namespace {
void nothing(const mra::CheckContext&, mra::Results&) {}
const mra::Check first{
    .info = {.id = "demo.one", .summary = "", .citation = "", .severity = mra::Severity::minor, .remediation = ""},
    .run = nothing};
const mra::Check again{
    .info = {.id = "demo.one", .summary = "", .citation = "", .severity = mra::Severity::major, .remediation = ""},
    .run = nothing};
const mra::Check bad_id{
    .info = {.id = "Demo_One", .summary = "", .citation = "", .severity = mra::Severity::major, .remediation = ""},
    .run = nothing};
}  // namespace

TEST_CASE("registry rejects duplicate and malformed ids") {
    mra::Registry registry;
    registry.add(first);
    CHECK_THROWS_AS(registry.add(again), std::logic_error);
    CHECK_THROWS_AS(registry.add(bad_id), std::logic_error);
    CHECK(registry.find("demo.one") == &first);
    CHECK(registry.find("demo.two") == nullptr);
}

TEST_CASE("the catalogue is in the order of the registrations' ranks, and a rank or an id held twice is refused") {
    const mra::Check second{
        .info = {.id = "demo.two", .summary = "", .citation = "", .severity = mra::Severity::minor, .remediation = ""},
        .run = nothing};
    const auto registry = mra::rank_order({{20, &first}, {10, &second}});
    REQUIRE(registry.all().size() == 2);
    CHECK(registry.all()[0] == &second);
    CHECK(registry.all()[1] == &first);
    CHECK_THROWS_WITH_AS(mra::rank_order({{10, &first}, {10, &second}}),
                         "checks demo.one and demo.two share the rank 10", std::logic_error);
    CHECK_THROWS_AS(mra::rank_order({{10, &first}, {20, &again}}), std::logic_error);
}

TEST_CASE("id globs") {
    CHECK(mra::id_matches("cert.*", "cert.expiry"));
    CHECK_FALSE(mra::id_matches("cert.*", "certx.expiry"));
    CHECK(mra::id_matches("*", "dns.resolver"));
    CHECK(mra::id_matches("cert.eku", "cert.eku"));
    CHECK_FALSE(mra::id_matches("cert.eku", "cert.eku-extra"));
}

TEST_CASE("the catalogue holds every check that registers itself under checks/: the linker dropped none") {
    std::size_t registered = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(MRA_SOURCE_DIR) + "/checks")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream file(entry.path());
        for (std::string line; std::getline(file, line);) registered += line.starts_with("const Registration ");
    }
    CHECK(registered >= 58);
    CHECK(mra::catalogue().all().size() == registered);
}

TEST_CASE("the catalogue: every check has complete metadata and sits in some profile") {
    const auto& checks = mra::catalogue().all();
    REQUIRE(checks.size() >= 20);
    const auto profiles = mra::load_all_profiles(mra::catalogue());
    std::set<std::string_view> in_profiles;
    for (const auto& profile : profiles)
        for (const mra::Check* check : profile.checks) in_profiles.insert(check->info.id);
    for (const mra::Check* check : checks) {
        CAPTURE(check->info.id);
        CHECK(!check->info.summary.empty());
        CHECK(check->info.summary.back() == '.');
        CHECK(!check->info.citation.empty());
        CHECK(!check->info.remediation.empty());
        CHECK(in_profiles.count(check->info.id) == 1);
    }
}

TEST_CASE("the catalogue has every released cert id of the offline cert command") {
    for (const char* id : {"cert.parse",
                           "cert.chain-order",
                           "cert.chain-complete",
                           "cert.chain-trusted",
                           "cert.expiry",
                           "cert.validity-period",
                           "cert.signature-hash",
                           "cert.key-strength",
                           "cert.eku",
                           "cert.hostname",
                           "cert.edge-domain",
                           "cert.srvname",
                           "cert.xmppaddr",
                           "cert.wildcard",
                           "cert.san-length",
                           "cert.subject-oids",
                           "cert.revocation-urls",
                           "cert.key-match",
                           "cert.csr",
                           "cert.renewal-names"}) {
        CAPTURE(id);
        CHECK(mra::catalogue().find(id) != nullptr);
    }
}
