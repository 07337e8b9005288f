#include "util/time.hpp"

#include <doctest/doctest.h>

TEST_CASE("RFC 3339 round trip and forms") {
    CHECK(mra::parse_rfc3339("2027-01-15T00:00:00Z") == 1799971200);
    CHECK(mra::rfc3339(1799971200) == "2027-01-15T00:00:00Z");
    CHECK(mra::parse_rfc3339("2027-01-15") == 1799971200);
    CHECK(mra::parse_rfc3339("2027-01-15T01:00:00+01:00") == 1799971200);
    CHECK(mra::parse_rfc3339("2027-01-14T19:00:00.250-05:00") == 1799971200);
    CHECK(mra::parse_rfc3339("1970-01-01T00:00:00Z") == 0);
    CHECK(mra::rfc3339_ms(1799971200123) == "2027-01-15T00:00:00.123Z");
}

TEST_CASE("malformed times are refused") {
    for (const char* text : {"", "tomorrow", "2027-13-01", "2027-02-30", "2027-01-15T25:00:00Z", "2027-01-15T00:00:00",
                             "2027-01-15T00:00Z", "2027-01-15T00:00:00+0100", "2027-01-15T00:00:00.Z"}) {
        CAPTURE(text);
        CHECK_FALSE(mra::parse_rfc3339(text).has_value());
    }
}

TEST_CASE("an HTTP Date is read in its IMF-fixdate form only") {
    CHECK(mra::parse_http_date("Fri, 15 Jan 2027 00:00:00 GMT") == 1799971200);
    CHECK(mra::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784111777);
    CHECK_FALSE(mra::parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));  // RFC 850: obsolete
    CHECK_FALSE(mra::parse_http_date("Sun Nov  6 08:49:37 1994"));        // asctime: obsolete
    CHECK_FALSE(mra::parse_http_date("Fri, 15 Foo 2027 00:00:00 GMT"));
    CHECK_FALSE(mra::parse_http_date("Fri, 31 Feb 2027 00:00:00 GMT"));
    CHECK_FALSE(mra::parse_http_date("Fri, 15 Jan 2027 00:00:00 UTC"));
    CHECK_FALSE(mra::parse_http_date(""));
}

TEST_CASE("a relative time is a sign, a whole number and one unit") {
    constexpr std::int64_t now = 1799971200;
    CHECK(mra::parse_relative_time("+30d", now) == now + 30 * 86400);
    CHECK(mra::parse_relative_time("-12h", now) == now - 12 * 3600);
    CHECK(mra::parse_relative_time("+2w", now) == now + 14 * 86400);
    CHECK(mra::parse_relative_time("+90m", now) == now + 90 * 60);
    CHECK_FALSE(mra::parse_relative_time("30d", now));
    CHECK_FALSE(mra::parse_relative_time("+d", now));
    CHECK_FALSE(mra::parse_relative_time("+3.5d", now));
    CHECK_FALSE(mra::parse_relative_time("+30y", now));
    CHECK_FALSE(mra::parse_relative_time("+999999999w", now));
    CHECK_FALSE(mra::parse_relative_time("", now));
}

TEST_CASE("days between two times are whole days toward zero, as cert.expiry counts days_left") {
    constexpr std::int64_t now = 1799971200, day = 86400;
    CHECK(mra::days_between(now, now + 10 * day + 3600) == 10);
    CHECK(mra::days_between(now, now + day - 1) == 0);
    CHECK(mra::days_between(now, now - 1) == 0);
    CHECK(mra::days_between(now, now - 3 * day - 60) == -3);
}

TEST_CASE("milliseconds as decimal seconds") {
    CHECK(mra::decimal_seconds(1234) == "1.234");
    CHECK(mra::decimal_seconds(5) == "0.005");
    CHECK(mra::decimal_seconds(1800000001234) == "1800000001.234");
}
