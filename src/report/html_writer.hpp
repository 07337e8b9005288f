#pragma once
// The report for people, as one self-contained HTML page: the verdict, score and grade at a
// glance, the findings along the client's path with their fixes, and every chain judged drawn
// leaf to root with its expiry countdowns. Inline CSS, no script, nothing fetched: it can be
// attached to a ticket or mailed and opened anywhere, and a hostile certificate's names cannot
// reach out of their text (everything is escaped, and the page's CSP forbids loading anything).
// The markup is also well-formed XML, so tests can read it back with an XML parser.

#include <string>

#include "core/report.hpp"

namespace mra::report {

std::string render_html(const Report& report);

}  // namespace mra::report
