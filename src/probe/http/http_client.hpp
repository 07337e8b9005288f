#pragma once
// HTTPS to one Expressway-E through libcurl, as a Jabber client talks to it: HTTP/1.1 keep-alive,
// Basic credentials on the requests Jabber sends them with (get_edge_config and the UDS devices
// request), the X-Auth session cookie the edge set on the others. An edge that sets no cookie gets
// the credentials on every request (the exchange records which it was). Expressway's authorization
// rate control counts every presentation (Cisco Expressway MRA Deployment Guide, authorization rate
// control), so they are counted.
//
// Credentials go only where they may: curl verifies the certificate against the CA bundle and the
// host name (or the key against a pin) during the handshake, before any request is sent, so an edge
// that fails verification never sees them (outcome `untrusted`). With `insecure` the user waived
// that. The connection goes to the addresses our DNS probe found (CURLOPT_RESOLVE), never through
// the system resolver. Every request is bounded in time and size; redirects to another origin are
// not followed. Nothing here throws for what the network does.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "facts/sign_in.hpp"
#include "util/deadline.hpp"

namespace mra::probe::http {

// How the edges' certificates are trusted before credentials are sent.
struct EdgeTrust {
    std::string ca_bundle;          // PEM trust anchors; empty: the system store
    std::vector<std::string> pins;  // SHA-256 of the SubjectPublicKeyInfo, base64: trust that key instead
    bool insecure = false;          // the user waived verification (--insecure)
};

struct Credentials {
    std::string user;
    std::string password;
    Credentials() = default;
    Credentials(std::string user_name, std::string secret) : user(std::move(user_name)), password(std::move(secret)) {}
    Credentials(const Credentials&) = default;
    Credentials& operator=(const Credentials&) = default;
    ~Credentials();  // scrubs the password from memory
};

struct Origin {
    std::string host;  // the Expressway-E's name: SNI, Host header, and the name verified
    std::uint16_t port = 8443;
    std::vector<std::string> addresses;  // literal addresses of host, from the DNS probe
};

struct Limits {
    std::size_t max_body = 2 * 1024 * 1024;          // a device .cnf.xml is tens of KiB
    std::chrono::milliseconds request_time{10'000};  // one request, within the run's deadline
    std::chrono::milliseconds connect_time{5'000};
    int same_origin_redirects = 3;
};

// What a request carries: the user's credentials; the edge's X-Auth session cookie (the credentials
// when the edge set none); or neither (cookies the edge set still go back).
enum class Present { credentials, session, nothing };

class HttpClient {
public:
    HttpClient(Origin origin, const EdgeTrust& trust, const Credentials& credentials, Limits limits = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // GET `exchange.path` (absolute path with query) on the origin. Fills the exchange's outcome,
    // status, headers and timing; returns the body (empty unless the outcome is `response`).
    std::string get(facts::HttpExchange& exchange, const Deadline& deadline, Present present = Present::credentials);

    // The header fields of the last response, "Name: value" as sent, at most facts::max_listed.
    std::vector<std::string> response_headers() const;
    // The edge set the X-Auth cookie (Set-Cookie) on an earlier response.
    bool has_session_cookie() const;
    // Requests (redirects included) that carried the credentials.
    int credential_presentations() const { return m_presentations; }

private:
    struct Handle;
    std::unique_ptr<Handle> m_handle;
    Origin m_origin;
    Limits m_limits;
    const Credentials& m_credentials;
    int m_presentations = 0;
};

}  // namespace mra::probe::http
