#include "report/finding_groups.hpp"

#include <algorithm>

namespace mra::report {

std::vector<Subject> FindingGroup::subjects() const {
    std::vector<Subject> out;
    for (const Finding* finding : findings)
        if (!finding->result.subject.empty()) out.push_back(finding->result.subject);
    return out;
}

std::string FindingGroup::subject_list() const {
    const auto all = subjects();
    const bool one_part_of_endpoints =
        all.size() > 1 && std::all_of(all.begin(), all.end(), [&](const Subject& subject) {
            return !subject.endpoint.empty() && !subject.part.empty() && subject.part == all.front().part;
        });
    std::string list;
    for (const auto& subject : all)
        list += (list.empty() ? "" : ", ") + (one_part_of_endpoints ? subject.endpoint : subject.name());
    return one_part_of_endpoints ? all.front().part + " of " + list : list;
}

bool FindingGroup::evidence_differs() const {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding* finding) { return finding->result.evidence != first().result.evidence; });
}

std::vector<FindingGroup> group_identical(const std::vector<const Finding*>& findings) {
    std::vector<FindingGroup> groups;
    for (const Finding* finding : findings) {
        const auto same = std::find_if(groups.begin(), groups.end(), [&](const FindingGroup& group) {
            const Finding& first = group.first();
            return first.check == finding->check && first.result.status == finding->result.status &&
                   first.result.message == finding->result.message;
        });
        if (same == groups.end())
            groups.push_back({{finding}});
        else
            same->findings.push_back(finding);
    }
    return groups;
}

}  // namespace mra::report
