#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("uds.devices: a Jabber softphone among the user's devices passes, naming it") {
    auto facts = sign_in::healthy();
    const auto results = mra::test::run_check("uds.devices", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "softphone TestOneJabber");
    REQUIRE(results[0].evidence["devices"].size() == 1);
    CHECK(results[0].evidence["devices"][0]["model"] == "Cisco Unified Client Services Framework");

    // A mobile client recognised by its product, beside a desk phone.
    auto& devices = sign_in::walked(facts).uds.device_list;
    devices.push_back({.name = "BOTTEST1", .model = "", .product = "Cisco Dual Mode for iPhone", .protocol = "SIP"});
    devices.push_back({.name = "SEP001122334455", .model = "Cisco 8865", .product = "Cisco 8865", .protocol = "SIP"});
    CHECK(mra::test::run_check("uds.devices", facts)[0].message == "softphone TestOneJabber, BOTTEST1");
}

TEST_CASE("uds.devices: a user with desk phones only fails, naming them") {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).uds.device_list = {
        {.name = "SEP001122334455", .model = "Cisco 8865", .product = "Cisco 8865", .protocol = "SIP"}};
    const auto results = mra::test::run_check("uds.devices", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(
        results[0].message.starts_with("the user has no Jabber softphone (model Cisco Unified Client Services "
                                       "Framework"));
    CHECK(results[0].message.ends_with(", only SEP001122334455"));

    sign_in::walked(facts).uds.device_list.clear();
    const auto none = mra::test::run_check("uds.devices", facts);
    CHECK(none[0].status == mra::Status::fail);
    CHECK(none[0].message.ends_with("or Cisco Jabber for Tablet)"));
}

TEST_CASE("uds.devices: a devices request refused fails with its cause") {
    auto facts = sign_in::healthy();
    auto& devices = sign_in::walked(facts).uds.devices;
    devices = sign_in::with_status(devices, 401);
    const auto results = mra::test::run_check("uds.devices", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message.starts_with(
        "cucm-uds/user/test1/devices on https://cucm.example.com:8443: 401 Unauthorized (realm Cisco-Edge): the "
        "user name or password is wrong"));
}

TEST_CASE("uds.devices: not run without a signed-in session, or when the request was not sent") {
    sign_in::check_not_run_without_session("uds.devices");

    auto facts = sign_in::healthy();
    auto& devices = sign_in::walked(facts).uds.devices;
    devices = sign_in::not_sent(devices, "clusterUser did not find the user");
    sign_in::walked(facts).uds.device_list.clear();
    const auto results = mra::test::run_check("uds.devices", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "clusterUser did not find the user");
}
