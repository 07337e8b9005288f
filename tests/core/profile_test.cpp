#include "core/profile.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "util/input_error.hpp"

namespace {

// Writes a profile to a temporary file of its own (tests run in parallel) and loads it.
mra::Profile load_text(const std::string& text) {
    char path[] = "/tmp/mra-profile-test-XXXXXX.toml";
    const int fd = mkstemps(path, 5);
    REQUIRE(fd >= 0);
    close(fd);
    std::ofstream(path) << text;
    struct Remove {
        const char* path;
        ~Remove() { std::remove(path); }
    } remove{path};
    return mra::load_profile(path, mra::catalogue());
}

std::string load_error(const std::string& text) {
    try {
        load_text(text);
    } catch (const mra::InputError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("every shipped profile loads and names only existing checks") {
    const auto profiles = mra::load_all_profiles(mra::catalogue());
    REQUIRE(profiles.size() >= 2);
    for (const auto& name : {"cert-renewal", "mra-readiness"}) {
        const auto profile = mra::load_profile(name, mra::catalogue());
        CHECK(profile.name == name);
        CHECK(!profile.checks.empty());
    }
}

TEST_CASE("globs, exclusions and overrides") {
    const auto profile = load_text(R"(
name = "t"
summary = "test"
checks = ["cert.*", "-cert.csr", "-cert.key-match"]
required = ["cert.parse"]
[severity]
"cert.wildcard" = "info"
[options."cert.expiry"]
warn_days = 60
[scoring]
weights = { critical = 20, "cert.eku" = 3 }
grades = { A = 95, B = 50 }
)");
    const auto cert_checks = std::count_if(mra::catalogue().all().begin(), mra::catalogue().all().end(),
                                           [](const mra::Check* check) { return check->info.group() == "cert"; });
    CHECK(profile.checks.size() == static_cast<std::size_t>(cert_checks) - 2);
    for (const mra::Check* check : profile.checks) CHECK(check->info.id != "cert.csr");
    CHECK(profile.severity_of(*mra::catalogue().find("cert.wildcard")) == mra::Severity::info);
    CHECK(profile.options.at("cert.expiry").at("warn_days") == "60");
    CHECK(profile.weight_of(*mra::catalogue().find("cert.eku")) == 3);
    CHECK(profile.weight_of(*mra::catalogue().find("cert.parse")) == 20);
    CHECK(profile.weight_of(*mra::catalogue().find("cert.chain-order")) == 2);
    REQUIRE(profile.grades.size() == 2);
    CHECK(profile.grades.front().grade == "A");
    CHECK(profile.is_required("cert.parse"));
}

TEST_CASE("a profile with a mistake is refused with a message naming it") {
    CHECK(load_error("name = \"t\"\nchecks = [\"cert.nope\"]").find("'cert.nope' in checks matches no check") !=
          std::string::npos);
    CHECK(
        load_error("name = \"t\"\nchecks = [\"cert.*\"]\n[severity]\n\"cert.eku\" = \"huge\"").find("must be one of") !=
        std::string::npos);
    CHECK(load_error("name = \"t\"\nchecks = [\"cert.*\"]\n[options.\"cert.expiry\"]\nwarn = 3")
              .find("has no option 'warn'") != std::string::npos);
    CHECK(load_error("name = \"t\"\nchecks = [\"cert.*\"]\nrequired = [\"dns.nope\"]")
              .find("unknown check id 'dns.nope'") != std::string::npos);
    CHECK(load_error("name = \"t\"\nchecks = [\"cert.*\"]\ncolour = 1").find("unknown key 'colour'") !=
          std::string::npos);
    CHECK(load_error("checks = [\"cert.*\"]").find("missing name") != std::string::npos);
    CHECK(load_error("name = [").find("line 1") != std::string::npos);
    CHECK_THROWS_AS(mra::load_profile("no-such-profile", mra::catalogue()), mra::InputError);
    CHECK_THROWS_AS(mra::load_profile("/nonexistent/p.toml", mra::catalogue()), mra::InputError);
}

// Found by profile_fuzz (tests/fuzz/regressions/profile/): a grade minimum of 8066666666 was
// converted to int, which is undefined behaviour.
TEST_CASE("scoring numbers outside what a score can be are refused, nan and inf too") {
    const std::string head = "name = \"t\"\nchecks = [\"cert.*\"]\n[scoring]\n";
    for (const std::string grades : {"8066666666", "-1", "101", "nan", "inf"})
        CHECK(load_error(head + "grades = { B = " + grades + " }")
                  .find("scoring.grades.B must be a number from 0 to 100") != std::string::npos);
    for (const std::string weight : {"-1", "1e300", "nan", "-inf"})
        CHECK(load_error(head + "weights = { minor = " + weight + " }")
                  .find("scoring.weights.minor must be a number from 0 to 1000") != std::string::npos);
    CHECK(load_error(head + "weights = { minor = 1000 }\ngrades = { A = 100, F = 0 }").empty());
}
