// Captures of real runs against the lab (fixtures/captures/<scenario>.json, made with
// `run --save-capture`) are check fixtures: replayed offline, each must still give what the
// scenario's expected.json says — so every check change is tested against real server output.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

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

TEST_CASE("the text report of the lab's healthy run fits one screen: problems, one line a stage, the verdict") {
    const auto outcome = mra::test::run_tool({"replay", mra::test::fixture("captures/healthy.json")});
    CAPTURE(outcome.out);
    CHECK(outcome.exit_code == 0);
    CHECK(std::count(outcome.out.begin(), outcome.out.end(), '\n') <= 40);
    CHECK(outcome.out.find("PASS") == std::string::npos);
    CHECK(outcome.out.find("Certificates   104 passed on 7 endpoints") != std::string::npos);
    CHECK(outcome.out.find("status OK, score 100/100, grade A") != std::string::npos);
    const auto verbose = mra::test::run_tool({"replay", mra::test::fixture("captures/healthy.json"), "--verbose"});
    CHECK(std::count(verbose.out.begin(), verbose.out.end(), '\n') > 170);  // every finding, one line at least
}

TEST_CASE("replay refuses what is not a capture, in one line") {
    const auto outcome = mra::test::run_tool({"replay", mra::test::fixture("certs/healthy/leaf.pem")});
    CHECK(outcome.exit_code == 3);
    CHECK(outcome.err.find("is not JSON") != std::string::npos);
    CHECK(mra::test::run_tool({"replay", "/nonexistent.json"}).err.find("cannot read capture /nonexistent.json") !=
          std::string::npos);
}

// Found by capture_fuzz (tests/fuzz/regressions/capture/): a float where the facts hold an integer
// was converted with a static_cast, undefined behaviour when out of range.
TEST_CASE("replay refuses a capture whose facts hold a number that is not an integer") {
    nlohmann::json capture;
    std::ifstream(mra::test::fixture("captures/healthy.json")) >> capture;
    capture["facts"]["dns"]["queries"][0]["duration_ms"] = 1.1e101;
    const std::string path = std::filesystem::temp_directory_path() / "mra-float-capture.json";
    std::ofstream(path) << capture.dump();
    const auto outcome = mra::test::run_tool({"replay", path, "--format", "json"});
    std::filesystem::remove(path);
    CHECK(outcome.exit_code == 3);
    CHECK(outcome.out.empty());
    CHECK(outcome.err.find("the capture's facts are malformed: 1.1e+101 is not an integer") != std::string::npos);
    CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
}
