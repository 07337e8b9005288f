#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& uds = session.uds;
        const auto& record = uds.record;
        auto evidence = sign_in::evidence_of(uds.user);
        if (uds.user.answered()) {
            evidence["service_profile"] = record.service_profile_uri;
            evidence["jabber_profile"] = record.jabber_profile_uri;
            evidence["im_and_presence"] = record.im_and_presence ? Evidence(*record.im_and_presence) : Evidence();
        }
        if (uds.user.outcome == facts::HttpOutcome::not_sent) {
            results.add(subject, Status::not_run, uds.user.error, evidence);
        } else if (!uds.user.answered()) {
            results.add(subject, Status::fail, sign_in::explain(uds.user), evidence);
        } else if (record.service_profile_uri.empty()) {
            results.add(subject, Status::fail,
                        "the user record on " + uds.user.tunnel +
                            " names no service profile: Jabber learns its services (IM and Presence, voicemail, "
                            "directory) from it",
                        evidence);
        } else {
            std::string message = "service profile " + record.service_profile_uri;
            if (!record.jabber_profile_uri.empty()) message += ", Jabber profile " + record.jabber_profile_uri;
            if (record.im_and_presence)
                message +=
                    *record.im_and_presence ? "; enabled for IM and Presence" : "; not enabled for IM and Presence";
            results.add(subject, Status::pass, message, evidence);
        }
    });
}

}  // namespace

extern const Check uds_user{
    .info =
        {
            .id = "uds.user",
            .summary = "The user record (cucm-uds/user/<id>) on the home cluster answers and names a service "
                       "profile; reports the service profile and Jabber profile (CUCM 12.5+) URIs and whether the "
                       "user is enabled for IM and Presence.",
            .citation = "Cisco UDS Developer Guide, user resource and \"New and Changed in 12.5(1)\" (jabberProfile); "
                        "Cisco Collaboration SRND, MRA sign-in sequence",
            .severity = Severity::major,
            .remediation = "In CUCM, assign the end user a service profile (User Management > End User > Service "
                           "Settings, or make one the system default) and check \"Home Cluster\" and the IM and "
                           "Presence setting on the user.",
        },
    .run = run,
};

const Registration registration{uds_user, 4030};

}  // namespace mra::checks
