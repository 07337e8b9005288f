#include <algorithm>
#include <vector>

#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"
#include "util/address.hpp"
#include "util/address_scope.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

using facts::DnsView;

// The Expressway-E names a client outside connects to, each with what names it: the _collab-edge
// targets, then the SIP, XMPP and TURN edge servers the edge configurations advertise.
std::vector<std::pair<std::string, std::vector<std::string>>> edge_names(const CheckContext& context) {
    std::vector<std::pair<std::string, std::vector<std::string>>> names;
    auto note = [&](const std::string& name, const std::string& role) {
        if (name.empty() || name == "." || is_address_literal(name)) return;
        const std::string host = lower_case(name);
        for (auto& [known, roles] : names)
            if (known == host) {
                if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
                return;
            }
        names.push_back({host, {role}});
    };
    const auto& facts = context.facts();
    const std::string collab_edge = dns::record_name(context, facts::dns::collab_edge);
    if (const auto* srv = facts.dns->find(DnsView::external, collab_edge, "SRV"))
        for (const auto& record : srv->srv) note(record.target, collab_edge + " target");
    if (facts.sign_in)
        for (const auto& session : facts.sign_in->sessions) {
            if (!session.config) continue;
            for (const auto& server : session.config->sip_edge_servers) note(server.address, "sipEdgeServer");
            for (const auto& server : session.config->xmpp_edge_servers) note(server.address, "xmppEdgeServer");
            for (const auto& server : session.config->turn_edge_servers) note(server.address, "turnEdgeServer");
        }
    return names;
}

void judge_host(const facts::DnsFacts& dns, Results& results, const std::string& host,
                const std::vector<std::string>& roles) {
    std::vector<std::string> addresses, unreachable, loopback;
    Evidence scopes = Evidence::object();
    for (const char* type : {"A", "AAAA"})
        if (const auto* query = dns.find(DnsView::external, host, type))
            for (const auto& address : query->addresses) {
                const AddressScope scope = address_scope(address);
                addresses.push_back(address);
                scopes[address] = to_string(scope);
                if (unreachable_from_internet(scope))
                    unreachable.push_back(address + " (" + std::string(to_string(scope)) + ")");
                else if (scope == AddressScope::loopback)
                    loopback.push_back(address);
            }
    const Evidence evidence = {{"names", roles}, {"addresses", scopes}};
    if (addresses.empty())
        results.add(host, Status::not_run, "no address of " + host + " in the external view (see dns.srv-target)",
                    evidence);
    else if (!unreachable.empty())
        results.add(host, Status::fail,
                    "the external view gives " + join(unreachable) +
                        ", which the internet cannot reach: clients outside cannot connect there, and this tool "
                        "did not try",
                    evidence);
    else if (loopback.size() == addresses.size())
        results.add(host, Status::not_applicable, "loopback addresses only (" + join(loopback) + "): a local lab",
                    evidence);
    else
        results.add(host, Status::pass, "no address in a range the internet cannot reach: " + join(addresses),
                    evidence);
}

// Judged from the external view's answers alone, before any connection (the probe withholds the
// same addresses from every connection it makes).
void run(const CheckContext& context, Results& results) {
    const facts::DnsFacts* dns = dns::dns_facts(context);
    if (!dns) return;
    const auto names = edge_names(context);
    if (names.empty()) {
        const std::string collab_edge = dns::record_name(context, facts::dns::collab_edge);
        results.add(collab_edge, Status::not_run, "no Expressway-E name to judge (see dns.collab-edge)");
        return;
    }
    for (const auto& [host, roles] : names) judge_host(*dns, results, host, roles);
}

}  // namespace

extern const Check dns_public_address{
    .info =
        {
            .id = "dns.public-address",
            .summary = "Every Expressway-E address in the external DNS view is one the internet can reach: none "
                       "private, shared, link-local or unique local.",
            .citation = "RFC 1918 §3; RFC 6598 §7; RFC 3927 §2.1; RFC 4193 §3.1; RFC 4291 §2.5.6 (RFC 6890 "
                        "registry); Cisco Expressway MRA Deployment Guide X15.0, MRA Requirements (DNS: public "
                        "records resolve to the Expressway-E's public address)",
            .severity = Severity::critical,
            .remediation = "Publish the Expressway-E's public (NAT) address in public DNS, not its DMZ or internal "
                           "address; keep the private address for the internal view only.",
        },
    .run = run,
};

const Registration registration{dns_public_address, 1090};

}  // namespace mra::checks
