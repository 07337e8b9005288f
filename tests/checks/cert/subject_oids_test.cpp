// cert.subject-oids: only DN attributes Expressway can decode (Expressway Certificate Creation and Use
// Deployment Guide X15.0, Troubleshooting: an OID shown as a bare number breaks SSH tunnels; a decoded
// EV jurisdiction attribute is valid).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// The guide's own example of an attribute Expressway prints as a number: OpenSSL has no name for it.
const mra::facts::NameAttribute unnamed{"1.3.6.1.4.1.6449.1.2.1.5.1", "", "x"};
// The EV jurisdiction-of-incorporation country, which OpenSSL names.
const mra::facts::NameAttribute jurisdiction{"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", "US"};

}  // namespace

TEST_CASE("cert.subject-oids: CN, O and C in subject and issuer pass") {
    const auto result = only_result("cert.subject-oids", offline(healthy_chain()));
    CHECK(result.subject.name() == "leaf");
    CHECK(result.status == Status::pass);
}

TEST_CASE("cert.subject-oids: an attribute OpenSSL cannot name in the subject or issuer fails, naming it") {
    for (const bool in_subject : {true, false}) {
        CAPTURE(in_subject);
        auto cert = leaf();
        (in_subject ? cert.subject_attributes : cert.issuer_attributes).push_back(unnamed);
        const auto result = only_result("cert.subject-oids", offline(leaf_chain(cert)));
        CHECK(result.status == Status::fail);
        CHECK(result.message == std::string("undecodable attribute ") + (in_subject ? "subject" : "issuer") +
                                    " 1.3.6.1.4.1.6449.1.2.1.5.1=x");
    }
}

TEST_CASE("cert.subject-oids: EV attributes with a name pass") {
    auto cert = leaf();
    cert.subject_attributes.push_back(jurisdiction);
    cert.issuer_attributes.push_back(jurisdiction);
    CHECK(only_result("cert.subject-oids", offline(leaf_chain(cert))).status == Status::pass);
}

TEST_CASE("cert.subject-oids: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.subject-oids", "leaf");
}
