#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("tftp.dial-rules: both dial rule files are well-formed, one finding each") {
    const auto results = mra::test::run_check("tftp.dial-rules", sign_in::healthy());
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject.name() == sign_in::edge_subject + " CUPC/AppDialRules.xml");
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "CUPC/AppDialRules.xml is well-formed XML");
    CHECK(results[1].subject.name() == sign_in::edge_subject + " CUPC/DirLookupDialRules.xml");
    CHECK(results[1].status == mra::Status::pass);
    CHECK(results[1].message == "CUPC/DirLookupDialRules.xml is well-formed XML");
}

TEST_CASE("tftp.dial-rules: a file not published or malformed is info only (dial rules are optional)") {
    auto facts = sign_in::healthy();
    auto& tftp = sign_in::walked(facts).tftp;
    tftp.app_dial_rules = sign_in::with_status(tftp.app_dial_rules, 404);
    tftp.directory_dial_rules.xml_error = "not well-formed XML: no element found";
    const auto results = mra::test::run_check("tftp.dial-rules", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == mra::Status::info);
    CHECK(results[0].message.starts_with("CUPC/AppDialRules.xml on http://cucm.example.com:6970: 404 Not Found"));
    CHECK(results[1].status == mra::Status::info);
    CHECK(results[1].message.ends_with("the body is unusable: not well-formed XML: no element found"));
}

TEST_CASE("tftp.dial-rules: not run without a signed-in session, or when the requests were not sent") {
    sign_in::check_not_run_without_session("tftp.dial-rules");

    auto facts = sign_in::healthy();
    auto& tftp = sign_in::walked(facts).tftp;
    tftp.app_dial_rules = sign_in::not_sent(tftp.app_dial_rules, "no TFTP server to ask");
    const auto results = mra::test::run_check("tftp.dial-rules", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "no TFTP server to ask");
    CHECK(results[1].status == mra::Status::pass);
}
