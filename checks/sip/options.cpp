#include "checks/sip/exchanges.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sip::for_each_connected(context, results, [&](const facts::SipEndpoint& endpoint, const std::string& subject) {
        const auto* options = sip::exchange_of(endpoint, "OPTIONS");
        if (!options)
            results.add(subject, Status::not_run, "no OPTIONS was sent");
        else if (options->outcome == facts::SipOutcome::response)
            results.add(subject, Status::pass,
                        "OPTIONS answered " + std::to_string(options->status) + " " + options->reason +
                            (options->server.empty() ? "" : " by " + options->server),
                        sip::evidence_of(*options));
        else
            results.add(subject, Status::fail, sip::describe_failure(*options), sip::evidence_of(*options));
    });
}

}  // namespace

extern const Check sip_options{
    .info =
        {
            .id = "sip.options",
            .summary = "SIP OPTIONS over the TLS connection gets a final response.",
            .citation = "RFC 3261 §11 (OPTIONS)",
            .severity = Severity::major,
            .remediation = "Check that the Expressway-E's SIP stack answers on 5061 (Status > SIP) and that no "
                           "firewall or SIP inspection (ALG) in front of it swallows requests.",
        },
    .run = run,
};

const Registration registration{sip_options, 6010};

}  // namespace mra::checks
