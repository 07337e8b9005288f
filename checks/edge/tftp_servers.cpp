#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        std::vector<std::string> servers;
        for (const auto& address : session.config->tftp_servers)
            if (!address.empty()) servers.push_back(address);
        if (servers.empty())
            results.add(subject, Status::fail, "get_edge_config lists no tftpServer address");
        else
            results.add(subject, Status::pass, "tftpServer " + join(servers), {{"servers", servers}});
    });
}

}  // namespace

extern const Check edge_tftp_servers{
    .info =
        {
            .id = "edge.tftp-servers",
            .summary = "The edge configuration names a TFTP server (for the device and service-profile files).",
            .citation = "Cisco Collaboration SRND, Mobile and Remote Access sign-in sequence",
            .severity = Severity::major,
            .remediation = "Check that the CUCM nodes run the TFTP service and are discovered on Expressway-C "
                           "(Configuration > Unified Communications > Unified CM servers, then Refresh servers).",
        },
    .run = run,
};

}  // namespace mra::checks
