#pragma once
// What the HTTPS sign-in walk saw, Expressway-E by Expressway-E, in Jabber's order: get_edge_config
// with the test user's credentials, then UDS and the TFTP files through the edge's tunnel.
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
    // The auth-schemes of every WWW-Authenticate challenge (RFC 7235 §4.1), as sent: "Basic", "Bearer".
    std::vector<std::string> auth_schemes;
    std::string location;  // Location of a 3xx
    std::int64_t body_bytes = 0;
    bool credentials_sent = false;  // the request carried the user's Basic credentials (else the X-Auth cookie)
    std::string xml_error;          // the body is not well-formed XML (or not the document expected): why; else empty
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
    // No published response shows <turnEdgeServer>'s children: its elements as sent (name=text,
    // one per leaf element, bounded), for the evidence.
    std::vector<std::string> turn_raw;
    std::vector<EdgeServer> user_uds_servers;
    std::vector<Cut> cuts;  // lists longer than facts::max_listed, cut to it
};

struct UdsDevice {
    std::string name;           // "CSFTEST1", or free-form: the reference's CSF device is "MDonald"
    std::string model;          // "Cisco Unified Client Services Framework"
    std::string product;        // as sent: a product name, or a number ("390" in the reference)
    std::string protocol;       // "SIP"
    std::string provision_uri;  // <provision><uri>: where its configuration file is
};

// A Jabber softphone, by its model or product (Cisco UDS Developer Guide, devices resource): Cisco
// Unified Client Services Framework (desktop), Cisco Dual Mode for iPhone / Android, Cisco Jabber
// for Tablet. CSF device names are free-form (Cisco Jabber Planning Guide, softphone devices), so
// the name prefix (CSF, BOT, TCT, TAB) counts only when no model is sent.
bool is_softphone(const UdsDevice& device);

// The user record, cucm-uds/user/<id> (Cisco UDS Developer Guide, user resource).
struct UdsUser {
    std::string service_profile_uri;      // <serviceProfile><uri>, or <serviceProfile uri="…"/>
    std::string jabber_profile_uri;       // <jabberProfile><uri> (CUCM 12.5+: "New and Changed in 12.5(1)")
    std::optional<bool> im_and_presence;  // <homeCluster enableImAndPresence=…>
};

// The tunnelled UDS calls, in Jabber's order (Cisco Collaboration SRND, MRA sign-in; the reference
// call flow): version and clusterUser of a _cisco-uds server from get_edge_config (of userUdsServer
// when there is none), then servers, the user record and the devices of the user's home cluster.
struct UdsFacts {
    std::string discovery;         // the server version and clusterUser went to: "https://cucm.example.com:8443"
    std::string discovery_source;  // where it came from: "_cisco-uds" or "userUdsServer"
    HttpExchange version;
    std::string version_number;  // <versionInformation><version>: the CUCM version
    std::string schema_version;  // <versionInformation version=…>: the UDS schema version
    HttpExchange cluster_user;
    std::optional<bool> user_found;  // <result found=…>
    std::string home_cluster;        // <homeCluster>: the host the rest goes to
    HttpExchange servers;
    std::vector<std::string> server_names;  // <servers><server>
    HttpExchange user;
    UdsUser record;
    HttpExchange devices;
    std::vector<UdsDevice> device_list;
    std::vector<Cut> cuts;  // lists longer than facts::max_listed, cut to it
};

// The first Jabber softphone among the user's devices; null when there is none.
const UdsDevice* softphone_of(const UdsFacts& uds);

// A server a profile names, and the one tunnelled request made to it.
struct NamedServer {
    std::string role;    // "voicemail", "photo", "update"
    std::string named;   // as the file names it: a host or a URL
    std::string source;  // the file that names it
    HttpExchange probe;
};

// The tunnelled TFTP files, over HTTP 6970 or HTTPS 6972 (Cisco Jabber Planning Guide, ports). Only
// well-formedness is judged.
struct TftpFacts {
    HttpExchange device_config;         // <device>.cnf.xml from the softphone's provision URI
    HttpExchange service_profile;       // the one the user record names; SPDefault.cnf.xml when none
    HttpExchange jabber_profile;        // JAB_<id>.cnf.xml the user record names (CUCM 12.5+), if any
    HttpExchange jabber_config;         // jabber-config.xml
    HttpExchange app_dial_rules;        // CUPC/AppDialRules.xml
    HttpExchange directory_dial_rules;  // CUPC/DirLookupDialRules.xml
    // The other servers the profiles and jabber-config.xml name that Jabber reaches through the
    // tunnel: one request each, for the HTTP allow list (Cisco Expressway MRA Deployment Guide).
    std::vector<NamedServer> named_servers;
};

// get_edge_sso?email=<user>@<domain>, Jabber's first request (the OAuth/SSO discovery; Cisco
// Expressway MRA Deployment Guide, "Check for internal authentication availability"). No published
// response body is known: kept as it came, bounded, and only its status and challenges are read.
struct EdgeSso {
    HttpExchange exchange;
    std::vector<std::string> headers;  // "Name: value", as sent, at most facts::max_listed
    std::string body;                  // verbatim, at most 4 KiB
    bool body_cut = false;             // the body was longer
};

// The walk through one Expressway-E (one _collab-edge target whose TLS was established).
struct EdgeSession {
    std::string host;  // the Expressway-E, as the SRV target names it
    std::uint16_t port = 0;
    std::string address;  // the address it was reached at
    EdgeSso sso;
    HttpExchange edge_config;
    std::optional<EdgeConfig> config;  // when get_edge_config answered 200 with a getEdgeConfigResponse
    UdsFacts uds;
    TftpFacts tftp;
    // Expressway's authorization rate control counts each credential presentation (Cisco Expressway
    // MRA Deployment Guide, authorization rate control): how many requests carried them, and whether
    // the edge set the X-Auth session cookie the other requests carry instead.
    int credential_presentations = 0;
    bool session_cookie = false;
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
