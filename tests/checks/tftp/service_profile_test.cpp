#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("tftp.service-profile: the profile the user record names was fetched, or the default one when none") {
    auto facts = sign_in::healthy();
    const auto named = mra::test::run_check("tftp.service-profile", facts);
    REQUIRE(named.size() == 1);
    CHECK(named[0].subject.name() == sign_in::edge_subject);
    CHECK(named[0].status == mra::Status::pass);
    CHECK(named[0].message ==
          sign_in::service_profile_file + " from http://cucm.example.com:6970 (named by the user record)");

    auto& session = sign_in::walked(facts);
    session.uds.record.service_profile_uri.clear();
    session.tftp.service_profile = sign_in::answered("SPDefault.cnf.xml", sign_in::tftp_tunnel);
    const auto fallback = mra::test::run_check("tftp.service-profile", facts);
    CHECK(fallback[0].status == mra::Status::pass);
    CHECK(fallback[0].message ==
          "SPDefault.cnf.xml from http://cucm.example.com:6970 (the user record names none: the default profile)");
}

TEST_CASE("tftp.service-profile: a profile the allow list refuses fails, naming the cause") {
    auto facts = sign_in::healthy();
    auto& file = sign_in::walked(facts).tftp.service_profile;
    file = sign_in::with_status(file, 403);
    const auto results = mra::test::run_check("tftp.service-profile", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message == sign_in::service_profile_file +
                                    " on http://cucm.example.com:6970: 403 Forbidden: Expressway-C's HTTP allow list "
                                    "lacks this server, or the Expressway clocks are out of sync (NTP)");
}

TEST_CASE("tftp.service-profile: not run without a signed-in session, or when the request was not sent") {
    sign_in::check_not_run_without_session("tftp.service-profile");

    auto facts = sign_in::healthy();
    auto& file = sign_in::walked(facts).tftp.service_profile;
    file = sign_in::not_sent(file, "cucm-uds/user/test1 failed");
    const auto results = mra::test::run_check("tftp.service-profile", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "cucm-uds/user/test1 failed");
}
