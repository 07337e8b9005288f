#include "checks/sip/exchanges.hpp"

#include "checks/edge/advertised.hpp"

namespace mra::checks::sip {

void for_each_endpoint(const CheckContext& context, Results& results, const Judge& judge) {
    const auto& endpoints = context.facts().sip;
    bool any = false;
    for (const auto& endpoint : endpoints) any = any || endpoint.tls.service == "sip";
    if (advertised::report_unprobed(context, results, any, "sipEdgeServer", "edge.sip-servers")) return;
    for (const auto& endpoint : endpoints)
        if (endpoint.tls.service == "sip") judge(endpoint, endpoint.tls.host + ":" + std::to_string(endpoint.tls.port));
}

void for_each_connected(const CheckContext& context, Results& results, const Judge& judge) {
    for_each_endpoint(context, results, [&](const facts::SipEndpoint& endpoint, const std::string& subject) {
        if (endpoint.tls.outcome == facts::TransportOutcome::established)
            judge(endpoint, subject);
        else
            results.add(subject, Status::not_run, "needs the TLS connection that sip.tls could not open");
    });
}

const facts::SipExchange* exchange_of(const facts::SipEndpoint& endpoint, const std::string& method,
                                      const std::string& purpose) {
    const facts::SipExchange* found = nullptr;
    for (const auto& exchange : endpoint.exchanges)
        if (exchange.method == method && exchange.purpose == purpose) found = &exchange;
    return found;
}

std::string describe_failure(const facts::SipExchange& exchange) {
    switch (exchange.outcome) {
        case facts::SipOutcome::response:
            return exchange.method + " answered " + std::to_string(exchange.status) + " " + exchange.reason;
        case facts::SipOutcome::no_response:
            return exchange.method + " got no final response (" + exchange.error + ")";
        case facts::SipOutcome::connection_closed:
            return "the server closed the connection instead of answering " + exchange.method +
                   (exchange.error.empty() ? "" : " (" + exchange.error + ")");
        case facts::SipOutcome::malformed:
            return "the answer to " + exchange.method + " is not a SIP response: " + exchange.error;
        case facts::SipOutcome::too_large:
            return "the answer to " + exchange.method + " exceeds a bound: " + exchange.error;
        case facts::SipOutcome::transport_error:
            return exchange.method + " could not be sent: " + exchange.error;
        case facts::SipOutcome::not_sent:
            return exchange.method + " was not sent: " + exchange.error;
    }
    return exchange.error;
}

Evidence evidence_of(const facts::SipExchange& exchange) {
    Evidence evidence = {{"method", exchange.method}, {"elapsed_ms", exchange.elapsed_ms}};
    if (exchange.status) evidence["status"] = std::to_string(exchange.status) + " " + exchange.reason;
    if (!exchange.provisional.empty()) evidence["provisional"] = exchange.provisional;
    if (!exchange.server.empty()) evidence["server"] = exchange.server;
    if (!exchange.warning.empty()) evidence["warning"] = exchange.warning;
    if (!exchange.date.empty()) evidence["date"] = exchange.date;
    return evidence;
}

}  // namespace mra::checks::sip
