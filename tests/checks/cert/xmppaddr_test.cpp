// cert.xmppaddr: XmppAddr otherNames are reported (RFC 6120 §13.7.1.4; Expressway Certificate Creation and Use
// Guide X15.5: XMPP federation domains not in the XMPPAddress format).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

TEST_CASE("cert.xmppaddr: a certificate without XmppAddr passes, an SRVName is not one") {
    const auto result = only_result("cert.xmppaddr", offline(healthy_chain()));
    CHECK(result.subject.name() == "leaf");
    CHECK(result.status == Status::pass);
    auto cert = leaf();
    cert.san.other_names = {other_name(srvname_oid, "_collab-edge._tls.example.com")};
    CHECK(only_result("cert.xmppaddr", offline(leaf_chain(cert))).status == Status::pass);
}

TEST_CASE("cert.xmppaddr: an XmppAddr is information (the check's worst), advising DNS-format SANs") {
    auto cert = leaf();
    cert.san.other_names = {other_name(xmppaddr_oid, "example.com", "UTF8String"),
                            other_name(xmppaddr_oid, "conference.example.com", "UTF8String")};
    const auto result = only_result("cert.xmppaddr", offline(leaf_chain(cert)));
    CHECK(result.status == Status::info);
    CHECK(result.message == "carries XmppAddr example.com; Cisco advises DNS-format SANs for XMPP domains");
    CHECK(result.evidence["xmppaddrs"].size() == 2);
}

TEST_CASE("cert.xmppaddr: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.xmppaddr", "leaf");
}
