#pragma once
// What the SIP probe learned about one SIP edge (TLS 5061): the TLS leg with its captured chain, then
// each request sent over it and how it ended — OPTIONS, REGISTER without credentials, and with a
// test user the REGISTER answering the challenge and the unregistration after it. Filled by
// src/probe/sip; judged by the sip.* checks and edge.clock. Plain data, no logic.

#include <cstdint>
#include <string>
#include <vector>

#include "facts/tls.hpp"

namespace mra::facts {

// How one request ended. Only `response` carries a status code.
enum class SipOutcome {
    response,           // a final (>= 200) response matching the request arrived
    no_response,        // nothing final within the exchange's time limit (1xx alone do not count)
    connection_closed,  // the server closed (or reset) the connection before the final response
    malformed,          // the server sent something that is not a well-formed SIP message
    too_large,          // a message exceeded the reader's bounds (headers, header lines, body)
    transport_error,    // the TLS session failed otherwise (a TLS alert, a send that failed or timed out)
    not_sent,           // never sent: no TLS, an earlier exchange broke the connection, the run's
                        // deadline had passed, or the request could not be built (bad domain)
};

// One request and its final response.
struct SipExchange {
    std::string method;                         // "OPTIONS", "REGISTER" ("SERVICE" in old captures)
    std::string purpose;                        // REGISTER: "" without credentials (the challenge),
                                                // "register" answering it, "unregister" (Expires: 0)
    SipOutcome outcome = SipOutcome::not_sent;  // how it ended
    std::string error;                          // one line when outcome != response
    int status = 0;                             // final status code, 0 without a response
    std::string reason;                         // its reason phrase ("Proxy Authentication Required")
    std::vector<int> provisional;               // 1xx codes seen before the final one, in order
    std::string challenge_scheme;               // "Digest", from Proxy-Authenticate, else WWW-Authenticate
    std::string challenge_realm;                // realm= of that challenge, unquoted
    std::string server;                         // Server header of the response, else its User-Agent
    std::string warning;                        // Warning header (Expressway signals imbalance in one)
    std::string date;                           // Date header of the response: the edge's own clock
    std::int64_t received_at = 0;               // local Unix seconds when the final response arrived
    std::int64_t expires = -1;                  // Expires granted (header, else Contact's); -1 none
    std::int64_t elapsed_ms = 0;                // from sending to the final response (or to giving up)
};

struct SipEndpoint {
    TlsEndpoint tls;                     // service "sip": the TLS leg with the captured chain
    std::vector<SipExchange> exchanges;  // in the order sent: OPTIONS, REGISTER, then with a test
                                         // user REGISTER "register" and, after a 200, "unregister"
    std::string device;                  // the softphone registered as (empty without a test user)
    std::string registrar;               // the Unified CM host of its Request-URI
};

}  // namespace mra::facts
