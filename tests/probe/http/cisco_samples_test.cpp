// The parsers on the responses Cisco published (fixtures/cisco-samples, sources in its README):
// each reads into the facts a client would use, and the one not well-formed as published gives a
// one-line reason, not a crash.

#include <doctest/doctest.h>

#include "probe/http/xml_responses.hpp"
#include "support/process.hpp"
#include "tests/fixtures.hpp"

namespace http = mra::probe::http;

namespace {

std::string sample(const std::string& name) {
    return mra::test::slurp(mra::test::fixture("cisco-samples/" + name));
}

}  // namespace

TEST_CASE("Cisco TAC 211304: the getEdgeConfigResponse with an empty userUdsServer reads, its emptiness kept") {
    mra::facts::EdgeConfig config;
    REQUIRE(http::parse_edge_config(sample("get_edge_config-cisco-tac-211304-tc-endpoint.xml"), config) == "");
    REQUIRE(config.services.size() == 3);
    CHECK(config.services[0].name == "_cisco-phone-tftp");
    CHECK(config.services[0].error == "NameError");
    CHECK(config.services[1].name == "_cuplogin");
    CHECK(config.services[1].error == "NameError");
    REQUIRE(config.services[2].servers.size() == 1);
    CHECK(config.services[2].servers[0].target == "cucm.domain.int");
    CHECK(config.tftp_servers == std::vector<std::string>{"", ""});
    CHECK(config.turn_edge_servers.empty());
    CHECK(config.turn_raw.empty());
    REQUIRE(config.user_uds_servers.size() == 1);
    CHECK(config.user_uds_servers[0].address.empty());
    CHECK(config.user_uds_servers[0].port == 8443);
    REQUIRE(config.http_edge_servers.size() == 1);
    CHECK(config.http_edge_servers[0].address == "expe.domain.com");
}

TEST_CASE("UDS version: <version> is the CUCM version, the attribute the UDS schema's") {
    mra::facts::UdsFacts uds;
    REQUIRE(http::parse_uds_version(sample("uds-version-devnet-devguide-11.5-capabilities.xml"), uds) == "");
    CHECK(uds.version_number == "11.5.1");
    CHECK(uds.schema_version == "10.0.0");
    mra::facts::UdsFacts reference;
    REQUIRE(http::parse_uds_version(sample("uds-version-devnet-apiref.xml"), reference) == "");
    CHECK(reference.version_number == "10.0.0");
}

TEST_CASE("UDS clusterUser: found with its home cluster, and not found") {
    mra::facts::UdsFacts found;
    REQUIRE(http::parse_cluster_user(sample("uds-clusterUser-found-devnet.xml"), found) == "");
    CHECK(found.user_found == true);
    CHECK(found.home_cluster == "{host}");
    mra::facts::UdsFacts missing;
    REQUIRE(http::parse_cluster_user(sample("uds-clusterUser-notfound-devnet.xml"), missing) == "");
    CHECK(missing.user_found == false);
    CHECK(missing.home_cluster.empty());
}

TEST_CASE("UDS servers and devices: the API reference's samples") {
    mra::facts::UdsFacts uds;
    REQUIRE(http::parse_uds_servers(sample("uds-servers-devnet.xml"), uds) == "");
    CHECK(uds.server_names == std::vector<std::string>{"{host}", "{host1}", "{host2}"});
    REQUIRE(http::parse_uds_devices(sample("uds-user-devices-devnet.xml"), uds) == "");
    REQUIRE(uds.device_list.size() == 3);
    CHECK(uds.device_list[0].name == "SEP00DEADBEEF01");
    CHECK(uds.device_list[0].model == "Cisco 7965");
    CHECK(uds.device_list[0].protocol == "SCCP");
    CHECK(mra::facts::softphone_of(uds) == nullptr);  // desk phones only
}

TEST_CASE("UDS user: the service profile and Jabber profile URIs, and IM and Presence") {
    mra::facts::UdsFacts real;
    REQUIRE(http::parse_uds_user(sample("uds-user-real-ds-ucm105-10.5.1-devnet-sso.xml"), real) == "");
    CHECK(real.record.service_profile_uri == "http://DS-UCM105:6970/SPDefault.cnf.xml");
    CHECK(real.record.jabber_profile_uri.empty());
    CHECK(real.record.im_and_presence == false);

    mra::facts::UdsFacts release_12_5;
    REQUIRE(http::parse_uds_user(sample("uds-user-devnet-12.5-jabberProfile.xml"), release_12_5) == "");
    CHECK(release_12_5.record.service_profile_uri == "http://{host}:6970/SPDefault.cnf.xml");
    CHECK(release_12_5.record.jabber_profile_uri == "https://{host}:6972/JAB_{serviceProfileID}.cnf.xml");
    CHECK_FALSE(release_12_5.record.im_and_presence.has_value());  // "true|false": a placeholder, neither

    // The attribute form, as published, is not well-formed (</notOnACallRingPrefence>): one line.
    mra::facts::UdsFacts broken;
    const std::string error =
        http::parse_uds_user(sample("uds-user-devnet-devguide-serviceProfile-attribute-form.xml"), broken);
    CHECK(error.find("not well-formed XML") == 0);
    CHECK(error.find('\n') == std::string::npos);
    // The same shape, well-formed: the attribute is read.
    mra::facts::UdsFacts attribute;
    REQUIRE(http::parse_uds_user("<user><homeCluster enableImAndPresence='true'>true</homeCluster>"
                                 "<serviceProfile uri='http://cucm:6970/SPDefault.cnf.xml'/></user>",
                                 attribute) == "");
    CHECK(attribute.record.service_profile_uri == "http://cucm:6970/SPDefault.cnf.xml");
    CHECK(attribute.record.im_and_presence == true);
}

TEST_CASE("turnEdgeServer: any <address> and *Port element, the raw children kept") {
    mra::facts::EdgeConfig config;
    REQUIRE(http::parse_edge_config("<getEdgeConfigResponse><edgeConfig><turnEdgeServer>"
                                    "<address>turn1.example.com</address><udpPort>3478</udpPort>"
                                    "<tcpPort>443</tcpPort><server><address>turn2.example.com</address>"
                                    "<tlsPort>5349</tlsPort></server><priority>1</priority>"
                                    "</turnEdgeServer></edgeConfig></getEdgeConfigResponse>",
                                    config) == "");
    REQUIRE(config.turn_edge_servers.size() == 2);
    CHECK(config.turn_edge_servers[0].address == "turn1.example.com");
    CHECK(config.turn_edge_servers[0].port == 3478);
    CHECK(config.turn_edge_servers[0].tcp_port == 443);
    CHECK(config.turn_edge_servers[1].address == "turn2.example.com");
    CHECK(config.turn_edge_servers[1].port == 5349);
    CHECK(config.turn_raw == std::vector<std::string>{"address=turn1.example.com", "udpPort=3478", "tcpPort=443",
                                                      "address=turn2.example.com", "tlsPort=5349", "priority=1"});
}
