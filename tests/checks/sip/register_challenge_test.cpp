#include <doctest/doctest.h>

#include "support/check_runner.hpp"
#include "tests/checks/sip/sip_facts.hpp"

namespace {

using mra::test::sip_facts;

using mra::facts::SipExchange;
using mra::facts::SipOutcome;

}  // namespace

TEST_CASE("sip.register-challenge: a 407 with a Digest challenge passes") {
    const auto results = mra::test::run_check(
        "sip.register-challenge",
        sip_facts({{.method = "OPTIONS", .outcome = SipOutcome::response, .status = 200, .reason = "OK"},
                   {.method = "REGISTER",
                    .outcome = SipOutcome::response,
                    .status = 407,
                    .reason = "Proxy Authentication Required",
                    .challenge_scheme = "Digest",
                    .challenge_realm = "expe1.example.com"}}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == "expe1.example.com:5061");
    CHECK(results[0].status == mra::Status::pass);
}

TEST_CASE("sip.register-challenge: a REGISTER never sent is not run, with the reason, not a second failure") {
    const std::string why = "not sent: the connection ended during OPTIONS: SIP header section exceeds 200 lines";
    const auto results = mra::test::run_check(
        "sip.register-challenge",
        sip_facts(
            {{.method = "OPTIONS", .outcome = SipOutcome::too_large, .error = "SIP header section exceeds 200 lines"},
             {.method = "REGISTER", .outcome = SipOutcome::not_sent, .error = why}}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == why);
}

TEST_CASE("sip.register-challenge: a REGISTER that got no answer fails") {
    const auto results = mra::test::run_check("sip.register-challenge",
                                              sip_facts({{.method = "REGISTER",
                                                          .outcome = SipOutcome::no_response,
                                                          .error = "no final response to REGISTER within 5000 ms"}}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message.find("no final response to REGISTER") != std::string::npos);
}
