#pragma once
// The TURN probe: one STUN Binding request over UDP to a turnEdgeServer address of get_edge_config
// (UDP 3478: Cisco Expressway IP Port Usage Guide X15.0, "Mobile and Remote Access"), retransmitted
// as RFC 5389 §7.2.1 says until an answer, the attempt cap or the deadline.
// A Binding request needs no credentials, so this shows reachability (UDP 3478 open end to end)
// and that a STUN server answers, without a TURN account.

#include <chrono>
#include <cstdint>
#include <string>

#include "facts/turn.hpp"
#include "util/deadline.hpp"

namespace mra::probe::turn {

struct TurnTarget {
    std::string host;  // the turnEdgeServer as advertised: named in the facts, never resolved here
    std::uint16_t port = 3478;
    std::string address;  // one literal IPv4/IPv6 address of host, from the DNS probe
};

// RFC 5389 §7.2.1: the first retransmission after RTO, each following one after twice the wait
// before it (500, 1000, 2000 ms …). The RFC's 7 attempts and final 16 × RTO wait would take 39.5 s;
// a preflight gives up sooner: after `max_attempts` sends, and one more doubled wait for the last.
struct Retransmission {
    std::chrono::milliseconds initial_rto{500};
    int max_attempts = 4;
};

// Sends from an ephemeral port on a UDP socket connected to the address (so that only the server's
// datagrams are read, and an ICMP port unreachable shows as network_error), ignores datagrams for
// another transaction, and keeps waiting past malformed ones. Never throws; never outlives `deadline`.
facts::TurnEndpoint probe_turn(const TurnTarget& target, const Deadline& deadline,
                               const Retransmission& retransmission = {});

}  // namespace mra::probe::turn
