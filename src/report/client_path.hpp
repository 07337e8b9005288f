#pragma once
// Findings in the order a Jabber client meets what they judge (Planning Guide for Cisco Jabber
// 14.1, "Service discovery"; Cisco Preferred Architecture for Collaboration 12.x, "Collaboration
// Edge", the MRA sign-in): DNS discovery, the certificates, the edge, UDS and TFTP through it, then
// SIP, XMPP and TURN. A finding's stage is its check's group, the id's prefix ("dns." …), never the
// probe that fed it.

#include <string_view>
#include <vector>

#include "core/report.hpp"

namespace mra::report {

struct PathStage {
    std::string_view key;                  // "dns", …, "other": stable, for anchors and tests
    std::string_view title;                // "DNS", "Certificates", …
    std::vector<const Finding*> findings;  // in report order
};

// The stages that have findings, in path order; checks of any other group come last, as "other".
std::vector<PathStage> by_client_path(const std::vector<Finding>& findings);

}  // namespace mra::report
