#include "core/chain_summaries.hpp"

#include <doctest/doctest.h>

#include "facts/capture.hpp"
#include "fixtures.hpp"

TEST_CASE("chain summaries: every endpoint of the healthy capture, leaf first, with its names") {
    const auto capture = mra::facts::read_capture(mra::test::fixture("captures/healthy.json"));
    const auto chains = mra::summarise_chains(capture.facts);
    // Two Expressway-Es, each on 8443, 5061 and 5222.
    REQUIRE(chains.size() == 6);
    CHECK(chains[0].label == "expe1.example.com:8443");
    CHECK(chains[0].trusted);
    REQUIRE(chains[0].path.size() >= 2);
    const auto& leaf = chains[0].path.front();
    CHECK_FALSE(leaf.is_ca);
    CHECK(leaf.names.front() == "expe1.example.com");
    CHECK(leaf.sha256.size() == 64);
    CHECK(leaf.not_after > leaf.not_before);
    // Whole days from the time the capture was judged at, as cert.expiry counts them.
    const auto evaluated_at = capture.facts.evaluated_at;
    CHECK(leaf.days_left == (leaf.not_after - evaluated_at) / 86400);
    CHECK(leaf.days_until_valid == -((evaluated_at - leaf.not_before) / 86400));
    CHECK(chains[0].path.back().is_ca);
    CHECK(leaf.issuer == chains[0].path[1].subject);
}

TEST_CASE("chain summaries: a run that reached no endpoint says why there is no chain") {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.dns.emplace();
    const auto chains = mra::summarise_chains(facts);
    REQUIRE(chains.size() == 1);
    CHECK(chains[0].path.empty());
    CHECK(chains[0].unavailable_reason.find("no Expressway-E discovered") != std::string::npos);
}
