// cert.subject-oids: only DN attributes Expressway can decode (Expressway Certificate Guide X14.3,
// Troubleshooting: unknown OIDs break SSH tunnels).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// The EV jurisdiction-of-incorporation country (CA/Browser Forum EV Guidelines), which has no standard short name.
const mra::facts::NameAttribute jurisdiction{"1.3.6.1.4.1.311.60.2.1.3", "", "US"};

}  // namespace

TEST_CASE("cert.subject-oids: CN, O and C in subject and issuer pass") {
    const auto result = only_result("cert.subject-oids", offline(healthy_chain()));
    CHECK(result.subject.name() == "leaf");
    CHECK(result.status == Status::pass);
}

TEST_CASE("cert.subject-oids: an attribute without a standard name in the subject or issuer fails, naming it") {
    for (const bool in_subject : {true, false}) {
        CAPTURE(in_subject);
        auto cert = leaf();
        (in_subject ? cert.subject_attributes : cert.issuer_attributes).push_back(jurisdiction);
        const auto result = only_result("cert.subject-oids", offline(leaf_chain(cert)));
        CHECK(result.status == Status::fail);
        CHECK(result.message == std::string("undecodable attribute ") + (in_subject ? "subject" : "issuer") +
                                    " 1.3.6.1.4.1.311.60.2.1.3=US");
    }
}

TEST_CASE("cert.subject-oids: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.subject-oids", "leaf");
}
