#include "checks/edge/sign_in.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        for (const auto* file : {&session.tftp.app_dial_rules, &session.tftp.directory_dial_rules})
            sign_in::judge_exchange(results, {subject, file->resource}, *file, file->resource + " is well-formed XML",
                                    Status::info);
    });
}

}  // namespace

extern const Check tftp_dial_rules{
    .info =
        {
            .id = "tftp.dial-rules",
            .summary = "The dial rule files CUPC/AppDialRules.xml and CUPC/DirLookupDialRules.xml can be fetched "
                       "and are well-formed.",
            .citation = "Cisco Jabber Deployment Guide, dial rules (CUPC/AppDialRules.xml, DirLookupDialRules.xml)",
            .severity = Severity::info,
            .remediation = "Only needed when Jabber should apply CUCM's application and directory lookup dial rules: "
                           "configure them in CUCM (Call Routing > Dial Rules) so that CUCM publishes the files.",
        },
    .run = run,
};

const Registration registration{tftp_dial_rules, 5030};

}  // namespace mra::checks
