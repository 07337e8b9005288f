#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& uds = session.uds;
        auto evidence = sign_in::evidence_of(uds.devices);
        std::vector<std::string> all, softphones;
        for (const auto& device : uds.device_list) {
            all.push_back(device.name);
            if (facts::is_softphone(device.name)) softphones.push_back(device.name);
        }
        evidence["devices"] = all;
        if (uds.devices.outcome == facts::HttpOutcome::not_sent)
            results.add(subject, Status::not_run, uds.devices.error, evidence);
        else if (!uds.devices.answered())
            results.add(subject, Status::fail, sign_in::explain(uds.devices), evidence);
        else if (softphones.empty())
            results.add(subject, Status::fail,
                        "the user has no softphone device (CSF, BOT, TCT or TAB)" +
                            (all.empty() ? std::string() : ", only " + join(all)),
                        evidence);
        else
            results.add(subject, Status::pass, "softphone " + join(softphones), evidence);
    });
}

}  // namespace

extern const Check uds_devices{
    .info =
        {
            .id = "uds.devices",
            .summary = "The user's UDS devices include a Jabber softphone (CSF, BOT, TCT or TAB).",
            .citation = "Cisco UDS Developer Guide, user devices resource; Cisco Jabber Deployment Guide, "
                        "softphone devices",
            .severity = Severity::major,
            .remediation = "Create a Cisco Unified Client Services Framework (CSF) or mobile (BOT/TCT/TAB) device "
                           "for the user in CUCM and associate it with the user (Controlled Devices).",
        },
    .run = run,
};

}  // namespace mra::checks
