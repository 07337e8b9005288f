// cert.wildcard: no wildcard in the CN or SAN (Cisco, Configure and Troubleshoot Collaboration Edge (MRA)
// Certificates (213872)).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

TEST_CASE("cert.wildcard: explicit names pass") {
    const auto result = only_result("cert.wildcard", offline(healthy_chain()));
    CHECK(result.subject.name() == "leaf");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "no wildcard names");
}

TEST_CASE("cert.wildcard: a wildcard SAN fails, naming it") {
    auto cert = leaf();
    cert.san.dns = {"expe1.example.com", "example.com", "*.example.com"};
    const auto result = only_result("cert.wildcard", offline(leaf_chain(cert)));
    CHECK(result.status == Status::fail);
    CHECK(result.message == "wildcard name DNS:*.example.com");
}

TEST_CASE("cert.wildcard: a wildcard CN fails too, and every wildcard is listed") {
    auto cert = leaf();
    cert.common_name = "*.example.com";
    cert.san.dns = {"*.example.com", "example.com"};
    const auto result = only_result("cert.wildcard", offline(leaf_chain(cert)));
    CHECK(result.status == Status::fail);
    CHECK(result.message == "wildcard name CN=*.example.com");
    CHECK(result.evidence["wildcards"].size() == 2);
}

TEST_CASE("cert.wildcard: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.wildcard", "leaf");
}
