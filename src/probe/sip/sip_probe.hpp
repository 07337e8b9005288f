#pragma once
// The SIP probe: TLS to a SIP edge server as Jabber connects to an Expressway-E's 5061, the chain
// captured whatever it is, then on that one connection an OPTIONS and a REGISTER without
// credentials (the edge must challenge it). With a test user, the REGISTER is Jabber's (Cisco Jabber
// MRA call flow, device registration): it answers the Digest challenge as the user's softphone, so
// that Expressway-E runs its SERVICE exchange with Expressway-C (delegated credential checking,
// Cisco Expressway MRA Deployment Guide) and relays the REGISTER to Unified CM; every 200 is
// followed at once by the unregistration (Expires: 0, same Call-ID and Contact, RFC 3261 §10.2.2).
// The tool never sends a SERVICE: that request is Expressway-E's, over the traversal zone.
// Each request waits for its final response for at most `exchange_limit`: RFC 3261's Timer F
// (64·T1 = 32 s) suits a phone that must not give up, not a preflight across many servers; a
// healthy edge answers in milliseconds, and 5 s leaves room for a slow WAN and Expressway-E's own
// round trip to Expressway-C and Unified CM.
// Never throws; every failure is an outcome with a one-line error. The password goes only into
// the Digest response hash, never into the facts.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "facts/sip.hpp"
#include "util/deadline.hpp"
#include "x509/chain.hpp"

namespace mra::probe::sip {

struct SipTarget {
    std::string host;  // the SIP edge server (sipEdgeServer / _sips SRV target): SNI, named in the facts
    std::uint16_t port = 5061;
    std::vector<std::string> addresses;  // literal IPv4/IPv6 addresses of host, from the DNS probe
    std::string domain;                  // the service domain: Request-URIs and To/From sip:<domain>
    std::string user;                    // user part of To/From/Contact (e.g. --user); none when empty
};

// The test registration: as whom, as which softphone, through which route.
struct RegistrationRequest {
    const std::string* password = nullptr;  // the test user's (target.user is the digest username)
    std::string device;                     // the softphone (UDS devices, or --device)
    std::string registrar;                  // the Unified CM host: Request-URI and To/From host
    std::vector<std::string> routes;        // get_edge_config <sipRequest><route>s
    std::string skip;                       // when not empty, no authenticated REGISTER is sent, and this says why
    // Whom the Digest answer may go to (as the sign-in's credentials, --insecure / --pin-sha256):
    // an edge whose 5061 chain verifies and names it, or whose key is pinned (base64 SHA-256 of the
    // SubjectPublicKeyInfo), or any with `insecure`. A digest is an offline-guessable hash.
    bool insecure = false;
    std::vector<std::string> pins;
    std::mutex* one_at_a_time = nullptr;  // held around the registration: one softphone, one edge at a time
};

struct SipProbeOptions {
    std::optional<RegistrationRequest> registration;  // with a test user
    std::chrono::milliseconds exchange_limit{5000};
};

// Connects (addresses in order), shakes hands in probe mode with SNI = host, records the TLS facts
// (chain analysed against `trust` as of `at`, Unix seconds), then OPTIONS, REGISTER and, with
// options.registration, the authenticated REGISTER and the unregistration — each to its final
// response, within min(deadline, exchange_limit).
facts::SipEndpoint probe_sip(const SipTarget& target, const x509::TrustStore& trust, std::int64_t at,
                             const SipProbeOptions& options, const Deadline& deadline);

}  // namespace mra::probe::sip
