#include "probe/http/xml_responses.hpp"

#include <doctest/doctest.h>

#include "probe/http/edge_path.hpp"
#include "support/process.hpp"
#include "tests/fixtures.hpp"

namespace http = mra::probe::http;

TEST_CASE("get_edge_config: the reference response is read in full") {
    // The getEdgeConfigResponse Cisco TAC 211304 ("Collaboration Edge TC-based Endpoints Configuration
    // Example") publishes, with an unknown element added, which a client must skip.
    const std::string body = R"(<getEdgeConfigResponse version="1.0">
  <serviceConfig>
    <service><name>_cisco-phone-tftp</name><error>NameError</error></service>
    <service><name>_cuplogin</name><error>NameError</error></service>
    <service><name>_cisco-uds</name>
      <server><priority>1</priority><weight>1</weight><port>8443</port><address>cucm.domain.int</address></server>
    </service>
    <service><name>tftpServer</name><address></address><address></address></service>
  </serviceConfig>
  <edgeConfig>
    <sipEdgeServer><server><address>expe.domain.com</address><tlsPort>5061</tlsPort></server></sipEdgeServer>
    <sipRequest><route>&lt;sip:192.168.2.100:5061;transport=tls;zone-id=3;directed;lr&gt;</route></sipRequest>
    <xmppEdgeServer><server><address>expe.domain.com</address><tlsPort>5222</tlsPort></server></xmppEdgeServer>
    <httpEdgeServer><server><address>expe.domain.com</address><tlsPort>8443</tlsPort></server></httpEdgeServer>
    <turnEdgeServer/>
    <futureElement><anything/></futureElement>
    <userUdsServer><server><address></address><tlsPort>8443</tlsPort></server></userUdsServer>
  </edgeConfig>
</getEdgeConfigResponse>)";
    mra::facts::EdgeConfig config;
    REQUIRE(http::parse_edge_config(body, config) == "");
    CHECK(config.version == "1.0");
    REQUIRE(config.services.size() == 3);
    CHECK(config.services[0].name == "_cisco-phone-tftp");
    CHECK(config.services[0].error == "NameError");
    CHECK(config.services[2].servers.size() == 1);
    CHECK(config.services[2].servers[0].target == "cucm.domain.int");
    CHECK(config.services[2].servers[0].port == 8443);
    CHECK(config.tftp_servers == std::vector<std::string>{"", ""});
    REQUIRE(config.sip_edge_servers.size() == 1);
    CHECK(config.sip_edge_servers[0].address == "expe.domain.com");
    CHECK(config.sip_edge_servers[0].port == 5061);
    CHECK(config.sip_routes ==
          std::vector<std::string>{"<sip:192.168.2.100:5061;transport=tls;zone-id=3;directed;lr>"});
    CHECK(config.xmpp_edge_servers.size() == 1);
    CHECK(config.turn_edge_servers.empty());
    REQUIRE(config.user_uds_servers.size() == 1);
    CHECK(config.user_uds_servers[0].address.empty());
}

TEST_CASE("get_edge_config: the lab's body with TURN ports, and namespace prefixes") {
    mra::facts::EdgeConfig config;
    REQUIRE(http::parse_edge_config(
                "<e:getEdgeConfigResponse xmlns:e='urn:x'><e:edgeConfig><e:turnEdgeServer><e:server>"
                "<e:address>expe1.example.com</e:address><e:udpPort>3478</e:udpPort><e:tcpPort>443</e:tcpPort>"
                "</e:server></e:turnEdgeServer></e:edgeConfig></e:getEdgeConfigResponse>",
                config) == "");
    REQUIRE(config.turn_edge_servers.size() == 1);
    CHECK(config.turn_edge_servers[0].port == 3478);
    CHECK(config.turn_edge_servers[0].tcp_port == 443);
}

TEST_CASE("get_edge_config: what is not one is said in one line") {
    mra::facts::EdgeConfig config;
    CHECK(http::parse_edge_config("", config) == "the body is empty");
    CHECK(http::parse_edge_config("<getEdgeConfigResponse>", config).find("not well-formed XML") == 0);
    CHECK(http::parse_edge_config("<html/>", config) == "the root element is <html>, not <getEdgeConfigResponse>");
    CHECK(http::parse_edge_config("<getEdgeConfigResponse/>", config).find("neither") != std::string::npos);
    CHECK(http::parse_edge_config("\x01\x02garbage", config).find("not well-formed XML") == 0);
    // Deeper than tinyxml2's element depth bound: an error, not a stack overflow.
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<a>";
    CHECK(http::parse_edge_config(deep, config).find("not well-formed XML") == 0);
    // Out-of-range numbers read as 0, not as a wrapped port.
    REQUIRE(http::parse_edge_config("<getEdgeConfigResponse><edgeConfig><sipEdgeServer><server><address>a</address>"
                                    "<tlsPort>99999</tlsPort></server></sipEdgeServer></edgeConfig>"
                                    "</getEdgeConfigResponse>",
                                    config) == "");
    CHECK(config.sip_edge_servers.back().port == 0);
}

