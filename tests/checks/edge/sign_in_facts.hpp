#pragma once
// Hand-built facts of a healthy sign-in, for the edge.*, uds.* and tftp.* check tests: test1 signed
// in through expe1.example.com:8443 (the one _collab-edge target), whose get_edge_config advertises
// expe1 for HTTP, SIP, XMPP and TURN and cucm.example.com for UDS and TFTP, and whose tunnelled UDS
// and TFTP requests all answered — the values of the lab's healthy scenario. Each test breaks it in
// one place.

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "facts/facts.hpp"
#include "support/check_runner.hpp"

namespace mra::test::sign_in {

inline const std::string edge_subject = "expe1.example.com:8443";
inline const std::string uds_tunnel = "https://cucm.example.com:8443";
inline const std::string tftp_tunnel = "http://cucm.example.com:6970";
inline const std::string service_profile_file = "SP7d1f4c2e-9a3b-4e5f-8a6b-2c3d4e5f6a7b.cnf.xml";
inline const std::string jabber_profile_file = "JAB_7d1f4c2e-9a3b-4e5f-8a6b-2c3d4e5f6a7b.cnf.xml";

// A 200 with a well-formed body, as the edge relays it.
inline facts::HttpExchange answered(const std::string& resource, const std::string& tunnel = "") {
    facts::HttpExchange exchange;
    exchange.resource = resource;
    exchange.tunnel = tunnel;
    exchange.path = "/ZXhhbXBsZS5jb20/" + resource;
    exchange.outcome = facts::HttpOutcome::response;
    exchange.status = 200;
    exchange.content_type = "application/xml";
    exchange.body_bytes = 512;
    exchange.elapsed_ms = 3;
    return exchange;
}

// The same request answered with another status (a 401 with its Cisco-Edge realm).
inline facts::HttpExchange with_status(facts::HttpExchange exchange, int status) {
    exchange.status = status;
    if (status == 401) {
        exchange.realm = "Cisco-Edge";
        exchange.auth_schemes = {"Basic"};
    }
    return exchange;
}

// The request, not sent because `why`.
inline facts::HttpExchange not_sent(facts::HttpExchange exchange, const std::string& why) {
    exchange.outcome = facts::HttpOutcome::not_sent;
    exchange.status = 0;
    exchange.body_bytes = 0;
    exchange.error = why;
    return exchange;
}

inline facts::EdgeConfig edge_config() {
    facts::EdgeConfig config;
    config.version = "1.0";
    config.services = {
        {.name = "_cisco-phone-tftp", .error = "NameError", .servers = {}},
        {.name = "_cuplogin",
         .error = "",
         .servers = {{.priority = 10, .weight = 10, .port = 8443, .target = "imp.example.com"}}},
        {.name = "_cisco-uds",
         .error = "",
         .servers = {{.priority = 10, .weight = 10, .port = 8443, .target = "cucm.example.com"}}},
    };
    config.tftp_servers = {"cucm.example.com"};
    config.sip_edge_servers = {{.address = "expe1.example.com", .port = 5061}};
    config.sip_routes = {"<sip:127.0.30.1:5061;transport=tls;zone-id=1;directed;lr>"};
    config.xmpp_edge_servers = {{.address = "expe1.example.com", .port = 5222}};
    config.http_edge_servers = {{.address = "expe1.example.com", .port = 8443}};
    config.turn_edge_servers = {{.address = "expe1.example.com", .port = 3478, .tcp_port = 3478}};
    config.turn_raw = {"address=expe1.example.com", "udpPort=3478", "tcpPort=3478"};
    config.user_uds_servers = {{.address = "cucm.example.com", .port = 8443}};
    return config;
}

inline facts::UdsFacts uds() {
    facts::UdsFacts uds;
    uds.discovery = uds_tunnel;
    uds.discovery_source = "_cisco-uds";
    uds.version = answered("cucm-uds/version", uds_tunnel);
    uds.version_number = "14.0.1";
    uds.schema_version = "14.0.1";
    uds.cluster_user = answered("cucm-uds/clusterUser", uds_tunnel);
    uds.user_found = true;
    uds.home_cluster = "cucm.example.com";
    uds.servers = answered("cucm-uds/servers", uds_tunnel);
    uds.server_names = {"cucm.example.com"};
    uds.user = answered("cucm-uds/user/test1", uds_tunnel);
    uds.record = {.service_profile_uri = tftp_tunnel + "/" + service_profile_file,
                  .jabber_profile_uri = "https://cucm.example.com:6972/" + jabber_profile_file,
                  .im_and_presence = true};
    uds.devices = answered("cucm-uds/user/test1/devices", uds_tunnel);
    uds.devices.credentials_sent = true;
    uds.device_list = {{.name = "TestOneJabber",
                        .model = "Cisco Unified Client Services Framework",
                        .product = "390",
                        .protocol = "SIP",
                        .provision_uri = tftp_tunnel + "/TestOneJabber.cnf.xml"}};
    return uds;
}

inline facts::TftpFacts tftp() {
    facts::TftpFacts tftp;
    tftp.device_config = answered("TestOneJabber.cnf.xml", tftp_tunnel);
    tftp.service_profile = answered(service_profile_file, tftp_tunnel);
    tftp.jabber_profile = answered(jabber_profile_file, "https://cucm.example.com:6972");
    tftp.jabber_config = answered("jabber-config.xml", tftp_tunnel);
    tftp.app_dial_rules = answered("CUPC/AppDialRules.xml", tftp_tunnel);
    tftp.directory_dial_rules = answered("CUPC/DirLookupDialRules.xml", tftp_tunnel);
    return tftp;
}

// The walk through expe1.
inline facts::EdgeSession session() {
    facts::EdgeSession session;
    session.host = "expe1.example.com";
    session.port = 8443;
    session.address = "192.0.2.1";
    session.sso.exchange = answered("get_edge_sso");
    session.edge_config = answered("get_edge_config");
    session.edge_config.credentials_sent = true;
    session.config = edge_config();
    session.uds = uds();
    session.tftp = tftp();
    session.credential_presentations = 2;
    session.session_cookie = true;
    return session;
}

// TLS to expe1 on 8443, the one _collab-edge target.
inline facts::TlsEndpoint edge() {
    facts::TlsEndpoint edge;
    edge.service = "collab-edge";
    edge.host = "expe1.example.com";
    edge.port = 8443;
    edge.address = "192.0.2.1";
    edge.outcome = facts::TransportOutcome::established;
    edge.protocol_version = "TLS v1.2";
    edge.cipher_suite = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    return edge;
}

// A run on example.com, signed in as test1 through expe1 (expe1 resolves in public DNS).
inline facts::Facts healthy() {
    facts::Facts facts;
    facts.target = "example.com";
    facts::DnsQuery a;
    a.name = "expe1.example.com";
    a.type = "A";
    a.outcome = facts::DnsOutcome::answer;
    a.addresses = {"192.0.2.1"};
    facts.dns = facts::DnsFacts{.queries = {a}};
    facts.edges = {edge()};
    facts.sign_in = facts::SignIn{.user = "test1", .trust = "ca-bundle", .sessions = {session()}};
    return facts;
}

// Its one session, to break.
inline facts::EdgeSession& walked(facts::Facts& facts) {
    return facts.sign_in->sessions.front();
}

// The same run without a test user (no --user): the sign-in walk did not run.
inline facts::Facts without_user() {
    auto facts = healthy();
    facts.sign_in.reset();
    return facts;
}

// TLS to expe1 failed: nothing was walked through it.
inline facts::Facts tls_failed() {
    auto facts = healthy();
    facts.edges.front().outcome = facts::TransportOutcome::refused;
    facts.edges.front().error = "connect: Connection refused";
    facts.sign_in->sessions.clear();
    return facts;
}

// get_edge_config answered 401: no getEdgeConfigResponse, and nothing after it was sent.
inline facts::Facts config_refused() {
    auto facts = healthy();
    auto& session = walked(facts);
    session.edge_config = with_status(session.edge_config, 401);
    session.config.reset();
    return facts;
}

// The not_run findings of a check that judges signed-in sessions, when there is none to judge: no
// test user, TLS to the edge failed and, when the check needs the getEdgeConfigResponse, a 401 that
// withheld it. Nothing at all for the offline `cert` command (no discovery).
inline void check_not_run_without_session(std::string_view id, bool needs_config = true) {
    const auto no_user = run_check(id, without_user());
    REQUIRE(no_user.size() == 1);
    CHECK(no_user[0].subject.name() == "sign-in");
    CHECK(no_user[0].status == Status::not_run);
    CHECK(no_user[0].message.starts_with("no test user: give --user"));

    const auto no_tls = run_check(id, tls_failed());
    REQUIRE(no_tls.size() == 1);
    CHECK(no_tls[0].subject.name() == edge_subject);
    CHECK(no_tls[0].status == Status::not_run);
    CHECK(no_tls[0].message == "TLS to expe1.example.com:8443 failed (see edge.https)");

    if (needs_config) {
        const auto no_config = run_check(id, config_refused());
        REQUIRE(no_config.size() == 1);
        CHECK(no_config[0].subject.name() == edge_subject);
        CHECK(no_config[0].status == Status::not_run);
        CHECK(no_config[0].message == "needs a getEdgeConfigResponse, which the 401 withheld (see edge.config)");
    }

    CHECK(run_check(id, facts::Facts{}).empty());
}

}  // namespace mra::test::sign_in
