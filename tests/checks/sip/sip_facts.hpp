#pragma once
// Facts of a run whose SIP leg went to expe1 (the Expressway-E itself, port 5061) with these
// exchanges, as the sip.* check tests build them.

#include <vector>

#include "facts/facts.hpp"

namespace mra::test {

inline facts::Facts sip_facts(std::vector<facts::SipExchange> exchanges) {
    facts::Facts facts;
    facts.target = "example.com";
    facts.dns = facts::DnsFacts{};
    facts::SipEndpoint endpoint;
    endpoint.tls.service = "sip";
    endpoint.tls.host = "expe1.example.com";
    endpoint.tls.port = 5061;
    endpoint.tls.outcome = facts::TransportOutcome::established;
    endpoint.exchanges = std::move(exchanges);
    endpoint.device = "CSFTEST1";
    endpoint.registrar = "cucm.example.com";
    facts.sip = {endpoint};
    return facts;
}

}  // namespace mra::test
