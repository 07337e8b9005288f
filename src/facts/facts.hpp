#pragma once
// Everything one evaluation knows: what was asked and what came back. Checks read only this.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "facts/certificate_inputs.hpp"
#include "facts/dns.hpp"
#include "facts/sign_in.hpp"
#include "facts/sip.hpp"
#include "facts/tls.hpp"
#include "facts/turn.hpp"
#include "facts/xmpp.hpp"

namespace mra::facts {

struct Facts {
    std::string target;              // the domain of a run, or the certificate file of `cert`
    std::int64_t evaluated_at = 0;   // the "now" of every time-dependent judgement (--at), Unix seconds
    std::string expressway_version;  // declared with --expressway-version ("X15.4.0"), empty when not
    CertificateInputs certificates;  // offline files, or the chains the endpoints presented
    std::optional<DnsFacts> dns;     // absent when there was no discovery (the `cert` command)
    std::vector<TlsEndpoint> edges;  // TLS to every _collab-edge target (Expressway-E, HTTPS port)
    std::optional<SignIn> sign_in;   // the HTTPS sign-in walk; absent without a test user (--user)
    std::vector<SipEndpoint> sip;    // TLS, OPTIONS, REGISTER, SERVICE to every sipEdgeServer
    std::vector<XmppEndpoint> xmpp;  // STARTTLS to every xmppEdgeServer
    std::vector<TurnEndpoint> turn;  // a STUN binding to every turnEdgeServer
};

}  // namespace mra::facts
