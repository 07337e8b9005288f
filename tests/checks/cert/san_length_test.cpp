// cert.san-length: the SAN text is at most 999 characters (Cisco, Configure and Troubleshoot Collaboration
// Edge (MRA) Certificates (213872); CSCuq86376).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// A leaf whose SAN as Expressway shows it ("DNS:a, DNS:b, …") is `length` characters: the healthy names, peer
// names expe2.example.com, expe3.example.com, … and a last name padded to the length.
mra::facts::Certificate with_san_length(std::size_t length) {
    auto cert = leaf();
    std::size_t used = std::string("DNS:expe1.example.com, DNS:example.com").size();
    for (int peer = 2; used + 46 < length; ++peer) {
        cert.san.dns.push_back("expe" + std::to_string(peer) + ".example.com");
        used += 6 + cert.san.dns.back().size();  // ", DNS:" and the name
    }
    cert.san.dns.push_back(std::string(length - used - 6 - 12, 'a') + ".example.com");
    return cert;
}

}  // namespace

TEST_CASE("cert.san-length: a SAN of up to 999 characters passes") {
    const auto healthy = only_result("cert.san-length", offline(healthy_chain()));
    CHECK(healthy.subject.name() == "leaf");
    CHECK(healthy.status == Status::pass);
    CHECK(healthy.message == "the SAN is 38 characters");

    const auto longest = only_result("cert.san-length", offline(leaf_chain(with_san_length(999))));
    CHECK(longest.status == Status::pass);
    CHECK(longest.evidence["length"] == 999);
}

TEST_CASE("cert.san-length: 1000 characters fails, quoting what Expressway ignores") {
    const auto result = only_result("cert.san-length", offline(leaf_chain(with_san_length(1000))));
    CHECK(result.status == Status::fail);
    CHECK(result.evidence["length"] == 1000);
    CHECK(result.message == "the SAN is 1000 characters; Expressway ignores everything past 999, from 'm…'");
}

TEST_CASE("cert.san-length: IP addresses and otherNames count too") {
    auto cert = leaf();
    cert.san.ip = {"192.0.2.11"};
    cert.san.other_names = {other_name(srvname_oid, "_collab-edge._tls.example.com")};
    const auto result = only_result("cert.san-length", offline(leaf_chain(cert)));
    // ", IP Address:192.0.2.11" and ", othername:_collab-edge._tls.example.com" after the 38 of the DNS names.
    CHECK(result.evidence["length"] == 38 + 23 + 41);
}

TEST_CASE("cert.san-length: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.san-length", "leaf");
}
