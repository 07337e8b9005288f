#include <doctest/doctest.h>

#include "facts/expressway_version.hpp"
#include "facts/json.hpp"

using mra::facts::expressway_version_in_header;
using mra::facts::ExpresswayVersion;
using mra::facts::parse_expressway_version;

TEST_CASE("parse_expressway_version: X15.4, X15.4.0, 15.4 alike, junk refused") {
    for (const char* text : {"X15.4", "X15.4.0", "15.4", "x15.4", " X15.4.0 ", "15.4.0"}) {
        CAPTURE(text);
        const auto version = parse_expressway_version(text);
        REQUIRE(version.has_value());
        CHECK(*version == ExpresswayVersion{15, 4, 0});
        CHECK(version->text() == "X15.4.0");
    }
    CHECK(parse_expressway_version("X14.0.2")->text() == "X14.0.2");
    for (const char* junk : {"", "X", "X15", "15", "X15.4.0.1", "X15.4a", "X15..4", "Y15.4", "X-15.4", "X15.4 beta",
                             "X1500.4", "X0.4", "latest"}) {
        CAPTURE(junk);
        CHECK_FALSE(parse_expressway_version(junk).has_value());
    }
}

TEST_CASE("expressway_version_in_header: the version an Expressway names in its SIP Server header") {
    CHECK(expressway_version_in_header("TANDBERG/4352 (X15.4.0)") == ExpresswayVersion{15, 4, 0});
    CHECK(expressway_version_in_header("TANDBERG/4352 (X14.0.2)") == ExpresswayVersion{14, 0, 2});
    CHECK(expressway_version_in_header("TANDBERG/4352 (X15.5)") == ExpresswayVersion{15, 5, 0});
    CHECK(expressway_version_in_header("TANDBERG/4352 (X15.4.1 RC2)") == ExpresswayVersion{15, 4, 1});
    CHECK(expressway_version_in_header("Cisco-SIPGateway (comment) TANDBERG/4352 (X12.6.2)") ==
          ExpresswayVersion{12, 6, 2});
    for (const char* none : {"", "TANDBERG/4352", "kamailio (5.6.3 (x86_64/linux))", "TANDBERG/4352 (X)",
                             "TANDBERG/4352 (XYZ)", "Cisco-CUCM14.0"}) {
        CAPTURE(none);
        CHECK_FALSE(expressway_version_in_header(none).has_value());
    }
}

TEST_CASE("the declared Expressway version survives a capture, an older capture without it still loads") {
    mra::facts::Facts facts;
    facts.target = "example.com";
    facts.expressway_version = "X15.4.0";
    const auto json = mra::facts::to_json(facts);
    CHECK(json["expressway_version"] == "X15.4.0");
    CHECK(mra::facts::facts_from_json(json).expressway_version == "X15.4.0");

    auto old = json;
    old.erase("expressway_version");
    CHECK(mra::facts::facts_from_json(old).expressway_version.empty());
}
