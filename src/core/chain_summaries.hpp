#pragma once
// The chains a report shows (leaf first, with names and validity), taken from the facts so that
// writers can draw them without knowing facts.

#include <vector>

#include "core/report.hpp"
#include "facts/facts.hpp"

namespace mra {

std::vector<ChainSummary> summarise_chains(const facts::Facts& facts);

}  // namespace mra
