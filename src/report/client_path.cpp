#include "report/client_path.hpp"

#include <algorithm>
#include <array>

namespace mra::report {
namespace {

struct Stage {
    std::string_view key;
    std::string_view title;
    std::vector<std::string_view> groups;
};

const std::array<Stage, 5>& stages() {
    static const std::array<Stage, 5> path{{
        {"dns", "DNS", {"dns"}},
        {"cert", "Certificates", {"cert"}},
        {"edge", "Edge", {"edge"}},
        {"uds-tftp", "UDS/TFTP", {"uds", "tftp"}},
        {"sip-xmpp-turn", "SIP/XMPP/TURN", {"sip", "xmpp", "turn"}},
    }};
    return path;
}

}  // namespace

std::vector<PathStage> by_client_path(const std::vector<Finding>& findings) {
    std::vector<PathStage> result;
    for (const Stage& stage : stages()) result.push_back({stage.key, stage.title, {}});
    result.push_back({"other", "Other", {}});
    for (const Finding& finding : findings) {
        const auto group = finding.check->group();
        std::size_t index = 0;
        while (index < stages().size() && std::find(stages()[index].groups.begin(), stages()[index].groups.end(),
                                                    group) == stages()[index].groups.end())
            ++index;
        result[index].findings.push_back(&finding);
    }
    std::erase_if(result, [](const PathStage& stage) { return stage.findings.empty(); });
    return result;
}

}  // namespace mra::report