TEST_CASE("UDS: the lab's responses read, and a missing found attribute refused") {
    mra::facts::UdsFacts uds;
    const std::string bodies = mra::test::fixture("lab/healthy/bodies/");
    CHECK(http::parse_uds_version(mra::test::slurp(bodies + "uds-version.xml"), uds) == "");
    CHECK(uds.version_number == "14.0.1");
    CHECK(http::parse_cluster_user(mra::test::slurp(bodies + "uds-clusterUser.xml"), uds) == "");
    CHECK(uds.user_found == true);
    CHECK(uds.home_cluster == "cucm.@DOMAIN@");
    CHECK(http::parse_uds_servers(mra::test::slurp(bodies + "uds-servers.xml"), uds) == "");
    CHECK(uds.server_names == std::vector<std::string>{"cucm.@DOMAIN@"});
    CHECK(http::parse_uds_devices(mra::test::slurp(bodies + "uds-devices.xml"), uds) == "");
    REQUIRE(uds.device_list.size() == 1);
    CHECK(uds.device_list[0].name == "@DEVICE@");
    CHECK(uds.device_list[0].provision_uri == "http://cucm.@DOMAIN@:6970/@DEVICE@.cnf.xml");

    mra::facts::UdsFacts other;
    CHECK(http::parse_cluster_user("<clusterUser><result/></clusterUser>", other) ==
          "<clusterUser> has no <result found=…>");
    CHECK(http::parse_cluster_user("<clusterUser><result found='maybe'/></clusterUser>", other).find("neither") !=
          std::string::npos);
    CHECK(http::parse_uds_devices("<servers/>", other) == "the root element is <servers>, not <devices>");
}

TEST_CASE("paths: base64 of the domain and of the tunnel descriptor, unpadded") {
    using http::Base64Alphabet;
    // ent-pa.com: the get_edge_config URL of Cisco's Preferred Architecture for Collaboration 12.x,
    // "Collaboration Edge" (printed there as ZeW50LXBhLmNvbQ, a typo); tbtp.com: that of Cisco TAC
    // 211304. The tunnel descriptors are computed: no Cisco document shows one whole.
    CHECK(http::path_segment("ent-pa.com", Base64Alphabet::url_safe) == "ZW50LXBhLmNvbQ");
    CHECK(http::tunnel_path("example.com", "https", "cucm.example.com", 8443, "cucm-uds/version",
                            Base64Alphabet::url_safe) ==
          "/ZXhhbXBsZS5jb20vaHR0cHMvY3VjbS5leGFtcGxlLmNvbS84NDQz/cucm-uds/version");
    CHECK(http::tunnel_path("example.com", "http", "cucm.example.com", 6970, "SPDefault.cnf.xml",
                            Base64Alphabet::url_safe) ==
          "/ZXhhbXBsZS5jb20vaHR0cC9jdWNtLmV4YW1wbGUuY29tLzY5NzA/SPDefault.cnf.xml");
    // The alphabets differ where base64 gives '+' or '/': bytes 0xfb 0xff.
    CHECK(http::path_segment("\xfb\xff", Base64Alphabet::url_safe) == "-_8");
    CHECK(http::path_segment("\xfb\xff", Base64Alphabet::standard) == "+/8");
    CHECK(http::edge_config_path("tbtp.com", Base64Alphabet::url_safe) ==
          "/dGJ0cC5jb20/get_edge_config?service_name=_cisco-uds&service_name=_cuplogin");
}

TEST_CASE("get_edge_config and UDS: lists longer than facts::max_listed keep their first entries, the cut recorded") {
    auto repeated = [](int count, const std::string& before, const std::string& after) {
        std::string text;
        for (int i = 0; i < count; ++i) text += before + std::to_string(i) + after;
        return text;
    };
    const std::string body =
        "<getEdgeConfigResponse><serviceConfig>" + repeated(40, "<service><name>_s", "</name></service>") +
        "</serviceConfig><edgeConfig><sipEdgeServer>" +
        repeated(5000, "<server><address>e", ".example.com</address><tlsPort>5061</tlsPort></server>") +
        "</sipEdgeServer><xmppEdgeServer><server><address>x.example.com</address><tlsPort>5222</tlsPort></server>"
        "</xmppEdgeServer></edgeConfig></getEdgeConfigResponse>";
    mra::facts::EdgeConfig config;
    REQUIRE(http::parse_edge_config(body, config) == "");
    CHECK(config.services.size() == mra::facts::max_listed);
    CHECK(config.services.back().name == "_s31");
    REQUIRE(config.sip_edge_servers.size() == mra::facts::max_listed);
    CHECK(config.sip_edge_servers.front().address == "e0.example.com");
    CHECK(config.xmpp_edge_servers.size() == 1);
    REQUIRE(config.cuts.size() == 2);
    CHECK(config.cuts[0].list == "<serviceConfig> services");
    CHECK(config.cuts[0].total == 40);
    CHECK(config.cuts[1].list == "<sipEdgeServer> servers");
    CHECK(config.cuts[1].total == 5000);

    mra::facts::UdsFacts uds;
    REQUIRE(http::parse_uds_devices("<devices>" + repeated(33, "<device><name>CSF", "</name></device>") + "</devices>",
                                    uds) == "");
    CHECK(uds.device_list.size() == mra::facts::max_listed);
    REQUIRE(uds.cuts.size() == 1);
    CHECK(uds.cuts[0].list == "<devices> devices");
    CHECK(uds.cuts[0].total == 33);
}
