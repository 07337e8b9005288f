#pragma once
// A finding's parts in words, the same in every human-readable format.

#include <string>

#include "core/check.hpp"

namespace mra::report {

// "PASS", "WARN", …, "N/A", "NOT RUN": short, so that a column of them stays narrow.
std::string status_label(Status status);

// An evidence value as a reader sees it: a string as it is, anything else as compact JSON
// (invalid UTF-8 replaced).
std::string evidence_text(const Evidence& value);

}  // namespace mra::report
