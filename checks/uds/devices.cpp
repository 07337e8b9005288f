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
            if (facts::is_softphone(device)) softphones.push_back(device.name);
        }
        Evidence devices = Evidence::array();
        for (const auto& device : uds.device_list)
            devices.push_back({{"name", device.name}, {"model", device.model}, {"product", device.product}});
        evidence["devices"] = devices;
        if (uds.devices.outcome == facts::HttpOutcome::not_sent)
            results.add(subject, Status::not_run, uds.devices.error, evidence);
        else if (!uds.devices.answered())
            results.add(subject, Status::fail, sign_in::explain(uds.devices), evidence);
        else if (softphones.empty())
            results.add(
                subject, Status::fail,
                "the user has no Jabber softphone (model Cisco Unified Client Services Framework, Cisco Dual Mode "
                "for iPhone or Android, or Cisco Jabber for Tablet)" +
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
            .summary = "The user's UDS devices include a Jabber softphone, recognised by its model or product (the "
                       "CSF/BOT/TCT/TAB name prefix only when no model is sent: CSF names are free-form).",
            .citation = "Cisco UDS Developer Guide, user devices resource (model, product); Cisco Jabber Planning "
                        "Guide, software phone and mobile devices",
            .severity = Severity::major,
            .remediation = "Create a Cisco Unified Client Services Framework (CSF) or mobile (BOT/TCT/TAB) device "
                           "for the user in CUCM and associate it with the user (Controlled Devices).",
        },
    .run = run,
};

const Registration registration{uds_devices, 4040};

}  // namespace mra::checks
