#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        std::vector<std::string> servers;
        for (const auto& address : session.config->tftp_servers)
            if (!address.empty()) servers.push_back(address);
        std::vector<std::string> provisioned;
        for (const auto& device : session.uds.device_list)
            if (!device.provision_uri.empty()) provisioned.push_back(device.name);
        if (servers.empty() && !provisioned.empty())
            results.add(subject, Status::info,
                        "get_edge_config lists no tftpServer address, but the provision URIs of " + join(provisioned) +
                            " name the TFTP host, which Jabber uses",
                        {{"provisioned_devices", provisioned}});
        else if (servers.empty())
            results.add(subject, Status::fail,
                        "get_edge_config lists no tftpServer address (empty <address/> elements count as none) and "
                        "no UDS device names a provision URI");
        else
            results.add(subject, Status::pass, "tftpServer " + join(servers), {{"servers", servers}});
    });
}

}  // namespace

extern const Check edge_tftp_servers{
    .info =
        {
            .id = "edge.tftp-servers",
            .summary = "The edge configuration names a TFTP server, or the user's devices name one in their provision "
                       "URIs (info: Jabber takes the TFTP host from those).",
            .citation = "Cisco Collaboration SRND, Mobile and Remote Access sign-in sequence; Cisco UDS Developer "
                        "Guide, devices resource (provision URI); Cisco TAC document 211304 (empty tftpServer "
                        "addresses)",
            .severity = Severity::major,
            .remediation = "Check that the CUCM nodes run the TFTP service and are discovered on Expressway-C "
                           "(Configuration > Unified Communications > Unified CM servers, then Refresh servers).",
        },
    .run = run,
};

const Registration registration{edge_tftp_servers, 3070};

}  // namespace mra::checks
