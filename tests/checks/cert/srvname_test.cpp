// cert.srvname: every SRVName is an IA5String _Service.Name (RFC 4985 §2; Collaboration Edge TC-based
// Endpoints Configuration Example (211304)).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// The finding on a leaf carrying these SRVNames (values and encodings) for the edge domain example.com.
mra::Result judged(std::vector<mra::facts::OtherName> srvnames) {
    auto cert = leaf();
    cert.san.other_names = std::move(srvnames);
    return only_result("cert.srvname", offline(leaf_chain(cert)));
}

}  // namespace

TEST_CASE("cert.srvname: Cisco's _collab-edge._tls.<domain> and RFC 4985's _Service.Name pass") {
    const auto result = judged({other_name(srvname_oid, "_collab-edge._tls.example.com")});
    CHECK(result.subject.name() == "leaf");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "every SRVName is well formed");
    CHECK(judged({other_name(srvname_oid, "_collab-edge.example.com")}).status == Status::pass);
}

TEST_CASE("cert.srvname: an SRVName not in IA5String or not of the form _Service.Name fails") {
    const auto utf8 = judged({other_name(srvname_oid, "_collab-edge._tls.example.com", "UTF8String")});
    CHECK(utf8.status == Status::fail);
    CHECK(utf8.message == "SRVName '_collab-edge._tls.example.com' is encoded as UTF8String, not IA5String");

    const auto malformed = judged(
        {other_name(srvname_oid, "_collab-edge._tls.example.com"), other_name(srvname_oid, "collab-edge.example.com")});
    CHECK(malformed.status == Status::fail);
    CHECK(mentions(malformed.message, "SRVName 'collab-edge.example.com' is not of the form _Service.Name"));
}

TEST_CASE("cert.srvname: a well-formed SRVName of another domain is information (a multi-domain certificate)") {
    const auto result = judged({other_name(srvname_oid, "_collab-edge._tls.example.com"),
                                other_name(srvname_oid, "_collab-edge._tls.example.org")});
    CHECK(result.status == Status::info);
    CHECK(mentions(result.message, "_collab-edge._tls.example.org names another domain than example.com"));
}

TEST_CASE("cert.srvname: a certificate without SRVName is not applicable, an XmppAddr is not one") {
    CHECK(judged({}).status == Status::not_applicable);
    CHECK(judged({other_name(xmppaddr_oid, "example.com", "UTF8String")}).status == Status::not_applicable);
}

TEST_CASE("cert.srvname: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.srvname", "leaf");
}
