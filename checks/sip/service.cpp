#include "checks/edge/advertised.hpp"
#include "checks/sip/exchanges.hpp"

namespace mra::checks {
namespace {

// What a final response to the test SERVICE means for registration (mra-facts.md §5.2–5.3).
std::string meaning_of(const facts::SipExchange& service) {
    const std::string code = std::to_string(service.status) + " " + service.reason;
    switch (service.status) {
        case 403:
            return code +
                   ": the certificate or the request was refused; registration through this edge fails "
                   "(check Expressway clocks — NTP — and the traversal zone's TLS verification)";
        case 408:
            return code +
                   ": Expressway-C did not answer in time; the Expressway-E then does not forward "
                   "REGISTER (NAT reflection or a firewall between Expressway-E and -C)";
        case 437:
            return code +
                   ": the certificate is not acceptable (e.g. MD5-signed or untrusted), so registration "
                   "fails; reissue it with SHA-256 from a CA Expressway-C trusts";
        case 488:
            return code +
                   ": the request was not acceptable here (security or encryption settings of the "
                   "traversal zone)";
        case 503:
            return code + ": the Expressway is in maintenance mode or overloaded; registrations go elsewhere or fail";
        default:
            return code + ": registration through this edge is not assured";
    }
}

void judge(Results& results, const std::string& subject, const facts::SipEndpoint& endpoint) {
    const auto* service = sip::exchange_of(endpoint, "SERVICE");
    if (endpoint.tls.outcome != facts::TransportOutcome::established) {
        results.add(subject, endpoint.tls.service == "sip-service" ? Status::fail : Status::not_run,
                    endpoint.tls.service == "sip-service" ? "no TLS to the service target: " + endpoint.tls.error
                                                          : "needs the TLS connection that sip.tls could not open");
    } else if (!service || service->outcome == facts::SipOutcome::not_sent) {
        results.add(subject, Status::not_run, service ? service->error : "no SERVICE was sent");
    } else if (service->outcome == facts::SipOutcome::response && service->status == 200) {
        results.add(subject, Status::pass, "SERVICE answered 200 " + service->reason, sip::evidence_of(*service));
    } else if (service->outcome == facts::SipOutcome::response) {
        results.add(subject, Status::fail, meaning_of(*service), sip::evidence_of(*service));
    } else if (service->outcome == facts::SipOutcome::no_response) {
        results.add(subject, Status::fail,
                    sip::describe_failure(*service) + ": like a 408, the Expressway-E would not forward REGISTER",
                    sip::evidence_of(*service));
    } else {
        results.add(subject, Status::fail, sip::describe_failure(*service), sip::evidence_of(*service));
    }
}

void run(const CheckContext& context, Results& results) {
    // With --service-target the SERVICE went there alone; otherwise to every SIP edge server.
    bool targeted = false;
    for (const auto& endpoint : context.facts().sip)
        if (endpoint.tls.service == "sip-service") {
            targeted = true;
            judge(results, endpoint.tls.host + ":" + std::to_string(endpoint.tls.port), endpoint);
        }
    if (!targeted)
        sip::for_each_endpoint(context, results, [&](const facts::SipEndpoint& endpoint, const std::string& subject) {
            judge(results, subject, endpoint);
        });
}

}  // namespace

extern const Check sip_service{
    .info =
        {
            .id = "sip.service",
            .summary = "The test SIP SERVICE exchange (Event: service, with the edge certificate) is answered 200.",
            .citation = "Cisco TAC, Expressway MRA SIP SERVICE for delegated credential checking; RFC 4474 §14.4 "
                        "(437 Unsupported Certificate)",
            .severity = Severity::critical,
            .remediation = "437: reissue the Expressway-E certificate signed with SHA-256 by a CA Expressway-C "
                           "trusts. 408: fix NAT reflection / the path from Expressway-E to -C. 403: synchronise the "
                           "Expressway clocks (NTP). 503: take the Expressway out of maintenance mode.",
        },
    .run = run,
};

}  // namespace mra::checks
