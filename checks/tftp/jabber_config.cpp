#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& file = session.tftp.jabber_config;
        if (file.outcome == facts::HttpOutcome::response && file.status == 404)
            results.add(subject, Status::info,
                        "no jabber-config.xml on " + file.tunnel + " (404): the file is optional, Jabber uses defaults",
                        sign_in::evidence_of(file));
        else if (file.outcome == facts::HttpOutcome::response && file.status == 403)
            results.add(subject, Status::fail,
                        "jabber-config.xml answered 403, not the 404 of an absent file: the file may exist, but "
                        "Jabber cannot read it (" +
                            sign_in::explain(file) + ")",
                        sign_in::evidence_of(file));
        else
            sign_in::judge_exchange(results, subject, file, "jabber-config.xml is well-formed XML");
        // The Jabber profile (CUCM 12.5+) carries the same parameters: judged alike when the user
        // record names one; nothing to say when it names none.
        const auto& profile = session.tftp.jabber_profile;
        if (!session.uds.record.jabber_profile_uri.empty())
            sign_in::judge_exchange(
                results, {subject, profile.resource}, profile,
                profile.resource + " (the Jabber profile the user record names) is well-formed XML");
    });
}

}  // namespace

extern const Check tftp_jabber_config{
    .info =
        {
            .id = "tftp.jabber-config",
            .summary = "jabber-config.xml from the provision URI's host, when present, is well-formed XML (a 404 is "
                       "fine: the file is optional); so is the Jabber profile the user record names (CUCM 12.5+).",
            .citation = "Cisco Jabber Parameters Reference Guide, jabber-config.xml; Cisco UDS Developer Guide, "
                        "\"New and Changed in 12.5(1)\" (jabberProfile); Cisco Jabber Planning Guide, TFTP servers",
            .severity = Severity::minor,
            .remediation = "Validate jabber-config.xml (an XML editor or xmllint), upload it to every TFTP server "
                           "(Cisco Unified OS Administration > Software Upgrades > TFTP File Management) and restart "
                           "the TFTP service.",
        },
    .run = run,
};

const Registration registration{tftp_jabber_config, 5020};

}  // namespace mra::checks
