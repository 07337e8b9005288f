// sip.options: any final response to OPTIONS over the TLS connection shows a SIP stack answers.

#include <doctest/doctest.h>

#include "support/check_runner.hpp"
#include "tests/checks/sip/sip_facts.hpp"

namespace {

using mra::Status;
using mra::facts::SipExchange;
using mra::facts::SipOutcome;

SipExchange options(SipOutcome outcome, int status = 0, std::string reason = "", std::string error = "") {
    return {.method = "OPTIONS",
            .outcome = outcome,
            .error = std::move(error),
            .status = status,
            .reason = std::move(reason),
            .server = status ? "TANDBERG/4352 (X15.0.2)" : ""};
}

}  // namespace

TEST_CASE("sip.options: a final response passes, naming status and server, whatever the status") {
    const auto ok =
        mra::test::only_result("sip.options", mra::test::sip_facts({options(SipOutcome::response, 200, "OK")}));
    CHECK(ok.subject.name() == "expe1.example.com:5061");
    CHECK(ok.status == Status::pass);
    CHECK(ok.message == "OPTIONS answered 200 OK by TANDBERG/4352 (X15.0.2)");
    CHECK(ok.evidence["status"] == "200 OK");

    // 405 still shows a SIP stack that parsed the request and answered (RFC 3261 §11.2).
    CHECK(mra::test::only_result("sip.options",
                                 mra::test::sip_facts({options(SipOutcome::response, 405, "Method Not Allowed")}))
              .status == Status::pass);
}

TEST_CASE("sip.options: silence, a closed connection or a malformed answer fails, saying which") {
    const auto silent = mra::test::only_result(
        "sip.options", mra::test::sip_facts({options(SipOutcome::no_response, 0, "", "nothing within 5000 ms")}));
    CHECK(silent.status == Status::fail);
    CHECK(silent.message == "OPTIONS got no final response (nothing within 5000 ms)");

    const auto closed =
        mra::test::only_result("sip.options", mra::test::sip_facts({options(SipOutcome::connection_closed)}));
    CHECK(closed.status == Status::fail);
    CHECK(closed.message == "the server closed the connection instead of answering OPTIONS");

    const auto garbage = mra::test::only_result(
        "sip.options", mra::test::sip_facts({options(SipOutcome::malformed, 0, "", "no SIP/2.0 status line")}));
    CHECK(garbage.status == Status::fail);
    CHECK(garbage.message == "the answer to OPTIONS is not a SIP response: no SIP/2.0 status line");
}

TEST_CASE("sip.options: not_run without the TLS connection, or when no OPTIONS was sent") {
    auto refused = mra::test::sip_facts({});
    refused.sip[0].tls.outcome = mra::facts::TransportOutcome::refused;
    const auto no_tls = mra::test::only_result("sip.options", refused);
    CHECK(no_tls.status == Status::not_run);
    CHECK(no_tls.message == "needs the TLS connection that sip.tls could not open");

    const auto unsent = mra::test::only_result("sip.options", mra::test::sip_facts({}));
    CHECK(unsent.status == Status::not_run);
    CHECK(unsent.message == "no OPTIONS was sent");
}
