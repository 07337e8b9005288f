// Captures of real runs against the lab (fixtures/captures/<scenario>.json, made with
// `run --save-capture`) are check fixtures: replayed offline, each must still give what the
// scenario's expected.json says — so every check change is tested against real server output.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "fixtures.hpp"
#include "support/expected.hpp"
#include "support/process.hpp"

TEST_CASE("replayed lab captures give the scenario's expected statuses") {
    std::size_t replayed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(mra::test::fixture("captures"))) {
        if (entry.path().extension() != ".json") continue;
        const std::string scenario = entry.path().stem().string();
        CAPTURE(scenario);
        const auto outcome = mra::test::run_tool({"replay", entry.path().string(), "--format", "json"});
        INFO(outcome.err);
        REQUIRE(outcome.exit_code <= 3);
        mra::test::check_against_expected(nlohmann::json::parse(outcome.out),
                                          mra::test::fixture("lab/" + scenario + "/expected.json"));
        ++replayed;
    }
    CHECK(replayed >= 3);
}

TEST_CASE("replay refuses what is not a capture, in one line") {
    const auto outcome = mra::test::run_tool({"replay", mra::test::fixture("certs/healthy/leaf.pem")});
    CHECK(outcome.exit_code == 3);
    CHECK(outcome.err.find("is not JSON") != std::string::npos);
    CHECK(mra::test::run_tool({"replay", "/nonexistent.json"}).err.find("cannot read capture /nonexistent.json") !=
          std::string::npos);
}
