#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

namespace {

mra::facts::EdgeService& service_named(mra::facts::Facts& facts, const std::string& name) {
    for (auto& service : sign_in::walked(facts).config->services)
        if (service.name == name) return service;
    throw std::logic_error("no service " + name);
}

}  // namespace

TEST_CASE("edge.services: every service with a server passes, and a NameError beside _cisco-uds is info") {
    auto facts = sign_in::healthy();
    // As in a real getEdgeConfigResponse: _cisco-phone-tftp with NameError, _cisco-uds with its server.
    const auto usual = mra::test::run_check("edge.services", facts);
    REQUIRE(usual.size() == 1);
    CHECK(usual[0].subject.name() == sign_in::edge_subject);
    CHECK(usual[0].status == mra::Status::info);
    CHECK(usual[0].message ==
          "_cisco-uds has its server; _cisco-phone-tftp: NameError (harmless: Jabber over MRA needs neither)");

    auto& services = sign_in::walked(facts).config->services;
    services.erase(services.begin());  // _cisco-phone-tftp
    const auto all = mra::test::run_check("edge.services", facts);
    CHECK(all[0].status == mra::Status::pass);
    CHECK(all[0].message == "every service has a server, _cisco-uds: cucm.example.com");
    CHECK(all[0].evidence["user_uds_server"] == true);
}

TEST_CASE("edge.services: _cisco-uds without a server is info when userUdsServer names one, else a failure") {
    auto facts = sign_in::healthy();
    auto& uds = service_named(facts, "_cisco-uds");
    uds.servers.clear();
    uds.error = "NameError";
    const auto fallback = mra::test::run_check("edge.services", facts);
    REQUIRE(fallback.size() == 1);
    CHECK(fallback[0].status == mra::Status::info);
    CHECK(fallback[0].message.starts_with(
        "_cisco-uds has no server (NameError): Expressway-C found no _cisco-uds._tcp.example.com SRV record in its "
        "DNS, but userUdsServer names the user's UDS server"));

    sign_in::walked(facts).config->user_uds_servers = {{.address = "", .port = 8443}};
    const auto nothing = mra::test::run_check("edge.services", facts);
    CHECK(nothing[0].status == mra::Status::fail);
    CHECK(nothing[0].message ==
          "_cisco-uds has no server (NameError): Expressway-C found no _cisco-uds._tcp.example.com SRV record in its "
          "DNS, and userUdsServer has no address either; _cisco-phone-tftp: NameError (harmless: Jabber over MRA "
          "needs neither)");
}

TEST_CASE("edge.services: not run without a getEdgeConfigResponse") {
    sign_in::check_not_run_without_session("edge.services");
}
