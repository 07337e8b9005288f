#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

namespace {

// Every tunnelled UDS and TFTP request of the session.
std::vector<mra::facts::HttpExchange*> tunnelled(mra::facts::EdgeSession& session) {
    auto& uds = session.uds;
    auto& tftp = session.tftp;
    return {&uds.version,
            &uds.cluster_user,
            &uds.servers,
            &uds.user,
            &uds.devices,
            &tftp.device_config,
            &tftp.service_profile,
            &tftp.jabber_profile,
            &tftp.jabber_config,
            &tftp.app_dial_rules,
            &tftp.directory_dial_rules};
}

// A voicemail server the service profile names, and how its one request was answered.
mra::facts::NamedServer voicemail(int status) {
    auto probe = sign_in::with_status(sign_in::answered("/", "https://vm.example.com:443"), status);
    return {.role = "voicemail", .named = "vm.example.com", .source = sign_in::service_profile_file, .probe = probe};
}

}  // namespace

TEST_CASE("edge.allow-list: every tunnelled request relayed passes, naming the servers reached") {
    auto facts = sign_in::healthy();
    // A 404 was relayed too: the allow list let it through.
    auto& jabber_config = sign_in::walked(facts).tftp.jabber_config;
    jabber_config = sign_in::with_status(jabber_config, 404);
    sign_in::walked(facts).tftp.named_servers = {voicemail(200)};
    const auto results = mra::test::run_check("edge.allow-list", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message ==
          "tunnelled requests to http://cucm.example.com:6970, https://cucm.example.com:6972, "
          "https://cucm.example.com:8443 were relayed");
    CHECK(results[0].evidence["forbidden"].empty());
}

TEST_CASE("edge.allow-list: a tunnelled request refused with 403 fails, naming the server") {
    auto facts = sign_in::healthy();
    auto& service_profile = sign_in::walked(facts).tftp.service_profile;
    service_profile = sign_in::with_status(service_profile, 403);
    const auto results = mra::test::run_check("edge.allow-list", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message ==
          "tunnelled requests to http://cucm.example.com:6970 answer 403: Expressway-C's HTTP "
          "allow list does not let them through");
    CHECK(results[0].evidence["forbidden"] == std::vector<std::string>{"http://cucm.example.com:6970"});
}

TEST_CASE("edge.allow-list: a 403 from another server a profile names warns, naming it and who names it") {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).tftp.named_servers = {voicemail(403)};
    const auto results = mra::test::run_check("edge.allow-list", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::warn);
    CHECK(results[0].message == "requests to https://vm.example.com:443 (voicemail, named by " +
                                    sign_in::service_profile_file +
                                    ") answer 403: Expressway-C's HTTP allow list does not let Jabber reach them");
}

TEST_CASE("edge.allow-list: not run when no tunnelled request got an answer, or without a session") {
    auto facts = sign_in::healthy();
    for (auto* exchange : tunnelled(sign_in::walked(facts)))
        *exchange = sign_in::not_sent(*exchange, "no UDS server to ask");
    const auto results = mra::test::run_check("edge.allow-list", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::not_run);
    CHECK(results[0].message == "no tunnelled request got an answer to judge");

    sign_in::check_not_run_without_session("edge.allow-list");
}
