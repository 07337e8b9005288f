#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"

namespace mra::checks {
extern const Check dns_public_address;
}

using namespace mra::test::dns;
using mra::Status;
using mra::checks::dns_public_address;

namespace {

void set_addresses(mra::facts::Facts& facts, const std::string& host, std::vector<std::string> v4,
                   std::vector<std::string> v6) {
    find(facts, DnsView::external, host, "A") = address(DnsView::external, host, "A", std::move(v4));
    find(facts, DnsView::external, host, "AAAA") = address(DnsView::external, host, "AAAA", std::move(v6));
}

}  // namespace

TEST_CASE("dns.public-address: metadata, and nothing without discovery") {
    check_metadata(dns_public_address, "dns.public-address", mra::Severity::critical);
    records_nothing_without_discovery(dns_public_address);
}

TEST_CASE("dns.public-address: passes for public addresses, one finding per Expressway-E") {
    const auto results = run_check(dns_public_address, healthy());
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject.name() == "expe1.example.com");
    CHECK(results[0].status == Status::pass);
    CHECK(results[0].evidence["names"][0] == "_collab-edge._tls.example.com target");
    CHECK(results[1].subject.name() == "expe2.example.com");
    CHECK(results[1].status == Status::pass);
}

TEST_CASE("dns.public-address: an address of every range the internet cannot reach fails, naming it") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"10.1.2.3", "private (RFC 1918)"},     {"172.16.0.1", "private (RFC 1918)"},
        {"192.168.1.10", "private (RFC 1918)"}, {"100.64.0.1", "RFC 6598"},
        {"169.254.1.1", "link-local"},
    };
    for (const auto& [address_text, words] : cases) {
        const std::string& address = address_text;  // a variable: clang 14 captures no structured binding
        CAPTURE(address);
        auto facts = healthy();
        set_addresses(facts, "expe2.example.com", {address}, {});
        const auto results = run_check(dns_public_address, facts);
        REQUIRE(results.size() == 2);
        CHECK(results[0].status == Status::pass);
        CHECK(results[1].status == Status::fail);
        CHECK(results[1].message.starts_with("the external view gives " + address + " ("));
        CHECK(results[1].message.find(words) != std::string::npos);
    }
    for (const std::string address : {"fd00::5", "fe80::1"}) {
        CAPTURE(address);
        auto facts = healthy();
        set_addresses(facts, "expe1.example.com", {"192.0.2.11"}, {address});  // one bad address is enough
        const auto result = run_check(dns_public_address, facts)[0];
        CHECK(result.status == Status::fail);
        CHECK(result.message.find(address) != std::string::npos);
        CHECK(result.message.find("192.0.2.11") == std::string::npos);
    }
}

TEST_CASE("dns.public-address: loopback is a local lab, not applicable") {
    auto facts = healthy();
    set_addresses(facts, "expe1.example.com", {"127.0.10.1"}, {"::1"});
    const auto result = run_check(dns_public_address, facts)[0];
    CHECK(result.status == Status::not_applicable);
    CHECK(result.message == "loopback addresses only (127.0.10.1, ::1): a local lab");
}

TEST_CASE("dns.public-address: not run without a _collab-edge name or an address") {
    auto facts = healthy();
    find_srv(facts, DnsView::external, mra::facts::dns::collab_edge) =
        srv(DnsView::external, mra::facts::dns::collab_edge, {});
    auto result = only_result(dns_public_address, facts);
    CHECK(result.status == Status::not_run);
    CHECK(result.message.find("dns.collab-edge") != std::string::npos);

    facts = healthy();
    set_addresses(facts, "expe2.example.com", {}, {});
    result = run_check(dns_public_address, facts)[1];
    CHECK(result.status == Status::not_run);
    CHECK(result.message.find("dns.srv-target") != std::string::npos);
}

TEST_CASE("dns.public-address: the SIP, XMPP and TURN servers the edge configuration advertises are judged too") {
    auto facts = healthy();
    mra::facts::EdgeConfig config;
    config.sip_edge_servers = {{"EXPE1.example.com", 5061}, {"sip-dmz.example.com", 5061}};
    facts.sign_in = mra::facts::SignIn{};
    facts.sign_in->sessions.push_back({});
    facts.sign_in->sessions.back().config = config;
    facts.dns->queries.push_back(address(DnsView::external, "sip-dmz.example.com", "A", {"10.9.9.9"}));
    const auto results = run_check(dns_public_address, facts);
    REQUIRE(results.size() == 3);
    CHECK(results[0].evidence["names"].size() == 2);  // _collab-edge target and sipEdgeServer: one finding
    CHECK(results[2].subject.name() == "sip-dmz.example.com");
    CHECK(results[2].status == Status::fail);
}
