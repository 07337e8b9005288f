#include <doctest/doctest.h>

#include "checks/dns/dns_facts.hpp"
#include "support/check_runner.hpp"

namespace {

using namespace mra::test::dns;

// A live run over the healthy discovery facts, with one Expressway-E whose leaf names these URLs.
mra::facts::Facts live_run(std::vector<std::string> crl, std::vector<std::string> ocsp) {
    auto facts = healthy();
    mra::facts::Certificate leaf;
    leaf.crl_urls = std::move(crl);
    leaf.ocsp_urls = std::move(ocsp);
    mra::facts::TlsEndpoint edge;
    edge.service = "collab-edge";
    edge.host = "expe1.example.com";
    edge.port = 8443;
    edge.outcome = mra::facts::TransportOutcome::established;
    edge.chain = mra::facts::Chain{.presented = {leaf}, .path = {0}};
    facts.edges.push_back(edge);
    return facts;
}

}  // namespace

TEST_CASE("cert.revocation-urls: an HTTP host the external view resolves passes") {
    auto facts = live_run({"http://pki.example.com/issuing.crl"}, {"http://ocsp.example.com"});
    for (const char* host : {"pki.example.com", "ocsp.example.com"}) {
        facts.dns->queries.push_back(address(DnsView::external, host, "A", {"192.0.2.80"}));
        facts.dns->queries.push_back(address(DnsView::external, host, "AAAA", {}));
    }
    CHECK(mra::test::only_result("cert.revocation-urls", facts).status == mra::Status::pass);
}

TEST_CASE("cert.revocation-urls: an HTTP CDP or OCSP host that does not resolve outside warns, naming it") {
    auto facts = live_run({"http://pki.example.com/issuing.crl"}, {"http://OCSP.example.com:8080/"});
    facts.dns->queries.push_back(address(DnsView::external, "pki.example.com", "A", {"192.0.2.80"}));
    facts.dns->queries.push_back(address(DnsView::external, "pki.example.com", "AAAA", {}));
    facts.dns->queries.push_back(make_query(DnsView::external, "ocsp.example.com", "A", DnsOutcome::nxdomain));
    facts.dns->queries.push_back(make_query(DnsView::external, "ocsp.example.com", "AAAA", DnsOutcome::nxdomain));
    const auto result = mra::test::only_result("cert.revocation-urls", facts);
    CHECK(result.status == mra::Status::warn);
    CHECK(result.message ==
          "revocation information is published over HTTP, but ocsp.example.com (OCSP) does not resolve in the "
          "external view: a client outside cannot check revocation");
    CHECK(result.evidence["not_in_external_view"][0] == "ocsp.example.com (OCSP)");
}

TEST_CASE("cert.revocation-urls: hosts not looked up, or lookups that failed, are not judged") {
    auto facts = live_run({"http://pki.example.com/issuing.crl"}, {});
    CHECK(mra::test::only_result("cert.revocation-urls", facts).status == mra::Status::pass);  // no lookup made
    facts.dns->queries.push_back(make_query(DnsView::external, "pki.example.com", "A", DnsOutcome::timeout));
    facts.dns->queries.push_back(make_query(DnsView::external, "pki.example.com", "AAAA", DnsOutcome::nxdomain));
    CHECK(mra::test::only_result("cert.revocation-urls", facts).status == mra::Status::pass);
}

TEST_CASE("cert.revocation-urls: ldap-only still fails first") {
    auto facts = live_run({"ldap:///CN=CA,DC=example,DC=com?certificateRevocationList"}, {});
    CHECK(mra::test::only_result("cert.revocation-urls", facts).status == mra::Status::fail);
}
