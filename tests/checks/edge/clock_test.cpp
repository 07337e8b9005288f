#include <doctest/doctest.h>

#include "support/check_runner.hpp"
#include "util/time.hpp"

namespace {

using mra::Status;

constexpr std::int64_t now = 1800000000;  // 2027-01-15T08:00:00Z

std::string date_at(std::int64_t seconds) {
    // RFC 9110 IMF-fixdate, built from the RFC 3339 form.
    static constexpr const char* days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 a Thursday
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::string iso = mra::rfc3339(seconds);  // YYYY-MM-DDTHH:MM:SSZ
    return std::string(days[(seconds / 86400) % 7]) + ", " + iso.substr(8, 2) + " " +
           months[std::stoi(iso.substr(5, 2)) - 1] + " " + iso.substr(0, 4) + " " + iso.substr(11, 8) + " GMT";
}

// A signed-in run through expe1 whose get_edge_config Date is `config_skew` off local UTC and whose
// SIP answers' Date is `sip_skew` off.
mra::facts::Facts clocks(std::int64_t config_skew, std::int64_t sip_skew) {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.dns = mra::facts::DnsFacts{};
    facts.edges.push_back({.service = "collab-edge",
                           .host = "expe1.example.com",
                           .port = 8443,
                           .outcome = mra::facts::TransportOutcome::established});
    mra::facts::EdgeSession session{.host = "expe1.example.com", .port = 8443};
    session.edge_config = {.resource = "get_edge_config",
                           .outcome = mra::facts::HttpOutcome::response,
                           .status = 200,
                           .date = date_at(now + config_skew),
                           .received_at = now};
    facts.sign_in = mra::facts::SignIn{.user = "test1", .sessions = {session}};
    mra::facts::SipEndpoint sip;
    sip.tls.host = "expe1.example.com";
    sip.tls.port = 5061;
    sip.tls.service = "sip";
    sip.exchanges.push_back({.method = "OPTIONS",
                             .outcome = mra::facts::SipOutcome::response,
                             .status = 200,
                             .date = date_at(now + sip_skew),
                             .received_at = now});
    facts.sip = {sip};
    return facts;
}

}  // namespace

TEST_CASE("edge.clock: three clocks within 60 s pass, and the evidence names which is which") {
    const auto results = mra::test::run_check("edge.clock", clocks(5, -3));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == Status::pass);
    CHECK(results[0].message.find("most likely Expressway-C's") != std::string::npos);
    CHECK(results[0].message.find("the Expressway-E's own clock") != std::string::npos);
    CHECK(results[0].evidence["between_seconds"] == 8);
}

TEST_CASE("edge.clock: more than 60 s between any two clocks fails, naming the two") {
    SUBCASE("Expressway-E against local UTC") {
        const auto results = mra::test::run_check("edge.clock", clocks(0, 120));
        CHECK(results.at(0).status == Status::fail);
        CHECK(results.at(0).message.find("the Expressway-E's own clock (Date of its SIP OPTIONS answer) is 120 s ahead "
                                         "of local UTC") != std::string::npos);
    }
    SUBCASE("Expressway-C against Expressway-E, each within 60 s of local UTC") {
        const auto results = mra::test::run_check("edge.clock", clocks(-40, 40));
        CHECK(results.at(0).status == Status::fail);
        CHECK(results.at(0).message.find("is 80 s behind the Expressway-E's own clock") != std::string::npos);
    }
}

TEST_CASE("edge.clock: without a sign-in the SIP answers' clock alone is judged") {
    auto facts = clocks(0, 0);
    facts.sign_in.reset();
    const auto results = mra::test::run_check("edge.clock", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == "expe1.example.com:5061");
    CHECK(results[0].status == Status::pass);
}
