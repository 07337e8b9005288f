#pragma once
// What a STUN Binding request (RFC 5389 §7) to one turnEdgeServer address over UDP showed. A TURN
// server answers Binding without credentials (RFC 5766 §4, coturn included), so this proves the
// server is reachable and speaks STUN without needing a TURN account. Filled by src/probe/turn,
// read by the turn.* checks.

#include <cstdint>
#include <string>

namespace mra::facts {

// How the exchange ended.
enum class TurnOutcome {
    answered,        // a Binding success response (0x0101) to our transaction
    error_response,  // a Binding error response (0x0111): see error_code
    no_response,     // nothing for our transaction within the deadline or the attempts
    malformed,       // only datagrams that are not valid STUN arrived: see error
    not_resolved,    // no literal address to send to
    not_public,      // the external view gives only addresses the internet cannot reach: nothing sent
    network_error,   // the system refused to send, or ICMP said the port is unreachable
};

struct TurnEndpoint {
    std::string host;  // the turnEdgeServer as advertised (get_edge_config), for the report
    std::uint16_t port = 0;
    std::string address;  // the literal address the request went to
    TurnOutcome outcome = TurnOutcome::no_response;
    std::string error;           // one line, empty when answered
    std::string mapped_address;  // where the server saw us, "192.0.2.1:54321" / "[2001:db8::1]:54321"
    int error_code = 0;          // ERROR-CODE class × 100 + number (RFC 5389 §15.6), error_response only
    std::string error_reason;    // its reason phrase, as one line
    std::string software;        // the server's SOFTWARE attribute (RFC 5389 §15.10), as one line
    int attempts = 0;            // requests sent, retransmissions included (RFC 5389 §7.2.1)
    std::int64_t rtt_ms = 0;     // from the last request sent before the answer to the answer
};

}  // namespace mra::facts
