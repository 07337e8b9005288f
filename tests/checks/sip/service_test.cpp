#include <doctest/doctest.h>

#include "support/check_runner.hpp"
#include "tests/checks/sip/sip_facts.hpp"

namespace {

using mra::test::sip_facts;

using mra::Status;
using mra::facts::SipExchange;
using mra::facts::SipOutcome;

const SipExchange challenged{.method = "REGISTER",
                             .outcome = SipOutcome::response,
                             .status = 407,
                             .reason = "Proxy Authentication Required",
                             .challenge_scheme = "Digest",
                             .challenge_realm = "expe1.example.com"};

SipExchange registered(int status, std::string reason, std::string purpose = "register") {
    return {.method = "REGISTER",
            .purpose = std::move(purpose),
            .outcome = SipOutcome::response,
            .status = status,
            .reason = std::move(reason)};
}

// sip.service's one finding on an edge that answered these exchanges.
mra::Result service_after(const std::vector<SipExchange>& exchanges) {
    return mra::test::only_result("sip.service", sip_facts(exchanges));
}

}  // namespace

TEST_CASE("sip.service: 200 to the authenticated REGISTER passes and says it unregistered") {
    auto ok = registered(200, "OK");
    ok.expires = 120;
    const auto result = service_after({challenged, ok, registered(200, "OK", "unregister")});
    CHECK(result.status == Status::pass);
    CHECK(result.message.find("registered as CSFTEST1") == 0);
    CHECK(result.message.find("unregistered at once (200)") != std::string::npos);
    CHECK(result.evidence["unregister"] == "200 OK");
}

TEST_CASE("sip.service: each failure names the response and its likely meaning, by code") {
    CHECK(service_after({challenged, registered(407, "Proxy Authentication Required")})
              .message.find("credentials were refused") != std::string::npos);
    CHECK(service_after({challenged, registered(403, "Whatever")}).message.find("delegated check") !=
          std::string::npos);
    CHECK(service_after({challenged, registered(404, "Not Found")}).message.find("does not know the device CSFTEST1") !=
          std::string::npos);
    CHECK(service_after({challenged, registered(408, "Request Timeout")}).message.find("timed out") !=
          std::string::npos);
    // RFC 8224 renamed 437: the reason phrase is not what is judged.
    const auto renamed = service_after({challenged, registered(503, "Something Else")});
    CHECK(renamed.status == Status::fail);
    CHECK(renamed.message.find("unavailable") != std::string::npos);
    const auto silent =
        service_after({challenged, SipExchange{.method = "REGISTER",
                                               .purpose = "register",
                                               .outcome = SipOutcome::no_response,
                                               .error = "no final response to REGISTER within 5000 ms"}});
    CHECK(silent.status == Status::fail);
    CHECK(silent.message.find("like a 408") != std::string::npos);
}

TEST_CASE("sip.service: not run without a test user, with --no-register, or against SIP OAuth") {
    CHECK(service_after({challenged}).status == Status::not_run);
    CHECK(service_after({challenged}).message.find("--user") != std::string::npos);
    const auto skipped =
        service_after({challenged, SipExchange{.method = "REGISTER",
                                               .purpose = "register",
                                               .error = "not sent: --no-register: the registration was skipped"}});
    CHECK(skipped.status == Status::not_run);
    CHECK(skipped.message.find("--no-register") != std::string::npos);
    auto bearer = challenged;
    bearer.challenge_scheme = "Bearer";
    const auto oauth =
        service_after({bearer, SipExchange{.method = "REGISTER", .purpose = "register", .error = "not sent"}});
    CHECK(oauth.status == Status::not_run);
    CHECK(oauth.message.find("SIP OAuth") != std::string::npos);
}

TEST_CASE("sip.service: an old capture with a client-sent SERVICE is not judged as a registration") {
    const auto result =
        service_after({challenged, SipExchange{.method = "SERVICE", .outcome = SipOutcome::response, .status = 200}});
    CHECK(result.status == Status::not_run);
}
