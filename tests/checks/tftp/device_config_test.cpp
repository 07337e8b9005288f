#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("tftp.device-config: the softphone's configuration file was fetched, naming it and its server") {
    const auto results = mra::test::run_check("tftp.device-config", sign_in::healthy());
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "TestOneJabber.cnf.xml from http://cucm.example.com:6970");
}

TEST_CASE("tftp.device-config: a file not found or not XML fails, naming it") {
    auto facts = sign_in::healthy();
    auto& file = sign_in::walked(facts).tftp.device_config;
    file = sign_in::with_status(file, 404);
    const auto missing = mra::test::run_check("tftp.device-config", facts);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].status == mra::Status::fail);
    CHECK(missing[0].message.starts_with("TestOneJabber.cnf.xml on http://cucm.example.com:6970: 404 Not Found"));

    file = sign_in::answered("TestOneJabber.cnf.xml", sign_in::tftp_tunnel);
    file.xml_error = "not well-formed XML: mismatched tag at line 3";
    const auto malformed = mra::test::run_check("tftp.device-config", facts);
    CHECK(malformed[0].status == mra::Status::fail);
    CHECK(malformed[0].message.ends_with(
        "answered 200 but the body is unusable: not well-formed XML: mismatched tag at line 3"));
}

TEST_CASE("tftp.device-config: not run without a signed-in session, or without a softphone to ask for") {
    sign_in::check_not_run_without_session("tftp.device-config");

    auto facts = sign_in::healthy();
    auto& file = sign_in::walked(facts).tftp.device_config;
    file = sign_in::not_sent(file, "the user has no softphone with a provision URI");
    const auto results = mra::test::run_check("tftp.device-config", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "the user has no softphone with a provision URI");
}
