#pragma once
// How many items of one list a peer controls are kept: the records of one DNS answer, the
// certificates of one chain, the servers of one edge-configuration list, the UDS devices. A peer
// cannot make a run fan out to thousands of servers or spend quadratic time on a chain; what is cut
// is recorded where it was cut, and the probe.bounds check reports it.
//
// 32 is well above any real deployment: an Expressway cluster has at most 6 peers, a CUCM cluster
// at most 21 nodes, a chain rarely 5 certificates.

#include <cstddef>
#include <string>
#include <vector>

namespace mra::facts {

inline constexpr std::size_t max_listed = 32;

// A list that held `total` items, of which the first max_listed were kept.
struct Cut {
    std::string list;  // what the list is, in words: "<sipEdgeServer> servers"
    std::size_t total = 0;
};

// Keeps the first max_listed of `items`; when there were more, records the cut in `cuts`.
template <typename T>
void keep_first(std::vector<T>& items, std::string list, std::vector<Cut>& cuts) {
    if (items.size() <= max_listed) return;
    cuts.push_back({std::move(list), items.size()});
    items.resize(max_listed);
}

}  // namespace mra::facts
