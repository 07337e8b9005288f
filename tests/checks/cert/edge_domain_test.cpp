// cert.edge-domain: the Expressway-E certificate names each edge domain (Cisco, Configure and Troubleshoot
// Collaboration Edge (MRA) Certificates (213872); Collaboration Edge TC-based Endpoints Configuration Example
// (211304)).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// The finding on a leaf with these SAN dNSNames and otherNames, for the edge domains `domains`.
mra::Result judged(std::vector<std::string> dns, std::vector<mra::facts::OtherName> other_names = {},
                   std::vector<std::string> domains = {"example.com"}) {
    auto cert = leaf();
    cert.san.dns = std::move(dns);
    cert.san.other_names = std::move(other_names);
    auto required = expressway_e();
    required.domains = std::move(domains);
    return only_result("cert.edge-domain", offline(leaf_chain(cert), required));
}

}  // namespace

TEST_CASE("cert.edge-domain: the domain, collab-edge.<domain> or the SRVName _collab-edge._tls.<domain> passes") {
    const auto result = judged({"expe1.example.com", "example.com"});
    CHECK(result.subject.name() == "leaf");
    CHECK(result.status == Status::pass);
    CHECK(judged({"expe1.example.com", "collab-edge.example.com"}).status == Status::pass);
    CHECK(judged({"expe1.example.com", "Example.COM"}).status == Status::pass);
    CHECK(judged({"expe1.example.com"}, {other_name(srvname_oid, "_collab-edge._tls.example.com")}).status ==
          Status::pass);
}

TEST_CASE("cert.edge-domain: a SAN without the edge domain fails, naming the three accepted forms") {
    const auto result = judged({"expe1.example.com"});
    CHECK(result.status == Status::fail);
    CHECK(result.message ==
          "no SAN dNSName example.com or collab-edge.example.com, and no SRVName _collab-edge._tls.example.com");
    CHECK(result.evidence["missing"][0] == "example.com");
}

TEST_CASE("cert.edge-domain: a wildcard, another domain's SRVName or one not in IA5String does not cover it") {
    CHECK(judged({"expe1.example.com", "*.example.com"}).status == Status::fail);
    CHECK(judged({"expe1.example.com"}, {other_name(srvname_oid, "_collab-edge._tls.example.org")}).status ==
          Status::fail);
    CHECK(judged({"expe1.example.com"}, {other_name(srvname_oid, "_collab-edge._tls.example.com", "UTF8String")})
              .status == Status::fail);
}

TEST_CASE("cert.edge-domain: every edge domain must be covered, the first missing is named") {
    const auto result = judged({"expe1.example.com", "example.com"}, {}, {"example.com", "example.net"});
    CHECK(result.status == Status::fail);
    CHECK(mentions(result.message, "no SAN dNSName example.net"));
}

TEST_CASE("cert.edge-domain: not applicable to an Expressway-C or without a domain") {
    const auto expressway_c =
        only_result("cert.edge-domain",
                    offline(healthy_chain(), {mra::facts::Role::expressway_c, {"expe1.example.com"}, {"example.com"}}));
    CHECK(expressway_c.status == Status::not_applicable);
    CHECK(judged({"expe1.example.com"}, {}, {}).status == Status::not_applicable);
}

TEST_CASE("cert.edge-domain: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.edge-domain", "leaf");
}
