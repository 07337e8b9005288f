#pragma once
// What the HTTPS sign-in walk saw, Expressway-E by Expressway-E: get_edge_config with the test
// user's credentials, then UDS and the TFTP files through the edge's tunnel (mra-facts.md §3–4).
// Filled by src/probe/http; read by the edge.*, uds.* and tftp.* checks. Bodies are not kept, only
// what was parsed out of them; credentials never appear here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "facts/bounds.hpp"
#include "facts/dns.hpp"

namespace mra::facts {

// Where one HTTP request ended. `response` means a complete HTTP response arrived (any status).
enum class HttpOutcome {
    response,
    not_sent,          // a step it depends on failed; `error` says which
    untrusted,         // the edge's certificate did not verify (nor match a pin): nothing was sent
    connect_failed,    // no TCP connection (refused, unreachable, no address)
    tls_failure,       // the TLS handshake failed for another reason than trust
    timeout,           // no complete response within the time allowed
    too_large,         // the body exceeded the size bound
    redirect_refused,  // a 3xx to another origin, not followed (credentials stay with the edge)
    protocol_error,    // the peer did not answer in HTTP
};

struct HttpExchange {
    std::string resource;  // what was asked for: "get_edge_config", "cucm-uds/version", "SPDefault.cnf.xml"
    std::string tunnel;    // for a tunnelled request, its internal target ("https://cucm.example.com:8443"); else empty
    std::string path;      // the request path on the edge, with its query
    HttpOutcome outcome = HttpOutcome::not_sent;
    std::string error;             // one line when the outcome is not `response`
    int status = 0;                // HTTP status code
    std::string content_type;      // as sent, e.g. "application/xml; charset=utf-8"
    std::string date;              // the Date header as sent (RFC 9110 §6.6.1)
    std::int64_t received_at = 0;  // local Unix seconds when the response arrived (for the Date comparison)
    std::string realm;             // realm of a WWW-Authenticate challenge
    std::string location;          // Location of a 3xx
    std::int64_t body_bytes = 0;
    std::string xml_error;  // the body is not well-formed XML (or not the document expected): why; else empty
    std::int64_t elapsed_ms = 0;

    // 200 with a body that reads as the document expected.
    bool answered() const { return outcome == HttpOutcome::response && status == 200 && xml_error.empty(); }
};

// A host and port from <edgeConfig> (sipEdgeServer, xmppEdgeServer, httpEdgeServer, turnEdgeServer,
// userUdsServer): `port` is its tlsPort (udpPort for TURN), `tcp_port` TURN's tcpPort.
struct EdgeServer {
    std::string address;
    std::uint16_t port = 0;
    std::uint16_t tcp_port = 0;
};

// One <service> of <serviceConfig>: the SRV lookup Expressway-C made for the client.
struct EdgeService {
    std::string name;                // "_cisco-uds", "_cuplogin", "_cisco-phone-tftp"
    std::string error;               // <error>, e.g. "NameError" (the lookup found nothing)
    std::vector<SrvRecord> servers;  // <server> priority/weight/port/address (address in `target`)
};

// The getEdgeConfigResponse, as far as the client uses it; unknown elements are ignored.
struct EdgeConfig {
    std::string version;  // the version attribute
    std::vector<EdgeService> services;
    std::vector<std::string> tftp_servers;  // <service><name>tftpServer</name><address>…; may hold empty ones
    std::vector<EdgeServer> sip_edge_servers;
    std::vector<std::string> sip_routes;  // <sipRequest><route>, unescaped
    std::vector<EdgeServer> xmpp_edge_servers;
    std::vector<EdgeServer> http_edge_servers;
    std::vector<EdgeServer> turn_edge_servers;
    std::vector<EdgeServer> user_uds_servers;
    std::vector<Cut> cuts;  // lists longer than facts::max_listed, cut to it
};

// Jabber's own device types, by the name prefix CUCM requires: CSF (desktop), BOT (Android),
// TCT (iPhone), TAB (tablet).
inline bool is_softphone(const std::string& device_name) {
    if (device_name.size() < 3) return false;
    std::string prefix = device_name.substr(0, 3);
    for (char& c : prefix) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return prefix == "CSF" || prefix == "BOT" || prefix == "TCT" || prefix == "TAB";
}

struct UdsDevice {
    std::string name;           // "CSFTEST1"
    std::string model;          // "Cisco Unified Client Services Framework"
    std::string protocol;       // "SIP"
    std::string provision_uri;  // <provision><uri>: where its configuration file is
};

// The tunnelled UDS calls (mra-facts.md §4.2) to the user's UDS server.
struct UdsFacts {
    HttpExchange version;
    std::string version_number;  // <versionInformation><version>
    HttpExchange cluster_user;
    std::optional<bool> user_found;  // <result found=…>
    std::string home_cluster;        // <homeCluster>
    HttpExchange servers;
    std::vector<std::string> server_names;  // <servers><server>
    HttpExchange devices;
    std::vector<UdsDevice> device_list;
    std::vector<Cut> cuts;  // lists longer than facts::max_listed, cut to it
};

// The tunnelled TFTP-over-HTTP files (mra-facts.md §4.3). Only well-formedness is judged.
struct TftpFacts {
    HttpExchange device_config;         // <device>.cnf.xml from the softphone's provision URI
    HttpExchange service_profile;       // SPDefault.cnf.xml
    HttpExchange jabber_config;         // jabber-config.xml
    HttpExchange app_dial_rules;        // CUPC/AppDialRules.xml
    HttpExchange directory_dial_rules;  // CUPC/DirLookupDialRules.xml
};

// The walk through one Expressway-E (one _collab-edge target whose TLS was established).
struct EdgeSession {
    std::string host;  // the Expressway-E, as the SRV target names it
    std::uint16_t port = 0;
    std::string address;  // the address it was reached at
    HttpExchange edge_config;
    std::optional<EdgeConfig> config;  // when get_edge_config answered 200 with a getEdgeConfigResponse
    UdsFacts uds;
    TftpFacts tftp;
};

struct SignIn {
    std::string user;   // the test user (never the password)
    std::string trust;  // how the edges were trusted: "ca-bundle", "pin", "insecure"
    std::vector<EdgeSession> sessions;
    // The servers of one kind every configuration advertises together, when they were more than
    // facts::max_listed: only the first were probed.
    std::vector<Cut> cuts;
};

}  // namespace mra::facts
