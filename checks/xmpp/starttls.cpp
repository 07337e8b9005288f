#include "checks/xmpp/endpoints.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

std::string failure_of(const facts::XmppEndpoint& endpoint) {
    switch (endpoint.outcome) {
        case facts::XmppOutcome::tls_established:
            return {};
        case facts::XmppOutcome::no_starttls:
            return "the stream features do not offer STARTTLS" +
                   (endpoint.features.empty() ? std::string() : " (offered: " + join(endpoint.features) + ")");
        case facts::XmppOutcome::starttls_refused:
            return "the server answered <starttls/> with <failure/>";
        case facts::XmppOutcome::stream_error:
            return "stream error <" + endpoint.stream_error + ">" +
                   (endpoint.stream_error == "host-unknown"
                        ? ": the server does not serve the XMPP domain " + endpoint.domain
                        : "") +
                   (endpoint.stream_error_text.empty() ? "" : " (" + endpoint.stream_error_text + ")");
        case facts::XmppOutcome::tls_failed:
            return "STARTTLS was accepted, then the TLS handshake failed: " + endpoint.tls.error;
        case facts::XmppOutcome::malformed:
            return "not an XMPP stream: " + endpoint.error;
        case facts::XmppOutcome::too_large:
            return endpoint.error;
        case facts::XmppOutcome::transport_error:
            return endpoint.error.empty() ? endpoint.tls.error : endpoint.error;
    }
    return endpoint.error;
}

void run(const CheckContext& context, Results& results) {
    xmpp::for_each_endpoint(context, results, [&](const facts::XmppEndpoint& endpoint, const std::string& subject) {
        const Evidence evidence = {{"address", endpoint.tls.address},
                                   {"features", endpoint.features},
                                   {"starttls_required", endpoint.starttls_required},
                                   {"negotiation_ms", endpoint.negotiation_ms}};
        if (endpoint.outcome == facts::XmppOutcome::tls_established)
            results.add(subject, Status::pass,
                        std::string("STARTTLS ") + (endpoint.starttls_required ? "required" : "offered") + ", then " +
                            endpoint.tls.protocol_version + " with " + endpoint.tls.cipher_suite,
                        evidence);
        else if (endpoint.tls.outcome == facts::TransportOutcome::not_resolved)
            results.add(subject, Status::not_run,
                        "no address of " + endpoint.tls.host + " to connect to (see edge.xmpp-servers)", evidence);
        else if (endpoint.tls.outcome == facts::TransportOutcome::not_public)
            results.add(subject, Status::not_run, endpoint.tls.error + " (see dns.public-address)", evidence);
        else
            results.add(subject, Status::fail, failure_of(endpoint), evidence);
    });
}

}  // namespace

extern const Check xmpp_starttls{
    .info =
        {
            .id = "xmpp.starttls",
            .summary = "Every XMPP edge server offers STARTTLS on its stream and completes the TLS handshake.",
            .citation = "RFC 6120 §5.4 (STARTTLS negotiation); Cisco Expressway IP Port Usage Guide X15.0 (XMPP "
                        "TCP 5222)",
            .severity = Severity::major,
            .remediation = "Open TCP 5222 from the internet to every Expressway-E, check that IM and Presence is "
                           "enabled for MRA on Expressway-C and its XMPP traversal (TCP 7400) is up.",
        },
    .run = run,
};

const Registration registration{xmpp_starttls, 7000};

}  // namespace mra::checks
