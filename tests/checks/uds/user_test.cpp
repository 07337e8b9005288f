#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("uds.user: the user record names the service and Jabber profiles and IM and Presence") {
    auto facts = sign_in::healthy();
    const auto results = mra::test::run_check("uds.user", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "service profile http://cucm.example.com:6970/" + sign_in::service_profile_file +
                                    ", Jabber profile https://cucm.example.com:6972/" + sign_in::jabber_profile_file +
                                    "; enabled for IM and Presence");
    CHECK(results[0].evidence["im_and_presence"] == true);

    // A record before CUCM 12.5 (no Jabber profile) that does not say whether IM and Presence is on.
    auto& record = sign_in::walked(facts).uds.record;
    record.jabber_profile_uri.clear();
    record.im_and_presence.reset();
    const auto older = mra::test::run_check("uds.user", facts);
    CHECK(older[0].status == mra::Status::pass);
    CHECK(older[0].message == "service profile http://cucm.example.com:6970/" + sign_in::service_profile_file);
    CHECK(older[0].evidence["im_and_presence"].is_null());

    record.im_and_presence = false;
    CHECK(mra::test::run_check("uds.user", facts)[0].message.ends_with("; not enabled for IM and Presence"));
}

TEST_CASE("uds.user: a record without a service profile fails, naming the server") {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).uds.record.service_profile_uri.clear();
    const auto results = mra::test::run_check("uds.user", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message.starts_with(
        "the user record on https://cucm.example.com:8443 names no service profile: Jabber learns its services"));
}

TEST_CASE("uds.user: a record not found fails with the status") {
    auto facts = sign_in::healthy();
    auto& user = sign_in::walked(facts).uds.user;
    user = sign_in::with_status(user, 404);
    const auto results = mra::test::run_check("uds.user", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message.starts_with("cucm-uds/user/test1 on https://cucm.example.com:8443: 404 Not Found"));
    // The record's profiles are not evidence of a request that did not answer.
    CHECK(!results[0].evidence.contains("service_profile"));
}

TEST_CASE("uds.user: not run without a signed-in session, or when the request was not sent") {
    sign_in::check_not_run_without_session("uds.user");

    auto facts = sign_in::healthy();
    auto& user = sign_in::walked(facts).uds.user;
    user = sign_in::not_sent(user, "clusterUser did not find the user");
    const auto results = mra::test::run_check("uds.user", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "clusterUser did not find the user");
}
