#include <doctest/doctest.h>

#include "checks/edge/sign_in_facts.hpp"

namespace sign_in = mra::test::sign_in;

TEST_CASE("edge.tftp-servers: a tftpServer address passes, naming it") {
    const auto results = mra::test::run_check("edge.tftp-servers", sign_in::healthy());
    REQUIRE(results.size() == 1);
    CHECK(results[0].subject.name() == sign_in::edge_subject);
    CHECK(results[0].status == mra::Status::pass);
    CHECK(results[0].message == "tftpServer cucm.example.com");
}

TEST_CASE("edge.tftp-servers: empty tftpServer addresses are info when a provision URI names the TFTP host") {
    // As in Cisco TAC document 211304's getEdgeConfigResponse: two empty <address> elements.
    auto facts = sign_in::healthy();
    sign_in::walked(facts).config->tftp_servers = {"", ""};
    const auto results = mra::test::run_check("edge.tftp-servers", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::info);
    CHECK(results[0].message ==
          "get_edge_config lists no tftpServer address, but the provision URIs of "
          "TestOneJabber name the TFTP host, which Jabber uses");
    CHECK(results[0].evidence["provisioned_devices"] == std::vector<std::string>{"TestOneJabber"});
}

TEST_CASE("edge.tftp-servers: no tftpServer address and no provision URI fails") {
    auto facts = sign_in::healthy();
    sign_in::walked(facts).config->tftp_servers = {""};
    sign_in::walked(facts).uds.device_list.front().provision_uri.clear();
    const auto results = mra::test::run_check("edge.tftp-servers", facts);
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == mra::Status::fail);
    CHECK(results[0].message ==
          "get_edge_config lists no tftpServer address (empty <address/> elements count as "
          "none) and no UDS device names a provision URI");
}

TEST_CASE("edge.tftp-servers: not run without a getEdgeConfigResponse") {
    sign_in::check_not_run_without_session("edge.tftp-servers");
}
