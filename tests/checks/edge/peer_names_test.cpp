#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

namespace {

// Every Expressway-E name get_edge_config gives (HTTP, SIP, XMPP) set to these.
void advertise(mra::facts::Facts& facts, const std::vector<std::string>& names) {
    auto& config = *sign_in::walked(facts).config;
    for (auto* servers : {&config.http_edge_servers, &config.sip_edge_servers, &config.xmpp_edge_servers}) {
        const std::uint16_t port = servers->front().port;
        servers->clear();
        for (const auto& name : names) servers->push_back({.address = name, .port = port});
    }
}

}  // namespace

TEST_CASE("edge.peer-names: get_edge_config names the _collab-edge targets") {
    const auto results = mra::test::run_check("edge.peer-names", sign_in::healthy());
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message ==
          "get_edge_config and the _collab-edge SRV targets name the same Expressway-Es: expe1.example.com");
}

TEST_CASE("edge.peer-names: a peer advertised but not published warns, naming it") {
    auto facts = sign_in::healthy();
    advertise(facts, {"expe1.example.com", "expe2.example.com"});
    const auto results = mra::test::run_check("edge.peer-names", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::warn);
    CHECK(results[0].message ==
          "get_edge_config names expe2.example.com, which no SRV target is: Jabber reaches each Expressway-E by the "
          "name get_edge_config gives, and its certificate must carry that name");
    CHECK(results[0].evidence["only_in_get_edge_config"] == std::vector<std::string>{"expe2.example.com"});
}

TEST_CASE("edge.peer-names: names that differ in case only warn, saying so") {
    auto facts = sign_in::healthy();
    advertise(facts, {"EXPE1.example.com"});
    const auto results = mra::test::run_check("edge.peer-names", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::warn);
    CHECK(results[0].message ==
          "get_edge_config names EXPE1.example.com, which no SRV target is; the SRV targets include "
          "expe1.example.com, which get_edge_config does not name (the names differ in case only)");
}

TEST_CASE("edge.peer-names: not run when get_edge_config names no Expressway-E, or there is none") {
    auto facts = sign_in::healthy();
    advertise(facts, {});
    const auto results = mra::test::run_check("edge.peer-names", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "get_edge_config names no Expressway-E (see edge.sip-servers)");

    sign_in::check_not_run_without_session("edge.peer-names");
}
