#include "checks/sip/exchanges.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sip::for_each_connected(context, results, [&](const facts::SipEndpoint& endpoint, const std::string& subject) {
        const auto* registration = sip::exchange_of(endpoint, "REGISTER");
        if (!registration || registration->outcome == facts::SipOutcome::not_sent) {
            // Downstream of what stopped it — OPTIONS broke the connection, the deadline passed — so
            // not run, with the probe's reason, rather than a second failure.
            results.add(subject, Status::not_run, registration ? registration->error : "no REGISTER was sent");
            return;
        }
        auto evidence = sip::evidence_of(*registration);
        const bool challenged = registration->outcome == facts::SipOutcome::response &&
                                (registration->status == 407 || registration->status == 401);
        if (challenged && registration->challenge_scheme == "Digest") {
            evidence["realm"] = registration->challenge_realm;
            // The edge answers and challenges; whether registration works is sip.service's finding.
            results.add(subject, Status::pass,
                        "the edge answers REGISTER and challenges it: " + std::to_string(registration->status) +
                            " with a Digest challenge, realm " + registration->challenge_realm,
                        evidence);
        } else if (challenged) {
            results.add(subject, Status::fail,
                        std::to_string(registration->status) + " without a Digest challenge" +
                            (registration->challenge_scheme.empty() ? "" : " (" + registration->challenge_scheme + ")"),
                        evidence);
        } else if (registration->outcome == facts::SipOutcome::response && registration->status < 300) {
            results.add(subject, Status::fail,
                        "REGISTER without credentials was accepted (" + std::to_string(registration->status) +
                            "): the edge does not authenticate registrations",
                        evidence);
        } else {
            results.add(subject, Status::fail, sip::describe_failure(*registration) + ", not a 407 challenge",
                        evidence);
        }
    });
}

}  // namespace

extern const Check sip_register_challenge{
    .info =
        {
            .id = "sip.register-challenge",
            .summary = "REGISTER without credentials (Jabber's, with a test user) is answered 407 (or 401) with a "
                       "Digest challenge.",
            .citation = "RFC 3261 §10, §22.3 (proxy authentication); Cisco Jabber MRA call flow, device registration",
            .severity = Severity::critical,
            .remediation = "Check that MRA is enabled for SIP on the Expressways and that the Expressway-E, not a "
                           "device in front of it, answers on 5061.",
        },
    .run = run,
};

const Registration registration{sip_register_challenge, 6020};

}  // namespace mra::checks
