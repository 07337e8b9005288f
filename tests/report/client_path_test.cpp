// Findings in the order of the client's path, by their check's group, whatever order they came in.

#include <doctest/doctest.h>

#include <map>

#include "report/client_path.hpp"

namespace {

const mra::CheckInfo& check_info(std::string_view id) {
    static std::map<std::string_view, mra::CheckInfo> infos;
    return infos.try_emplace(id, mra::CheckInfo{.id = id, .severity = mra::Severity::minor}).first->second;
}

}  // namespace

TEST_CASE("client path: stages in path order, each finding by its id's group, empty stages left out") {
    std::vector<mra::Finding> findings;
    for (const char* id : {"turn.binding", "tftp.dial-rules", "cert.expiry", "uds.version", "future.check", "sip.tls",
                           "cert.eku", "xmpp.starttls", "dns.resolver", "nodot"})
        findings.push_back({&check_info(id), mra::Severity::minor, {"", mra::Status::pass, ""}});
    const auto stages = mra::report::by_client_path(findings);

    std::vector<std::string> keys, titles;
    std::map<std::string, std::vector<std::string>> ids;
    for (const auto& stage : stages) {
        keys.emplace_back(stage.key);
        titles.emplace_back(stage.title);
        for (const auto* finding : stage.findings) ids[std::string(stage.key)].emplace_back(finding->check->id);
    }
    CHECK(keys == std::vector<std::string>{"dns", "cert", "uds-tftp", "sip-xmpp-turn", "other"});  // no edge.*
    CHECK(titles == std::vector<std::string>{"DNS", "Certificates", "UDS/TFTP", "SIP/XMPP/TURN", "Other"});
    CHECK(ids["cert"] == std::vector<std::string>{"cert.expiry", "cert.eku"});
    CHECK(ids["uds-tftp"] == std::vector<std::string>{"tftp.dial-rules", "uds.version"});  // report order
    CHECK(ids["sip-xmpp-turn"] == std::vector<std::string>{"turn.binding", "sip.tls", "xmpp.starttls"});
    CHECK(ids["other"] == std::vector<std::string>{"future.check", "nodot"});
    CHECK(mra::report::by_client_path({}).empty());
}
